#include "catalog/table_json.h"

#include <nlohmann/json.hpp>

namespace fluss_native {
Result<DataType> ParseDataTypeNode(const nlohmann::json& node);
}

namespace fluss_native::catalog {
namespace {

using nlohmann::json;

Status StringList(const json& node, const char* key, bool required, std::vector<std::string>* out) {
  auto it = node.find(key);
  if (it == node.end()) {
    return required ? Status::Corruption(std::string("lacks '") + key + "'") : Status::OK();
  }
  if (!it->is_array()) return Status::Corruption(std::string("'") + key + "' is not a list");
  for (const auto& v : *it) {
    if (!v.is_string()) return Status::Corruption(std::string("'") + key + "' has a non-string entry");
    out->push_back(v.get<std::string>());
  }
  return Status::OK();
}

Status StringMap(const json& node, const char* key, std::map<std::string, std::string>* out) {
  auto it = node.find(key);
  if (it == node.end()) return Status::OK();
  if (!it->is_object()) return Status::Corruption(std::string("'") + key + "' is not an object");
  for (auto kv = it->begin(); kv != it->end(); ++kv) {
    (*out)[kv.key()] = kv.value().is_string() ? kv.value().get<std::string>() : kv.value().dump();
  }
  return Status::OK();
}

Status CheckColumns(const TableInfo& info, const std::vector<std::string>& names, const char* what) {
  for (const auto& n : names) {
    if (info.ColumnIndex(n) < 0) {
      return Status::Corruption(std::string(what) + " '" + n + "' is not a column");
    }
  }
  return Status::OK();
}

Status Parse(const json& root, TableInfo* info) {
  if (!root.is_object()) return Status::Corruption("is not a JSON object");
  auto schema = root.find("schema");
  if (schema == root.end() || !schema->is_object()) return Status::Corruption("lacks 'schema'");
  auto cols = schema->find("columns");
  if (cols == schema->end() || !cols->is_array()) return Status::Corruption("schema lacks 'columns'");
  info->columns.clear();
  for (const auto& c : *cols) {
    if (!c.is_object() || !c.contains("name") || !c["name"].is_string() || !c.contains("data_type")) {
      return Status::Corruption("column lacks 'name' or 'data_type'");
    }
    Column col;
    col.name = c["name"].get<std::string>();
    auto type = ParseDataTypeNode(c["data_type"]);
    if (!type.ok()) return type.status().WithContext("column '" + col.name + "'");
    col.type = std::move(type).value();
    if (c.contains("comment") && c["comment"].is_string()) col.comment = c["comment"].get<std::string>();
    if (c.contains("id") && c["id"].is_number_integer()) col.id = c["id"].get<int>();
    info->columns.push_back(std::move(col));
  }
  FN_RETURN_IF_ERROR(StringList(*schema, "primary_key", false, &info->primary_key));
  FN_RETURN_IF_ERROR(StringList(root, "partition_key", false, &info->partition_keys));
  FN_RETURN_IF_ERROR(StringList(root, "bucket_key", false, &info->bucket_keys));
  if (auto bc = root.find("bucket_count"); bc != root.end()) {
    if (!bc->is_number_integer() || bc->get<int64_t>() < 1 || bc->get<int64_t>() > INT32_MAX) {
      return Status::Corruption("'bucket_count' is not a positive integer");
    }
    info->bucket_count = bc->get<int>();
  }
  if (auto cm = root.find("comment"); cm != root.end() && cm->is_string()) {
    info->comment = cm->get<std::string>();
  }
  FN_RETURN_IF_ERROR(StringMap(root, "properties", &info->properties));
  FN_RETURN_IF_ERROR(StringMap(root, "custom_properties", &info->custom_properties));
  FN_RETURN_IF_ERROR(CheckColumns(*info, info->primary_key, "primary key"));
  FN_RETURN_IF_ERROR(CheckColumns(*info, info->partition_keys, "partition key"));
  FN_RETURN_IF_ERROR(CheckColumns(*info, info->bucket_keys, "bucket key"));
  return Status::OK();
}

}  // namespace

Status ParseTableJson(std::string_view text, TableInfo* info) {
  json root = json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  Status st = root.is_discarded() ? Status::Corruption("is not valid JSON") : Parse(root, info);
  return st.WithContext("table descriptor of '" + info->path.ToString() + "'");
}

}  // namespace fluss_native::catalog
