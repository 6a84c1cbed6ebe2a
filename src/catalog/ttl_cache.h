// A small thread-safe cache whose entries expire `ttl` after they were
// loaded (seed §6.2: expire-after-write). When full, the entry loaded
// earliest is evicted. The clock is injectable so tests can move time.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>

#include "fluss_native/status.h"
#include "obs/metrics.h"

namespace fluss_native::catalog {

using CacheClock = std::function<std::chrono::steady_clock::time_point()>;

template <typename K, typename V>
class TtlCache {
 public:
  TtlCache(std::chrono::milliseconds ttl, size_t max_entries, obs::Metrics* metrics,
           CacheClock clock = [] { return std::chrono::steady_clock::now(); })
      : ttl_(ttl), max_entries_(max_entries), metrics_(metrics), clock_(std::move(clock)) {}

  // The cached value if fresh; otherwise runs `load` (outside the lock, so a
  // slow server does not block other keys) and caches a successful result.
  // Errors are never cached: a table created a moment later must be found.
  Result<V> GetOrLoad(const K& key, const std::function<Result<V>()>& load) {
    if (auto hit = Lookup(key)) {
      metrics_->cache_hits.fetch_add(1);
      return *hit;
    }
    metrics_->cache_misses.fetch_add(1);
    Result<V> loaded = load();
    if (loaded.ok() && ttl_.count() > 0) Insert(key, *loaded);
    return loaded;
  }

  void Invalidate(const K& key) {
    std::lock_guard<std::mutex> lock(mu_);
    entries_.erase(key);
  }
  // Drops every entry whose key satisfies `pred`.
  void InvalidateIf(const std::function<bool(const K&)>& pred) {
    std::lock_guard<std::mutex> lock(mu_);
    for (auto it = entries_.begin(); it != entries_.end();) {
      it = pred(it->first) ? entries_.erase(it) : std::next(it);
    }
  }
  void Clear() {
    std::lock_guard<std::mutex> lock(mu_);
    entries_.clear();
  }
  size_t size() const {
    std::lock_guard<std::mutex> lock(mu_);
    return entries_.size();
  }

 private:
  struct Entry {
    V value;
    std::chrono::steady_clock::time_point loaded_at;
  };

  std::optional<V> Lookup(const K& key) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    if (clock_() - it->second.loaded_at >= ttl_) {
      entries_.erase(it);
      return std::nullopt;
    }
    return it->second.value;
  }

  void Insert(const K& key, const V& value) {
    std::lock_guard<std::mutex> lock(mu_);
    if (entries_.size() >= max_entries_ && entries_.find(key) == entries_.end()) {
      auto oldest = entries_.begin();
      for (auto it = entries_.begin(); it != entries_.end(); ++it) {
        if (it->second.loaded_at < oldest->second.loaded_at) oldest = it;
      }
      entries_.erase(oldest);
      metrics_->cache_evictions.fetch_add(1);
    }
    entries_[key] = Entry{value, clock_()};
  }

  const std::chrono::milliseconds ttl_;
  const size_t max_entries_;
  obs::Metrics* metrics_;
  CacheClock clock_;
  mutable std::mutex mu_;
  std::map<K, Entry> entries_;
};

}  // namespace fluss_native::catalog
