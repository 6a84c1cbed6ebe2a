#include "lake/paimon/table_schema.h"

#include <cctype>
#include <nlohmann/json.hpp>

namespace fluss_native::lake::paimon {
namespace {

using Json = nlohmann::json;
constexpr int kMaxNesting = 64;

std::string Upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// Splits "NAME(a, b) SUFFIX" into the name, its parameters and the rest.
struct AtomicParts {
  std::string name;
  std::vector<int64_t> params;
  std::string rest;
};

Result<AtomicParts> SplitAtomic(const std::string& text) {
  AtomicParts parts;
  size_t i = 0;
  while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_')) ++i;
  parts.name = Upper(text.substr(0, i));
  while (i < text.size() && text[i] == ' ') ++i;
  if (i < text.size() && text[i] == '(') {
    ++i;
    for (;;) {
      while (i < text.size() && text[i] == ' ') ++i;
      size_t start = i;
      while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
      if (start == i || i - start > 10) return Status::Corruption("bad type parameter in '" + text + "'");
      parts.params.push_back(std::stoll(text.substr(start, i - start)));
      while (i < text.size() && text[i] == ' ') ++i;
      if (i < text.size() && text[i] == ',') { ++i; continue; }
      if (i < text.size() && text[i] == ')') { ++i; break; }
      return Status::Corruption("unterminated type parameters in '" + text + "'");
    }
  }
  parts.rest = Upper(text.substr(i));
  return parts;
}

Result<DataType> ParseAtomic(const std::string& text) {
  FN_ASSIGN_OR_RETURN(auto p, SplitAtomic(text));
  DataType t;
  std::string rest = p.rest;
  auto strip = [&rest](const std::string& word) {
    auto at = rest.find(word);
    if (at == std::string::npos) return false;
    rest.erase(at, word.size());
    return true;
  };
  t.nullable = !strip("NOT NULL");
  const bool ltz = strip("WITH LOCAL TIME ZONE");
  for (char c : rest) {
    if (c != ' ') return Status::Unsupported("Paimon type '" + text + "' is not supported");
  }
  auto param = [&p](size_t i, int64_t fallback) { return i < p.params.size() ? p.params[i] : fallback; };
  const std::string& n = p.name;
  if (n == "BOOLEAN") t.root = TypeRoot::kBoolean;
  else if (n == "TINYINT") t.root = TypeRoot::kTinyInt;
  else if (n == "SMALLINT") t.root = TypeRoot::kSmallInt;
  else if (n == "INT" || n == "INTEGER") t.root = TypeRoot::kInt;
  else if (n == "BIGINT") t.root = TypeRoot::kBigInt;
  else if (n == "FLOAT") t.root = TypeRoot::kFloat;
  else if (n == "DOUBLE") t.root = TypeRoot::kDouble;
  else if (n == "DECIMAL" || n == "NUMERIC" || n == "DEC") {
    t.root = TypeRoot::kDecimal;
    t.precision = static_cast<int>(param(0, 10));
    t.scale = static_cast<int>(param(1, 0));
    if (t.precision < 1 || t.precision > 38 || t.scale < 0 || t.scale > t.precision) {
      return Status::Corruption("bad decimal type '" + text + "'");
    }
  } else if (n == "CHAR") {
    t.root = TypeRoot::kChar;
    t.length = static_cast<int>(param(0, 1));
    if (t.length < 1) return Status::Corruption("bad CHAR length in '" + text + "'");
  } else if (n == "VARCHAR" || n == "STRING") t.root = TypeRoot::kString;
  else if (n == "BINARY") {
    t.root = TypeRoot::kBinary;
    t.length = static_cast<int>(param(0, 1));
    if (t.length < 1) return Status::Corruption("bad BINARY length in '" + text + "'");
  } else if (n == "VARBINARY" || n == "BYTES") t.root = TypeRoot::kBytes;
  else if (n == "DATE") t.root = TypeRoot::kDate;
  else if (n == "TIME") {
    t.root = TypeRoot::kTime;
    t.precision = static_cast<int>(param(0, 0));
  } else if (n == "TIMESTAMP" || n == "TIMESTAMP_LTZ") {
    t.root = (ltz || n == "TIMESTAMP_LTZ") ? TypeRoot::kTimestampLtz : TypeRoot::kTimestamp;
    t.precision = static_cast<int>(param(0, 6));
  } else {
    return Status::Unsupported("Paimon type '" + text + "' is not supported");
  }
  if ((t.root == TypeRoot::kTime || t.root == TypeRoot::kTimestamp || t.root == TypeRoot::kTimestampLtz) &&
      (t.precision < 0 || t.precision > 9)) {
    return Status::Corruption("bad precision in '" + text + "'");
  }
  return t;
}

Result<DataType> ParseType(const Json& j, int depth);

Result<SchemaField> ParseField(const Json& j, int depth) {
  if (!j.is_object() || !j.contains("name") || !j["name"].is_string() || !j.contains("type")) {
    return Status::Corruption("schema field without name or type: " + j.dump().substr(0, 200));
  }
  SchemaField f;
  f.name = j["name"].get<std::string>();
  if (j.contains("id") && j["id"].is_number_integer()) f.id = j["id"].get<int32_t>();
  else return Status::Corruption("schema field '" + f.name + "' has no id");
  auto type = ParseType(j["type"], depth + 1);
  if (!type.ok()) return type.status().WithContext("field '" + f.name + "'");
  f.type = std::move(*type);
  if (j.contains("description") && j["description"].is_string()) {
    f.description = j["description"].get<std::string>();
  }
  return f;
}

Result<DataType> ParseType(const Json& j, int depth) {
  if (depth > kMaxNesting) return Status::Corruption("type nested deeper than 64 levels");
  if (j.is_string()) return ParseAtomic(j.get<std::string>());
  if (!j.is_object() || !j.contains("type") || !j["type"].is_string()) {
    return Status::Corruption("bad Paimon type: " + j.dump().substr(0, 200));
  }
  const std::string head = Upper(j["type"].get<std::string>());
  DataType t;
  t.nullable = head.find("NOT NULL") == std::string::npos;
  if (head.rfind("ARRAY", 0) == 0 && j.contains("element")) {
    t.root = TypeRoot::kArray;
    FN_ASSIGN_OR_RETURN(auto e, ParseType(j["element"], depth + 1));
    t.children.push_back(std::move(e));
  } else if (head.rfind("MAP", 0) == 0 && j.contains("key") && j.contains("value")) {
    t.root = TypeRoot::kMap;
    FN_ASSIGN_OR_RETURN(auto k, ParseType(j["key"], depth + 1));
    FN_ASSIGN_OR_RETURN(auto v, ParseType(j["value"], depth + 1));
    t.children.push_back(std::move(k));
    t.children.push_back(std::move(v));
  } else if (head.rfind("ROW", 0) == 0 && j.contains("fields") && j["fields"].is_array()) {
    t.root = TypeRoot::kRow;
    for (const auto& fj : j["fields"]) {
      FN_ASSIGN_OR_RETURN(auto f, ParseField(fj, depth + 1));
      t.children.push_back(std::move(f.type));
      t.field_names.push_back(std::move(f.name));
      t.field_ids.push_back(f.id);
      t.field_descriptions.push_back(std::move(f.description));
    }
  } else {
    return Status::Unsupported("Paimon type '" + j["type"].get<std::string>() + "' is not supported");
  }
  return t;
}

std::vector<std::string> StringList(const Json& j, const char* key) {
  std::vector<std::string> out;
  if (j.contains(key) && j[key].is_array()) {
    for (const auto& v : j[key]) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

}  // namespace

int TableSchema::FieldIndex(const std::string& name) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

int TableSchema::FieldIndexById(int32_t field_id) const {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].id == field_id) return static_cast<int>(i);
  }
  return -1;
}

std::string TableSchema::Option(const std::string& key, const std::string& fallback) const {
  auto it = options.find(key);
  return it == options.end() ? fallback : it->second;
}

Result<DataType> ParsePaimonTypeJson(const std::string& json) {
  Json j = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::Corruption("Paimon type is not valid JSON");
  return ParseType(j, 0);
}

Result<TableSchema> ParseTableSchema(const std::string& json, const std::string& where) {
  Json j = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Status::Corruption("Paimon schema " + where + " is not a JSON object");
  TableSchema s;
  if (!j.contains("id") || !j["id"].is_number_integer() || !j.contains("fields") || !j["fields"].is_array()) {
    return Status::Corruption("Paimon schema " + where + " has no id or fields");
  }
  s.id = j["id"].get<int64_t>();
  for (const auto& fj : j["fields"]) {
    auto f = ParseField(fj, 0);
    if (!f.ok()) return f.status().WithContext("Paimon schema " + where);
    s.fields.push_back(std::move(*f));
  }
  s.partition_keys = StringList(j, "partitionKeys");
  s.primary_keys = StringList(j, "primaryKeys");
  for (const auto& k : s.partition_keys) {
    if (s.FieldIndex(k) < 0) return Status::Corruption("Paimon schema " + where + ": partition key '" + k + "' is not a field");
  }
  for (const auto& k : s.primary_keys) {
    if (s.FieldIndex(k) < 0) return Status::Corruption("Paimon schema " + where + ": primary key '" + k + "' is not a field");
  }
  if (j.contains("options") && j["options"].is_object()) {
    for (const auto& [k, v] : j["options"].items()) {
      if (v.is_string()) s.options[k] = v.get<std::string>();
    }
  }
  return s;
}

}  // namespace fluss_native::lake::paimon
