#include "rpc/frame.h"

#include <algorithm>
#include <cstring>
#include <new>

#include "common/endian.h"

namespace fluss_native::rpc {

void AppendRequestFrame(ApiKey key, int16_t version, int32_t request_id, std::string_view body,
                        std::string* out) {
  PutBigEndian<int32_t>(out, static_cast<int32_t>(kRequestHeaderBytes + body.size()));
  PutBigEndian<int16_t>(out, static_cast<int16_t>(key));
  PutBigEndian<int16_t>(out, version);
  PutBigEndian<int32_t>(out, request_id);
  out->append(body);
}

Result<ResponseFrame> ParseResponseFrame(std::string_view payload) {
  if (payload.empty()) return Status::Corruption("empty response frame");
  ResponseFrame frame;
  int8_t type = static_cast<int8_t>(payload[0]);
  if (type == static_cast<int8_t>(ResponseType::kServerFailure)) {
    frame.type = ResponseType::kServerFailure;
    frame.body = payload.substr(1);
    return frame;
  }
  if (type != static_cast<int8_t>(ResponseType::kSuccess) &&
      type != static_cast<int8_t>(ResponseType::kError)) {
    return Status::Corruption("unknown response type " + std::to_string(type));
  }
  if (payload.size() < kResponseHeaderBytes) {
    return Status::Corruption("response frame of " + std::to_string(payload.size()) +
                              " bytes is shorter than its header");
  }
  frame.type = static_cast<ResponseType>(type);
  frame.request_id = GetBigEndian<int32_t>(payload.data() + 1);
  frame.body = payload.substr(kResponseHeaderBytes);
  return frame;
}

namespace {

// The body buffer's first allocation and smallest growth step: large enough
// that a typical response needs one or two, small enough that a lying header
// costs nothing noticeable.
constexpr size_t kMinBodyGrowth = 16 << 10;

}  // namespace

void FrameReader::Append(std::string_view bytes) {
  try {
    while (!bytes.empty() && poisoned_.ok()) {
      if (frame_length_ < 0) {
        size_t take = std::min(bytes.size(), sizeof(length_bytes_) - length_bytes_seen_);
        std::memcpy(length_bytes_ + length_bytes_seen_, bytes.data(), take);
        length_bytes_seen_ += take;
        bytes.remove_prefix(take);
        if (length_bytes_seen_ < sizeof(length_bytes_)) return;
        int32_t length = GetBigEndian<int32_t>(length_bytes_);
        if (length < 1 || length > max_frame_bytes_) {
          poisoned_ = Status::Corruption("frame length " + std::to_string(length) + " is outside [1, " +
                                         std::to_string(max_frame_bytes_) + "]");
          return;
        }
        frame_length_ = length;
        length_bytes_seen_ = 0;
        head_length_ = 0;
        continue;
      }
      if (head_length_ == 0) {
        bool failure = static_cast<int8_t>(bytes[0]) == static_cast<int8_t>(ResponseType::kServerFailure);
        head_length_ = std::min<size_t>(failure ? 1 : kResponseHeaderBytes, static_cast<size_t>(frame_length_));
      }
      if (partial_.head.size() < head_length_) {
        size_t take = std::min(bytes.size(), head_length_ - partial_.head.size());
        partial_.head.append(bytes.data(), take);
        bytes.remove_prefix(take);
      } else {
        size_t want = static_cast<size_t>(frame_length_) - head_length_ - partial_.body.size();
        size_t take = std::min(bytes.size(), want);
        AppendBody(bytes.substr(0, take));
        bytes.remove_prefix(take);
      }
      if (partial_.head.size() == head_length_ &&
          partial_.head.size() + partial_.body.size() == static_cast<size_t>(frame_length_)) {
        complete_.push_back(std::move(partial_));
        partial_ = ReceivedFrame();
        frame_length_ = -1;
      }
    }
  } catch (const std::bad_alloc&) {
    // TODO(api): StatusCode::kResourceExhausted once it exists.
    poisoned_ = Status::Internal("out of memory receiving a frame of " + std::to_string(frame_length_) +
                                 " bytes");
    partial_ = ReceivedFrame();
  }
}

void FrameReader::AppendBody(std::string_view bytes) {
  std::string& body = partial_.body;
  size_t needed = body.size() + bytes.size();
  if (needed > body.capacity()) {
    // Geometric growth bounded by the announced body size: memory follows
    // the bytes that arrived, and the last step lands on the exact size.
    size_t announced = static_cast<size_t>(frame_length_) - head_length_;
    size_t target = std::min(std::max({needed, body.capacity() * 2, kMinBodyGrowth}), announced);
    // A fresh string gets exactly `target` (reserve on a non-empty one may
    // round up to twice the old capacity, past the announced size).
    std::string grown;
    grown.reserve(target);
    grown.append(body);
    body.swap(grown);
  }
  body.append(bytes);
}

Result<std::optional<ReceivedFrame>> FrameReader::Next() {
  if (!complete_.empty()) {
    ReceivedFrame frame = std::move(complete_.front());
    complete_.pop_front();
    return std::optional<ReceivedFrame>(std::move(frame));
  }
  if (!poisoned_.ok()) return poisoned_;
  return std::optional<ReceivedFrame>();
}

size_t FrameReader::buffered_bytes() const {
  size_t n = (frame_length_ >= 0 ? sizeof(length_bytes_) : length_bytes_seen_) + partial_.head.size() + partial_.body.size();
  for (const auto& f : complete_) n += f.head.size() + f.body.size();
  return n;
}

size_t FrameReader::capacity_bytes() const {
  size_t n = partial_.head.capacity() + partial_.body.capacity();
  for (const auto& f : complete_) n += f.head.capacity() + f.body.capacity();
  return n;
}

}  // namespace fluss_native::rpc
