// A scan's CancellationToken reaches the catalog calls the scan makes
// (issue 11): a metadata call waiting out a retry backoff, or waiting for an
// answer that never comes, returns Cancelled soon after Cancel() from
// another thread, not after the backoff or the request timeout. No Fluss
// server is needed: the peers are a closed port (every attempt refused,
// retriable) and a loopback socket that never answers.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "catalog/catalog_impl.h"
#include "cluster/gateway.h"
#include "obs/metrics.h"
#include "rpc/retry.h"
#include "unit/rpc_misbehaving_server.h"

namespace fluss_native {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// A loopback port nothing listens on (bound, then closed).
Endpoint ClosedPort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return Endpoint{"127.0.0.1", ntohs(addr.sin_port)};
}

struct Timed {
  Status status;
  milliseconds blocked{0};          // from the call to its return
  milliseconds after_cancel{0};     // from Cancel() to the return
};

// Runs GetTable on `catalog`, cancelling `token` after `cancel_after`.
Timed GetTableCancelledAfter(Catalog* catalog, CancellationToken* token, milliseconds cancel_after) {
  std::atomic<Clock::rep> cancelled_at{0};
  std::thread canceller([&] {
    std::this_thread::sleep_for(cancel_after);
    cancelled_at = Clock::now().time_since_epoch().count();
    token->Cancel();
  });
  const auto start = Clock::now();
  auto r = catalog->GetTable(TablePath{"db", "t"});
  const auto end = Clock::now();
  canceller.join();
  Timed t;
  t.status = r.ok() ? Status::OK() : r.status();
  t.blocked = std::chrono::duration_cast<milliseconds>(end - start);
  t.after_cancel = std::chrono::duration_cast<milliseconds>(end - Clock::time_point(Clock::duration(cancelled_at.load())));
  return t;
}

TEST(CatalogCancel, ARetryBackoffEndsSoonAfterCancel) {
  const Endpoint dead = ClosedPort();
  ClientConfig config;
  config.bootstrap_servers = {dead.ToString()};
  config.connect_timeout = milliseconds(500);
  config.max_retries = 5;
  config.retry_backoff = milliseconds(5000);  // every attempt is refused at once; then 5 s asleep
  config.retry_max_backoff = milliseconds(5000);
  obs::Metrics metrics;
  cluster::Gateway gateway(config, {dead}, &metrics);
  auto base = std::make_shared<catalog::CatalogImpl>(&gateway, config);
  auto token = std::make_shared<CancellationToken>();
  auto view = catalog::CatalogImpl::CancellableBy(base, token);
  ASSERT_NE(view.get(), base.get());

  Timed t = GetTableCancelledAfter(view.get(), token.get(), milliseconds(300));
  std::printf("GetTable blocked %lld ms; returned %lld ms after Cancel(): %s\n",
              static_cast<long long>(t.blocked.count()), static_cast<long long>(t.after_cancel.count()),
              t.status.ToString().c_str());
  EXPECT_EQ(t.status.code(), StatusCode::kCancelled) << t.status.ToString();
  EXPECT_NE(t.status.message().find("backoff"), std::string::npos) << t.status.ToString();
  EXPECT_NE(t.status.message().find("table 'db.t'"), std::string::npos) << t.status.ToString();
  EXPECT_GE(t.blocked, milliseconds(300));
  EXPECT_LT(t.after_cancel, milliseconds(1000));  // promised: 100 ms; loose here, the figure is printed
}

TEST(CatalogCancel, AWaitForAnAnswerEndsSoonAfterCancel) {
  rpc::testing::MisbehavingServer silent(rpc::testing::Behavior::kSilent);
  ClientConfig config;
  config.bootstrap_servers = {silent.endpoint().ToString()};
  config.connect_timeout = milliseconds(1000);
  config.request_timeout = milliseconds(10000);
  config.max_retries = 0;
  obs::Metrics metrics;
  cluster::Gateway gateway(config, {silent.endpoint()}, &metrics);
  auto base = std::make_shared<catalog::CatalogImpl>(&gateway, config);
  auto token = std::make_shared<CancellationToken>();
  auto view = catalog::CatalogImpl::CancellableBy(base, token);

  Timed t = GetTableCancelledAfter(view.get(), token.get(), milliseconds(300));
  std::printf("GetTable blocked %lld ms; returned %lld ms after Cancel(): %s\n",
              static_cast<long long>(t.blocked.count()), static_cast<long long>(t.after_cancel.count()),
              t.status.ToString().c_str());
  EXPECT_EQ(t.status.code(), StatusCode::kCancelled) << t.status.ToString();
  EXPECT_GE(t.blocked, milliseconds(300));
  EXPECT_LT(t.after_cancel, milliseconds(1000));
  silent.Stop();
}

// The view shares the catalog's cache and outlives the handle it came from.
TEST(CatalogCancel, TheViewKeepsItsCatalogAliveAndAnUnboundCatalogIsReturnedAsIs) {
  const Endpoint dead = ClosedPort();
  ClientConfig config;
  config.bootstrap_servers = {dead.ToString()};
  obs::Metrics metrics;
  cluster::Gateway gateway(config, {dead}, &metrics);
  std::shared_ptr<Catalog> base = std::make_shared<catalog::CatalogImpl>(&gateway, config);
  EXPECT_EQ(catalog::CatalogImpl::CancellableBy(base, nullptr).get(), base.get());
  std::weak_ptr<Catalog> watch = base;
  auto view = catalog::CatalogImpl::CancellableBy(base, std::make_shared<CancellationToken>());
  base.reset();
  EXPECT_FALSE(watch.expired());
  EXPECT_EQ(view->cache_stats().entries, 0u);
  view.reset();
  EXPECT_TRUE(watch.expired());
}

TEST(Retry, ACancelledTokenEndsTheBackoff) {
  rpc::RetryPolicy policy;
  policy.max_retries = 3;
  policy.initial_backoff = milliseconds(5000);
  CancellationToken token;
  int attempts = 0;
  std::function<Result<int>()> op = [&]() -> Result<int> {
    ++attempts;
    return Status(StatusCode::kNetwork, "refused", true);
  };
  std::thread canceller([&] {
    std::this_thread::sleep_for(milliseconds(100));
    token.Cancel();
  });
  const auto start = Clock::now();
  auto r = rpc::WithRetry<int>(policy, op, nullptr, &token);
  const auto elapsed = Clock::now() - start;
  canceller.join();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kCancelled) << r.status().ToString();
  EXPECT_NE(r.status().message().find("refused"), std::string::npos) << r.status().ToString();
  EXPECT_EQ(attempts, 1);
  EXPECT_LT(elapsed, milliseconds(1000));
}

}  // namespace
}  // namespace fluss_native
