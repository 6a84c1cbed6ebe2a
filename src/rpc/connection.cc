#include "rpc/connection.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <cstring>
#include <new>
#include <system_error>

#include "rpc/messages/handshake.h"
#include "rpc/errors.h"
#include "rpc/frame.h"

namespace fluss_native::rpc {
namespace {

// The versions of each API this client speaks. Every message in
// proto/fluss_api.proto is the version-0 layout; Lookup and PrefixLookup v1
// have the same layout and tell the server the client encodes keys of
// `table.kv.format-version` 2 tables as Fluss 0.9 does (format/keys), which
// the server requires for tables whose bucket key is not the primary key.
constexpr int16_t kClientVersion = 0;

int16_t HighestClientVersion(ApiKey key) {
  return key == ApiKey::kLookup || key == ApiKey::kPrefixLookup ? 1 : kClientVersion;
}

int RemainingMs(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  if (left <= 0) return 0;
  return left > INT32_MAX ? INT32_MAX : static_cast<int>(left);
}

std::string ErrnoText(int err) { return std::strerror(err); }

bool IsNumericAddress(const std::string& host) {
  in6_addr v6;
  in_addr v4;
  return inet_pton(AF_INET, host.c_str(), &v4) == 1 || inet_pton(AF_INET6, host.c_str(), &v6) == 1;
}

// Resolves `ep` within `deadline` as far as a blocking resolver allows: a
// numeric address never reaches the resolver (AI_NUMERICHOST), and for a name
// the deadline is checked before and after getaddrinfo, which cannot be
// interrupted without a thread of its own (this library runs none but its
// connection readers), so one slow lookup can overrun by its own length.
Result<addrinfo*> Resolve(const Endpoint& ep, Clock::time_point deadline) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  bool numeric = IsNumericAddress(ep.host);
  if (numeric) hints.ai_flags |= AI_NUMERICHOST;
  if (!numeric && Clock::now() >= deadline) {
    return Status::Timeout("deadline passed before resolving server " + ep.ToString());
  }
  addrinfo* res = nullptr;
  int rc = getaddrinfo(ep.host.c_str(), std::to_string(ep.port).c_str(), &hints, &res);
  if (rc != 0) {
    return Status::Network("cannot resolve server " + ep.ToString() + ": " + gai_strerror(rc));
  }
  if (!numeric && Clock::now() >= deadline) {
    freeaddrinfo(res);
    return Status::Timeout("resolving server " + ep.ToString() + " outlasted the deadline");
  }
  return res;
}

// Keepalive probes find a peer that vanished while the connection was idle;
// TCP_USER_TIMEOUT drops it when sent data stays unacknowledged. Both turn a
// half-open socket into a read error, which fails the calls in flight.
void SetLiveness(int fd, const ConnectionOptions& o) {
  if (o.keepalive_idle.count() > 0) {
    int one = 1;
    // Linux's ranges: idle and interval in [1, 32767] s, count in [1, 127].
    int idle = static_cast<int>(std::clamp<int64_t>(o.keepalive_idle.count(), 1, 32767));
    int interval = static_cast<int>(std::clamp<int64_t>(o.keepalive_interval.count(), 1, 32767));
    int count = std::clamp(o.keepalive_count, 1, 127);
    setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one));
    setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof(idle));
    setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &interval, sizeof(interval));
    setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &count, sizeof(count));
  }
  if (o.tcp_user_timeout.count() > 0) {
    unsigned int ms = static_cast<unsigned int>(std::min<int64_t>(o.tcp_user_timeout.count(), INT32_MAX));
    setsockopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, &ms, sizeof(ms));
  }
}

// Non-blocking connect bounded by `deadline`, trying every resolved address.
Result<int> ConnectSocket(const Endpoint& ep, const ConnectionOptions& options,
                          Clock::time_point deadline) {
  FN_ASSIGN_OR_RETURN(addrinfo * res, Resolve(ep, deadline));
  Status last = Status::Network("no address for server " + ep.ToString());
  for (addrinfo* ai = res; ai; ai = ai->ai_next) {
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
    if (fd < 0) {
      last = Status::Network("socket() failed: " + ErrnoText(errno));
      continue;
    }
    int r = connect(fd, ai->ai_addr, ai->ai_addrlen);
    if (r != 0 && errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      do {
        r = poll(&p, 1, RemainingMs(deadline));
      } while (r < 0 && errno == EINTR);
      if (r == 0) {
        close(fd);
        last = Status::Timeout("connect to server " + ep.ToString() + " timed out");
        continue;
      }
      int err = r < 0 ? errno : 0;
      socklen_t len = sizeof(err);
      if (r > 0) getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
      r = err == 0 ? 0 : -1;
      errno = err;
    }
    if (r != 0) {
      last = Status::Network("cannot connect to server " + ep.ToString() + ": " + ErrnoText(errno));
      close(fd);
      continue;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    SetLiveness(fd, options);
    // The reader thread blocks in recv; the write side uses poll with deadlines.
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    freeaddrinfo(res);
    return fd;
  }
  freeaddrinfo(res);
  return last;
}

}  // namespace

void CallSlot::Complete(Result<std::string> result) {
  std::lock_guard<std::mutex> lock(mu_);
  if (done_) return;
  done_ = true;
  if (result.ok()) {
    body_ = std::move(result).value();
  } else {
    status_ = result.status();
  }
  cv_.notify_all();
}

bool CallSlot::WaitUntil(Clock::time_point deadline) {
  std::unique_lock<std::mutex> lock(mu_);
  return cv_.wait_until(lock, deadline, [&] { return done_; });
}

Result<std::string> CallSlot::Take() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!done_ || taken_) return Status::Internal("call outcome taken before completion or twice");
  taken_ = true;
  if (!status_.ok()) return status_;
  return std::move(body_);
}

PendingCall::~PendingCall() { connection_->Forget(request_id_); }

const Endpoint& PendingCall::endpoint() const { return connection_->endpoint(); }

Result<std::string> PendingCall::Wait(Clock::time_point deadline, const CancellationToken* cancel) {
  bool done = false;
  if (cancel == nullptr) {
    done = slot_->WaitUntil(deadline);
  } else {
    // The token is a bare flag (host.h), so the wait polls it in slices.
    while (!done && Clock::now() < deadline) {
      if (cancel->cancelled()) {
        connection_->Forget(request_id_);
        return Status(StatusCode::kCancelled, std::string(ApiKeyName(key_)) + " to server " +
                                                  endpoint().ToString() + " was cancelled while waiting for its answer");
      }
      done = slot_->WaitUntil(std::min(deadline, Clock::now() + kCancelPollInterval));
    }
  }
  if (!done) {
    connection_->Forget(request_id_);
    connection_->MarkSuspect();
    return Status::Timeout(std::string(ApiKeyName(key_)) + " to server " + endpoint().ToString() +
                           " got no response before the deadline");
  }
  return slot_->Take();
}

ServerConnection::ServerConnection(Endpoint endpoint, ConnectionOptions options, int fd)
    : endpoint_(std::move(endpoint)), options_(std::move(options)), fd_(fd) {}

Result<std::shared_ptr<ServerConnection>> ServerConnection::Open(const Endpoint& endpoint,
                                                                 const ConnectionOptions& options) {
  return Open(endpoint, options, Clock::now() + options.connect_timeout);
}

Result<std::shared_ptr<ServerConnection>> ServerConnection::Open(const Endpoint& endpoint,
                                                                 const ConnectionOptions& options,
                                                                 Clock::time_point deadline) {
  deadline = std::min(deadline, Clock::now() + options.connect_timeout);
  FN_ASSIGN_OR_RETURN(int fd, ConnectSocket(endpoint, options, deadline));
  std::shared_ptr<ServerConnection> conn(new ServerConnection(endpoint, options, fd));
  try {
    conn->reader_ = std::thread([raw = conn.get()] { raw->ReaderLoop(); });
  } catch (const std::system_error& e) {
    return Status::Internal("cannot start the reader thread for server " + endpoint.ToString() + ": " +
                            e.what());
  }
  FN_RETURN_IF_ERROR(conn->Handshake(deadline));
  if (options.sasl) FN_RETURN_IF_ERROR(conn->Authenticate(deadline));
  return conn;
}

ServerConnection::~ServerConnection() {
  Close();
  // Close shut the socket down, so the reader is out of recv (or about to be).
  if (reader_.joinable()) reader_.join();
  close(fd_);
}

void ServerConnection::ShutdownSocket() {
  // Exactly once, whatever failed first: this is what wakes the reader out of
  // recv(), so it must not depend on broken_, which failures set earlier.
  if (!shut_down_.exchange(true)) shutdown(fd_, SHUT_RDWR);
}

void ServerConnection::Close() {
  ShutdownSocket();
  FailAll(Status::Network("connection to server " + endpoint_.ToString() + " closed"));
}

Status ServerConnection::Handshake(Clock::time_point deadline) {
  messages::ApiVersionsRequest req{"fluss-native", "0.1.0"};
  auto started = StartWithVersion(req.kApiKey, 0, req.Encode(), deadline);
  auto body = started.ok() ? (*started)->Wait(deadline) : Result<std::string>(started.status());
  if (!body.ok()) return body.status().WithContext("ApiVersions handshake with " + endpoint_.ToString());
  auto resp = messages::ApiVersionsResponse::Decode(*body);
  if (!resp.ok()) return resp.status().WithContext("server " + endpoint_.ToString());
  for (const auto& v : resp->versions) server_versions_[v.api_key] = {v.min_version, v.max_version};
  features_ = ServerFeatures::FromApiVersions(server_versions_);
  return Status::OK();
}

Status ServerConnection::Authenticate(Clock::time_point deadline) {
  // SASL/PLAIN's single message: authzid NUL authcid NUL password.
  messages::AuthenticateRequest req;
  req.protocol = "PLAIN";
  req.token.push_back('\0');
  req.token += options_.sasl_username;
  req.token.push_back('\0');
  req.token += options_.sasl_password;
  auto started = StartWithVersion(req.kApiKey, 0, req.Encode(), deadline);
  auto body = started.ok() ? (*started)->Wait(deadline) : Result<std::string>(started.status());
  if (!body.ok()) {
    return Status(StatusCode::kAuthentication,
                  "SASL/PLAIN authentication with " + endpoint_.ToString() + " failed: " +
                      body.status().message());
  }
  return Status::OK();
}

Result<int16_t> ServerConnection::NegotiatedVersion(ApiKey key) const {
  auto it = server_versions_.find(static_cast<int16_t>(key));
  int16_t highest = HighestClientVersion(key);
  int16_t version = it == server_versions_.end() ? highest : std::min(highest, it->second.second);
  if (it == server_versions_.end() || version < kClientVersion || version < it->second.first) {
    return Status::Unsupported(std::string("server ") + endpoint_.ToString() + " does not offer " +
                               ApiKeyName(key) + " version " + std::to_string(kClientVersion) +
                               (highest > kClientVersion ? " to " + std::to_string(highest) : ""));
  }
  return version;
}

Result<std::shared_ptr<PendingCall>> ServerConnection::Start(ApiKey key, std::string_view body,
                                                             Clock::time_point deadline) {
  FN_ASSIGN_OR_RETURN(int16_t version, NegotiatedVersion(key));
  return StartWithVersion(key, version, body, deadline);
}

Result<std::string> ServerConnection::Call(ApiKey key, std::string_view body,
                                           Clock::time_point deadline) {
  FN_ASSIGN_OR_RETURN(auto call, Start(key, body, deadline));
  return call->Wait(deadline);
}

Result<std::shared_ptr<PendingCall>> ServerConnection::StartWithVersion(ApiKey key, int16_t version,
                                                                        std::string_view body,
                                                                        Clock::time_point deadline) {
  auto slot = std::make_shared<CallSlot>();
  int32_t id = next_request_id_.fetch_add(1) & INT32_MAX;
  {
    std::lock_guard<std::mutex> lock(pending_mu_);
    if (broken_) {
      return failure_.ok() ? Status::Network("connection to server " + endpoint_.ToString() + " is closed")
                           : failure_;
    }
    pending_[id] = slot;
  }
  auto call = std::make_shared<PendingCall>(shared_from_this(), id, key, slot);
  std::string frame;
  try {
    frame.reserve(4 + kRequestHeaderBytes + body.size());
    AppendRequestFrame(key, version, id, body, &frame);
  } catch (const std::bad_alloc&) {
    // TODO(api): StatusCode::kResourceExhausted once it exists.
    return Status::Internal("out of memory framing a " + std::to_string(body.size()) + "-byte " +
                            ApiKeyName(key) + " request to server " + endpoint_.ToString());
  }
  Status written = WriteAll(frame, deadline);
  if (!written.ok()) {
    // A partly written frame desynchronises the stream: the connection is done.
    FailAll(written);
    Close();
    return written;
  }
  return call;
}

void ServerConnection::Forget(int32_t request_id) {
  std::lock_guard<std::mutex> lock(pending_mu_);
  pending_.erase(request_id);
}

Status ServerConnection::WriteAll(const std::string& bytes, Clock::time_point deadline) {
  std::lock_guard<std::mutex> lock(write_mu_);
  size_t sent = 0;
  while (sent < bytes.size()) {
    pollfd p{fd_, POLLOUT, 0};
    int r = poll(&p, 1, RemainingMs(deadline));
    if (r == 0) return Status::Timeout("write to server " + endpoint_.ToString() + " timed out");
    if (r < 0 && errno == EINTR) continue;
    ssize_t n = send(fd_, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) continue;
      return Status::Network("write to server " + endpoint_.ToString() + " failed: " + ErrnoText(errno));
    }
    sent += static_cast<size_t>(n);
  }
  return Status::OK();
}

void ServerConnection::ReaderLoop() {
  try {
    ReadUntilFailure();
  } catch (const std::exception& e) {
    FailAll(Status::Internal("reader of server " + endpoint_.ToString() + " failed: " + e.what()));
  } catch (...) {
    FailAll(Status::Internal("reader of server " + endpoint_.ToString() + " failed"));
  }
  // Whatever ended the loop, writers must not keep feeding a dead stream.
  broken_ = true;
  ShutdownSocket();
}

void ServerConnection::ReadUntilFailure() {
  FrameReader reader(options_.max_frame_bytes);
  std::string chunk(64 * 1024, '\0');
  while (true) {
    ssize_t n = recv(fd_, chunk.data(), chunk.size(), 0);
    if (n == 0) {
      FailAll(Status::Network("server " + endpoint_.ToString() + " closed the connection"));
      return;
    }
    if (n < 0) {
      if (errno == EINTR) continue;
      FailAll(Status::Network("read from server " + endpoint_.ToString() + " failed: " + ErrnoText(errno)));
      return;
    }
    reader.Append(std::string_view(chunk.data(), static_cast<size_t>(n)));
    while (true) {
      auto frame = reader.Next();
      if (!frame.ok()) {
        FailAll(frame.status().WithContext("response stream from server " + endpoint_.ToString()));
        return;
      }
      if (!frame->has_value()) break;
      Dispatch(std::move(**frame));
    }
  }
}

void ServerConnection::Dispatch(ReceivedFrame received) {
  auto frame = ParseResponseFrame(received.head);
  if (!frame.ok()) {
    FailAll(frame.status().WithContext("response from server " + endpoint_.ToString()));
    return;
  }
  const std::string& body = received.body;
  if (frame->type == ResponseType::kServerFailure) {
    auto err = messages::ErrorResponse::Decode(body);
    std::string text = err.ok() ? err->ToStatus().ToString() : "unparseable failure";
    FailAll(Status::Network("server " + endpoint_.ToString() + " failed the connection: " + text));
    return;
  }
  std::shared_ptr<CallSlot> call;
  {
    std::lock_guard<std::mutex> lock(pending_mu_);
    auto it = pending_.find(frame->request_id);
    if (it == pending_.end()) return;  // timed out or dropped earlier; the answer is discarded
    call = std::move(it->second);
    pending_.erase(it);
  }
  if (frame->type == ResponseType::kError) {
    auto err = messages::ErrorResponse::Decode(body);
    if (!err.ok()) {
      call->Complete(Status::Corruption("unparseable error response from server " + endpoint_.ToString()));
    } else {
      call->Complete(err->ToStatus());
    }
    return;
  }
  call->Complete(std::move(received.body));  // the body's bytes are not moved, only its owner
}

void ServerConnection::FailAll(const Status& status) {
  std::unordered_map<int32_t, std::shared_ptr<CallSlot>> pending;
  {
    std::lock_guard<std::mutex> lock(pending_mu_);
    broken_ = true;
    if (failure_.ok()) failure_ = status;
    pending.swap(pending_);
  }
  for (auto& [id, call] : pending) call->Complete(status);
}

}  // namespace fluss_native::rpc
