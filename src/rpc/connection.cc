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
#include <cstring>

#include "fluss_native/wire/fluss_api.pb.h"
#include "rpc/errors.h"
#include "rpc/frame.h"

namespace fluss_native::rpc {
namespace {

// The versions of each API this client speaks. Every message in
// proto/fluss_api.proto is the version-0 layout.
constexpr int16_t kClientVersion = 0;

int RemainingMs(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  if (left <= 0) return 0;
  return left > INT32_MAX ? INT32_MAX : static_cast<int>(left);
}

std::string ErrnoText(int err) { return std::strerror(err); }

// Non-blocking connect bounded by `deadline`, trying every resolved address.
Result<int> ConnectSocket(const Endpoint& ep, Clock::time_point deadline) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* res = nullptr;
  int rc = getaddrinfo(ep.host.c_str(), std::to_string(ep.port).c_str(), &hints, &res);
  if (rc != 0) {
    return Status::Network("cannot resolve server " + ep.ToString() + ": " + gai_strerror(rc));
  }
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
      r = poll(&p, 1, RemainingMs(deadline));
      if (r == 0) {
        close(fd);
        last = Status::Timeout("connect to server " + ep.ToString() + " timed out");
        continue;
      }
      int err = 0;
      socklen_t len = sizeof(err);
      getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
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

Result<std::string> PendingCall::Wait(Clock::time_point deadline) {
  if (!slot_->WaitUntil(deadline)) {
    connection_->Forget(request_id_);
    return Status::Timeout(std::string(ApiKeyName(key_)) + " to server " + endpoint().ToString() +
                           " got no response before the deadline");
  }
  return slot_->Take();
}

ServerConnection::ServerConnection(Endpoint endpoint, ConnectionOptions options, int fd)
    : endpoint_(std::move(endpoint)), options_(std::move(options)), fd_(fd) {}

Result<std::shared_ptr<ServerConnection>> ServerConnection::Open(const Endpoint& endpoint,
                                                                 const ConnectionOptions& options) {
  auto deadline = Clock::now() + options.connect_timeout;
  FN_ASSIGN_OR_RETURN(int fd, ConnectSocket(endpoint, deadline));
  std::shared_ptr<ServerConnection> conn(new ServerConnection(endpoint, options, fd));
  conn->reader_ = std::thread([raw = conn.get()] { raw->ReaderLoop(); });
  FN_RETURN_IF_ERROR(conn->Handshake(deadline));
  if (options.sasl) FN_RETURN_IF_ERROR(conn->Authenticate(deadline));
  return conn;
}

ServerConnection::~ServerConnection() {
  Close();
  if (reader_.joinable()) reader_.join();
  close(fd_);
}

void ServerConnection::Close() {
  if (!broken_.exchange(true)) {
    // Wakes the reader thread out of recv(); it then fails pending calls.
    shutdown(fd_, SHUT_RDWR);
  }
  FailAll(Status::Network("connection to server " + endpoint_.ToString() + " closed"));
}

Status ServerConnection::Handshake(Clock::time_point deadline) {
  wire::ApiVersionsRequest req;
  req.set_client_software_name("fluss-native");
  req.set_client_software_version("0.1.0");
  auto started = StartWithVersion(ApiKey::kApiVersions, 0, req.SerializeAsString(), deadline);
  auto body = started.ok() ? (*started)->Wait(deadline) : Result<std::string>(started.status());
  if (!body.ok()) return body.status().WithContext("ApiVersions handshake with " + endpoint_.ToString());
  wire::ApiVersionsResponse resp;
  if (!resp.ParseFromString(*body)) {
    return Status::Corruption("cannot parse ApiVersions response from " + endpoint_.ToString());
  }
  for (const auto& v : resp.api_versions()) {
    server_versions_[static_cast<int16_t>(v.api_key())] = {static_cast<int16_t>(v.min_version()),
                                                           static_cast<int16_t>(v.max_version())};
  }
  return Status::OK();
}

Status ServerConnection::Authenticate(Clock::time_point deadline) {
  // SASL/PLAIN's single message: authzid NUL authcid NUL password.
  wire::AuthenticateRequest req;
  req.set_protocol("PLAIN");
  std::string token;
  token.push_back('\0');
  token += options_.sasl_username;
  token.push_back('\0');
  token += options_.sasl_password;
  req.set_token(token);
  auto started = StartWithVersion(ApiKey::kAuthenticate, 0, req.SerializeAsString(), deadline);
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
  if (it == server_versions_.end() || kClientVersion < it->second.first ||
      kClientVersion > it->second.second) {
    return Status::Unsupported(std::string("server ") + endpoint_.ToString() + " does not offer " +
                               ApiKeyName(key) + " version " + std::to_string(kClientVersion));
  }
  return kClientVersion;
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
  frame.reserve(4 + kRequestHeaderBytes + body.size());
  AppendRequestFrame(key, version, id, body, &frame);
  Status written = WriteAll(frame, deadline);
  if (!written.ok()) {
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
  FrameReader reader(options_.max_frame_bytes);
  std::string chunk(64 * 1024, '\0');
  while (true) {
    ssize_t n = recv(fd_, chunk.data(), chunk.size(), 0);
    if (n == 0) {
      FailAll(Status::Network("server " + endpoint_.ToString() + " closed the connection"));
      break;
    }
    if (n < 0) {
      if (errno == EINTR) continue;
      FailAll(Status::Network("read from server " + endpoint_.ToString() + " failed: " + ErrnoText(errno)));
      break;
    }
    reader.Append(std::string_view(chunk.data(), static_cast<size_t>(n)));
    bool poisoned = false;
    while (true) {
      auto frame = reader.Next();
      if (!frame.ok()) {
        FailAll(frame.status().WithContext("response stream from server " + endpoint_.ToString()));
        poisoned = true;
        break;
      }
      if (!frame->has_value()) break;
      Dispatch(std::move(**frame));
    }
    if (poisoned) break;
  }
  broken_ = true;
}

void ServerConnection::Dispatch(std::string payload) {
  auto frame = ParseResponseFrame(payload);
  if (!frame.ok()) {
    FailAll(frame.status().WithContext("response from server " + endpoint_.ToString()));
    return;
  }
  if (frame->type == ResponseType::kServerFailure) {
    wire::ErrorResponse err;
    std::string text = err.ParseFromArray(frame->body.data(), static_cast<int>(frame->body.size()))
                           ? FromServerError(err.error_code(), err.error_message()).ToString()
                           : "unparseable failure";
    FailAll(Status::Network("server " + endpoint_.ToString() + " failed the connection: " + text));
    return;
  }
  std::shared_ptr<CallSlot> call;
  {
    std::lock_guard<std::mutex> lock(pending_mu_);
    auto it = pending_.find(frame->request_id);
    if (it == pending_.end()) return;  // timed out earlier; the answer is dropped
    call = std::move(it->second);
    pending_.erase(it);
  }
  if (frame->type == ResponseType::kError) {
    wire::ErrorResponse err;
    if (!err.ParseFromArray(frame->body.data(), static_cast<int>(frame->body.size()))) {
      call->Complete(Status::Corruption("unparseable error response from server " + endpoint_.ToString()));
    } else {
      call->Complete(FromServerError(err.error_code(), err.error_message()));
    }
    return;
  }
  size_t offset = static_cast<size_t>(frame->body.data() - payload.data());
  payload.erase(0, offset);
  call->Complete(std::move(payload));
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
