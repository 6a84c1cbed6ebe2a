// ServerConnection and ConnectionPool against a loopback server that
// misbehaves on purpose (rpc_misbehaving_server.h). These test our socket
// handling: deadlines, broken and half-open sockets, hostile frames.
#include <gtest/gtest.h>

#include <chrono>
#include <future>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "cluster/gateway.h"
#include "fluss_native/wire/fluss_api.pb.h"
#include "obs/metrics.h"
#include "rpc/connection.h"
#include "rpc/connection_pool.h"
#include "rpc/retry.h"
#include "rpc_misbehaving_server.h"

namespace fluss_native::rpc {
namespace {

using testing::Behavior;
using testing::MisbehavingServer;
using std::chrono::milliseconds;

ConnectionOptions FastOptions() {
  ConnectionOptions o;
  o.connect_timeout = milliseconds(1000);
  return o;
}

Clock::time_point In(milliseconds ms) { return Clock::now() + ms; }

milliseconds Since(Clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(Clock::now() - start);
}

TEST(Connection, StartedCallsAreAllInFlightAndWaitedInAnyOrder) {
  MisbehavingServer server(Behavior::kEcho);
  auto conn = ServerConnection::Open(server.endpoint(), FastOptions());
  ASSERT_TRUE(conn.ok()) << conn.status().ToString();
  std::vector<std::shared_ptr<PendingCall>> calls;
  for (int i = 0; i < 3; ++i) {
    auto call = (*conn)->Start(ApiKey::kFetchLog, "body-" + std::to_string(i), In(milliseconds(2000)));
    ASSERT_TRUE(call.ok()) << call.status().ToString();
    calls.push_back(*call);
  }
  for (int i = 2; i >= 0; --i) {
    auto body = calls[i]->Wait(In(milliseconds(2000)));
    ASSERT_TRUE(body.ok()) << body.status().ToString();
    EXPECT_EQ(*body, "body-" + std::to_string(i));
  }
  EXPECT_EQ(server.requests(), 3);
}

TEST(Connection, DroppedCallIsForgottenAndItsAnswerDiscarded) {
  MisbehavingServer server(Behavior::kEcho);
  auto conn = ServerConnection::Open(server.endpoint(), FastOptions());
  ASSERT_TRUE(conn.ok()) << conn.status().ToString();
  {
    auto dropped = (*conn)->Start(ApiKey::kFetchLog, "dropped", In(milliseconds(2000)));
    ASSERT_TRUE(dropped.ok());
  }
  auto body = (*conn)->Call(ApiKey::kFetchLog, "kept", In(milliseconds(2000)));
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(*body, "kept");
  EXPECT_FALSE((*conn)->broken());
}

TEST(ConnectionPool, StartedCallBooksMetricsLikeCall) {
  MisbehavingServer server(Behavior::kEcho);
  obs::Metrics metrics;
  ConnectionPool pool(FastOptions(), &metrics);
  auto a = pool.Start(server.endpoint(), ApiKey::kFetchLog, "a", In(milliseconds(2000)));
  auto b = pool.Start(server.endpoint(), ApiKey::kFetchLog, "b", In(milliseconds(2000)));
  ASSERT_TRUE(a.ok() && b.ok());
  auto body_b = b->Wait();
  auto body_a = a->Wait();
  ASSERT_TRUE(body_a.ok() && body_b.ok());
  EXPECT_EQ(*body_a, "a");
  EXPECT_EQ(*body_b, "b");
  EXPECT_EQ(metrics.rpc_requests.load(), 2u);
  EXPECT_EQ(metrics.rpc_errors.load(), 0u);
  EXPECT_EQ(metrics.rpc_latency.count(), 2u);
  EXPECT_EQ(server.accepted(), 1);
}

ClientConfig FastConfig(const Endpoint& server) {
  ClientConfig c;
  c.bootstrap_servers = {server.ToString()};
  c.connect_timeout = milliseconds(1000);
  c.request_timeout = milliseconds(2000);
  return c;
}

// Makes `server` tablet server `id` in the gateway's view of the cluster.
void AddTabletServer(cluster::Gateway* gw, int id, const Endpoint& server) {
  rpc::messages::MetadataResponse resp;
  resp.tablet_servers.push_back(ServerInfo{id, server.host, server.port, ""});
  gw->ApplyClusterMetadata(resp);
}

TEST(Gateway, StartServerCallsAreWaitedOnOneThread) {
  MisbehavingServer server(Behavior::kEcho);
  obs::Metrics metrics;
  cluster::Gateway gw(FastConfig(server.endpoint()), {server.endpoint()}, &metrics);
  AddTabletServer(&gw, 7, server.endpoint());
  auto start = Clock::now();
  std::vector<cluster::PendingServerCall> calls;
  for (int i = 0; i < 4; ++i) {
    auto call = gw.StartServer(7, ApiKey::kFetchLog, "fetch-" + std::to_string(i));
    ASSERT_TRUE(call.ok()) << call.status().ToString();
    calls.push_back(std::move(call).value());
  }
  for (int i = 0; i < 4; ++i) {
    auto body = calls[i].Wait();
    ASSERT_TRUE(body.ok()) << body.status().ToString();
    EXPECT_EQ(*body, "fetch-" + std::to_string(i));
  }
  EXPECT_LT(Since(start).count(), 2000);
  EXPECT_EQ(metrics.rpc_requests.load(), 4u);
  EXPECT_EQ(metrics.rpc_latency.count(), 4u);
  auto unknown = gw.StartServer(8, ApiKey::kFetchLog, "x");
  EXPECT_FALSE(unknown.ok());
}

// Runs `fn` on another thread and says whether it finished within `limit`.
// When it did not, `unblock` (which makes the server close its sockets) lets
// it finish, so a failing test reports instead of hanging.
bool FinishesWithin(milliseconds limit, const std::function<void()>& fn,
                    const std::function<void()>& unblock) {
  auto done = std::async(std::launch::async, fn);
  bool prompt = done.wait_for(limit) == std::future_status::ready;
  if (!prompt) unblock();
  done.get();
  return prompt;
}

// Defect 1: a write failure marked the connection broken without shutting the
// socket down, so the destructor's join waited in recv for a silent server.
TEST(Connection, DestroyAfterWriteFailureReturnsPromptly) {
  MisbehavingServer server(Behavior::kStopReading);
  auto conn = ServerConnection::Open(server.endpoint(), FastOptions());
  ASSERT_TRUE(conn.ok()) << conn.status().ToString();
  std::string big(32 << 20, 'x');  // more than both socket buffers hold
  auto call = (*conn)->Start(ApiKey::kFetchLog, big, In(milliseconds(300)));
  ASSERT_FALSE(call.ok());
  EXPECT_TRUE((*conn)->broken());
  auto start = Clock::now();
  EXPECT_TRUE(FinishesWithin(milliseconds(2000), [&] { conn->reset(); }, [&] { server.Stop(); }))
      << "destroying a broken connection blocked for " << Since(start).count() << " ms";
}

// Defect 1 through the pool: the next call replaced the broken connection
// while holding the pool mutex, and that destruction blocked as above.
TEST(ConnectionPool, CallAfterWriteFailureIsNotBlockedByTheOldConnection) {
  MisbehavingServer server(Behavior::kStopReading);
  obs::Metrics metrics;
  ConnectionPool pool(FastOptions(), &metrics);
  std::string big(32 << 20, 'x');
  auto failed = pool.Call(server.endpoint(), ApiKey::kFetchLog, big, In(milliseconds(300)));
  ASSERT_FALSE(failed.ok());
  auto start = Clock::now();
  Result<std::string> next = Status::Internal("not run");
  EXPECT_TRUE(FinishesWithin(
      milliseconds(2000),
      [&] { next = pool.Call(server.endpoint(), ApiKey::kFetchLog, "small", In(milliseconds(200))); },
      [&] { server.Stop(); }))
      << "the next pool call blocked for " << Since(start).count() << " ms";
  EXPECT_EQ(next.status().code(), StatusCode::kTimeout) << next.status().ToString();
}

TEST(Connection, FrameErrorFailsTheCallAtOnceAndDestroysPromptly) {
  MisbehavingServer server(Behavior::kZeroLength);
  auto conn = ServerConnection::Open(server.endpoint(), FastOptions());
  ASSERT_TRUE(conn.ok()) << conn.status().ToString();
  auto start = Clock::now();
  auto body = (*conn)->Call(ApiKey::kFetchLog, "x", In(milliseconds(3000)));
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.status().code(), StatusCode::kCorruption) << body.status().ToString();
  EXPECT_NE(body.status().message().find("frame length 0"), std::string::npos);
  EXPECT_LT(Since(start).count(), 1000);
  EXPECT_TRUE((*conn)->broken());
  EXPECT_TRUE(FinishesWithin(milliseconds(2000), [&] { conn->reset(); }, [&] { server.Stop(); }));
}

// Defect 2: a timeout left the connection in the pool, so every later call
// waited its full timeout on the same dead socket.
TEST(ConnectionPool, TimedOutConnectionIsReplacedOnNextUse) {
  MisbehavingServer server(Behavior::kSilent);
  obs::Metrics metrics;
  ConnectionPool pool(FastOptions(), &metrics);
  auto start = Clock::now();
  auto first = pool.Call(server.endpoint(), ApiKey::kFetchLog, "a", In(milliseconds(200)));
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.status().code(), StatusCode::kTimeout);
  EXPECT_GE(Since(start).count(), 190);
  auto second = pool.Call(server.endpoint(), ApiKey::kFetchLog, "b", In(milliseconds(200)));
  EXPECT_FALSE(second.ok());
  EXPECT_EQ(server.accepted(), 2) << "the second call reused the connection that timed out";
  EXPECT_EQ(metrics.connection_attempts.load(), 2u);
}

TEST(Connection, HalfFrameTimesOutAtTheDeadline) {
  MisbehavingServer server(Behavior::kHalfFrame);
  auto conn = ServerConnection::Open(server.endpoint(), FastOptions());
  ASSERT_TRUE(conn.ok()) << conn.status().ToString();
  auto start = Clock::now();
  auto body = (*conn)->Call(ApiKey::kFetchLog, std::string(1000, 'y'), In(milliseconds(200)));
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.status().code(), StatusCode::kTimeout);
  EXPECT_TRUE(body.status().retriable());
  EXPECT_GE(Since(start).count(), 190);
  EXPECT_LT(Since(start).count(), 1000);
  EXPECT_TRUE(FinishesWithin(milliseconds(2000), [&] { conn->reset(); }, [&] { server.Stop(); }));
}

TEST(Connection, HugeLengthHeaderTimesOutWithoutHanging) {
  MisbehavingServer server(Behavior::kHugeHeader);
  auto conn = ServerConnection::Open(server.endpoint(), FastOptions());
  ASSERT_TRUE(conn.ok()) << conn.status().ToString();
  auto body = (*conn)->Call(ApiKey::kFetchLog, "z", In(milliseconds(200)));
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.status().code(), StatusCode::kTimeout);
  EXPECT_TRUE(FinishesWithin(milliseconds(2000), [&] { conn->reset(); }, [&] { server.Stop(); }));
}

// Defect 2: the overall deadline of a retried call. Before, each of the six
// attempts had its own 200 ms deadline plus growing backoff (~2.7 s).
TEST(Gateway, CallAnyRespectsTheOverallDeadlineAcrossRetries) {
  MisbehavingServer server(Behavior::kSilent);
  obs::Metrics metrics;
  ClientConfig config = FastConfig(server.endpoint());
  config.request_timeout = milliseconds(200);
  config.max_retries = 5;
  config.retry_backoff = milliseconds(50);
  config.call_timeout = milliseconds(600);
  cluster::Gateway gw(config, {server.endpoint()}, &metrics);
  auto start = Clock::now();
  auto body = gw.CallAny(ApiKey::kGetTableInfo, "t");
  auto elapsed = Since(start).count();
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.status().code(), StatusCode::kTimeout) << body.status().ToString();
  EXPECT_LT(elapsed, 900) << body.status().ToString();
  EXPECT_GE(elapsed, 350);  // it did retry within the deadline
}

TEST(Retry, StopsAtTheOverallDeadline) {
  RetryPolicy policy;
  policy.max_retries = 20;
  policy.initial_backoff = milliseconds(100);
  policy.call_timeout = milliseconds(250);
  int attempts = 0;
  std::function<Result<int>()> op = [&]() -> Result<int> {
    ++attempts;
    return Status::Network("refused");
  };
  auto start = Clock::now();
  auto r = WithRetry<int>(policy, op);
  EXPECT_FALSE(r.ok());
  EXPECT_LT(Since(start).count(), 400);
  EXPECT_LE(attempts, 3);
  EXPECT_NE(r.status().message().find("refused"), std::string::npos);
}

TEST(Connection, SocketHasKeepaliveAndUserTimeout) {
  MisbehavingServer server(Behavior::kEcho);
  ConnectionOptions options = FastOptions();
  options.keepalive_idle = std::chrono::seconds(7);
  options.keepalive_interval = std::chrono::seconds(2);
  options.keepalive_count = 4;
  options.tcp_user_timeout = milliseconds(9000);
  auto conn = ServerConnection::Open(server.endpoint(), options);
  ASSERT_TRUE(conn.ok()) << conn.status().ToString();
  int fd = (*conn)->native_handle();
  auto get = [&](int level, int name) {
    int v = -1;
    socklen_t len = sizeof(v);
    getsockopt(fd, level, name, &v, &len);
    return v;
  };
  EXPECT_EQ(get(SOL_SOCKET, SO_KEEPALIVE), 1);
  EXPECT_EQ(get(IPPROTO_TCP, TCP_KEEPIDLE), 7);
  EXPECT_EQ(get(IPPROTO_TCP, TCP_KEEPINTVL), 2);
  EXPECT_EQ(get(IPPROTO_TCP, TCP_KEEPCNT), 4);
  EXPECT_EQ(get(IPPROTO_TCP, TCP_USER_TIMEOUT), 9000);
}

TEST(Connection, LargeResponseArrivesWhole) {
  MisbehavingServer server(Behavior::kEcho);
  auto conn = ServerConnection::Open(server.endpoint(), FastOptions());
  ASSERT_TRUE(conn.ok()) << conn.status().ToString();
  std::string big(5 << 20, '\0');
  for (size_t i = 0; i < big.size(); ++i) big[i] = static_cast<char>(i * 131 + 7);
  auto body = (*conn)->Call(ApiKey::kFetchLog, big, In(milliseconds(4000)));
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_TRUE(*body == big);
}

// Name resolution counts toward the deadline: a name is not looked up once
// the deadline has passed; a numeric address never reaches the resolver.
TEST(Connection, ResolutionIsBoundedByTheDeadline) {
  MisbehavingServer server(Behavior::kEcho);
  Endpoint by_name{"localhost", server.endpoint().port};
  auto late = ServerConnection::Open(by_name, FastOptions(), Clock::now() - milliseconds(1));
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.status().code(), StatusCode::kTimeout);
  EXPECT_NE(late.status().message().find("resolving"), std::string::npos) << late.status().ToString();
  auto numeric = ServerConnection::Open(server.endpoint(), FastOptions(), In(milliseconds(1000)));
  EXPECT_TRUE(numeric.ok()) << numeric.status().ToString();
}

TEST(Config, CallTimeoutAndKeepaliveKeysReachTheConnection) {
  auto config = ClientConfig::FromProperties({{"bootstrap.servers", "127.0.0.1:1"},
                                              {"client.call-timeout", "90s"},
                                              {"fluss.client.tcp.keepalive-idle", "12s"},
                                              {"client.tcp.keepalive-interval", "3s"},
                                              {"client.tcp.keepalive-count", "6"},
                                              {"client.tcp.user-timeout", "45s"}});
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  EXPECT_EQ(config->call_timeout, milliseconds(90000));
  EXPECT_EQ(config->tcp_keepalive_idle, milliseconds(12000));
  EXPECT_EQ(config->tcp_keepalive_interval, milliseconds(3000));
  EXPECT_EQ(config->tcp_keepalive_count, 6);
  EXPECT_EQ(config->tcp_user_timeout, milliseconds(45000));
  EXPECT_FALSE(ClientConfig::FromProperties({{"bootstrap.servers", "127.0.0.1:1"},
                                             {"client.call-timeout", "0"}})
                   .ok());
  EXPECT_FALSE(ClientConfig::FromProperties({{"bootstrap.servers", "127.0.0.1:1"},
                                             {"client.tcp.keepalive-count", "0"}})
                   .ok());
}

}  // namespace
}  // namespace fluss_native::rpc
