// A Paimon table schema (the JSON files under <table>/schema/schema-<id>).
//
// Every schema version of a table is kept, and each data file records the
// schema id it was written with. Fields keep their id across renames, so a
// file's column is found by field id, never by position (schema evolution).
// Types are mapped onto fluss_native::DataType, which covers every type
// Fluss tiers; Paimon-only types (MULTISET, VARIANT, BLOB, ...) fail with an
// Unsupported error naming the field.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fluss_native/status.h"
#include "fluss_native/types.h"

namespace fluss_native::lake::paimon {

struct SchemaField {
  int32_t id = 0;
  std::string name;
  DataType type;
  std::optional<std::string> description;
};

struct TableSchema {
  int64_t id = 0;
  std::vector<SchemaField> fields;
  std::vector<std::string> partition_keys;
  std::vector<std::string> primary_keys;
  std::map<std::string, std::string> options;

  // Index into `fields`, or -1.
  int FieldIndex(const std::string& name) const;
  int FieldIndexById(int32_t id) const;
  bool HasPrimaryKey() const { return !primary_keys.empty(); }
  // Option lookup with a default.
  std::string Option(const std::string& key, const std::string& fallback) const;
};

// Parses one schema file's JSON. `where` names the file in error messages.
Result<TableSchema> ParseTableSchema(const std::string& json, const std::string& where);

// Parses a Paimon type as it appears in schema JSON: an SQL string such as
// "DECIMAL(10, 2) NOT NULL" or an object for ARRAY, MAP and ROW.
Result<DataType> ParsePaimonTypeJson(const std::string& json);

}  // namespace fluss_native::lake::paimon
