// The C ABI's point lookup: keys as predicate-literal text, parsed into the
// Client's literals, then Client::Lookup.
#include <string>
#include <vector>

#include "capi/handles.h"
#include "common/api_boundary.h"
#include "fluss_native/c_api.h"
#include "fluss_native/predicate.h"

using fluss_native::CallAtBoundary;
using fluss_native::Literal;
using fluss_native::Result;
using fluss_native::Status;
using fluss_native::capi::Report;

namespace {

// "1, 'a'" → its literals, through the predicate grammar: the key becomes
// the list of an IN, so quoting, escapes and typed literals (DATE '...')
// are read as a WHERE clause reads them. Text that closes the list early
// to add more ("1) OR (k = 2") parses into another shape and is refused.
Result<std::vector<Literal>> ParseKey(const std::string& text, size_t index) {
  const std::string where = "lookup key " + std::to_string(index) + " ('" + text + "')";
  auto parsed = fluss_native::ParsePredicate("k IN (" + text + ")");
  if (!parsed.ok()) return parsed.status().WithContext(where + " is not a list of literals");
  if (parsed->op() != fluss_native::PredicateOp::kIn || parsed->column().names != std::vector<std::string>{"k"}) {
    return Status::InvalidArgument(where + " is not a list of literals");
  }
  return parsed->literals();
}

}  // namespace

extern "C" {

fluss_native_code_t fluss_native_lookup(fluss_native_client_t* client, const char* database, const char* table,
                                        const char* const* keys, size_t n_keys, const char* const* columns,
                                        size_t n_columns, struct ArrowArrayStream* out, char** errmsg) {
  return Report(CallAtBoundary("fluss_native_lookup", [&]() -> Status {
    if (client == nullptr || database == nullptr || table == nullptr || out == nullptr ||
        (keys == nullptr && n_keys > 0) || (columns == nullptr && n_columns > 0)) {
      return Status::InvalidArgument("fluss_native_lookup: client, database, table, keys, columns or out is NULL");
    }
    std::vector<std::vector<Literal>> parsed;
    parsed.reserve(n_keys);
    for (size_t i = 0; i < n_keys; ++i) {
      if (keys[i] == nullptr) return Status::InvalidArgument("fluss_native_lookup: key " + std::to_string(i) + " is NULL");
      FN_ASSIGN_OR_RETURN(auto key, ParseKey(keys[i], i));
      parsed.push_back(std::move(key));
    }
    std::vector<std::string> names;
    for (size_t i = 0; i < n_columns; ++i) {
      if (columns[i] == nullptr) {
        return Status::InvalidArgument("fluss_native_lookup: column " + std::to_string(i) + " is NULL");
      }
      names.emplace_back(columns[i]);
    }
    return client->client->Lookup(fluss_native::TablePath{database, table}, parsed, names, out);
  }), errmsg);
}

}  // extern "C"
