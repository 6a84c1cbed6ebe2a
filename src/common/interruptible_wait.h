// A wait with a deadline that another thread can cut short: the one way the
// library pauses on a caller's thread (e.g. a scan's backoff between failed
// fetch rounds), so that a cancellation can wake it instead of leaving the
// host's thread asleep in sleep_for.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

namespace fluss_native {

class InterruptibleWait {
 public:
  using Clock = std::chrono::steady_clock;

  // Blocks until `deadline` or Interrupt(). Returns true when interrupted;
  // after Interrupt() every wait returns true at once.
  bool WaitUntil(Clock::time_point deadline) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_until(lock, deadline, [this] { return interrupted_; });
  }
  bool WaitFor(Clock::duration duration) { return WaitUntil(Clock::now() + duration); }

  // Wakes the current waiter, if any, and every later one. Thread-safe.
  void Interrupt() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      interrupted_ = true;
    }
    cv_.notify_all();
  }

  bool interrupted() const {
    std::lock_guard<std::mutex> lock(mu_);
    return interrupted_;
  }

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool interrupted_ = false;
};

}  // namespace fluss_native
