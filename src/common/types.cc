#include "fluss_native/types.h"

#include <nlohmann/json.hpp>

#include <string>

#include "common/api_boundary.h"

namespace fluss_native {
namespace {

using nlohmann::json;

std::string EscapeIdentifier(const std::string& name) {
  std::string out = "`";
  for (char c : name) {
    out += c;
    if (c == '`') out += '`';
  }
  return out + "`";
}

std::string EscapeSingleQuotes(const std::string& text) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out;
}

std::string WithNullability(const DataType& t, std::string s) {
  return t.nullable ? s : s + " NOT NULL";
}

// Fluss maps a precision to one of Arrow's four time units.
char ArrowTimeUnit(int precision) {
  if (precision == 0) return 's';
  if (precision <= 3) return 'm';
  if (precision <= 6) return 'u';
  return 'n';
}

const std::pair<const char*, TypeRoot> kRootNames[] = {
    {"BOOLEAN", TypeRoot::kBoolean},
    {"TINYINT", TypeRoot::kTinyInt},
    {"SMALLINT", TypeRoot::kSmallInt},
    {"INTEGER", TypeRoot::kInt},
    {"BIGINT", TypeRoot::kBigInt},
    {"FLOAT", TypeRoot::kFloat},
    {"DOUBLE", TypeRoot::kDouble},
    {"DECIMAL", TypeRoot::kDecimal},
    {"CHAR", TypeRoot::kChar},
    {"STRING", TypeRoot::kString},
    {"BINARY", TypeRoot::kBinary},
    {"BYTES", TypeRoot::kBytes},
    {"DATE", TypeRoot::kDate},
    {"TIME_WITHOUT_TIME_ZONE", TypeRoot::kTime},
    {"TIMESTAMP_WITHOUT_TIME_ZONE", TypeRoot::kTimestamp},
    {"TIMESTAMP_WITH_LOCAL_TIME_ZONE", TypeRoot::kTimestampLtz},
    {"ARRAY", TypeRoot::kArray},
    {"MAP", TypeRoot::kMap},
    {"ROW", TypeRoot::kRow},
};

// Nesting deeper than this is refused so hostile JSON cannot exhaust the stack.
constexpr int kMaxTypeDepth = 64;

Result<int> RequireInt(const json& node, const char* key, int lo, int hi) {
  auto it = node.find(key);
  if (it == node.end() || !it->is_number_integer()) {
    return Status::Corruption(std::string("data type JSON lacks integer '") + key + "'");
  }
  int64_t v = it->get<int64_t>();
  if (v < lo || v > hi) {
    return Status::Corruption(std::string("data type JSON '") + key + "' = " +
                              std::to_string(v) + " is outside [" + std::to_string(lo) +
                              ", " + std::to_string(hi) + "]");
  }
  return static_cast<int>(v);
}

Result<DataType> ParseNode(const json& node, int depth) {
  if (depth > kMaxTypeDepth) return Status::Corruption("data type JSON nested too deeply");
  if (!node.is_object()) return Status::Corruption("data type JSON is not an object");
  auto type_it = node.find("type");
  if (type_it == node.end() || !type_it->is_string()) {
    return Status::Corruption("data type JSON lacks string 'type'");
  }
  const std::string& name = type_it->get_ref<const std::string&>();
  DataType t;
  bool known = false;
  for (const auto& [n, root] : kRootNames) {
    if (name == n) {
      t.root = root;
      known = true;
      break;
    }
  }
  if (!known) return Status::Unsupported("unknown Fluss type root '" + name + "'");
  if (auto nit = node.find("nullable"); nit != node.end()) {
    if (!nit->is_boolean()) return Status::Corruption("data type JSON 'nullable' is not boolean");
    t.nullable = nit->get<bool>();
  }
  switch (t.root) {
    case TypeRoot::kChar:
    case TypeRoot::kBinary: {
      FN_ASSIGN_OR_RETURN(t.length, RequireInt(node, "length", 1, INT32_MAX));
      break;
    }
    case TypeRoot::kDecimal: {
      FN_ASSIGN_OR_RETURN(t.precision, RequireInt(node, "precision", 1, 38));
      FN_ASSIGN_OR_RETURN(t.scale, RequireInt(node, "scale", 0, t.precision));
      break;
    }
    case TypeRoot::kTime:
    case TypeRoot::kTimestamp:
    case TypeRoot::kTimestampLtz: {
      FN_ASSIGN_OR_RETURN(t.precision, RequireInt(node, "precision", 0, 9));
      break;
    }
    case TypeRoot::kArray: {
      auto e = node.find("element_type");
      if (e == node.end()) return Status::Corruption("ARRAY type JSON lacks 'element_type'");
      FN_ASSIGN_OR_RETURN(DataType child, ParseNode(*e, depth + 1));
      t.children.push_back(std::move(child));
      break;
    }
    case TypeRoot::kMap: {
      auto k = node.find("key_type");
      auto v = node.find("value_type");
      if (k == node.end() || v == node.end()) {
        return Status::Corruption("MAP type JSON lacks 'key_type' or 'value_type'");
      }
      FN_ASSIGN_OR_RETURN(DataType key, ParseNode(*k, depth + 1));
      FN_ASSIGN_OR_RETURN(DataType value, ParseNode(*v, depth + 1));
      t.children.push_back(std::move(key));
      t.children.push_back(std::move(value));
      break;
    }
    case TypeRoot::kRow: {
      auto f = node.find("fields");
      if (f == node.end() || !f->is_array()) return Status::Corruption("ROW type JSON lacks 'fields'");
      for (const auto& field : *f) {
        if (!field.is_object()) return Status::Corruption("ROW field JSON is not an object");
        auto fname = field.find("name");
        auto ftype = field.find("field_type");
        if (fname == field.end() || !fname->is_string() || ftype == field.end()) {
          return Status::Corruption("ROW field JSON lacks 'name' or 'field_type'");
        }
        FN_ASSIGN_OR_RETURN(DataType child, ParseNode(*ftype, depth + 1));
        t.children.push_back(std::move(child));
        t.field_names.push_back(fname->get<std::string>());
        auto fid = field.find("field_id");
        t.field_ids.push_back(fid != field.end() && fid->is_number_integer() ? fid->get<int>() : -1);
        auto desc = field.find("description");
        t.field_descriptions.push_back(desc != field.end() && desc->is_string()
                                           ? std::optional<std::string>(desc->get<std::string>())
                                           : std::nullopt);
      }
      break;
    }
    default:
      break;
  }
  return t;
}

}  // namespace

Result<DataType> ParseDataTypeJson(const std::string& text) {
  return CallAtBoundary("ParseDataTypeJson", [&]() -> Result<DataType> {  // an API entry point
    json node = json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (node.is_discarded()) return Status::Corruption("data type JSON is not valid JSON");
    return ParseNode(node, 0);
  });
}

// Exposed to the catalog's table-JSON parser, which already holds a parsed node.
Result<DataType> ParseDataTypeNode(const nlohmann::json& node) { return ParseNode(node, 0); }

std::string DataType::ToFlussString() const {
  switch (root) {
    case TypeRoot::kBoolean: return WithNullability(*this, "BOOLEAN");
    case TypeRoot::kTinyInt: return WithNullability(*this, "TINYINT");
    case TypeRoot::kSmallInt: return WithNullability(*this, "SMALLINT");
    case TypeRoot::kInt: return WithNullability(*this, "INT");
    case TypeRoot::kBigInt: return WithNullability(*this, "BIGINT");
    case TypeRoot::kFloat: return WithNullability(*this, "FLOAT");
    case TypeRoot::kDouble: return WithNullability(*this, "DOUBLE");
    case TypeRoot::kDecimal:
      return WithNullability(*this, "DECIMAL(" + std::to_string(precision) + ", " +
                                        std::to_string(scale) + ")");
    case TypeRoot::kChar: return WithNullability(*this, "CHAR(" + std::to_string(length) + ")");
    case TypeRoot::kString: return WithNullability(*this, "STRING");
    case TypeRoot::kBinary: return WithNullability(*this, "BINARY(" + std::to_string(length) + ")");
    case TypeRoot::kBytes: return WithNullability(*this, "BYTES");
    case TypeRoot::kDate: return WithNullability(*this, "DATE");
    case TypeRoot::kTime: return WithNullability(*this, "TIME(" + std::to_string(precision) + ")");
    case TypeRoot::kTimestamp:
      return WithNullability(*this, "TIMESTAMP(" + std::to_string(precision) + ")");
    case TypeRoot::kTimestampLtz:
      return WithNullability(*this, "TIMESTAMP(" + std::to_string(precision) +
                                        ") WITH LOCAL TIME ZONE");
    case TypeRoot::kArray:
      return WithNullability(*this, "ARRAY<" + children.at(0).ToFlussString() + ">");
    case TypeRoot::kMap:
      return WithNullability(*this, "MAP<" + children.at(0).ToFlussString() + ", " +
                                        children.at(1).ToFlussString() + ">");
    case TypeRoot::kRow: {
      std::string s = "ROW<";
      for (size_t i = 0; i < children.size(); ++i) {
        if (i) s += ", ";
        s += EscapeIdentifier(field_names[i]) + " " + children[i].ToFlussString();
        if (field_descriptions[i]) s += " '" + EscapeSingleQuotes(*field_descriptions[i]) + "'";
      }
      return WithNullability(*this, s + ">");
    }
  }
  return "UNKNOWN";
}

std::string DataType::ToArrowFormat() const {
  switch (root) {
    case TypeRoot::kBoolean: return "b";
    case TypeRoot::kTinyInt: return "c";
    case TypeRoot::kSmallInt: return "s";
    case TypeRoot::kInt: return "i";
    case TypeRoot::kBigInt: return "l";
    case TypeRoot::kFloat: return "f";
    case TypeRoot::kDouble: return "g";
    case TypeRoot::kDecimal:
      return "d:" + std::to_string(precision) + "," + std::to_string(scale);
    case TypeRoot::kChar:
    case TypeRoot::kString: return "u";
    case TypeRoot::kBinary: return "w:" + std::to_string(length);
    case TypeRoot::kBytes: return "z";
    case TypeRoot::kDate: return "tdD";
    case TypeRoot::kTime: return std::string("tt") + ArrowTimeUnit(precision);
    case TypeRoot::kTimestamp: return std::string("ts") + ArrowTimeUnit(precision) + ":";
    // An instant: exported with a UTC zone so hosts do not read it as wall-clock time.
    case TypeRoot::kTimestampLtz: return std::string("ts") + ArrowTimeUnit(precision) + ":UTC";
    case TypeRoot::kArray: return "+l";
    case TypeRoot::kMap: return "+m";
    case TypeRoot::kRow: return "+s";
  }
  return "n";
}

bool DataType::operator==(const DataType& o) const {
  return root == o.root && nullable == o.nullable && length == o.length &&
         precision == o.precision && scale == o.scale && children == o.children &&
         field_names == o.field_names && field_descriptions == o.field_descriptions;
}

}  // namespace fluss_native
