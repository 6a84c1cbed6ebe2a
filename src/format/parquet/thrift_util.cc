#include "format/parquet/thrift_util.h"

#include <exception>
#include <memory>
#include <new>

#include <thrift/TConfiguration.h>
#include <thrift/protocol/TCompactProtocol.h>
#include <thrift/transport/TBufferTransports.h>

namespace fluss_native::parquet {
namespace {

using apache::thrift::TConfiguration;
using apache::thrift::protocol::TCompactProtocolT;
using apache::thrift::transport::TMemoryBuffer;

template <typename T>
Status Decode(const uint8_t* data, uint32_t size, T* out, uint32_t* consumed) {
  // Thrift sizes are signed 32-bit; no header or footer we accept is larger.
  if (size > 0x7fffffffu) size = 0x7fffffffu;
  try {
    // The message-size limit is what makes the protocol refuse a list or
    // string longer than the remaining bytes before it allocates for it.
    auto config = std::make_shared<TConfiguration>(
        /*maxMessageSize=*/static_cast<int>(size > 0 ? size : 1),
        /*maxFrameSize=*/static_cast<int>(size > 0 ? size : 1),
        /*recursionLimit=*/64);
    auto buffer = std::make_shared<TMemoryBuffer>(const_cast<uint8_t*>(data), size,
                                                  TMemoryBuffer::OBSERVE, config);
    TCompactProtocolT<TMemoryBuffer> protocol(buffer, static_cast<int32_t>(size), static_cast<int32_t>(size));
    uint32_t n = out->read(&protocol);
    if (consumed != nullptr) *consumed = n;
    if (n > size) return Status::Corruption("thrift structure overruns its buffer");
    return Status::OK();
  } catch (const std::bad_alloc&) {
    // Out of memory is not a property of the bytes: never report it as Corruption.
    return Status::ResourceExhausted("out of memory decoding a thrift structure");
  } catch (const std::exception& e) {
    return Status::Corruption(std::string("cannot decode thrift structure: ") + e.what());
  } catch (...) {
    return Status::Corruption("cannot decode thrift structure");
  }
}

}  // namespace

Status DecodeFileMetaData(const uint8_t* data, uint32_t size, format::FileMetaData* out) {
  return Decode(data, size, out, nullptr);
}

Status DecodePageHeader(const uint8_t* data, uint32_t size, format::PageHeader* out,
                        uint32_t* consumed) {
  return Decode(data, size, out, consumed);
}

Status DecodeColumnIndex(const uint8_t* data, uint32_t size, format::ColumnIndex* out) {
  return Decode(data, size, out, nullptr);
}

Status DecodeOffsetIndex(const uint8_t* data, uint32_t size, format::OffsetIndex* out) {
  return Decode(data, size, out, nullptr);
}

}  // namespace fluss_native::parquet
