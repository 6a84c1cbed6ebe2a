// MemoryBudget: allocations go through the host's hook (or malloc), never
// past the limit; over it, or refused by the hook, ResourceExhausted naming
// the use; a buffer freed on another thread, after the budget's owner is
// gone, goes back to the hook with its size.
#include <gtest/gtest.h>

#include <cstdlib>
#include <thread>

#include "common/memory_budget.h"

namespace fluss_native {
namespace {

struct Tracker {
  int64_t held = 0;
  int64_t refuse_above = 1 << 30;
  int allocations = 0;
  int releases = 0;
  static void* Allocate(void* c, size_t bytes, size_t alignment) {
    auto* t = static_cast<Tracker*>(c);
    if (t->held + static_cast<int64_t>(bytes) > t->refuse_above) return nullptr;
    t->held += static_cast<int64_t>(bytes);
    ++t->allocations;
    EXPECT_EQ(alignment % 8, 0u);
    return std::aligned_alloc(alignment, (bytes + alignment - 1) / alignment * alignment);
  }
  static void Release(void* c, void* p, size_t bytes) {
    auto* t = static_cast<Tracker*>(c);
    t->held -= static_cast<int64_t>(bytes);
    ++t->releases;
    std::free(p);
  }
};

std::shared_ptr<const MemoryHook> HookOf(Tracker* t) {
  auto h = std::make_shared<MemoryHook>();
  h->context = t;
  h->allocate = &Tracker::Allocate;
  h->release = &Tracker::Release;
  return h;
}

TEST(MemoryBudget, AllocatesThroughTheHookWithinTheLimit) {
  Tracker tracker;
  auto budget = MemoryBudget::Create(1000, HookOf(&tracker));
  auto a = budget->Allocate(600, "batch a");
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(tracker.held, 600);
  auto b = budget->Allocate(500, "log records of bucket 3 of table 'db.t'");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(b.status().message().find("log records of bucket 3 of table 'db.t' needs 500 bytes"), std::string::npos)
      << b.status().ToString();
  EXPECT_NE(b.status().message().find("budget of 1000 bytes (600 held)"), std::string::npos) << b.status().ToString();
  EXPECT_EQ(tracker.allocations, 1);  // the hook is not asked past the limit
  a->reset();
  EXPECT_EQ(tracker.held, 0);
  EXPECT_EQ(budget->used(), 0);
  EXPECT_EQ(budget->peak(), 600);
  EXPECT_TRUE(budget->Allocate(1000, "all of it").ok());
}

TEST(MemoryBudget, HookRefusalIsResourceExhausted) {
  Tracker tracker;
  tracker.refuse_above = 100;
  auto budget = MemoryBudget::Create(1 << 20, HookOf(&tracker));
  auto a = budget->Allocate(200, "merge batch");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(a.status().message().find("host's memory hook refused"), std::string::npos) << a.status().ToString();
  EXPECT_EQ(budget->used(), 0);
}

TEST(MemoryBudget, BufferOutlivesItsOwnerAndIsFreedOnAnotherThread) {
  Tracker tracker;
  std::shared_ptr<uint8_t> buffer;
  {
    auto budget = MemoryBudget::Create(4096, HookOf(&tracker));
    auto a = budget->Allocate(4096, "x");
    ASSERT_TRUE(a.ok());
    buffer = *a;
  }
  std::thread([b = std::move(buffer)]() mutable { b.reset(); }).join();
  EXPECT_EQ(tracker.releases, 1);
  EXPECT_EQ(tracker.held, 0);
}

TEST(MemoryBudget, WithoutAHookUsesMalloc) {
  auto budget = MemoryBudget::Create(100, nullptr);
  auto a = budget->Allocate(100, "x");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a->get()) % 64, 0u);
  EXPECT_FALSE(budget->Allocate(1, "y").ok());
}

}  // namespace
}  // namespace fluss_native
