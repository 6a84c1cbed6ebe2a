// Fuzz target: one Arrow IPC RecordBatch message. Input byte 0 selects the
// row type (fuzz_types.h), the rest is the message. Decoded batches are
// rendered completely so sanitizers see every read of exported buffers.
#include <memory>
#include <string>

#include "format/arrow/array_json.h"
#include "format/arrow/ipc_reader.h"
#include "fuzz_target.h"
#include "fuzz_types.h"

using namespace fluss_native;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<DataType> types = fuzz::LoadFuzzTypes();  // read-only after init
  if (size < 1 || types.empty()) return 0;
  const DataType& type = types[data[0] % types.size()];
  auto owner = std::make_shared<const std::string>(reinterpret_cast<const char*>(data) + 1,
                                                   size - 1);
  arrow::IpcReadOptions options;
  options.max_buffer_bytes = 1 << 22;
  options.align_buffers = (data[0] & 0x80) == 0;
  auto decoded = arrow::DecodeRecordBatch(reinterpret_cast<const uint8_t*>(owner->data()),
                                          owner->size(), owner, type, options);
  if (decoded.ok()) (void)arrow::BatchToJson(*decoded->array.get(), type);
  return 0;
}

std::vector<std::string> FuzzSeeds() {
  std::vector<std::string> seeds;
  const auto& names = fuzz::FuzzCaseNames();
  for (size_t i = 0; i < names.size(); ++i) {
    for (const char* codec : {"none", "lz4", "zstd"}) {
      std::string body =
          fuzz::ReadSourceFile("tests/data/arrow/" + names[i] + "." + codec + ".arrows");
      if (!body.empty()) seeds.push_back(std::string(1, static_cast<char>(i)) + body);
    }
  }
  return seeds;
}
