// Paimon's manifest files (Paimon 1.3, the version Fluss 0.9 tiers into):
//
//   manifest list   ManifestFileMeta records (ManifestFileMetaSerializer, _VERSION 2)
//   manifest        ManifestEntry records (ManifestEntrySerializer, _VERSION 2)
//                   with a nested DataFileMeta (DataFileMetaSerializer)
//   index manifest  IndexManifestEntry records (IndexManifestEntrySerializer, _VERSION 1)
//
// All are Avro object container files whose schema Paimon derives from the
// serializer's RowType (AvroSchemaConverter). Fields are looked up by name
// (_FILE_NAME, _KIND, ...): fields a newer Paimon adds are ignored, and
// nullable fields an older one lacks read as absent. BinaryRow-valued fields
// (partition, keys, stats) are kept as their serialized bytes; see
// binary_row.h to read them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fluss_native/status.h"

namespace fluss_native::lake::paimon {

struct SimpleStats {
  std::string min_values;  // serialized BinaryRow
  std::string max_values;  // serialized BinaryRow
  std::vector<std::optional<int64_t>> null_counts;
};

// FileSource: where a data file came from.
inline constexpr int32_t kFileSourceAppend = 0;
inline constexpr int32_t kFileSourceCompact = 1;

struct DataFileMeta {
  std::string file_name;
  int64_t file_size = 0;
  int64_t row_count = 0;
  std::string min_key;  // serialized BinaryRow of the trimmed primary key
  std::string max_key;
  SimpleStats key_stats;
  SimpleStats value_stats;
  int64_t min_sequence_number = 0;
  int64_t max_sequence_number = 0;
  int64_t schema_id = 0;
  int32_t level = 0;
  std::vector<std::string> extra_files;
  // Epoch millis of Paimon's LocalDateTime.now() at write time (local wall
  // clock, not UTC); absent in files that never set it.
  std::optional<int64_t> creation_time_millis;
  std::optional<int64_t> delete_row_count;
  std::optional<std::string> embedded_index;  // _EMBEDDED_FILE_INDEX bytes
  std::optional<int32_t> file_source;         // kFileSourceAppend / kFileSourceCompact
  // Columns value_stats covers, in order; absent means all columns.
  std::optional<std::vector<std::string>> value_stats_cols;
  std::optional<std::string> external_path;
  std::optional<int64_t> first_row_id;
  std::optional<std::vector<std::string>> write_cols;
};

enum class FileKind : int8_t { kAdd = 0, kDelete = 1 };

struct ManifestEntry {
  FileKind kind = FileKind::kAdd;
  std::string partition;  // serialized BinaryRow
  int32_t bucket = 0;
  int32_t total_buckets = 0;
  DataFileMeta file;
};

struct ManifestFileMeta {
  std::string file_name;
  int64_t file_size = 0;
  int64_t num_added_files = 0;
  int64_t num_deleted_files = 0;
  SimpleStats partition_stats;
  int64_t schema_id = 0;
  std::optional<int32_t> min_bucket, max_bucket, min_level, max_level;
};

// Where one data file's deletion vector sits in a DV index file.
// Paimon writes offset and length as INT; length's meaning depends on the
// bitmap kind (see deletion_vector.h).
struct DeletionVectorRange {
  int64_t offset = 0;
  int64_t length = 0;
  std::optional<int64_t> cardinality;
};

struct IndexFileMeta {
  std::string index_type;  // "DELETION_VECTORS", "HASH", ...
  std::string file_name;
  int64_t file_size = 0;
  int64_t row_count = 0;
  // Data file name -> range, in the order Paimon wrote them.
  std::vector<std::pair<std::string, DeletionVectorRange>> deletion_vectors;
  std::optional<std::string> external_path;
};

struct IndexManifestEntry {
  FileKind kind = FileKind::kAdd;
  std::string partition;  // serialized BinaryRow
  int32_t bucket = 0;
  IndexFileMeta index_file;
};

// Each reads a whole local file; errors name the file and the record/field.
Result<std::vector<ManifestFileMeta>> ReadManifestList(const std::string& path);
Result<std::vector<ManifestEntry>> ReadManifest(const std::string& path);
Result<std::vector<IndexManifestEntry>> ReadIndexManifest(const std::string& path);

// The same from file bytes already in memory; `name` is used in errors.
Result<std::vector<ManifestFileMeta>> ParseManifestList(std::string name, std::string bytes);
Result<std::vector<ManifestEntry>> ParseManifest(std::string name, std::string bytes);
Result<std::vector<IndexManifestEntry>> ParseIndexManifest(std::string name, std::string bytes);

}  // namespace fluss_native::lake::paimon
