// One scan's memory budget: every data-sized buffer the scan keeps (fetched
// log records and the batches decoded from them, so far) is allocated here,
// through the host's MemoryHook when one is given (host.h), else malloc,
// and never past `limit` bytes held at once. Over the limit, or refused by
// the hook, an allocation fails with ResourceExhausted naming what it was
// for; nothing aborts. Thread-safe: buffers may be freed on any thread (an
// exported array is released wherever the host releases it), so the buffer
// handles share ownership of the budget.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "fluss_native/host.h"
#include "fluss_native/status.h"

namespace fluss_native {

class MemoryBudget : public std::enable_shared_from_this<MemoryBudget> {
 public:
  // `hook` may be null (malloc). `limit` > 0.
  static std::shared_ptr<MemoryBudget> Create(int64_t limit, std::shared_ptr<const MemoryHook> hook);

  // A buffer of `bytes`, counted until the last copy of the handle goes
  // (the handle frees it through the hook or free()). `what` names the
  // buffer's use in the error ("log records of bucket 3 of table 'db.t'").
  Result<std::shared_ptr<uint8_t>> Allocate(int64_t bytes, const std::string& what);

  int64_t limit() const { return limit_; }
  int64_t used() const { return used_.load(std::memory_order_relaxed); }
  int64_t peak() const { return peak_.load(std::memory_order_relaxed); }
  int64_t available() const { return limit_ - used(); }

 private:
  MemoryBudget(int64_t limit, std::shared_ptr<const MemoryHook> hook) : limit_(limit), hook_(std::move(hook)) {}
  void Free(void* pointer, int64_t bytes);

  const int64_t limit_;
  const std::shared_ptr<const MemoryHook> hook_;
  std::atomic<int64_t> used_{0};
  std::atomic<int64_t> peak_{0};
};

}  // namespace fluss_native
