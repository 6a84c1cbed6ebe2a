#include <gtest/gtest.h>

#include "catalog/ttl_cache.h"

namespace fluss_native::catalog {
namespace {

struct FakeClock {
  std::chrono::steady_clock::time_point now{};
  CacheClock fn() {
    return [this] { return now; };
  }
};

TEST(TtlCache, HitsUntilTtlThenReloads) {
  obs::Metrics m;
  FakeClock clock;
  TtlCache<std::string, int> cache(std::chrono::milliseconds(1000), 10, &m, clock.fn());
  int loads = 0;
  auto load = [&]() -> Result<int> { return ++loads; };
  EXPECT_EQ(*cache.GetOrLoad("t", load), 1);
  clock.now += std::chrono::milliseconds(999);
  EXPECT_EQ(*cache.GetOrLoad("t", load), 1);
  clock.now += std::chrono::milliseconds(1);
  EXPECT_EQ(*cache.GetOrLoad("t", load), 2);
  EXPECT_EQ(m.cache_hits.load(), 1u);
  EXPECT_EQ(m.cache_misses.load(), 2u);
}

TEST(TtlCache, InvalidateOneAndAll) {
  obs::Metrics m;
  FakeClock clock;
  TtlCache<std::string, int> cache(std::chrono::minutes(5), 10, &m, clock.fn());
  int loads = 0;
  auto load = [&]() -> Result<int> { return ++loads; };
  cache.GetOrLoad("a", load);
  cache.GetOrLoad("b", load);
  cache.Invalidate("a");
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_EQ(*cache.GetOrLoad("a", load), 3);
  EXPECT_EQ(*cache.GetOrLoad("b", load), 2);
  cache.Clear();
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(*cache.GetOrLoad("b", load), 4);
}

TEST(TtlCache, ErrorsAreNotCached) {
  obs::Metrics m;
  FakeClock clock;
  TtlCache<std::string, int> cache(std::chrono::minutes(5), 10, &m, clock.fn());
  bool exists = false;
  auto load = [&]() -> Result<int> {
    if (!exists) return Status::NotFound("table 'db.t' does not exist");
    return 7;
  };
  EXPECT_FALSE(cache.GetOrLoad("t", load).ok());
  exists = true;  // created a moment later
  EXPECT_EQ(*cache.GetOrLoad("t", load), 7);
}

TEST(TtlCache, EvictsOldestWhenFull) {
  obs::Metrics m;
  FakeClock clock;
  TtlCache<int, int> cache(std::chrono::minutes(5), 2, &m, clock.fn());
  for (int k : {1, 2, 3}) {
    clock.now += std::chrono::milliseconds(1);
    cache.GetOrLoad(k, [&]() -> Result<int> { return k * 10; });
  }
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_EQ(m.cache_evictions.load(), 1u);
  int reloaded = 0;
  cache.GetOrLoad(1, [&]() -> Result<int> { ++reloaded; return 10; });
  EXPECT_EQ(reloaded, 1);  // key 1 was the oldest and was evicted
}

TEST(TtlCache, ZeroTtlDisablesCaching) {
  obs::Metrics m;
  FakeClock clock;
  TtlCache<std::string, int> cache(std::chrono::milliseconds(0), 10, &m, clock.fn());
  int loads = 0;
  auto load = [&]() -> Result<int> { return ++loads; };
  cache.GetOrLoad("t", load);
  cache.GetOrLoad("t", load);
  EXPECT_EQ(loads, 2);
}

}  // namespace
}  // namespace fluss_native::catalog
