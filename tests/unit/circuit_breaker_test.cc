// The circuit breaker (seed §6.1) with an injected clock, alone and inside
// the connection pool against loopback sockets that refuse connections or
// never answer (rpc_misbehaving_server.h; not a Fluss stand-in), and the
// health probe of a reachable and an unreachable server.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>

#include "cluster/health.h"
#include "obs/metrics.h"
#include "rpc/circuit_breaker.h"
#include "rpc/connection_pool.h"
#include "rpc_misbehaving_server.h"

namespace fluss_native::rpc {
namespace {

using std::chrono::milliseconds;

// A clock the test moves by hand.
struct FakeClock {
  std::atomic<int64_t> ms{1'000'000};
  CircuitBreaker::NowFn Fn() {
    return [this] { return Clock::time_point(milliseconds(ms.load())); };
  }
  void Advance(milliseconds d) { ms += d.count(); }
};

// A loopback port nothing listens on: bound, then closed, so connecting to it
// is refused at once.
Endpoint RefusingEndpoint() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
  socklen_t len = sizeof(addr);
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return Endpoint{"127.0.0.1", ntohs(addr.sin_port)};
}

const Endpoint kA{"10.0.0.1", 9123};
const Endpoint kB{"10.0.0.2", 9123};

TEST(CircuitBreaker, OpensAfterThresholdFailsFastThenLetsOneProbeThrough) {
  FakeClock clock;
  CircuitBreaker b({3, milliseconds(1000)}, clock.Fn());
  for (int i = 0; i < 2; ++i) {
    ASSERT_TRUE(b.Admit(kA).ok());
    b.RecordFailure(kA);
  }
  EXPECT_EQ(b.state(kA), CircuitState::kClosed);
  ASSERT_TRUE(b.Admit(kA).ok());
  b.RecordFailure(kA);
  EXPECT_EQ(b.state(kA), CircuitState::kOpen);
  EXPECT_EQ(b.trips(), 1);
  // Open: fail fast, naming the server and the wait, retriable.
  Status st = b.Admit(kA);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), StatusCode::kNetwork);
  EXPECT_TRUE(st.retriable());
  EXPECT_NE(st.message().find("10.0.0.1:9123"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("3 consecutive failures"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("next probe in 1000 ms"), std::string::npos) << st.message();
  // Another server is unaffected.
  EXPECT_TRUE(b.Admit(kB).ok());
  clock.Advance(milliseconds(999));
  EXPECT_FALSE(b.Admit(kA).ok());
  // After the cooldown: exactly one probe; others still fail fast.
  clock.Advance(milliseconds(1));
  EXPECT_TRUE(b.Admit(kA).ok());
  EXPECT_EQ(b.state(kA), CircuitState::kHalfOpen);
  Status second = b.Admit(kA);
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.message().find("probe is in flight"), std::string::npos);
  // The probe fails: open for another cooldown.
  b.RecordFailure(kA);
  EXPECT_EQ(b.state(kA), CircuitState::kOpen);
  EXPECT_EQ(b.trips(), 2);
  EXPECT_FALSE(b.Admit(kA).ok());
  clock.Advance(milliseconds(1000));
  ASSERT_TRUE(b.Admit(kA).ok());
  // This probe succeeds: closed, failures forgotten.
  b.RecordSuccess(kA);
  EXPECT_EQ(b.state(kA), CircuitState::kClosed);
  EXPECT_EQ(b.open_circuits(), 0);
  for (int i = 0; i < 2; ++i) b.RecordFailure(kA);
  EXPECT_EQ(b.state(kA), CircuitState::kClosed);
  EXPECT_EQ(b.rejected_calls(), 4);
}

TEST(CircuitBreaker, SuccessResetsTheCountAndAnAbandonedProbeExpires) {
  FakeClock clock;
  CircuitBreaker b({2, milliseconds(500)}, clock.Fn());
  b.RecordFailure(kA);
  b.RecordSuccess(kA);
  b.RecordFailure(kA);
  EXPECT_EQ(b.state(kA), CircuitState::kClosed);  // not consecutive
  b.RecordFailure(kA);
  ASSERT_EQ(b.state(kA), CircuitState::kOpen);
  clock.Advance(milliseconds(500));
  ASSERT_TRUE(b.Admit(kA).ok());  // a probe whose outcome never comes back
  EXPECT_FALSE(b.Admit(kA).ok());
  clock.Advance(milliseconds(500));
  EXPECT_TRUE(b.Admit(kA).ok());  // another probe may go
}

TEST(CircuitBreaker, ThresholdZeroTurnsItOff) {
  CircuitBreaker b({0, milliseconds(1000)});
  for (int i = 0; i < 100; ++i) b.RecordFailure(kA);
  EXPECT_TRUE(b.Admit(kA).ok());
  EXPECT_EQ(b.state(kA), CircuitState::kClosed);
}

TEST(CircuitBreaker, OnlyTransportFailuresCount) {
  EXPECT_TRUE(CircuitBreaker::IsServerFailure(Status::Network("x")));
  EXPECT_TRUE(CircuitBreaker::IsServerFailure(Status(StatusCode::kTimeout, "x")));
  EXPECT_FALSE(CircuitBreaker::IsServerFailure(Status::NotFound("table")));
  EXPECT_FALSE(CircuitBreaker::IsServerFailure(Status(StatusCode::kNotLeader, "x", true)));
  EXPECT_FALSE(CircuitBreaker::IsServerFailure(Status(StatusCode::kCancelled, "x")));
}

ConnectionOptions FastOptions() {
  ConnectionOptions o;
  o.connect_timeout = milliseconds(1000);
  return o;
}

TEST(CircuitBreakerPool, RefusedServerFailsFastWithoutConnectingUntilTheProbe) {
  FakeClock clock;
  obs::Metrics metrics;
  ConnectionPool pool(FastOptions(), &metrics, {3, milliseconds(2000)}, clock.Fn());
  const Endpoint dead = RefusingEndpoint();
  auto deadline = [] { return Clock::now() + milliseconds(1000); };
  for (int i = 0; i < 3; ++i) {
    auto r = pool.Call(dead, ApiKey::kFetchLog, "x", deadline());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kNetwork);
  }
  EXPECT_EQ(metrics.connection_attempts.load(), 3u);
  EXPECT_EQ(pool.breaker().state(dead), CircuitState::kOpen);
  // While open: no connection attempt at all, and the error says why.
  for (int i = 0; i < 10; ++i) {
    auto r = pool.Call(dead, ApiKey::kFetchLog, "x", deadline());
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.status().message().find("circuit breaker open for server " + dead.ToString()), std::string::npos)
        << r.status().ToString();
    EXPECT_NE(r.status().message().find("FetchLog"), std::string::npos) << r.status().ToString();
  }
  EXPECT_EQ(metrics.connection_attempts.load(), 3u);
  // After the cooldown one probe tries to connect, fails, and re-opens.
  clock.Advance(milliseconds(2000));
  EXPECT_FALSE(pool.Call(dead, ApiKey::kFetchLog, "x", deadline()).ok());
  EXPECT_EQ(metrics.connection_attempts.load(), 4u);
  EXPECT_EQ(pool.breaker().state(dead), CircuitState::kOpen);
  EXPECT_EQ(pool.breaker().trips(), 2);
}

TEST(CircuitBreakerPool, TimeoutsOpenTheCircuitAndAnAnsweringProbeClosesIt) {
  FakeClock clock;
  obs::Metrics metrics;
  testing::MisbehavingServer silent(testing::Behavior::kSilent);
  ConnectionPool pool(FastOptions(), &metrics, {2, milliseconds(1000)}, clock.Fn());
  for (int i = 0; i < 2; ++i) {
    auto r = pool.Call(silent.endpoint(), ApiKey::kFetchLog, "x", Clock::now() + milliseconds(100));
    ASSERT_FALSE(r.ok());
  }
  EXPECT_EQ(pool.breaker().state(silent.endpoint()), CircuitState::kOpen);
  const int requests = silent.requests();
  EXPECT_FALSE(pool.Call(silent.endpoint(), ApiKey::kFetchLog, "x", Clock::now() + milliseconds(100)).ok());
  EXPECT_EQ(silent.requests(), requests);  // failed fast: nothing sent

  // A server that answers: the half-open probe succeeds and closes it.
  testing::MisbehavingServer echo(testing::Behavior::kEcho);
  pool.breaker().RecordFailure(echo.endpoint());
  pool.breaker().RecordFailure(echo.endpoint());
  ASSERT_EQ(pool.breaker().state(echo.endpoint()), CircuitState::kOpen);
  clock.Advance(milliseconds(1000));
  auto r = pool.Call(echo.endpoint(), ApiKey::kFetchLog, "hello", Clock::now() + milliseconds(1000));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(*r, "hello");
  EXPECT_EQ(pool.breaker().state(echo.endpoint()), CircuitState::kClosed);
}

TEST(Health, ProbeReportsReachableWithLatencyAndUnreachableWithTheReason) {
  obs::Metrics metrics;
  ConnectionPool pool(FastOptions(), &metrics);
  testing::MisbehavingServer up(testing::Behavior::kSilent);  // answers ApiVersions only
  ServerInfo up_info{1, up.endpoint().host, up.endpoint().port, ""};
  ServerHealth h = cluster::ProbeServer(pool, "tablet-server", up_info, Clock::now() + milliseconds(1000));
  EXPECT_TRUE(h.reachable) << h.error;
  EXPECT_GT(h.latency_us, 0);
  EXPECT_EQ(h.circuit, "closed");
  EXPECT_TRUE(h.error.empty());

  const Endpoint dead = RefusingEndpoint();
  ServerInfo dead_info{2, dead.host, dead.port, ""};
  const auto start = Clock::now();
  ServerHealth d = cluster::ProbeServer(pool, "tablet-server", dead_info, Clock::now() + milliseconds(1000));
  EXPECT_LT(Clock::now() - start, milliseconds(1500));
  EXPECT_FALSE(d.reachable);
  EXPECT_EQ(d.latency_us, -1);
  EXPECT_NE(d.error.find("health check of tablet-server " + dead.ToString()), std::string::npos) << d.error;
}

}  // namespace
}  // namespace fluss_native::rpc
