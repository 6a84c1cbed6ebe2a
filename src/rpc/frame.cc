#include "rpc/frame.h"

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

Result<std::optional<std::string>> FrameReader::Next() {
  if (buffered_bytes() < 4) return std::optional<std::string>();
  int32_t length = GetBigEndian<int32_t>(buffer_.data() + consumed_);
  if (length < 1 || length > max_frame_bytes_) {
    return Status::Corruption("frame length " + std::to_string(length) + " is outside [1, " +
                              std::to_string(max_frame_bytes_) + "]");
  }
  if (buffered_bytes() < 4 + static_cast<size_t>(length)) {
    // Reserve once so a large frame is not reallocated on every read.
    buffer_.reserve(consumed_ + 4 + static_cast<size_t>(length));
    return std::optional<std::string>();
  }
  std::string payload = buffer_.substr(consumed_ + 4, static_cast<size_t>(length));
  consumed_ += 4 + static_cast<size_t>(length);
  if (consumed_ == buffer_.size()) {
    buffer_.clear();
    consumed_ = 0;
  } else if (consumed_ > (1u << 20) && consumed_ > buffer_.size() / 2) {
    buffer_.erase(0, consumed_);
    consumed_ = 0;
  }
  return std::optional<std::string>(std::move(payload));
}

}  // namespace fluss_native::rpc
