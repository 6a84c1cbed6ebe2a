// One open scan: the library's ArrowArrayStream, the CancellationToken it
// obeys, and what has been read so far. Python pulls batches as Arrow
// PyCapsules (zero-copy: the capsule hands over the library's ArrowArray
// as is), or takes the whole stream as an "arrow_array_stream" capsule for
// an engine (DuckDB, polars) to drain.
//
// Threads: a producer thread (started at the first read) calls get_next
// and keeps up to kPrefetch batches ready, so fetching and decoding the next
// batch overlaps with Python's use of this one; the GIL is never held
// there. The consumer waits in short slices, checking for Ctrl-C: on a
// signal the scan is cancelled through its token (get_next returns within
// 100 ms) and KeyboardInterrupt is raised. One consumer at a time.
#pragma once

#include <nanobind/nanobind.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "fluss_native/arrow_c_abi.h"
#include "fluss_native/host.h"
#include "fluss_native/scan.h"
#include "fluss_native/status.h"

namespace fluss_native::python {

// What the producer thread and the consumer share; the producer's reference
// keeps it (and the library's stream) alive if the consumer stops waiting.
struct ScanState;

class Reader : public std::enable_shared_from_this<Reader> {
 public:
  // Takes over `stream` (moved out: its release is cleared).
  Reader(ArrowArrayStream* stream, std::shared_ptr<CancellationToken> cancel,
         std::shared_ptr<ScanMetrics> metrics);
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  // An "arrow_schema" capsule of the batches' schema (a struct).
  nanobind::object SchemaCapsule();
  // The next batch as an "arrow_array" capsule, or None at the end. The
  // GIL is held on entry. Raises the scan's error, or KeyboardInterrupt
  // after cancelling on Ctrl-C.
  nanobind::object Next();
  // The same as (schema capsule, array capsule), the schema exported on the
  // producer thread with the batch; or None.
  nanobind::object NextBatch();
  // The next batch's ArrowArray buffer addresses (every buffer of the tree,
  // depth first, nulls left out) alongside its capsule: (capsule, [int]),
  // or None. For tests that show batches are handed over without a copy.
  nanobind::object NextWithAddresses();
  // Hands the rest of the scan to a consumer as an "arrow_array_stream"
  // capsule; this Reader is then used up.
  nanobind::object StreamCapsule();
  // Cancels the scan from any thread: a blocked or later read fails with
  // Cancelled.
  void Cancel() { cancel_->Cancel(); }
  bool cancelled() const { return cancel_->cancelled(); }
  // Stops reading: the producer is cancelled and joined, the stream released.
  void Close();

  int64_t rows() const { return rows_.load(); }
  int64_t batches() const { return batches_.load(); }
  const std::shared_ptr<ScanMetrics>& metrics() const { return metrics_; }

  // For the exported stream: get_next without Python's error state (the
  // consumer may or may not hold the GIL). Returns an errno value, and the
  // error text in *error.
  int NextForExport(ArrowArray* out, std::string* error);
  int SchemaForExport(ArrowSchema* out, std::string* error);

 private:
  // Takes the next batch into *out (release null at the end), and its
  // schema into *schema when not null. Returns the stream's status;
  // *interrupted when Ctrl-C cancelled it.
  Status Take(ArrowArray* out, ArrowSchema* schema, bool gil_held, bool* interrupted);
  Status CheckNotExported() const;
  Status StartProducer();
  // Stops the producer (cancelling a blocked get_next) and waits for it,
  // for at most a grace period; drops what it queued.
  void StopProducer();

  std::mutex consumer_mu_;  // one consumer at a time
  std::shared_ptr<ScanState> state_;
  std::shared_ptr<CancellationToken> cancel_;
  std::shared_ptr<ScanMetrics> metrics_;
  std::atomic<int64_t> rows_{0};
  std::atomic<int64_t> batches_{0};
  std::thread producer_;
  bool exported_ = false;
  bool interrupted_ = false;  // Ctrl-C cancelled it: every later read fails
  bool closed_ = false;
  bool ended_ = false;
  Status final_status_;  // the end of the stream: OK or its error
};

// The addresses of every non-null buffer of `array` and its children
// (and dictionary), depth first.
std::vector<uintptr_t> BufferAddresses(const ArrowArray& array);

}  // namespace fluss_native::python
