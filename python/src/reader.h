// One open scan: the library's ArrowArrayStream, the CancellationToken it
// obeys, and what has been read so far. Python pulls batches as Arrow
// PyCapsules (zero-copy: the capsule hands over the library's ArrowArray
// as is), or takes the whole stream as an "arrow_array_stream" capsule for
// an engine (DuckDB, polars) to drain.
//
// Threads: one batch is read at a time (a second concurrent reader gets an
// error rather than racing the stream). The GIL is released while a batch
// is fetched and decoded; Ctrl-C cancels the scan (interruptible.h).
#pragma once

#include <nanobind/nanobind.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "fluss_native/arrow_c_abi.h"
#include "fluss_native/host.h"
#include "fluss_native/scan.h"
#include "fluss_native/status.h"

namespace fluss_native::python {

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
  // Releases the stream now (later reads fail).
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
  // Reads one batch into *out (release null at the end). Returns the
  // stream's status; *interrupted when Ctrl-C cancelled it.
  Status ReadOne(ArrowArray* out, bool gil_held, bool* interrupted);
  Status CheckNotExported() const;

  std::mutex mu_;  // one read at a time
  ArrowArrayStream stream_{};
  std::shared_ptr<CancellationToken> cancel_;
  std::shared_ptr<ScanMetrics> metrics_;
  std::atomic<int64_t> rows_{0};
  std::atomic<int64_t> batches_{0};
  bool exported_ = false;
  bool interrupted_ = false;              // Ctrl-C cancelled it: every later read fails
  std::atomic<bool> in_flight_{false};    // a helper thread is in get_next
};

// The addresses of every non-null buffer of `array` and its children
// (and dictionary), depth first.
std::vector<uintptr_t> BufferAddresses(const ArrowArray& array);

}  // namespace fluss_native::python
