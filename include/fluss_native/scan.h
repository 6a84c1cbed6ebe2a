// One query over both tiers: what to read (ScanSpec), how it was planned
// (ScanPlan: splits per partition, bucket and tier), and the reasons for any
// fallback the planner took.
//
// A plan is a consistent snapshot: the lake snapshot and the log stop
// offsets are pinned when it is made, so its splits read the same rows
// whenever and wherever they are opened (as long as the log still holds
// them). Each split is self-contained (see split.h): a plan made in one
// process can be read by others.
//
// Union read, as Fluss's own Flink connector does it:
//  - a log table is the lake snapshot's rows plus, per bucket, the log from
//    the lake snapshot's offset to the stop offset: every row exactly once;
//  - a primary-key table is, per bucket, the lake snapshot's merged state
//    with the changelog tail applied after it in offset order (+I/+U put,
//    -U/-D delete, the last write wins).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fluss_native/export.h"
#include "fluss_native/host.h"
#include "fluss_native/predicate.h"
#include "fluss_native/split.h"
#include "fluss_native/table_info.h"

namespace fluss_native {

enum class ScanTier {
  // Union read where the table has a readable lake snapshot, else the log
  // alone; every fallback is listed in the plan.
  kAuto,
  kLog,    // the log tier alone (a primary-key table: its changelog applied by key)
  kLake,   // the lake tier alone, at one lake snapshot
  kUnion,  // both tiers, or an error: never falls back
};

// "auto", "log", "lake", "union".
FN_EXPORT const char* ScanTierName(ScanTier tier);

// What reading a scan's splits did, counted while they are read (EXPLAIN
// ANALYZE): a host passes one in SplitReadOptions::metrics and reads it when
// the stream is drained. Counters only grow; several streams may share one.
struct ScanMetrics {
  std::atomic<int64_t> log_bytes_fetched{0};  // FetchLog response bytes (and remote log chunks)
  std::atomic<int64_t> log_rows{0};           // rows decoded from the log
  std::atomic<int64_t> lake_bytes_read{0};    // bytes read from lake data files
  std::atomic<int64_t> lake_rows{0};          // rows read from lake files (before filters)
  std::atomic<int64_t> lake_files_opened{0};
  // Row groups of the lake files opened, and those kept by their statistics.
  std::atomic<int64_t> row_groups_total{0};
  std::atomic<int64_t> row_groups_kept{0};
  // Of those skipped, the ones skipped by a dictionary (every value fails).
  std::atomic<int64_t> row_groups_pruned_by_dictionary{0};
  // Pages of the predicate's columns, by the page index (ColumnIndex), in
  // row groups the statistics kept: all of them, and those whose rows the
  // page bounds do not rule out. A row group with no such page is skipped
  // (counted as not kept). Within a kept row group, only the rows of kept
  // pages are read: see pages_skipped and rows_skipped.
  std::atomic<int64_t> pages_total{0};
  std::atomic<int64_t> pages_kept{0};
  // Log batches read, and those decoded: the rest were skipped by their
  // statistics (Fluss 1.0 batches of tables with `table.statistics.columns`).
  std::atomic<int64_t> log_batches_total{0};
  std::atomic<int64_t> log_batches_kept{0};
  // Within kept row groups: pages of the projected columns not read or not
  // decoded (outside every row range the predicate's pages keep, or in a
  // batch whose predicate columns, decoded first, hold no match: late
  // materialisation), and rows skipped for those reasons.
  std::atomic<int64_t> pages_skipped{0};
  std::atomic<int64_t> rows_skipped{0};

  // --- The per-scan profile (Doris-style profile counters) ---------------
  // Wall time spent in the splits' readers, by what they read (nanoseconds):
  //  FlussLogReadTime: LOG_ONLY splits of a log-only read;
  //  FlussLakeReadTime: LAKE_ONLY splits, and a HYBRID split's lake files;
  //  FlussUnionTailReadTime: the log tail of a union read (a LOG_ONLY split
  //  that follows a lake snapshot, i.e. has lake_snapshot_id; a HYBRID
  //  split's changelog tail and its keyed merge).
  std::atomic<int64_t> log_read_time_ns{0};
  std::atomic<int64_t> lake_read_time_ns{0};
  std::atomic<int64_t> union_tail_read_time_ns{0};
  // Rows the splits returned (after their predicate and limit), by split
  // tier: their sum is the rows the scan returned.
  std::atomic<int64_t> rows_returned_log_only{0};
  std::atomic<int64_t> rows_returned_lake_only{0};
  std::atomic<int64_t> rows_returned_hybrid{0};
  // Splits with lake files that were read to the end: kept when they
  // returned rows, suppressed when their files' statistics, the predicate
  // or a limit left them nothing to return.
  std::atomic<int64_t> lake_splits_kept{0};
  std::atomic<int64_t> lake_splits_suppressed{0};
  // Bytes decompressed: the uncompressed size of the lake files' column
  // chunks in the row groups read (Parquet's total_uncompressed_size).
  // Fetched bytes are log_bytes_fetched and lake_bytes_read above.
  std::atomic<int64_t> bytes_decompressed{0};
  // Fetch rounds retried after a lost leader or server (failovers).
  std::atomic<int64_t> retries{0};
  // The most memory one split's budget held at once (MemoryBudget's peak).
  std::atomic<int64_t> memory_high_water_bytes{0};
  // --- end of the per-scan profile ---------------------------------------
};

// How splits are read (the same for a split from Plan or from a host).
struct SplitReadOptions {
  // Bytes a primary-key merge (a lake bucket with its changelog tail) may
  // hold before it spills sorted runs to `spill_directory`; no cap on rows.
  int64_t memory_budget_bytes = 256ll << 20;
  // Where spill runs go (a private directory is made under it and removed
  // with the stream); empty: $TMPDIR, else /tmp.
  std::string spill_directory;
  // The host's cancellation (host.h); null: not cancellable from outside.
  std::shared_ptr<CancellationToken> cancel;
  // The host's allocator for memory that grows with data (host.h); null:
  // malloc, with memory_budget_bytes enforced.
  std::shared_ptr<const MemoryHook> memory_hook;
  // Where the readers count what they did; null: not counted.
  std::shared_ptr<ScanMetrics> metrics;
};

struct ScanSpec {
  // Columns in output order; empty means every column of the table.
  std::vector<std::string> columns;
  // Rows to keep (see predicate.h): checked against the table when the scan
  // is planned, applied exactly on every tier. Columns it reads need not be
  // in `columns`.
  std::optional<Predicate> predicate;
  // Stop after this many rows in all.
  std::optional<int64_t> limit;
  // Partition names to read; nullopt means all (partitioned tables only).
  std::optional<std::vector<std::string>> partitions;
  // Buckets to read; empty means all.
  std::vector<int> buckets;
  ScanTier tier = ScanTier::kAuto;
  // The lake snapshot to read (FOR VERSION AS OF); nullopt: the readable one.
  std::optional<int64_t> snapshot_id;
  // The table as it was at this time (FOR TIMESTAMP AS OF, epoch millis):
  // the log stops at the offsets of that time, the lake part is the newest
  // lake snapshot at or below them. Excludes snapshot_id.
  std::optional<int64_t> as_of_timestamp_ms;
  // Bytes a log table's lake split aims at (large buckets are split by
  // files). Primary-key buckets are never split: one key merge each.
  int64_t target_split_bytes = 128ll << 20;
  SplitReadOptions read;
};

// A decision that changed what is read, and why. `scope` names the table,
// partition or bucket it applies to.
struct PlanFallback {
  std::string scope;
  std::string reason;
};

// The pinned log range of one bucket.
struct PlannedLogRange {
  std::optional<int64_t> partition_id;
  std::string partition_name;
  int bucket = 0;
  int64_t lake_offset = -1;  // where the lake snapshot ends in this bucket; -1: nothing tiered
  int64_t start_offset = 0;  // first log offset the plan reads
  int64_t stop_offset = 0;   // exclusive, pinned at planning
};

// What pruning kept of what a plan could read: `kept` of `total`.
struct PruneCount {
  int64_t kept = 0;
  int64_t total = 0;
};

// The plan's pruning by the predicate (partitions, lake files) and by the
// spec's bucket selection. Row groups and pages are pruned when files are
// read: see ScanMetrics (plan readers count them).
struct ScanPruning {
  PruneCount partitions;  // partitions (Fluss's and the lake's), partitioned tables only
  PruneCount buckets;     // Fluss buckets, per partition
  PruneCount lake_files;  // lake data files
};

struct ScanPlan {
  TablePath table;
  int64_t table_id = -1;
  bool primary_key = false;
  ScanTier requested_tier = ScanTier::kAuto;
  // The tier actually read: kUnion, kLog or kLake (never kAuto).
  ScanTier tier = ScanTier::kLog;
  std::optional<int64_t> lake_snapshot_id;
  ScanPruning pruning;
  // COUNT(*) of this plan when metadata alone gives it exactly (a log
  // table without a predicate: lake row counts less deletion vectors, plus
  // each bucket's log offsets stop - start), capped by the limit; else
  // nullopt (a count must read rows).
  std::optional<int64_t> metadata_row_count;
  // A point lookup: when the predicate pins the whole primary key with = or
  // IN (and the scan reads the current state: tier auto, no snapshot or
  // time), these keys (full primary keys in primary-key order, partition
  // columns included; possibly none) are what Client::Scan asks Fluss's
  // Lookup RPC for, the predicate then applied to the rows found. The splits
  // are still planned, for hosts that read splits.
  std::optional<std::vector<std::vector<Literal>>> lookup_keys;
  std::vector<PlannedLogRange> log_ranges;
  std::vector<Split> splits;
  std::vector<PlanFallback> fallbacks;
  std::vector<std::string> columns;  // the output columns, in order
  std::optional<Predicate> predicate;  // type-checked against the table
  std::optional<int64_t> limit;

  FN_EXPORT int64_t lake_files() const;
  FN_EXPORT int64_t lake_bytes() const;
  // EXPLAIN's text: the lake snapshot, the splits per tier, the pinned
  // offsets, lake files and bytes, the fallbacks with their reasons, and a
  // line in the spirit of Doris's `flussScan:`.
  FN_EXPORT std::string Explain() const;
};

}  // namespace fluss_native
