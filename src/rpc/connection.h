// One TCP connection to one Fluss server, carrying many requests at once.
//
// Requests are matched to responses by request id, so callers on any thread
// may have calls in flight together: Start() writes a request and returns a
// PendingCall at once, PendingCall::Wait() blocks for its answer, Call() is
// both. A background reader thread owns the receive side. Invariants:
//  - every Start()ed call completes exactly once: with the response body, the
//    server's error, the failure that broke the connection, or a timeout;
//  - a failure (write error or timeout mid-frame, read error, peer close,
//    frame error, Close()) marks the connection broken and fails every
//    pending call with a Status naming the server: a retriable Network error,
//    or the non-retriable Corruption/Internal error of a hostile stream;
//  - a call that times out marks the connection suspect (it may be
//    half-open); the owner (ConnectionPool) replaces a broken or suspect
//    connection on next use, so later calls never wait on the same dead
//    socket; keepalive and TCP_USER_TIMEOUT retire idle half-open sockets;
//  - the socket is shut down exactly once (shut_down_, separate from
//    broken_) by whichever of Close(), a write failure or the reader's exit
//    comes first; so the reader always leaves recv() and the destructor's
//    join never waits for the server, and nothing here blocks its caller
//    beyond the deadline it passed;
//  - a response body reaches the caller in the string it was received into:
//    the reader never moves or copies its bytes after receiving them;
//  - no exception leaves this class: thread creation failure and running out
//    of memory for a frame become Status values;
//  - the ApiVersions handshake (and SASL/PLAIN when configured) completes
//    before Open() returns, so later calls can check supported versions.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>

#include "common/endpoint.h"
#include "fluss_native/host.h"
#include "fluss_native/status.h"
#include "rpc/api_keys.h"
#include "rpc/cancel_poll.h"
#include "rpc/frame.h"
#include "rpc/server_features.h"

namespace fluss_native::rpc {

using Clock = std::chrono::steady_clock;

struct ConnectionOptions {
  std::chrono::milliseconds connect_timeout{5000};
  int64_t max_frame_bytes = 256ll << 20;
  // Empty: no authentication. Otherwise SASL/PLAIN with these credentials.
  std::string sasl_username;
  std::string sasl_password;
  bool sasl = false;
  // TCP liveness (see SetLiveness in connection.cc): keepalive probes after
  // `keepalive_idle` of silence, every `keepalive_interval`, `keepalive_count`
  // unanswered probes drop the connection; 0 idle disables keepalive.
  // `tcp_user_timeout` bounds how long sent data may stay unacknowledged;
  // 0 leaves the kernel default.
  std::chrono::seconds keepalive_idle{30};
  std::chrono::seconds keepalive_interval{5};
  int keepalive_count = 3;
  std::chrono::milliseconds tcp_user_timeout{30000};
};

class ServerConnection;

// Where the reader thread leaves a call's outcome. Shared by the connection's
// table of calls in flight and the caller's PendingCall, so the table never
// owns the caller's handle (no cycle with the connection).
class CallSlot {
 public:
  void Complete(Result<std::string> result);
  // True once completed; false when `deadline` passed first.
  bool WaitUntil(Clock::time_point deadline);
  // The outcome; only after WaitUntil returned true, once.
  Result<std::string> Take();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  bool taken_ = false;
  Status status_;
  std::string body_;
};

// One request on the wire, returned by ServerConnection::Start. Keeps its
// connection alive until it is destroyed. Several may be waited on one thread,
// one after another: they are all in flight together.
class PendingCall {
 public:
  PendingCall(std::shared_ptr<ServerConnection> connection, int32_t request_id, ApiKey key,
              std::shared_ptr<CallSlot> slot)
      : connection_(std::move(connection)), request_id_(request_id), key_(key), slot_(std::move(slot)) {}
  // A call dropped before its answer is forgotten by the connection; the
  // answer, if it comes, is discarded.
  ~PendingCall();
  PendingCall(const PendingCall&) = delete;
  PendingCall& operator=(const PendingCall&) = delete;

  // Blocks until the answer or `deadline`. Returns the success body; a server
  // error response becomes its mapped Status; a timeout is a retriable Timeout
  // naming the API and the server. Call it once. With `cancel`, the wait
  // looks at the token every kCancelPollInterval and, once it is cancelled,
  // forgets the call and returns Cancelled (the connection stays usable).
  Result<std::string> Wait(Clock::time_point deadline, const CancellationToken* cancel = nullptr);

  ApiKey key() const { return key_; }
  const Endpoint& endpoint() const;

 private:
  std::shared_ptr<ServerConnection> connection_;
  int32_t request_id_;
  ApiKey key_;
  std::shared_ptr<CallSlot> slot_;
};

class ServerConnection : public std::enable_shared_from_this<ServerConnection> {
 public:
  // Resolves, connects, starts the reader thread and handshakes, all before
  // `deadline` and options.connect_timeout, whichever comes first.
  static Result<std::shared_ptr<ServerConnection>> Open(const Endpoint& endpoint,
                                                        const ConnectionOptions& options,
                                                        Clock::time_point deadline);
  static Result<std::shared_ptr<ServerConnection>> Open(const Endpoint& endpoint,
                                                        const ConnectionOptions& options);
  ~ServerConnection();
  ServerConnection(const ServerConnection&) = delete;
  ServerConnection& operator=(const ServerConnection&) = delete;

  // Sends `body` as api `key` and returns at once; the answer is waited for
  // with PendingCall::Wait. Fails when the connection is broken or the
  // request cannot be written before `deadline`.
  Result<std::shared_ptr<PendingCall>> Start(ApiKey key, std::string_view body,
                                             Clock::time_point deadline);
  // Start + Wait: the success body, or the server's error as its mapped Status.
  Result<std::string> Call(ApiKey key, std::string_view body, Clock::time_point deadline);

  // The highest version of `key` both sides speak, or Unsupported.
  Result<int16_t> NegotiatedVersion(ApiKey key) const;
  // What the server can do, from its ApiVersions answer (fixed after Open).
  const ServerFeatures& features() const { return features_; }

  bool broken() const { return broken_.load(); }
  // A call timed out here: the socket may be half-open, so the pool replaces
  // the connection on next use instead of sending more calls into it. Calls
  // already in flight keep waiting for their own deadlines.
  bool suspect() const { return suspect_.load(); }
  void MarkSuspect() { suspect_ = true; }
  // Neither broken nor suspect: fit for new calls.
  bool usable() const { return !broken() && !suspect(); }
  const Endpoint& endpoint() const { return endpoint_; }
  // The socket, for tests that inspect its options.
  int native_handle() const { return fd_; }
  // Shuts the socket down (once, whatever failed before) and fails pending
  // calls with a Network error. Never blocks: the reader wakes up and exits.
  void Close();

 private:
  ServerConnection(Endpoint endpoint, ConnectionOptions options, int fd);
  Status Handshake(Clock::time_point deadline);
  Status Authenticate(Clock::time_point deadline);
  friend class PendingCall;
  Result<std::shared_ptr<PendingCall>> StartWithVersion(ApiKey key, int16_t version,
                                                        std::string_view body,
                                                        Clock::time_point deadline);
  // Drops a call from the table of calls in flight (timed out or abandoned).
  void Forget(int32_t request_id);
  Status WriteAll(const std::string& bytes, Clock::time_point deadline);
  void ReaderLoop();
  void ReadUntilFailure();
  void ShutdownSocket();
  void FailAll(const Status& status);
  void Dispatch(ReceivedFrame frame);

  const Endpoint endpoint_;
  const ConnectionOptions options_;
  int fd_;
  std::atomic<bool> broken_{false};
  std::atomic<bool> suspect_{false};
  std::atomic<bool> shut_down_{false};  // shutdown(fd_) done; separate from broken_
  std::atomic<int32_t> next_request_id_{0};

  std::mutex write_mu_;  // serialises frames on the socket

  mutable std::mutex pending_mu_;
  std::unordered_map<int32_t, std::shared_ptr<CallSlot>> pending_;
  Status failure_;  // set once broken; guarded by pending_mu_

  AnnouncedVersions server_versions_;  // written before reader races
  ServerFeatures features_;            // likewise
  std::thread reader_;
};

}  // namespace fluss_native::rpc
