#include "doris_type.h"

#include <algorithm>

namespace fluss_native::cli {

std::string DorisTypeName(const DataType& type) {
  // A malformed tree (children missing) names no type rather than failing.
  auto child = [&type](size_t i) {
    return i < type.children.size() ? DorisTypeName(type.children[i]) : std::string("UNKNOWN");
  };
  switch (type.root) {
    case TypeRoot::kBoolean: return "BOOLEAN";
    case TypeRoot::kTinyInt: return "TINYINT";
    case TypeRoot::kSmallInt: return "SMALLINT";
    case TypeRoot::kInt: return "INT";
    case TypeRoot::kBigInt: return "BIGINT";
    case TypeRoot::kFloat: return "FLOAT";
    case TypeRoot::kDouble: return "DOUBLE";
    case TypeRoot::kDecimal:
      return "DECIMAL(" + std::to_string(type.precision) + ", " + std::to_string(type.scale) + ")";
    case TypeRoot::kChar:
      return type.length > 255 ? "STRING" : "CHAR(" + std::to_string(type.length) + ")";
    case TypeRoot::kString: return "STRING";
    case TypeRoot::kBinary:
    case TypeRoot::kBytes: return "STRING";
    case TypeRoot::kDate: return "DATE";
    // Doris has no TIME type; its Fluss catalog leaves such columns unsupported.
    case TypeRoot::kTime: return "UNSUPPORTED_TYPE";
    case TypeRoot::kTimestamp:
    case TypeRoot::kTimestampLtz:
      return "DATETIME(" + std::to_string(std::min(type.precision, 6)) + ")";
    case TypeRoot::kArray: return "ARRAY<" + child(0) + ">";
    case TypeRoot::kMap: return "MAP<" + child(0) + "," + child(1) + ">";
    case TypeRoot::kRow: {
      std::string s = "STRUCT<";
      for (size_t i = 0; i < type.children.size(); ++i) {
        if (i) s += ",";
        s += (i < type.field_names.size() ? type.field_names[i] : std::string()) + ":" + child(i);
      }
      return s + ">";
    }
  }
  return "UNKNOWN";
}

}  // namespace fluss_native::cli
