#include "rpc/messages/wire_reader.h"

namespace fluss_native::rpc::messages {

Status WireReader::Truncated(const char* what) const {
  return Status::Corruption(std::string("truncated ") + what + " at byte " + std::to_string(pos_) + " of " +
                            std::to_string(data_.size()));
}

Status WireReader::ReadVarint(uint64_t* value) {
  uint64_t result = 0;
  for (int shift = 0; shift < 70; shift += 7) {
    if (pos_ >= data_.size()) return Truncated("varint");
    uint8_t byte = static_cast<uint8_t>(data_[pos_++]);
    if (shift == 63 && byte > 1) {
      return Status::Corruption("varint longer than 64 bits ending at byte " + std::to_string(pos_));
    }
    result |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *value = result;
      return Status::OK();
    }
  }
  return Status::Corruption("varint longer than 10 bytes ending at byte " + std::to_string(pos_));
}

Status WireReader::NextField(uint32_t* field, WireType* type) {
  size_t start = pos_;
  uint64_t tag = 0;
  FN_RETURN_IF_ERROR(ReadVarint(&tag));
  uint64_t number = tag >> 3;
  uint64_t wire = tag & 7;
  if (number == 0 || number > (uint64_t{1} << 29) - 1) {
    return Status::Corruption("invalid field number " + std::to_string(number) + " at byte " +
                              std::to_string(start));
  }
  if (wire != 0 && wire != 1 && wire != 2 && wire != 5) {
    return Status::Corruption("unsupported wire type " + std::to_string(wire) + " of field " +
                              std::to_string(number) + " at byte " + std::to_string(start));
  }
  *field = static_cast<uint32_t>(number);
  *type = static_cast<WireType>(wire);
  return Status::OK();
}

Status WireReader::ReadBytes(std::string_view* value) {
  uint64_t length = 0;
  FN_RETURN_IF_ERROR(ReadVarint(&length));
  if (length > data_.size() - pos_) {
    return Status::Corruption("field of " + std::to_string(length) + " bytes at byte " + std::to_string(pos_) +
                              " runs past the end (" + std::to_string(data_.size() - pos_) + " bytes left)");
  }
  *value = data_.substr(pos_, static_cast<size_t>(length));
  pos_ += static_cast<size_t>(length);
  return Status::OK();
}

Status WireReader::Skip(WireType type) {
  switch (type) {
    case WireType::kVarint: {
      uint64_t ignored;
      return ReadVarint(&ignored);
    }
    case WireType::kLengthDelimited: {
      std::string_view ignored;
      return ReadBytes(&ignored);
    }
    case WireType::kFixed64:
    case WireType::kFixed32: {
      size_t n = type == WireType::kFixed64 ? 8 : 4;
      if (n > data_.size() - pos_) return Truncated("fixed-width field");
      pos_ += n;
      return Status::OK();
    }
  }
  return Status::Corruption("unsupported wire type");
}

}  // namespace fluss_native::rpc::messages
