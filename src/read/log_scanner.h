// Reads the log tier of one table: FetchLog to every bucket leader, all
// leaders in flight at once and waited on by the calling thread (the scanner
// starts no thread of its own), each bucket bounded to [start, stop) with the
// stop offsets pinned at open. Produces struct arrays of the requested
// columns (and optional metadata columns) in the requested order.
//
// Leader moves and server failures are retried: the bucket's leader is
// looked up again and the fetch resumes at the bucket's next offset, so no
// row is lost or repeated.
#pragma once

#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cluster/gateway.h"
#include "common/interruptible_wait.h"
#include "common/memory_budget.h"
#include "fluss_native/catalog.h"
#include "fluss_native/log_scan.h"
#include "fluss_native/predicate.h"
#include "fluss_native/scan.h"
#include "format/arrow/c_export.h"
#include "format/logbatch/log_batch_reader.h"
#include "rpc/messages/fetch_log.h"

namespace fluss_native::read {

// A part of a remote log segment still to read: the server answered a fetch
// with segment locations instead of records.
struct RemoteRead {
  std::string path;       // the segment's .log file
  int64_t position = 0;   // next byte to read
  int64_t size = 0;       // the segment's size in bytes
};

struct BucketCursor {
  std::optional<int64_t> partition_id;
  std::string partition_name;
  int bucket = 0;
  int64_t next_offset = 0;  // first offset not yet emitted
  int64_t stop_offset = 0;  // exclusive
  int leader = -1;
  int empty_fetches = 0;
  // What magic 1 means in this bucket's batches: from the leader's
  // ApiVersions (rpc/server_features.h), 0.9's layout until one answered.
  logbatch::V1Layout v1_layout = logbatch::V1Layout::kLeaderEpoch;
  std::deque<RemoteRead> remote;  // read before fetching from the server again

  bool done() const { return next_offset >= stop_offset; }
  std::string Describe(const TablePath& table) const;
};

// Scan options only readers inside the library use.
struct LogScanInternalOptions {
  // Append __change_kind TINYINT, each record's change-type byte
  // (logbatch::ChangeType), for readers that apply the changelog by key
  // without parsing __change_type strings back.
  bool change_kind_column = false;
  // A split's pinned range [start, stop) instead of the options' offset
  // queries, for every selected bucket (a split selects one): no offsets are
  // asked of the server, so a split reads the same rows wherever it is read.
  std::optional<int64_t> fixed_start;
  std::optional<int64_t> fixed_stop;
  // Where fetched bytes and decoded rows are counted; null: not counted.
  std::shared_ptr<ScanMetrics> metrics;
  // The scan's memory budget: fetched records and the batches decoded from
  // them live in its buffers (the host's hook's, when given), and fetch
  // sizes are capped to a quarter of it; null: unbounded, no copy.
  std::shared_ptr<MemoryBudget> budget;
  // Names the scan in budget errors ("split LOG_ONLY of table 'db.t' bucket 0").
  std::string scan_description;
  // The predicate the caller filters the rows by afterwards: batches whose
  // statistics prove no row matches are skipped (log_batch_prune.h). Only
  // for reads that filter every row on its own (not a keyed merge).
  std::shared_ptr<const Predicate> prune_by;
};

class LogScanner {
 public:
  // The scanner shares ownership of `gateway` and `catalog` (the Client's;
  // see client/client_core.h): a stream may outlive its Client.
  static Result<std::unique_ptr<LogScanner>> Open(std::shared_ptr<cluster::Gateway> gateway,
                                                  std::shared_ptr<Catalog> catalog, const TablePath& table,
                                                  const LogScanOptions& options, LogScanInternalOptions internal = {});

  // The type of every batch: a ROW of the output columns.
  const DataType& output_type() const { return output_type_; }
  // The next non-empty batch into `*out`, or false at the end of the scan.
  Result<bool> Next(ArrowArray* out);

  const std::vector<BucketCursor>& cursors() const { return cursors_; }

  // From any thread: the scan stops at its next round, and a backoff pause
  // in progress ends now; Next() then returns Cancelled.
  void Cancel() { backoff_.Interrupt(); }
  bool cancelled() const { return backoff_.interrupted() || (options_.cancel && options_.cancel->cancelled()); }

 private:
  LogScanner(std::shared_ptr<cluster::Gateway> gateway, std::shared_ptr<Catalog> catalog, LogScanOptions options,
             LogScanInternalOptions internal)
      : gateway_(std::move(gateway)), catalog_(std::move(catalog)), options_(std::move(options)), internal_(internal) {}
  Status Plan(const TablePath& table);
  Status FetchRound();
  // One bucket's records from a FetchLog response; the decoded arrays point
  // into the response body (zero-copy) and keep it alive.
  Status HandleBucket(BucketCursor* cursor, const rpc::messages::FetchLogResponse& response,
                      const rpc::messages::FetchLogBucketResult& bucket);
  // Reads one chunk (at most bucket_max_bytes, more only for a larger batch)
  // of the cursor's first pending remote segment.
  Status ReadRemoteChunk(BucketCursor* cursor);
  // `positions` maps output columns to the batch's children: server-projected
  // batches hold only the projected fields, remote segments hold all.
  Status EmitBatch(BucketCursor* cursor, logbatch::LogBatch& batch, const std::vector<int>& positions);
  // Counts a batch read, and whether it was decoded, in the scan metrics.
  void CountBatch(const logbatch::LogBatch& batch);
  Status RefreshLeaders();
  Status Cancelled() const;
  // The backoff between failed rounds: true when cancelled meanwhile (by
  // Cancel() at once, by the options' token within kCancelPollInterval).
  bool PauseCancelled(std::chrono::milliseconds pause);
  // The per-bucket byte cap of the next FetchLog (smaller under a LIMIT).
  int32_t BucketFetchBytes() const;
  // The most bytes one fetch may ask for under the memory budget.
  int64_t FetchCap() const;
  // The scan's name in errors: the split's description, else the table's.
  std::string ScanName() const;

  std::shared_ptr<cluster::Gateway> gateway_;
  std::shared_ptr<Catalog> catalog_;
  const LogScanOptions options_;
  const LogScanInternalOptions internal_;
  std::shared_ptr<const TableInfo> table_;
  std::vector<int> projected_fields_;  // table field indices, ascending (wire order)
  std::vector<int> output_positions_;  // per requested column: its index in the wire order
  std::vector<int> wanted_fields_;     // per requested column: its table field index
  DataType output_type_;
  logbatch::LogReadContext context_;         // server fetches (maybe projected)
  logbatch::LogReadContext remote_context_;  // remote segments: all columns, CRC checked
  // prune_by as Fluss 1.0's FetchLog filter (read/server_filter.h), sent
  // only to leaders whose ApiVersions say they take it; unset: nothing pushable.
  std::optional<rpc::messages::FilterPredicate> server_filter_;
  std::vector<BucketCursor> cursors_;
  std::deque<arrow::UniqueArrowArray> ready_;
  int64_t emitted_rows_ = 0;
  int failed_rounds_ = 0;  // consecutive rounds with a retriable failure
  std::chrono::steady_clock::time_point first_failure_;
  // The pause between failed rounds, on the caller's thread; interruptible
  // so that a cancellation of the scan need not wait out the backoff.
  InterruptibleWait backoff_;
};

}  // namespace fluss_native::read
