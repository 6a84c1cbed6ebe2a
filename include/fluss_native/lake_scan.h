// Reading a table's lake tier: the Paimon table that Fluss's tiering
// service writes, read natively (Paimon metadata, our own Parquet reader).
//
// Invariants of a lake scan:
//  - It reads exactly one Paimon snapshot, chosen when the scan opens: the
//    table's readable lake snapshot (the one whose log offsets Fluss
//    records) unless `snapshot_id` asks for another.
//  - Rows are what Paimon returns for that snapshot: a primary-key table
//    comes out merged (one row per key, the highest sequence number wins,
//    deletes removed), deletion vectors applied.
//  - The columns are the Paimon table's: the Fluss columns, then Fluss's
//    system columns __bucket INT, __offset BIGINT and __timestamp
//    TIMESTAMP_LTZ(3) where the tiering version writes them.
//  - Memory: an append table streams file by file; a primary-key bucket is
//    merged by key within `merge_memory_bytes`, spilling sorted runs to disk
//    beyond it.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fluss_native/host.h"
#include "fluss_native/export.h"
#include "fluss_native/predicate.h"
#include "fluss_native/table_info.h"

namespace fluss_native {

struct LakeScanOptions {
  // Columns to read, in output order; empty means all of the lake table's.
  std::vector<std::string> columns;
  // Fluss partition names to read; nullopt means all.
  std::optional<std::vector<std::string>> partitions;
  // Fluss buckets to read; empty means all.
  std::vector<int> buckets;
  // The Paimon snapshot to read; nullopt means the readable lake snapshot.
  std::optional<int64_t> snapshot_id;
  // Stop after this many rows.
  std::optional<int64_t> limit;
  // Rows per output batch (at most).
  int64_t batch_size = 8192;
  // Memory for merging one primary-key bucket; beyond it, sorted runs are
  // spilled to a private directory made under `spill_directory` (empty:
  // $TMPDIR, else /tmp) and removed when the bucket is done or the stream
  // is released.
  int64_t merge_memory_bytes = int64_t{256} << 20;
  std::string spill_directory;
  // The host's cancellation (host.h); null: not cancellable from outside.
  // Looked at between files, batches and merge steps.
  std::shared_ptr<CancellationToken> cancel;
  // Rows to keep (predicate.h), applied exactly to every batch (after a
  // primary-key merge); `limit` counts kept rows. Its columns need not be in
  // `columns`. Row groups and pages are not pruned by it here (Plan does).
  std::optional<Predicate> predicate;
};

// Files of one partition and bucket of a lake snapshot.
struct LakeBucketFiles {
  std::string partition_name;  // empty for a non-partitioned table
  int bucket = 0;              // Paimon's bucket (Fluss's when the table has bucket keys)
  int64_t files = 0;
  int64_t bytes = 0;
  int64_t rows = 0;            // as recorded in metadata, before merging
};

struct LakeSnapshotInfo {
  int64_t snapshot_id = -1;
  int64_t schema_id = -1;
  std::string commit_kind;
  int64_t time_millis = 0;
  std::string table_location;  // the Paimon table's directory
  bool primary_key = false;
  bool deletion_vectors = false;
  std::vector<Column> columns;  // the lake table's columns (of the snapshot's schema)
  std::vector<LakeBucketFiles> buckets;
};

}  // namespace fluss_native
