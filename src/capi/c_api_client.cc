// The C ABI's client and catalog calls: each runs its body through
// CallAtBoundary, so nothing throws into the C caller.
#include <map>
#include <string>

#include "capi/handles.h"
#include "common/api_boundary.h"
#include "format/arrow/c_export.h"
#include "fluss_native/c_api.h"

using fluss_native::CallAtBoundary;
using fluss_native::Status;
using fluss_native::capi::Report;

namespace {

Status NullArgument(const char* function, const char* argument) {
  return Status::InvalidArgument(std::string(function) + ": " + argument + " is NULL");
}

}  // namespace

extern "C" {

fluss_native_code_t fluss_native_client_create(const char* const* keys, const char* const* values,
                                               size_t count, fluss_native_client_t** out, char** errmsg) {
  return Report(CallAtBoundary("fluss_native_client_create", [&]() -> Status {
    if (out == nullptr) return NullArgument("fluss_native_client_create", "out");
    if (count > 0 && (keys == nullptr || values == nullptr)) {
      return NullArgument("fluss_native_client_create", "keys or values");
    }
    std::map<std::string, std::string> properties;
    for (size_t i = 0; i < count; ++i) {
      if (keys[i] == nullptr || values[i] == nullptr) {
        return Status::InvalidArgument("fluss_native_client_create: property " + std::to_string(i) +
                                       " has a NULL key or value");
      }
      properties[keys[i]] = values[i];
    }
    FN_ASSIGN_OR_RETURN(auto config, fluss_native::ClientConfig::FromProperties(properties));
    FN_ASSIGN_OR_RETURN(auto client, fluss_native::Client::Open(config));
    auto* handle = new fluss_native_client_t{std::move(client)};
    *out = handle;
    return Status::OK();
  }), errmsg);
}

void fluss_native_client_destroy(fluss_native_client_t* client) {
  // Destroying a Client closes nothing its streams still hold (client.h).
  delete client;
}

fluss_native_code_t fluss_native_client_metrics(fluss_native_client_t* client, char** text, char** errmsg) {
  return Report(CallAtBoundary("fluss_native_client_metrics", [&]() -> Status {
    if (client == nullptr || text == nullptr) return NullArgument("fluss_native_client_metrics", "client or text");
    char* copy = fluss_native::capi::MallocCopy(client->client->MetricsText());
    if (copy == nullptr) return Status::ResourceExhausted("out of memory copying the client metrics");
    *text = copy;
    return Status::OK();
  }), errmsg);
}

fluss_native_code_t fluss_native_list_databases(fluss_native_client_t* client, char*** names, size_t* count,
                                                char** errmsg) {
  return Report(CallAtBoundary("fluss_native_list_databases", [&]() -> Status {
    if (client == nullptr || names == nullptr || count == nullptr) {
      return NullArgument("fluss_native_list_databases", "client, names or count");
    }
    FN_ASSIGN_OR_RETURN(auto databases, client->client->catalog().ListDatabases());
    return fluss_native::capi::CopyStrings(databases, names, count);
  }), errmsg);
}

fluss_native_code_t fluss_native_list_tables(fluss_native_client_t* client, const char* database,
                                             char*** names, size_t* count, char** errmsg) {
  return Report(CallAtBoundary("fluss_native_list_tables", [&]() -> Status {
    if (client == nullptr || database == nullptr || names == nullptr || count == nullptr) {
      return NullArgument("fluss_native_list_tables", "client, database, names or count");
    }
    FN_ASSIGN_OR_RETURN(bool exists, client->client->catalog().DatabaseExists(database));
    if (!exists) return Status::NotFound(std::string("database '") + database + "' does not exist");
    FN_ASSIGN_OR_RETURN(auto tables, client->client->catalog().ListTables(database));
    return fluss_native::capi::CopyStrings(tables, names, count);
  }), errmsg);
}

fluss_native_code_t fluss_native_table_schema(fluss_native_client_t* client, const char* database,
                                              const char* table, struct ArrowSchema* out, char** errmsg) {
  return Report(CallAtBoundary("fluss_native_table_schema", [&]() -> Status {
    if (client == nullptr || database == nullptr || table == nullptr || out == nullptr) {
      return NullArgument("fluss_native_table_schema", "client, database, table or out");
    }
    FN_ASSIGN_OR_RETURN(auto info, client->client->catalog().GetTable(fluss_native::TablePath{database, table}));
    return fluss_native::arrow::ExportRowSchema(info->RowType(), out);
  }), errmsg);
}

}  // extern "C"
