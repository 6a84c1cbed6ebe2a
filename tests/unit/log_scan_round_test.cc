// A log scan's fetch round runs on the caller's thread: every leader's
// FetchLog is in flight at once, the scanner starts no thread while it waits,
// and the backoff after a failed round ends as soon as the scan is cancelled.
// Against a loopback stand-in for two tablet servers that answer FetchLog
// late with NOT_LEADER_OR_FOLLOWER for every bucket.
#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

#include "cluster/gateway.h"
#include "common/endian.h"
#include "fluss_native/catalog.h"
#include "fluss_native/wire/fluss_api.pb.h"
#include "read/log_scanner.h"
#include "rpc/frame.h"
#include "rpc_misbehaving_server.h"

namespace fluss_native {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

int ThreadCount() {
  int n = 0;
  DIR* d = opendir("/proc/self/task");
  if (!d) return -1;
  while (dirent* e = readdir(d)) n += e->d_name[0] != '.';
  closedir(d);
  return n;
}

// Answers the handshake at once and each FetchLog after `delay`, with every
// asked bucket failing NOT_LEADER_OR_FOLLOWER.
class LateNotLeaderServer {
 public:
  explicit LateNotLeaderServer(std::chrono::milliseconds delay) : delay_(delay) {
    listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    listen(listen_fd_, 8);
    socklen_t len = sizeof(addr);
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { AcceptLoop(); });
  }
  ~LateNotLeaderServer() {
    stopping_ = true;
    acceptor_.join();
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (int fd : fds_) shutdown(fd, SHUT_RDWR);
    }
    for (auto& t : handlers_) t.join();
    for (int fd : fds_) close(fd);
    close(listen_fd_);
  }
  Endpoint endpoint() const { return {"127.0.0.1", port_}; }
  int fetches() const { return fetches_.load(); }
  int max_concurrent_fetches() const { return max_concurrent_.load(); }

 private:
  void AcceptLoop() {
    while (!stopping_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (poll(&p, 1, 20) <= 0) continue;
      int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      std::lock_guard<std::mutex> lock(mu_);
      fds_.push_back(fd);
      handlers_.emplace_back([this, fd] { Serve(fd); });
    }
  }
  static bool ReadExactly(int fd, char* out, size_t n) {
    for (size_t got = 0; got < n;) {
      ssize_t r = recv(fd, out + got, n - got, 0);
      if (r <= 0) return false;
      got += static_cast<size_t>(r);
    }
    return true;
  }
  static void Send(int fd, int32_t request_id, const std::string& body) {
    std::string out;
    PutBigEndian<int32_t>(&out, static_cast<int32_t>(rpc::kResponseHeaderBytes + body.size()));
    out.push_back(0);
    PutBigEndian<int32_t>(&out, request_id);
    out += body;
    (void)send(fd, out.data(), out.size(), MSG_NOSIGNAL);
  }
  void Serve(int fd) {
    while (!stopping_) {
      char header[4 + rpc::kRequestHeaderBytes];
      if (!ReadExactly(fd, header, sizeof(header))) return;
      int32_t length = GetBigEndian<int32_t>(header);
      auto key = static_cast<rpc::ApiKey>(GetBigEndian<int16_t>(header + 4));
      int32_t request_id = GetBigEndian<int32_t>(header + 8);
      if (length < rpc::kRequestHeaderBytes || length > (1 << 20)) return;
      std::string body(static_cast<size_t>(length - rpc::kRequestHeaderBytes), '\0');
      if (!ReadExactly(fd, body.data(), body.size())) return;
      if (key == rpc::ApiKey::kApiVersions) {
        wire::ApiVersionsResponse resp;
        for (int k = 1000; k <= 1040; ++k) {
          auto* v = resp.add_api_versions();
          v->set_api_key(k);
          v->set_min_version(0);
          v->set_max_version(0);
        }
        Send(fd, request_id, resp.SerializeAsString());
        continue;
      }
      if (key != rpc::ApiKey::kFetchLog) continue;
      wire::FetchLogRequest req;
      if (!req.ParseFromString(body)) return;
      fetches_.fetch_add(1);
      // Answered from a thread of its own, so two requests on one connection
      // are late together rather than one after the other.
      std::lock_guard<std::mutex> lock(mu_);
      handlers_.emplace_back([this, fd, request_id, req] {
        int now = concurrent_.fetch_add(1) + 1;
        int seen = max_concurrent_.load();
        while (now > seen && !max_concurrent_.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(delay_);
        concurrent_.fetch_sub(1);
        wire::FetchLogResponse resp;
        auto* t = resp.add_tables_resp();
        t->set_table_id(req.tables_req(0).table_id());
        for (const auto& b : req.tables_req(0).buckets_req()) {
          auto* out = t->add_buckets_resp();
          out->set_bucket_id(b.bucket_id());
          out->set_error_code(12);  // NOT_LEADER_OR_FOLLOWER
          out->set_error_message("not the leader");
        }
        std::lock_guard<std::mutex> send_lock(send_mu_);
        Send(fd, request_id, resp.SerializeAsString());
      });
    }
  }

  const std::chrono::milliseconds delay_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> fetches_{0}, concurrent_{0}, max_concurrent_{0};
  std::thread acceptor_;
  std::mutex mu_, send_mu_;
  std::vector<int> fds_;
  std::vector<std::thread> handlers_;
};

// One table with two buckets led by servers 7 and 8, offsets [0, 10).
class FakeCatalog final : public Catalog {
 public:
  FakeCatalog() {
    auto t = std::make_shared<TableInfo>();
    t->path = {"db", "t"};
    t->table_id = 42;
    t->bucket_count = 2;
    Column c;
    c.name = "id";
    c.type.root = TypeRoot::kBigInt;
    t->columns.push_back(c);
    table_ = t;
  }
  Result<std::vector<std::string>> ListDatabases() override { return Unused(); }
  Result<bool> DatabaseExists(const std::string&) override { return Unused(); }
  Result<std::vector<std::string>> ListTables(const std::string&) override { return Unused(); }
  Result<bool> TableExists(const TablePath&) override { return Unused(); }
  Result<std::shared_ptr<const TableInfo>> GetTable(const TablePath&) override { return table_; }
  Result<std::vector<PartitionInfo>> ListPartitions(const TablePath&) override {
    return std::vector<PartitionInfo>{};
  }
  Result<std::vector<BucketLocation>> GetBucketLocations(const TablePath&,
                                                         const std::optional<std::string>&) override {
    std::vector<BucketLocation> out(2);
    out[0].bucket = 0;
    out[0].leader = 7;
    out[1].bucket = 1;
    out[1].leader = 8;
    return out;
  }
  Result<std::vector<BucketOffset>> ListOffsets(const TablePath&, const OffsetQuery& q,
                                                const std::optional<std::string>&) override {
    int64_t offset = q.kind == OffsetQuery::Kind::kEarliest ? 0 : 10;
    return std::vector<BucketOffset>{{std::nullopt, "", 0, offset}, {std::nullopt, "", 1, offset}};
  }
  Result<std::optional<LakeSnapshot>> GetLakeSnapshot(const TablePath&, bool) override { return Unused(); }
  Result<std::optional<LakeSnapshot>> GetLakeSnapshotById(const TablePath&, int64_t) override { return Unused(); }
  Result<std::vector<KvSnapshot>> GetLatestKvSnapshots(const TablePath&,
                                                       const std::optional<std::string>&) override {
    return Unused();
  }
  Result<ClusterInfo> DescribeCluster() override { return Unused(); }
  void Invalidate(const TablePath&) override {}
  void InvalidateAll() override {}
  CacheStats cache_stats() const override { return {}; }

 private:
  static Status Unused() { return Status::Internal("not used by a log scan"); }
  std::shared_ptr<const TableInfo> table_;
};

TEST(LogScanRound, WaitsOnTheCallersThreadAndCancelEndsTheBackoff) {
  LateNotLeaderServer server(400ms);
  ClientConfig config;
  config.bootstrap_servers = {server.endpoint().ToString()};
  config.retry_backoff = 30000ms;  // a failed round pauses long, unless cancelled
  config.retry_max_backoff = 30000ms;
  obs::Metrics metrics;
  cluster::Gateway gateway(config, {server.endpoint()}, &metrics);
  rpc::messages::MetadataResponse cluster;  // servers 7 and 8 are the stand-in
  cluster.tablet_servers = {ServerInfo{7, "127.0.0.1", server.endpoint().port, ""},
                            ServerInfo{8, "127.0.0.1", server.endpoint().port, ""}};
  gateway.ApplyClusterMetadata(cluster);
  // Open the connection (and its reader thread) before counting threads.
  ASSERT_TRUE(gateway.pool().Get(server.endpoint()).ok());

  FakeCatalog catalog;
  LogScanOptions options;
  auto scanner = read::LogScanner::Open(std::shared_ptr<cluster::Gateway>(std::shared_ptr<void>(), &gateway),
                                        std::shared_ptr<Catalog>(std::shared_ptr<void>(), &catalog), {"db", "t"}, options);
  ASSERT_TRUE(scanner.ok()) << scanner.status().ToString();

  std::atomic<bool> sampling{true};
  std::atomic<int> max_threads{0};
  const int before = ThreadCount() + 2;  // + the sampler and the canceller
  std::thread sampler([&] {
    while (sampling) {
      int n = ThreadCount();
      if (n > max_threads) max_threads = n;
      std::this_thread::sleep_for(5ms);
    }
  });
  // Cancel once the round's answers are in and the backoff has begun.
  std::thread canceller([&] {
    auto give_up = Clock::now() + 20s;
    while (server.fetches() < 2 && Clock::now() < give_up) std::this_thread::sleep_for(5ms);
    std::this_thread::sleep_for(800ms);
    (*scanner)->Cancel();
  });

  auto start = Clock::now();
  ArrowArray array;
  auto next = (*scanner)->Next(&array);
  auto took = Clock::now() - start;
  canceller.join();
  sampling = false;
  sampler.join();

  ASSERT_FALSE(next.ok());
  EXPECT_EQ(next.status().code(), StatusCode::kCancelled) << next.status().ToString();
  EXPECT_TRUE(next.status().message().find("db.t") != std::string::npos) << next.status().ToString();
  EXPECT_LT(took, 10s);  // not the 30 s backoff
  EXPECT_EQ(server.fetches(), 2);  // one round: one request per leader
  EXPECT_EQ(server.max_concurrent_fetches(), 2);  // both in flight together
  // No client thread beyond those that existed before the scan: the only
  // extra threads allowed are the stand-in's two late-answer threads. (With
  // the former std::async per leader this was before + 4.)
  EXPECT_LE(max_threads.load(), before + 2);
}

// A gateway whose tablet servers 7 and 8 are both `endpoint`.
void PointServersAt(cluster::Gateway* gateway, const Endpoint& endpoint) {
  rpc::messages::MetadataResponse cluster;
  cluster.tablet_servers = {ServerInfo{7, "127.0.0.1", endpoint.port, ""}, ServerInfo{8, "127.0.0.1", endpoint.port, ""}};
  gateway->ApplyClusterMetadata(cluster);
}

// Runs Next on this thread and cancels `token` from another `after` the
// start; returns Next's outcome and how long Next took past the Cancel().
std::pair<Status, std::chrono::microseconds> NextCancelledAfter(read::LogScanner* scanner, CancellationToken* token,
                                                                 std::chrono::milliseconds after) {
  std::atomic<Clock::rep> cancelled_at{0};
  std::thread canceller([&] {
    std::this_thread::sleep_for(after);
    cancelled_at = Clock::now().time_since_epoch().count();
    token->Cancel();
  });
  ArrowArray array;
  auto next = scanner->Next(&array);
  auto end = Clock::now();
  canceller.join();
  if (next.ok() && *next) array.release(&array);
  auto latency = end - Clock::time_point(Clock::duration(cancelled_at.load()));
  return {next.ok() ? Status::OK() : next.status(), std::chrono::duration_cast<std::chrono::microseconds>(latency)};
}

// A scan blocked on a FetchLog that is never answered (a server that
// accepted the request and went silent) returns Cancelled soon after the
// host's token is cancelled from another thread, long before the request
// timeout.
TEST(LogScanRound, TokenCancelsAFetchThatIsNeverAnswered) {
  rpc::testing::MisbehavingServer server(rpc::testing::Behavior::kSilent);
  ClientConfig config;
  config.bootstrap_servers = {server.endpoint().ToString()};
  config.request_timeout = 60000ms;
  obs::Metrics metrics;
  cluster::Gateway gateway(config, {server.endpoint()}, &metrics);
  PointServersAt(&gateway, server.endpoint());
  FakeCatalog catalog;
  LogScanOptions options;
  options.cancel = std::make_shared<CancellationToken>();
  auto scanner = read::LogScanner::Open(std::shared_ptr<cluster::Gateway>(std::shared_ptr<void>(), &gateway),
                                        std::shared_ptr<Catalog>(std::shared_ptr<void>(), &catalog), {"db", "t"}, options);
  ASSERT_TRUE(scanner.ok()) << scanner.status().ToString();
  auto [status, latency] = NextCancelledAfter(scanner->get(), options.cancel.get(), 300ms);
  std::printf("cancel latency of a scan blocked on an unanswered fetch: %.1f ms\n", latency.count() / 1000.0);
  EXPECT_EQ(status.code(), StatusCode::kCancelled) << status.ToString();
  EXPECT_NE(status.message().find("db.t"), std::string::npos) << status.ToString();
  EXPECT_GE(server.requests(), 1);
  EXPECT_LT(latency, 1s);  // the bound is 100 ms; loose here, the figure is printed
  // Later calls answer Cancelled at once, without another fetch.
  const int requests = server.requests();
  ArrowArray array;
  auto again = (*scanner)->Next(&array);
  EXPECT_EQ(again.status().code(), StatusCode::kCancelled);
  EXPECT_EQ(server.requests(), requests);
}

// The pause between failed rounds (a failover: every bucket NOT_LEADER)
// ends when the token is cancelled, not when the 30 s backoff is over.
TEST(LogScanRound, TokenCancelsTheFailoverBackoff) {
  LateNotLeaderServer server(0ms);
  ClientConfig config;
  config.bootstrap_servers = {server.endpoint().ToString()};
  config.retry_backoff = 30000ms;
  config.retry_max_backoff = 30000ms;
  obs::Metrics metrics;
  cluster::Gateway gateway(config, {server.endpoint()}, &metrics);
  PointServersAt(&gateway, server.endpoint());
  FakeCatalog catalog;
  LogScanOptions options;
  options.cancel = std::make_shared<CancellationToken>();
  auto scanner = read::LogScanner::Open(std::shared_ptr<cluster::Gateway>(std::shared_ptr<void>(), &gateway),
                                        std::shared_ptr<Catalog>(std::shared_ptr<void>(), &catalog), {"db", "t"}, options);
  ASSERT_TRUE(scanner.ok()) << scanner.status().ToString();
  auto [status, latency] = NextCancelledAfter(scanner->get(), options.cancel.get(), 500ms);
  std::printf("cancel latency of a scan in its failover backoff: %.1f ms\n", latency.count() / 1000.0);
  EXPECT_EQ(status.code(), StatusCode::kCancelled) << status.ToString();
  EXPECT_EQ(server.fetches(), 2);  // one round, then the pause
  EXPECT_LT(latency, 1s);
}

}  // namespace
}  // namespace fluss_native
