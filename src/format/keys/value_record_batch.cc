#include "format/keys/value_record_batch.h"

#include <cstdint>
#include <string>


namespace fluss_native::keys {
namespace {

constexpr size_t kLengthBytes = 4;
constexpr size_t kHeaderBytes = 9;  // length, magic, record count
constexpr uint8_t kMagic = 0;
constexpr size_t kSchemaIdBytes = 2;

uint32_t Le32(const char* p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

}  // namespace

Result<std::vector<std::string_view>> SplitValueRecordBatch(std::string_view batch, const std::string& where) {
  auto bad = [&](const std::string& what) {
    return Status::Corruption("value record batch of " + where + " (" + std::to_string(batch.size()) +
                              " bytes): " + what);
  };
  if (batch.size() < kHeaderBytes) return bad("shorter than its 9-byte header");
  uint32_t length = Le32(batch.data());
  if (length != batch.size() - kLengthBytes) {
    return bad("length field says " + std::to_string(length) + " bytes follow, " +
               std::to_string(batch.size() - kLengthBytes) + " do");
  }
  if (static_cast<uint8_t>(batch[4]) != kMagic) {
    return bad("unknown magic " + std::to_string(static_cast<uint8_t>(batch[4])));
  }
  uint32_t count = Le32(batch.data() + 5);
  // Every record takes at least its length and a schema id.
  if (count > (batch.size() - kHeaderBytes) / (kLengthBytes + kSchemaIdBytes)) {
    return bad("record count " + std::to_string(count) + " does not fit");
  }
  std::vector<std::string_view> values;
  values.reserve(count);
  size_t pos = kHeaderBytes;
  for (uint32_t i = 0; i < count; ++i) {
    if (batch.size() - pos < kLengthBytes) return bad("record " + std::to_string(i) + " is truncated");
    uint32_t n = Le32(batch.data() + pos);
    pos += kLengthBytes;
    if (n < kSchemaIdBytes || n > batch.size() - pos) {
      return bad("record " + std::to_string(i) + " has length " + std::to_string(n) + " with " +
                 std::to_string(batch.size() - pos) + " bytes left");
    }
    values.push_back(batch.substr(pos, n));
    pos += n;
  }
  if (pos != batch.size()) return bad(std::to_string(batch.size() - pos) + " bytes after the last record");
  return values;
}

}  // namespace fluss_native::keys
