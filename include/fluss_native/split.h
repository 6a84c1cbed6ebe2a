// A split: everything a reader needs to read one bucket of one table (one
// partition of it, for a partitioned table), with nothing left in the
// planner's memory. A planner (Doris FE, or fluss-native's own) makes
// splits; a reader, possibly in another process, reads them. On the wire a
// split is a Thrift TFlussFileDesc (src/plan/fluss_split.thrift; fields and
// compatibility rule in docs/split-contract.md).
//
// Invariants of a split that FromThrift returns (Validate() checks them):
//  - database_name, table_name are non-empty; bucket_id >= 0.
//  - LAKE_ONLY: at least one lake file. LOG_ONLY: no lake files.
//  - LOG_ONLY and HYBRID: log_start_offset >= 0 and log_end_offset is -1
//    (unbounded) or >= log_start_offset. LAKE_ONLY ignores log offsets.
//  - Every lake file has a non-empty path; sizes and counts are -1
//    (unknown) or >= 0; a deletion vector names its index file.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fluss_native/export.h"
#include "fluss_native/predicate.h"
#include "fluss_native/status.h"

namespace fluss_native {

// Which tiers a split reads. The values are TFlussSplitTier's.
enum class SplitTier : int32_t {
  kLakeOnly = 0,  // only lake files (the Paimon table's data files)
  kLogOnly = 1,   // only the log, between two offsets
  kHybrid = 2,    // the lake files, then the log from where the lake ends
};

// "LAKE_ONLY", "LOG_ONLY", "HYBRID", or "UNKNOWN".
FN_EXPORT const char* SplitTierName(SplitTier tier);

// Thrift's two protocols (TBinaryProtocol, strict or not on read; and
// TCompactProtocol). The bytes are the bare struct, without a message header.
enum class ThriftProtocol { kBinary, kCompact };

// Where a data file's deletion vector sits in a Paimon DV index file.
struct DeletionVectorRef {
  std::string index_path;  // the DV index file
  int64_t offset = 0;
  int64_t length = 0;      // as Paimon records it (see src/lake/paimon/deletion_vector.h)
  std::optional<int64_t> cardinality;  // deleted rows, when Paimon recorded it

  bool operator==(const DeletionVectorRef&) const = default;
};

// One Paimon data file of a split.
struct LakeFileRef {
  std::string path;           // where to open it (a local path or a file system URI)
  int64_t size_bytes = -1;    // -1: unknown (a planner that sets only the design's fields)
  int64_t row_count = -1;     // rows in the file before deletions; -1: unknown
  // The Paimon schema the file was written with: columns are matched by
  // field id through it. Unset: the split's lake_schema_id.
  std::optional<int64_t> schema_id;
  std::optional<int32_t> level;  // LSM level (primary-key tables)
  // The file's _SEQUENCE_NUMBER range (primary-key tables).
  std::optional<int64_t> min_sequence_number;
  std::optional<int64_t> max_sequence_number;
  std::optional<DeletionVectorRef> deletion_vector;

  bool operator==(const LakeFileRef&) const = default;
};

struct Split {
  // --- The Doris-Fluss design's fields (TFlussFileDesc ids 1-8, 10-14) ---
  std::string database_name;                   // 1
  std::string table_name;                      // 2
  std::optional<int64_t> table_id;             // 3
  int32_t bucket_id = -1;                      // 4: Fluss's bucket
  std::optional<std::string> partition_name;   // 5: unset for a non-partitioned table
  std::optional<int64_t> snapshot_id;          // 6: as the design's FE sets it; readers use lake_snapshot_id
  std::string bootstrap_servers;               // 7: "host:port,host:port"; empty: not set
  std::string file_format;                     // 8: the lake files' format, "parquet" or "orc"; empty: not set
  SplitTier tier = SplitTier::kLakeOnly;       // 10
  // 11 holds the paths; 26 (lake_files) the rest, element by element.
  std::vector<LakeFileRef> lake_files;
  std::optional<int64_t> lake_snapshot_id;     // 12: the Paimon snapshot the files belong to
  std::optional<int64_t> log_start_offset;     // 13: first offset to read
  std::optional<int64_t> log_end_offset;       // 14: exclusive stop offset; -1: unbounded

  // --- fluss-native's extensions (ids 20 and above) ---
  std::optional<int64_t> partition_id;         // 20
  std::optional<int32_t> schema_id;            // 21: the Fluss schema the planner saw
  std::vector<std::string> columns;            // 22: projection in output order; empty: all
  std::vector<std::string> primary_key;        // 23: empty for a log table
  std::vector<std::string> bucket_key;         // 24
  std::vector<std::string> partition_keys;     // 25
  // 26: see lake_files above.
  std::string lake_table_location;             // 27: the Paimon table's directory; empty: not set
  std::optional<int64_t> lake_schema_id;       // 28: the snapshot's schema (the shape rows are read in)
  bool lake_deletion_vectors = false;          // 29: Paimon's deletion-vectors.enabled
  std::string lake_merge_engine;               // 30: Paimon's merge-engine; empty: deduplicate
  // 31: the Paimon table is bucket-unaware (a Fluss log table without
  // bucket keys): its files mix every Fluss bucket, so a reader keeps the
  // rows whose __bucket equals bucket_id.
  bool lake_bucket_unaware = false;
  std::map<std::string, std::string> lake_options;  // 32: Paimon/file system options for the reader
  // 33: the rows to keep; on the wire its normalised text (ToString), which
  // FromThrift parses back.
  std::optional<Predicate> predicate;
  std::optional<int64_t> limit;                // 34: stop after this many rows

  bool operator==(const Split&) const = default;

  // Checks the invariants above. Errors are InvalidArgument and name the
  // field ("split db.t bucket 3: field 13 log_start_offset is missing").
  FN_EXPORT Status Validate() const;

  // Encodes as a TFlussFileDesc. Unset optionals, empty strings and empty
  // lists are left out; lake_files are written as field 11 (paths) plus
  // field 26 (the rest). Does not validate. Returns an empty string only if
  // encoding failed (out of memory, a string over 2 GiB).
  FN_EXPORT std::string ToThrift(ThriftProtocol protocol = ThriftProtocol::kBinary) const;

  // Decodes and validates a TFlussFileDesc that fills `bytes` exactly.
  // Unknown field ids are skipped. Corruption: the bytes are not a
  // TFlussFileDesc in that protocol (truncated, malformed, trailing bytes).
  // InvalidArgument: a field is missing, out of range or inconsistent.
  FN_EXPORT static Result<Split> FromThrift(std::string_view bytes,
                                            ThriftProtocol protocol = ThriftProtocol::kBinary);

  // The same when the sender's protocol is not known: tries the protocol
  // the first byte suggests (a compact field header carries a nonzero id
  // delta in its high nibble, a binary one is a type code below 16), then
  // the other. Bytes valid in both are read as the first.
  FN_EXPORT static Result<Split> FromThriftAnyProtocol(std::string_view bytes);
};

}  // namespace fluss_native
