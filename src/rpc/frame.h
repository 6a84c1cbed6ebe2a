// Fluss's length-prefixed framing (fluss-rpc MessageCodec).
//
//   request  : int32 frame_length | int16 api_key | int16 api_version |
//              int32 request_id | protobuf body
//   response : int32 frame_length | int8 response_type | int32 request_id | body
//   failure  : int32 frame_length | int8 response_type (=2) | ErrorResponse
//
// All integers are big-endian. frame_length counts the bytes after itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fluss_native/status.h"
#include "rpc/api_keys.h"

namespace fluss_native::rpc {

constexpr int kRequestHeaderBytes = 8;   // api key, version, request id
constexpr int kResponseHeaderBytes = 5;  // type, request id

enum class ResponseType : int8_t { kSuccess = 0, kError = 1, kServerFailure = 2 };

// Appends a whole request frame for `body` to `out`.
void AppendRequestFrame(ApiKey key, int16_t version, int32_t request_id, std::string_view body,
                        std::string* out);

struct ResponseFrame {
  ResponseType type = ResponseType::kSuccess;
  int32_t request_id = -1;  // -1 for kServerFailure, which has none
  std::string_view body;    // points into the frame it was parsed from
};

// Parses one frame's payload (the bytes after frame_length).
Result<ResponseFrame> ParseResponseFrame(std::string_view payload);

// Cuts a byte stream into frame payloads. Holds at most one partial frame.
// Invariant: a frame longer than max_frame_bytes, or shorter than the
// smallest valid response, is a protocol error and poisons the reader, since
// the stream can no longer be re-synchronised.
class FrameReader {
 public:
  explicit FrameReader(int64_t max_frame_bytes) : max_frame_bytes_(max_frame_bytes) {}

  void Append(std::string_view bytes) { buffer_.append(bytes); }

  // The next complete frame payload, nullopt if more bytes are needed, or an
  // error for a frame length that cannot be valid.
  Result<std::optional<std::string>> Next();

  size_t buffered_bytes() const { return buffer_.size() - consumed_; }

 private:
  int64_t max_frame_bytes_;
  std::string buffer_;
  size_t consumed_ = 0;
};

}  // namespace fluss_native::rpc
