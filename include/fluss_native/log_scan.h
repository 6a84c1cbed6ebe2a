// Reading a table's log tier: every row of the chosen buckets between two
// offsets, as an Arrow C stream.
//
// Invariants of a scan:
//  - The stop offsets are pinned when the scan opens (by default the latest
//    offsets then), so a scan is a consistent snapshot of the log even while
//    writers keep appending.
//  - Within a bucket rows come out in offset order; each row exactly once,
//    also across leader moves and retries.
//  - Batches are decoded on the thread that calls get_next.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fluss_native/host.h"
#include "fluss_native/predicate.h"
#include "fluss_native/table_info.h"

namespace fluss_native {

struct LogScanOptions {
  // Columns to read, in output order; empty means all. Pushed to the server.
  std::vector<std::string> columns;
  // Partition names to read; nullopt means all (partitioned tables only).
  std::optional<std::vector<std::string>> partitions;
  // Buckets to read; empty means all.
  std::vector<int> buckets;
  // Where to start and stop in each bucket. Stop is exclusive.
  OffsetQuery start = OffsetQuery::Earliest();
  OffsetQuery stop = OffsetQuery::Latest();
  // Stop after this many rows (after the stop offsets are applied).
  std::optional<int64_t> limit;
  // Append __offset BIGINT, __timestamp TIMESTAMP_LTZ(3) (the batch commit
  // time), __bucket INT and __change_type STRING (+A, +I, -U, +U, -D).
  bool metadata_columns = false;
  // Bytes the server may return per fetch request, and per bucket in it.
  int32_t fetch_max_bytes = 16 << 20;
  int32_t bucket_max_bytes = 4 << 20;
  // How long a bucket may be without a reachable leader (a tablet server
  // died and its replicas are taking over) before the scan fails.
  std::chrono::milliseconds failover_timeout{60000};
  // ScanCurrentState merges the changelog by key within this many bytes of
  // memory; beyond it, sorted runs are spilled to a private directory made
  // under `spill_directory` (empty: $TMPDIR, else /tmp) and removed when
  // the stream is released.
  int64_t merge_memory_bytes = int64_t{256} << 20;
  std::string spill_directory;
  // The host's cancellation (host.h); null: not cancellable from outside.
  // Once cancelled, a blocked or later get_next returns Cancelled within
  // 100 ms, also while the scan waits out a failover or a retry backoff.
  std::shared_ptr<CancellationToken> cancel;
  // Rows to keep (predicate.h), applied exactly to every batch; `limit`
  // counts kept rows. Its columns need not be in `columns`; with
  // `metadata_columns` it may name them (__offset < 100). ScanLog only.
  std::optional<Predicate> predicate;
};

}  // namespace fluss_native
