// Reads Avro object container files: the format of Paimon's manifest lists,
// manifests and index manifests.
//
// Our own decoder rather than libavro: Paimon compresses manifests with zstd
// by default (manifest.compression = zstd) and Debian's avro-c 1.11 has no
// zstd codec. Decoding ourselves also keeps every length and count checked
// against the bytes actually there.
//
// Records are decoded with the writer's schema (from the file header) into a
// generic value tree; callers look fields up by NAME, so manifests written
// by older or newer Paimon versions (fields added or dropped) still read.
// Unions decode to the chosen branch: a null branch of ["null", T] becomes a
// kNull value.
//
// Invariants: a reader never reads outside the file bytes, never allocates
// more than the file (or a block's decompressed size, capped) justifies, and
// reports every failure as a Status naming the file.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "format/codec/zstd.h"
#include "fluss_native/status.h"

namespace fluss_native::avro {

// One node of an Avro schema. Nodes live in the AvroSchema that owns them;
// children point into the same AvroSchema (named types may be referenced
// more than once).
struct AvroSchemaNode {
  enum class Type : uint8_t {
    kNull, kBoolean, kInt, kLong, kFloat, kDouble, kBytes, kString,
    kRecord, kEnum, kArray, kMap, kUnion, kFixed,
  };
  Type type = Type::kNull;
  std::string name;                             // full name of records, enums, fixed
  std::vector<std::string> field_names;         // records
  std::vector<const AvroSchemaNode*> children;  // record fields, union branches, array items, map values
  int64_t fixed_size = 0;
  int64_t enum_symbols = 0;
  // The fewest bytes one value of this type takes; 0 for null and for
  // types that can be empty. Bounds counts that claim more items than the
  // bytes left could hold.
  int64_t min_encoded_size = 0;
};

class AvroSchema {
 public:
  // Parses the JSON schema of an Avro file header. `context` names the file.
  static Result<std::shared_ptr<const AvroSchema>> Parse(std::string_view json, const std::string& context);
  const AvroSchemaNode& root() const { return *root_; }

 private:
  friend class AvroSchemaParser;
  std::vector<std::unique_ptr<AvroSchemaNode>> nodes_;
  const AvroSchemaNode* root_ = nullptr;
};

// A decoded datum. int, long and enum (its index) are kLong; string, bytes
// and fixed are kBytes.
struct AvroValue {
  enum class Kind : uint8_t { kNull, kBool, kLong, kFloat, kDouble, kBytes, kRecord, kArray, kMap };
  Kind kind = Kind::kNull;
  bool bool_value = false;
  int64_t long_value = 0;
  double double_value = 0;
  std::string bytes;
  std::vector<AvroValue> items;       // record fields (schema order), array elements, map values
  std::vector<std::string> map_keys;  // maps: one per item
  const AvroSchemaNode* record_schema = nullptr;

  bool is_null() const { return kind == Kind::kNull; }
  // The field called `name` of a record, or nullptr if this is not a record
  // or it has no such field.
  const AvroValue* Field(std::string_view name) const;
};

const char* AvroValueKindName(AvroValue::Kind kind);

class AvroFileReader {
 public:
  // A reader of nothing (what Result<AvroFileReader>::value() yields on an
  // error); Open and FromBytes make real ones.
  AvroFileReader() = default;
  // Reads a whole local file; `path` names it in errors.
  static Result<AvroFileReader> Open(const std::string& path);
  // `name` is used in every error message.
  static Result<AvroFileReader> FromBytes(std::string name, std::string bytes);

  const std::string& name() const { return name_; }
  const AvroSchema& schema() const { return *schema_; }
  const std::string& codec() const { return codec_; }

  // Decodes the next record into *out; false at the end of the file.
  Result<bool> Next(AvroValue* out);
  // All remaining records.
  Result<std::vector<AvroValue>> ReadAll();

 private:
  Status Init();
  Status LoadBlock();

  std::string name_;
  std::string file_;
  size_t file_pos_ = 0;        // next unread byte of file_
  std::string sync_;           // 16-byte sync marker
  std::string codec_ = "null";
  std::shared_ptr<const AvroSchema> schema_;
  std::string block_;          // current decompressed block
  size_t block_pos_ = 0;
  int64_t block_remaining_ = 0;  // records left in block_
  int64_t block_index_ = 0;      // of the current block, for messages
  int64_t record_index_ = 0;     // records returned so far, for messages
  // Zero-size items (nulls, empty records) the current block may still
  // decode: they carry no bytes, so only this bounds their amplification.
  int64_t zero_size_budget_ = 0;
  codec::ZstdDecoder zstd_;      // reused by the blocks of a zstandard file
};

}  // namespace fluss_native::avro
