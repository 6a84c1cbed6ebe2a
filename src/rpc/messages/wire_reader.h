// A bounds-checked reader of the protobuf wire format, for the one response
// whose bytes must not be copied: FetchLog's records are left in the
// response buffer and referred to by offset (see fetch_log.h). Generated
// protobuf classes would copy every bytes field into its own string.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "fluss_native/status.h"

namespace fluss_native::rpc::messages {

enum class WireType : uint8_t { kVarint = 0, kFixed64 = 1, kLengthDelimited = 2, kFixed32 = 5 };

class WireReader {
 public:
  // `data` must outlive the reader and every view it returns.
  explicit WireReader(std::string_view data) : data_(data) {}

  bool done() const { return pos_ >= data_.size(); }
  size_t position() const { return pos_; }

  // The next field's number and wire type. Groups (wire types 3, 4) and
  // unknown wire types are errors: Fluss's messages have none.
  Status NextField(uint32_t* field, WireType* type);
  Status ReadVarint(uint64_t* value);
  // A length-delimited field's bytes, as a view into the reader's data.
  Status ReadBytes(std::string_view* value);
  // Skips a field of `type` (unknown fields are ignored, as protobuf does).
  Status Skip(WireType type);

 private:
  Status Truncated(const char* what) const;

  std::string_view data_;
  size_t pos_ = 0;
};

}  // namespace fluss_native::rpc::messages
