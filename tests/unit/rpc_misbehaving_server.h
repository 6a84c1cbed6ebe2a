// A loopback TCP server that misbehaves on purpose, to test the client's
// socket handling: it answers the ApiVersions handshake (so Open succeeds),
// then treats every other request as its Behavior says. It is not a Fluss
// stand-in: it knows only the frame layout.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/endian.h"
#include "common/endpoint.h"
#include "fluss_native/wire/fluss_api.pb.h"
#include "rpc/api_keys.h"
#include "rpc/frame.h"

namespace fluss_native::rpc::testing {

enum class Behavior {
  kSilent,       // reads requests, never answers
  kStopReading,  // after the handshake stops reading, so the client's writes fill the socket
  kEcho,         // answers success with the request body
  kHalfFrame,    // answers the first half of an echo frame, then nothing
  kHugeHeader,   // answers a length header of 200 MiB and a few bytes, then nothing
  kZeroLength,   // answers a frame length of 0 (a frame error)
};

class MisbehavingServer {
 public:
  explicit MisbehavingServer(Behavior behavior) : behavior_(behavior) {
    listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    // A small receive buffer (inherited by accepted sockets) so a server that
    // stops reading fills up quickly.
    int small = 4096;
    setsockopt(listen_fd_, SOL_SOCKET, SO_RCVBUF, &small, sizeof(small));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    listen(listen_fd_, 16);
    socklen_t len = sizeof(addr);
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { AcceptLoop(); });
  }

  ~MisbehavingServer() { Stop(); }

  // Closes every accepted socket (unblocking a client stuck in recv) and joins.
  void Stop() {
    if (stopping_.exchange(true)) return;
    acceptor_.join();
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (int fd : fds_) shutdown(fd, SHUT_RDWR);
    }
    for (auto& t : handlers_) t.join();
    for (int fd : fds_) close(fd);
    close(listen_fd_);
  }

  Endpoint endpoint() const { return Endpoint{"127.0.0.1", port_}; }
  int accepted() const { return accepted_.load(); }
  int requests() const { return requests_.load(); }

 private:
  void AcceptLoop() {
    while (!stopping_) {
      pollfd p{listen_fd_, POLLIN, 0};
      if (poll(&p, 1, 20) <= 0) continue;
      int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      accepted_.fetch_add(1);
      std::lock_guard<std::mutex> lock(mu_);
      fds_.push_back(fd);
      handlers_.emplace_back([this, fd] { Serve(fd); });
    }
  }

  static bool ReadExactly(int fd, char* out, size_t n) {
    size_t got = 0;
    while (got < n) {
      ssize_t r = recv(fd, out + got, n - got, 0);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0) return false;
      got += static_cast<size_t>(r);
    }
    return true;
  }

  static void SendAll(int fd, const std::string& bytes) {
    size_t sent = 0;
    while (sent < bytes.size()) {
      ssize_t n = send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;
      sent += static_cast<size_t>(n);
    }
  }

  static std::string ResponseFrame(int32_t request_id, const std::string& body) {
    std::string out;
    PutBigEndian<int32_t>(&out, static_cast<int32_t>(kResponseHeaderBytes + body.size()));
    out.push_back(static_cast<char>(ResponseType::kSuccess));
    PutBigEndian<int32_t>(&out, request_id);
    return out + body;
  }

  static std::string ApiVersionsBody() {
    wire::ApiVersionsResponse resp;
    for (int key = 1000; key <= 1040; ++key) {
      auto* v = resp.add_api_versions();
      v->set_api_key(key);
      v->set_min_version(0);
      v->set_max_version(0);
    }
    return resp.SerializeAsString();
  }

  void Serve(int fd) {
    while (!stopping_) {
      char header[4 + kRequestHeaderBytes];
      if (!ReadExactly(fd, header, sizeof(header))) return;
      int32_t length = GetBigEndian<int32_t>(header);
      auto key = static_cast<ApiKey>(GetBigEndian<int16_t>(header + 4));
      int32_t request_id = GetBigEndian<int32_t>(header + 8);
      if (length < kRequestHeaderBytes || length > (64 << 20)) return;
      std::string body(static_cast<size_t>(length - kRequestHeaderBytes), '\0');
      if (!ReadExactly(fd, body.data(), body.size())) return;
      if (key == ApiKey::kApiVersions) {
        SendAll(fd, ResponseFrame(request_id, ApiVersionsBody()));
        if (behavior_ == Behavior::kStopReading) {
          while (!stopping_) std::this_thread::sleep_for(std::chrono::milliseconds(10));
          return;
        }
        continue;
      }
      requests_.fetch_add(1);
      switch (behavior_) {
        case Behavior::kSilent:
        case Behavior::kStopReading:
          break;
        case Behavior::kEcho:
          SendAll(fd, ResponseFrame(request_id, body));
          break;
        case Behavior::kHalfFrame: {
          std::string frame = ResponseFrame(request_id, body);
          SendAll(fd, frame.substr(0, frame.size() / 2));
          break;
        }
        case Behavior::kHugeHeader: {
          std::string bytes;
          PutBigEndian<int32_t>(&bytes, 200 << 20);
          bytes += "abcdefgh";
          SendAll(fd, bytes);
          break;
        }
        case Behavior::kZeroLength: {
          std::string bytes;
          PutBigEndian<int32_t>(&bytes, 0);
          SendAll(fd, bytes);
          break;
        }
      }
    }
  }

  const Behavior behavior_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  std::atomic<int> requests_{0};
  std::mutex mu_;
  std::vector<int> fds_;
  std::vector<std::thread> handlers_;
  std::thread acceptor_;
};

}  // namespace fluss_native::rpc::testing
