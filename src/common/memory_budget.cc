#include "common/memory_budget.h"

#include <cstdlib>
#include <new>

namespace fluss_native {
namespace {
// Arrow wants 8-byte alignment at least and suggests 64.
constexpr size_t kAlignment = 64;
}  // namespace

std::shared_ptr<MemoryBudget> MemoryBudget::Create(int64_t limit, std::shared_ptr<const MemoryHook> hook) {
  return std::shared_ptr<MemoryBudget>(new (std::nothrow) MemoryBudget(limit, std::move(hook)));
}

Result<std::shared_ptr<uint8_t>> MemoryBudget::Allocate(int64_t bytes, const std::string& what) {
  if (bytes < 0) return Status::Internal("negative allocation for " + what);
  const int64_t size = bytes == 0 ? 1 : bytes;
  // Count first, so that concurrent allocations cannot overshoot together.
  const int64_t before = used_.fetch_add(size, std::memory_order_relaxed);
  if (before + size > limit_) {
    used_.fetch_sub(size, std::memory_order_relaxed);
    return Status::ResourceExhausted(what + " needs " + std::to_string(size) + " bytes, beyond the scan's memory budget of " +
                                     std::to_string(limit_) + " bytes (" + std::to_string(before) + " held)");
  }
  void* p = nullptr;
  if (hook_ && hook_->allocate) {
    p = hook_->allocate(hook_->context, static_cast<size_t>(size), kAlignment);
  } else {
    p = std::aligned_alloc(kAlignment, (static_cast<size_t>(size) + kAlignment - 1) / kAlignment * kAlignment);
  }
  if (p == nullptr) {
    used_.fetch_sub(size, std::memory_order_relaxed);
    return Status::ResourceExhausted(what + " needs " + std::to_string(size) + " bytes, which the " +
                                     (hook_ ? "host's memory hook refused" : "system could not allocate") + " (" +
                                     std::to_string(before) + " held)");
  }
  int64_t peak = peak_.load(std::memory_order_relaxed);
  while (before + size > peak && !peak_.compare_exchange_weak(peak, before + size, std::memory_order_relaxed)) {
  }
  auto self = shared_from_this();
  try {
    return std::shared_ptr<uint8_t>(static_cast<uint8_t*>(p), [self, size](uint8_t* q) { self->Free(q, size); });
  } catch (const std::bad_alloc&) {
    Free(p, size);
    return Status::ResourceExhausted("out of memory for the handle of " + what);
  }
}

void MemoryBudget::Free(void* pointer, int64_t bytes) {
  if (hook_ && hook_->allocate) {
    if (hook_->release) hook_->release(hook_->context, pointer, static_cast<size_t>(bytes));
  } else {
    std::free(pointer);
  }
  used_.fetch_sub(bytes, std::memory_order_relaxed);
}

}  // namespace fluss_native
