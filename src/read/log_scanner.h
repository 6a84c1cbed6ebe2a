// Reads the log tier of one table: FetchLog to every bucket leader, all
// leaders in flight at once, each bucket bounded to [start, stop) with the
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

#include "client/gateway.h"
#include "fluss_native/catalog.h"
#include "fluss_native/log_scan.h"
#include "format/arrow/c_export.h"
#include "format/logbatch/log_batch_reader.h"

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
  std::deque<RemoteRead> remote;  // read before fetching from the server again

  bool done() const { return next_offset >= stop_offset; }
  std::string Describe(const TablePath& table) const;
};

class LogScanner {
 public:
  // The scanner shares ownership of `gateway` and `catalog` (the Client's;
  // see client/client_core.h): a stream may outlive its Client.
  static Result<std::unique_ptr<LogScanner>> Open(std::shared_ptr<client::Gateway> gateway,
                                                  std::shared_ptr<Catalog> catalog, const TablePath& table,
                                                  const LogScanOptions& options);

  // The type of every batch: a ROW of the output columns.
  const DataType& output_type() const { return output_type_; }
  // The next non-empty batch into `*out`, or false at the end of the scan.
  Result<bool> Next(ArrowArray* out);

  const std::vector<BucketCursor>& cursors() const { return cursors_; }

 private:
  LogScanner(std::shared_ptr<client::Gateway> gateway, std::shared_ptr<Catalog> catalog, LogScanOptions options)
      : gateway_(std::move(gateway)), catalog_(std::move(catalog)), options_(std::move(options)) {}
  Status Plan(const TablePath& table);
  Status FetchRound();
  // `records` is one bucket's bytes from a FetchLog response; the decoded
  // arrays point into it (zero-copy) and keep it alive.
  Status HandleBucket(BucketCursor* cursor, std::string records);
  // Reads one chunk (at most bucket_max_bytes, more only for a larger batch)
  // of the cursor's first pending remote segment.
  Status ReadRemoteChunk(BucketCursor* cursor);
  // `positions` maps output columns to the batch's children: server-projected
  // batches hold only the projected fields, remote segments hold all.
  Status EmitBatch(BucketCursor* cursor, logbatch::LogBatch& batch, const std::vector<int>& positions);
  Status RefreshLeaders();

  std::shared_ptr<client::Gateway> gateway_;
  std::shared_ptr<Catalog> catalog_;
  const LogScanOptions options_;
  std::shared_ptr<const TableInfo> table_;
  std::vector<int> projected_fields_;  // table field indices, ascending (wire order)
  std::vector<int> output_positions_;  // per requested column: its index in the wire order
  std::vector<int> wanted_fields_;     // per requested column: its table field index
  DataType output_type_;
  logbatch::LogReadContext context_;         // server fetches (maybe projected)
  logbatch::LogReadContext remote_context_;  // remote segments: all columns, CRC checked
  std::vector<BucketCursor> cursors_;
  std::deque<arrow::UniqueArrowArray> ready_;
  int64_t emitted_rows_ = 0;
  int failed_rounds_ = 0;  // consecutive rounds with a retriable failure
  std::chrono::steady_clock::time_point first_failure_;
};

}  // namespace fluss_native::read
