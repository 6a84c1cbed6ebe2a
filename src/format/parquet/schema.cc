#include "format/parquet/schema.h"

#include <memory>

#include "format/parquet/parquet_types.h"

namespace fluss_native::parquet {
namespace {

constexpr int kMaxDepth = 64;
// Levels are int16; a deeper tree would overflow them.
constexpr int kMaxLevel = 1000;

struct RawNode {
  const format::SchemaElement* e = nullptr;
  std::vector<RawNode> children;
};

Status ParseRaw(const std::vector<format::SchemaElement>& elems, size_t* pos, int depth,
                RawNode* out) {
  if (depth > kMaxDepth) return Status::Corruption("schema nesting deeper than 64");
  if (*pos >= elems.size()) return Status::Corruption("schema ends inside a group");
  out->e = &elems[(*pos)++];
  int32_t n = out->e->__isset.num_children ? out->e->num_children : 0;
  if (n < 0 || static_cast<size_t>(n) > elems.size() - *pos) {
    return Status::Corruption("schema element '" + out->e->name + "' claims " + std::to_string(n) +
                              " children");
  }
  if (depth > 0 && n == 0 && !out->e->__isset.type) {
    return Status::Corruption("schema element '" + out->e->name + "' has neither type nor children");
  }
  out->children.resize(n);
  for (int32_t i = 0; i < n; ++i) FN_RETURN_IF_ERROR(ParseRaw(elems, pos, depth + 1, &out->children[i]));
  return Status::OK();
}

bool IsGroup(const RawNode& n) { return !n.e->__isset.type; }
int32_t Repetition(const RawNode& n) {
  return n.e->__isset.repetition_type ? n.e->repetition_type : format::FieldRepetitionType::OPTIONAL;
}
bool IsList(const RawNode& n) {
  return (n.e->__isset.logicalType && n.e->logicalType.__isset.LIST) ||
         (n.e->__isset.converted_type && n.e->converted_type == format::ConvertedType::LIST);
}
bool IsMap(const RawNode& n) {
  return (n.e->__isset.logicalType && n.e->logicalType.__isset.MAP) ||
         (n.e->__isset.converted_type && (n.e->converted_type == format::ConvertedType::MAP ||
                                          n.e->converted_type == format::ConvertedType::MAP_KEY_VALUE));
}

std::string TimeUnitSuffix(const format::TimeUnit& u) {
  if (u.__isset.MILLIS) return "m";
  if (u.__isset.MICROS) return "u";
  if (u.__isset.NANOS) return "n";
  return "";
}

class Builder {
 public:
  explicit Builder(FileSchema* schema) : schema_(schema) {}

  // Builds the node for `raw` whose parent slot is present at parent_def
  // and repeated at parent_rep. `as_element` forces a repeated node to be
  // read as a required element (the legacy two-level list shapes).
  Status Build(const RawNode& raw, const std::string& prefix, int16_t parent_def, int16_t parent_rep,
               bool as_element, SchemaNode* out) {
    const auto& e = *raw.e;
    std::string path = prefix.empty() ? e.name : prefix + "." + e.name;
    if (parent_def > kMaxLevel || parent_rep > kMaxLevel) {
      return Status::Corruption("schema too deep at '" + path + "'");
    }
    auto rep = Repetition(raw);
    if (rep == format::FieldRepetitionType::REPEATED && !as_element) {
      // A bare repeated field is a required list of required elements.
      out->kind = SchemaNode::Kind::kList;
      out->name = e.name;
      out->arrow_format = "+l";
      out->nullable = false;
      out->def_level = parent_def;
      out->rep_level = parent_rep + 1;
      out->elem_def_level = parent_def + 1;
      out->children.resize(1);
      FN_RETURN_IF_ERROR(Build(raw, prefix, parent_def + 1, parent_rep + 1, true, &out->children[0]));
      out->children[0].name = "element";
      out->first_leaf = out->children[0].first_leaf;
      return Status::OK();
    }
    int16_t def = parent_def;
    if (rep == format::FieldRepetitionType::OPTIONAL && !as_element) ++def;
    out->name = e.name;
    out->nullable = rep == format::FieldRepetitionType::OPTIONAL && !as_element;
    out->def_level = def;
    if (!IsGroup(raw)) return BuildLeaf(raw, path, def, parent_rep, out);
    if (raw.children.empty()) return Status::Unsupported("empty group '" + path + "'");
    if (IsList(raw) && !as_element) return BuildList(raw, path, def, parent_rep, out);
    if (IsMap(raw) && !as_element) return BuildMap(raw, path, def, parent_rep, out);
    out->kind = SchemaNode::Kind::kStruct;
    out->arrow_format = "+s";
    out->children.resize(raw.children.size());
    for (size_t i = 0; i < raw.children.size(); ++i) {
      FN_RETURN_IF_ERROR(Build(raw.children[i], path, def, parent_rep, false, &out->children[i]));
    }
    out->first_leaf = out->children[0].first_leaf;
    return Status::OK();
  }

 private:
  Status BuildList(const RawNode& raw, const std::string& path, int16_t def, int16_t parent_rep,
                   SchemaNode* out) {
    if (raw.children.size() != 1 || Repetition(raw.children[0]) != format::FieldRepetitionType::REPEATED) {
      return Status::Unsupported("LIST group '" + path + "' must have one repeated child");
    }
    const RawNode& repeated = raw.children[0];
    out->kind = SchemaNode::Kind::kList;
    out->arrow_format = "+l";
    out->rep_level = parent_rep + 1;
    out->elem_def_level = def + 1;
    out->children.resize(1);
    // Backward-compatibility rules of LogicalTypes.md: the repeated node is
    // itself the element unless it is a one-field group not named like a
    // legacy wrapper.
    bool two_level = !IsGroup(repeated) || repeated.children.size() != 1 ||
                     repeated.e->name == "array" || repeated.e->name == raw.e->name + "_tuple";
    if (two_level) {
      FN_RETURN_IF_ERROR(Build(repeated, path, def + 1, parent_rep + 1, true, &out->children[0]));
    } else {
      FN_RETURN_IF_ERROR(Build(repeated.children[0], path + "." + repeated.e->name, def + 1,
                               parent_rep + 1, false, &out->children[0]));
    }
    out->first_leaf = out->children[0].first_leaf;
    return Status::OK();
  }

  Status BuildMap(const RawNode& raw, const std::string& path, int16_t def, int16_t parent_rep,
                  SchemaNode* out) {
    if (raw.children.size() != 1 || Repetition(raw.children[0]) != format::FieldRepetitionType::REPEATED ||
        !IsGroup(raw.children[0]) || raw.children[0].children.size() != 2) {
      return Status::Unsupported("MAP group '" + path + "' must have one repeated key/value group");
    }
    const RawNode& kv = raw.children[0];
    out->kind = SchemaNode::Kind::kMap;
    out->arrow_format = "+m";
    out->rep_level = parent_rep + 1;
    out->elem_def_level = def + 1;
    SchemaNode entries;
    entries.kind = SchemaNode::Kind::kStruct;
    entries.name = "entries";
    entries.arrow_format = "+s";
    entries.nullable = false;
    entries.def_level = def + 1;
    entries.children.resize(2);
    std::string kv_path = path + "." + kv.e->name;
    for (int i = 0; i < 2; ++i) {
      FN_RETURN_IF_ERROR(Build(kv.children[i], kv_path, def + 1, parent_rep + 1, false, &entries.children[i]));
    }
    if (entries.children[0].nullable && entries.children[0].kind != SchemaNode::Kind::kLeaf) {
      return Status::Unsupported("MAP '" + path + "' has a nullable nested key");
    }
    entries.children[0].name = "key";
    entries.children[1].name = "value";
    entries.first_leaf = entries.children[0].first_leaf;
    out->first_leaf = entries.first_leaf;
    out->children.push_back(std::move(entries));
    return Status::OK();
  }

  Status BuildLeaf(const RawNode& raw, const std::string& path, int16_t def, int16_t rep,
                   SchemaNode* out) {
    const auto& e = *raw.e;
    LeafColumn leaf;
    leaf.index = static_cast<int>(schema_->leaves.size());
    leaf.path = path;
    leaf.max_def = def;
    leaf.max_rep = rep;
    FN_RETURN_IF_ERROR(MapType(e, path, &leaf, &out->arrow_format));
    out->kind = SchemaNode::Kind::kLeaf;
    out->leaf = leaf.index;
    out->first_leaf = leaf.index;
    schema_->leaves.push_back(std::move(leaf));
    return Status::OK();
  }

  static Status MapDecimal(const format::SchemaElement& e, const std::string& path, int precision, int scale,
                           LeafColumn* leaf, std::string* fmt) {
    if (precision < 1 || precision > 38 || scale < 0 || scale > precision) {
      return Status::Unsupported("column '" + path + "': DECIMAL(" + std::to_string(precision) + ", " +
                                 std::to_string(scale) + ") does not fit decimal128");
    }
    switch (leaf->physical) {
      case PhysicalType::kInt32: leaf->conversion = Conversion::kDecimalFromInt32; break;
      case PhysicalType::kInt64: leaf->conversion = Conversion::kDecimalFromInt64; break;
      case PhysicalType::kFixedLenByteArray:
        if (leaf->type_length > 16) {
          return Status::Unsupported("column '" + path + "': decimal stored in more than 16 bytes");
        }
        [[fallthrough]];
      case PhysicalType::kByteArray: leaf->conversion = Conversion::kDecimalFromBytes; break;
      default: return Status::Corruption("column '" + path + "': DECIMAL on an invalid physical type");
    }
    leaf->out_width = 16;
    leaf->sign_sorted_stats = false;
    *fmt = "d:" + std::to_string(precision) + "," + std::to_string(scale);
    return Status::OK();
  }

  static Status MapType(const format::SchemaElement& e, const std::string& path, LeafColumn* leaf,
                        std::string* fmt) {
    using format::ConvertedType;
    using format::Type;
    const bool has_lt = e.__isset.logicalType;
    const auto& lt = e.logicalType;
    const bool has_ct = e.__isset.converted_type;
    const auto ct = e.converted_type;
    switch (e.type) {
      case Type::BOOLEAN:
        leaf->physical = PhysicalType::kBoolean;
        leaf->physical_width = leaf->out_width = 1;
        *fmt = "b";
        return Status::OK();
      case Type::INT32: leaf->physical = PhysicalType::kInt32; leaf->physical_width = 4; break;
      case Type::INT64: leaf->physical = PhysicalType::kInt64; leaf->physical_width = 8; break;
      case Type::INT96:
        leaf->physical = PhysicalType::kInt96;
        leaf->physical_width = 12;
        leaf->out_width = 8;
        leaf->conversion = Conversion::kInt96ToNanos;
        leaf->sign_sorted_stats = false;
        *fmt = "tsn:";
        return Status::OK();
      case Type::FLOAT:
        leaf->physical = PhysicalType::kFloat;
        leaf->physical_width = leaf->out_width = 4;
        *fmt = "f";
        return Status::OK();
      case Type::DOUBLE:
        leaf->physical = PhysicalType::kDouble;
        leaf->physical_width = leaf->out_width = 8;
        *fmt = "g";
        return Status::OK();
      case Type::BYTE_ARRAY: leaf->physical = PhysicalType::kByteArray; break;
      case Type::FIXED_LEN_BYTE_ARRAY:
        leaf->physical = PhysicalType::kFixedLenByteArray;
        if (!e.__isset.type_length || e.type_length <= 0 || e.type_length > (1 << 24)) {
          return Status::Corruption("column '" + path + "': invalid FIXED_LEN_BYTE_ARRAY length");
        }
        leaf->type_length = e.type_length;
        leaf->physical_width = e.type_length;
        break;
      default:
        return Status::Corruption("column '" + path + "': unknown physical type " +
                                  std::to_string(static_cast<int>(e.type)));
    }
    if ((has_lt && lt.__isset.DECIMAL) || (has_ct && ct == ConvertedType::DECIMAL)) {
      int precision = has_lt && lt.__isset.DECIMAL ? lt.DECIMAL.precision : e.precision;
      int scale = has_lt && lt.__isset.DECIMAL ? lt.DECIMAL.scale : e.scale;
      return MapDecimal(e, path, precision, scale, leaf, fmt);
    }
    leaf->out_width = leaf->physical_width;
    if (leaf->physical == PhysicalType::kByteArray) {
      leaf->sign_sorted_stats = false;
      bool text = (has_lt && (lt.__isset.STRING || lt.__isset.ENUM || lt.__isset.JSON)) ||
                  (has_ct && (ct == ConvertedType::UTF8 || ct == ConvertedType::ENUM ||
                              ct == ConvertedType::JSON));
      *fmt = text ? "u" : "z";
      return Status::OK();
    }
    if (leaf->physical == PhysicalType::kFixedLenByteArray) {
      leaf->sign_sorted_stats = false;
      if (has_lt && lt.__isset.FLOAT16 && leaf->type_length == 2) {
        *fmt = "e";
      } else {
        *fmt = "w:" + std::to_string(leaf->type_length);
      }
      return Status::OK();
    }
    const bool is64 = leaf->physical == PhysicalType::kInt64;
    *fmt = is64 ? "l" : "i";
    if (has_lt && lt.__isset.INTEGER) {
      int bits = lt.INTEGER.bitWidth;
      bool sign = lt.INTEGER.isSigned;
      leaf->sign_sorted_stats = sign;
      if (bits == 8) {
        leaf->conversion = Conversion::kNarrow8; leaf->out_width = 1; *fmt = sign ? "c" : "C";
      } else if (bits == 16) {
        leaf->conversion = Conversion::kNarrow16; leaf->out_width = 2; *fmt = sign ? "s" : "S";
      } else if (bits == 32 && !is64) {
        *fmt = sign ? "i" : "I";
      } else if (bits == 64 && is64) {
        *fmt = sign ? "l" : "L";
      } else {
        return Status::Corruption("column '" + path + "': INTEGER(" + std::to_string(bits) + ") on " +
                                  (is64 ? "INT64" : "INT32"));
      }
      if (bits < 32 && is64) return Status::Corruption("column '" + path + "': narrow INTEGER on INT64");
      return Status::OK();
    }
    if (has_lt && lt.__isset.DATE) { *fmt = "tdD"; return Status::OK(); }
    if (has_lt && lt.__isset.TIME) {
      std::string u = TimeUnitSuffix(lt.TIME.unit);
      if (u.empty() || (u == "m") == is64) return Status::Corruption("column '" + path + "': bad TIME unit");
      *fmt = "tt" + u;
      return Status::OK();
    }
    if (has_lt && lt.__isset.TIMESTAMP) {
      std::string u = TimeUnitSuffix(lt.TIMESTAMP.unit);
      if (u.empty() || !is64) return Status::Corruption("column '" + path + "': bad TIMESTAMP");
      *fmt = "ts" + u + ":" + (lt.TIMESTAMP.isAdjustedToUTC ? "UTC" : "");
      return Status::OK();
    }
    if (!has_ct) return Status::OK();
    switch (ct) {
      case ConvertedType::INT_8: leaf->conversion = Conversion::kNarrow8; leaf->out_width = 1; *fmt = "c"; break;
      case ConvertedType::UINT_8:
        leaf->conversion = Conversion::kNarrow8; leaf->out_width = 1; *fmt = "C"; leaf->sign_sorted_stats = false;
        break;
      case ConvertedType::INT_16: leaf->conversion = Conversion::kNarrow16; leaf->out_width = 2; *fmt = "s"; break;
      case ConvertedType::UINT_16:
        leaf->conversion = Conversion::kNarrow16; leaf->out_width = 2; *fmt = "S"; leaf->sign_sorted_stats = false;
        break;
      case ConvertedType::UINT_32: *fmt = "I"; leaf->sign_sorted_stats = false; break;
      case ConvertedType::UINT_64: *fmt = "L"; leaf->sign_sorted_stats = false; break;
      case ConvertedType::DATE: *fmt = "tdD"; break;
      case ConvertedType::TIME_MILLIS: *fmt = "ttm"; break;
      case ConvertedType::TIME_MICROS: *fmt = "ttu"; break;
      case ConvertedType::TIMESTAMP_MILLIS: *fmt = "tsm:UTC"; break;
      case ConvertedType::TIMESTAMP_MICROS: *fmt = "tsu:UTC"; break;
      default: break;
    }
    if (leaf->out_width == 1 || leaf->out_width == 2) {
      if (is64) return Status::Corruption("column '" + path + "': narrow integer on INT64");
    }
    return Status::OK();
  }

  FileSchema* schema_;
};

}  // namespace

Result<FileSchema> BuildSchema(const std::vector<format::SchemaElement>& elements) {
  if (elements.empty()) return Status::Corruption("empty schema");
  RawNode root;
  size_t pos = 0;
  FN_RETURN_IF_ERROR(ParseRaw(elements, &pos, 0, &root));
  if (pos != elements.size()) {
    return Status::Corruption("schema has " + std::to_string(elements.size() - pos) +
                              " elements outside the root group");
  }
  FileSchema schema;
  Builder builder(&schema);
  schema.columns.resize(root.children.size());
  for (size_t i = 0; i < root.children.size(); ++i) {
    FN_RETURN_IF_ERROR(builder.Build(root.children[i], "", 0, 0, false, &schema.columns[i]));
  }
  return schema;
}

}  // namespace fluss_native::parquet
