// Parquet's flattened schema (a pre-order list of SchemaElements) turned into
// the Arrow-shaped tree we output: leaves that know their max definition and
// repetition levels and how to convert their physical values, and
// struct/list/map nodes that know which levels mark them null or empty.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fluss_native/status.h"

namespace fluss_native::parquet {

namespace format {
class SchemaElement;
}

enum class PhysicalType { kBoolean, kInt32, kInt64, kInt96, kFloat, kDouble, kByteArray, kFixedLenByteArray };

// How a leaf's physical values become its Arrow values.
enum class Conversion {
  kNone,               // same bytes (incl. unsigned ints, dates, times, timestamps)
  kNarrow8,            // INT32 -> 1 byte (INT(8))
  kNarrow16,           // INT32 -> 2 bytes (INT(16))
  kDecimalFromInt32,   // -> 16-byte little-endian decimal128
  kDecimalFromInt64,
  kDecimalFromBytes,   // big-endian two's complement of 1..16 bytes
  kInt96ToNanos,       // legacy Impala timestamp -> int64 ns since epoch
};

struct LeafColumn {
  int index = 0;  // position among the file's leaf columns
  std::string path;  // dotted path, for messages
  PhysicalType physical = PhysicalType::kInt32;
  int type_length = 0;  // FIXED_LEN_BYTE_ARRAY only
  int16_t max_def = 0;
  int16_t max_rep = 0;
  Conversion conversion = Conversion::kNone;
  // Width of one physical value in bytes; 0 for BYTE_ARRAY.
  int physical_width = 0;
  // Width of one output value in bytes; 0 for variable-length binary.
  int out_width = 0;
  bool sign_sorted_stats = true;  // legacy min/max fields are usable
};

struct SchemaNode {
  enum class Kind { kLeaf, kStruct, kList, kMap };
  Kind kind = Kind::kLeaf;
  std::string name;
  std::string arrow_format;
  bool nullable = true;
  // A slot of this node is non-null iff its definition level >= def_level.
  int16_t def_level = 0;
  // List/map: repetition level of the repeated node, and the definition
  // level at which a slot holds at least one element.
  int16_t rep_level = 0;
  int16_t elem_def_level = 0;
  int leaf = -1;        // kLeaf: index into FileSchema::leaves
  int first_leaf = -1;  // the leaf whose levels describe this node's shape
  std::vector<SchemaNode> children;
};

struct FileSchema {
  std::vector<SchemaNode> columns;  // top-level fields
  std::vector<LeafColumn> leaves;   // in file column order
};

// Validates the element list (child counts, nesting depth, annotations) and
// builds the tree. Unsupported physical/logical combinations fail here, so
// the error names the column before any data is read.
Result<FileSchema> BuildSchema(const std::vector<format::SchemaElement>& elements);

}  // namespace fluss_native::parquet
