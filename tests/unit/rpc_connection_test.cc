// ServerConnection and ConnectionPool against a loopback server that
// misbehaves on purpose (rpc_misbehaving_server.h). These test our socket
// handling: deadlines, broken and half-open sockets, hostile frames.
#include <gtest/gtest.h>

#include <chrono>
#include <future>

#include "client/gateway.h"
#include "fluss_native/wire/fluss_api.pb.h"
#include "obs/metrics.h"
#include "rpc/connection.h"
#include "rpc/connection_pool.h"
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
void AddTabletServer(client::Gateway* gw, int id, const Endpoint& server) {
  wire::MetadataResponse resp;
  auto* ts = resp.add_tablet_servers();
  ts->set_node_id(id);
  ts->set_host(server.host);
  ts->set_port(server.port);
  gw->ApplyClusterMetadata(resp);
}

TEST(Gateway, StartServerCallsAreWaitedOnOneThread) {
  MisbehavingServer server(Behavior::kEcho);
  obs::Metrics metrics;
  client::Gateway gw(FastConfig(server.endpoint()), {server.endpoint()}, &metrics);
  AddTabletServer(&gw, 7, server.endpoint());
  auto start = Clock::now();
  std::vector<client::PendingServerCall> calls;
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

}  // namespace
}  // namespace fluss_native::rpc
