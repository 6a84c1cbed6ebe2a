// What a host engine hands a scan so that the scan obeys the host's rules:
// its cancellation and its memory accounting. Both are per scan (per
// stream), passed in SplitReadOptions (scan.h).
//
// Threads: the library starts no threads for a scan; the host's thread that
// calls get_next does the work. (The only library threads are the
// connections' readers, one per server connection of a Client.)
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>

#include "fluss_native/export.h"

namespace fluss_native {

// Cancels the scans that hold it. Thread-safe: Cancel() may be called from
// any thread at any time, any number of times. Once cancelled, a blocked or
// later get_next of such a scan returns a Cancelled error within 100 ms,
// whatever it waits on (a fetch, a failover, a retry backoff, a merge), and
// every get_next after that returns the same error.
class FN_EXPORT CancellationToken {
 public:
  void Cancel() { cancelled_.store(true, std::memory_order_release); }
  bool cancelled() const { return cancelled_.load(std::memory_order_acquire); }

 private:
  std::atomic<bool> cancelled_{false};
};

// A host's allocator for the memory that grows with data (fetch buffers and
// queued batches, remote-segment chunks, decoded batches, merge state), in
// the style of a Doris MemTracker. `allocate` returns nullptr to refuse (the
// host's limit): the scan then fails with ResourceExhausted naming the split,
// it never aborts. `release` gets back exactly what `allocate` gave, with the
// same size. Both may be called from any thread that drives the scan and
// from a connection's reader thread, so they must be thread-safe. `context`
// is passed back as is. The hook must outlive every scan that uses it
// (every array those scans exported, too: arrays keep their buffers).
struct MemoryHook {
  void* context = nullptr;
  void* (*allocate)(void* context, size_t bytes, size_t alignment) = nullptr;
  void (*release)(void* context, void* pointer, size_t bytes) = nullptr;
};

}  // namespace fluss_native
