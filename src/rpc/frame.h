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
#include <deque>
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

// Parses one frame's payload (the bytes after frame_length), or just its
// head (ReceivedFrame::head), whose body is then empty.
Result<ResponseFrame> ParseResponseFrame(std::string_view payload);

// One response frame as received: `head` holds the response type and request
// id (just the type byte for a server failure), `body` the rest. The body is
// its own string so it is handed to the caller without moving its bytes.
struct ReceivedFrame {
  std::string head;
  std::string body;
};

// Cuts a byte stream into frames. Invariants:
//  - a frame length outside [1, max_frame_bytes] is a protocol error that
//    poisons the reader, since the stream can no longer be re-synchronised;
//  - memory follows the bytes that arrived, not the length header: the body
//    buffer grows at most geometrically with received bytes (never beyond the
//    announced length), so a header alone costs nothing;
//  - a complete frame is moved out by Next(), so the reader keeps no capacity
//    after a large frame;
//  - running out of memory for a frame poisons the reader with an error
//    naming the frame size instead of throwing.
class FrameReader {
 public:
  explicit FrameReader(int64_t max_frame_bytes) : max_frame_bytes_(max_frame_bytes) {}

  // Consumes `bytes`; completed frames wait for Next().
  void Append(std::string_view bytes);

  // The next complete frame, nullopt if more bytes are needed, or the error
  // that poisoned the stream (after the frames completed before it).
  Result<std::optional<ReceivedFrame>> Next();

  // Bytes held of complete and partial frames not yet handed out.
  size_t buffered_bytes() const;
  // Bytes allocated for them (for tests of the memory invariants).
  size_t capacity_bytes() const;

 private:
  void AppendBody(std::string_view bytes);

  int64_t max_frame_bytes_;
  char length_bytes_[4] = {};
  size_t length_bytes_seen_ = 0;
  int64_t frame_length_ = -1;  // payload bytes of the frame in progress; -1 before its header
  size_t head_length_ = 0;     // known once the first payload byte arrived
  ReceivedFrame partial_;
  std::deque<ReceivedFrame> complete_;
  Status poisoned_;
};

}  // namespace fluss_native::rpc
