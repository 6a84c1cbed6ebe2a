#include "common/interruptible_wait.h"

#include <gtest/gtest.h>

#include <thread>

namespace fluss_native {
namespace {

using Clock = std::chrono::steady_clock;

TEST(InterruptibleWait, WaitsUntilTheDeadline) {
  InterruptibleWait wait;
  auto start = Clock::now();
  EXPECT_FALSE(wait.WaitFor(std::chrono::milliseconds(50)));
  EXPECT_GE(Clock::now() - start, std::chrono::milliseconds(50));
}

TEST(InterruptibleWait, InterruptWakesAWaiterAndLaterWaits) {
  InterruptibleWait wait;
  auto start = Clock::now();
  std::thread other([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    wait.Interrupt();
  });
  EXPECT_TRUE(wait.WaitFor(std::chrono::seconds(30)));
  other.join();
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(10));
  EXPECT_TRUE(wait.interrupted());
  start = Clock::now();
  EXPECT_TRUE(wait.WaitFor(std::chrono::seconds(30)));  // at once
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(1));
}

}  // namespace
}  // namespace fluss_native
