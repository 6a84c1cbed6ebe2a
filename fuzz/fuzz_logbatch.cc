// Fuzz target: the records bytes of a FetchLog response. Input byte 0: bits
// 0-3 select the row type, bit 4 turns CRC checking off, bit 5 makes the
// target recompute every batch CRC first, so mutations get past the checksum
// into the header, change type and Arrow decoders. Bit 6 reads magic 1 as
// Fluss 1.0's statistics header, and bit 7 selects the row type of the
// Fluss 1.0 golden batches (tests/data/logbatch/v1_stats.*) instead, so the
// statistics decoder and the keep_batch hook (which skips every other
// batch) are reached.
#include <memory>
#include <string>

#include "format/arrow/array_json.h"
#include "format/logbatch/batch_header.h"
#include "format/logbatch/crc32c.h"
#include "format/logbatch/log_batch_reader.h"
#include "fuzz_target.h"
#include "fuzz_types.h"

using namespace fluss_native;

namespace {

void FixCrcs(std::string* records, logbatch::V1Layout v1_layout) {
  size_t pos = 0;
  while (records->size() - pos >= logbatch::kV1HeaderSize) {
    auto* p = reinterpret_cast<uint8_t*>(records->data()) + pos;
    int64_t length = int32_t(uint32_t{p[8]} | uint32_t{p[9]} << 8 | uint32_t{p[10]} << 16 |
                             uint32_t{p[11]} << 24);
    const size_t size = logbatch::kLogOverhead + static_cast<size_t>(length < 0 ? 0 : length);
    if (size > records->size() - pos || size < logbatch::kV1HeaderSize) return;
    const int magic = p[logbatch::kMagicOffset];
    const bool epoch = magic == 2 || (magic == 1 && v1_layout == logbatch::V1Layout::kLeaderEpoch);
    const size_t crc_at = epoch ? 25 : 21;
    uint32_t crc = logbatch::Crc32c(p + crc_at + 4, size - crc_at - 4);
    for (int i = 0; i < 4; ++i) p[crc_at + i] = static_cast<uint8_t>(crc >> (8 * i));
    pos += size;
  }
}

// The ROW type of the Fluss 1.0 golden batches, from their sidecar.
DataType V1StatsType() {
  const std::string sidecar = fuzz::ReadSourceFile("tests/data/logbatch/v1_stats.json");
  const std::string head = "{\"type\":";
  const size_t end = sidecar.find(",\n\"batches\"");
  if (sidecar.compare(0, head.size(), head) != 0 || end == std::string::npos) return DataType();
  auto type = ParseDataTypeJson(sidecar.substr(head.size(), end - head.size()));
  return type.ok() ? *type : DataType();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<DataType> types = fuzz::LoadFuzzTypes();  // read-only after init
  static const DataType v1_stats_type = V1StatsType();
  if (size < 1 || types.empty()) return 0;
  logbatch::LogReadContext ctx;
  ctx.table_name = "fuzz";
  ctx.row_type = (data[0] & 0x80) && v1_stats_type.root == TypeRoot::kRow ? v1_stats_type
                                                                          : types[(data[0] & 0x0f) % types.size()];
  ctx.verify_crc = (data[0] & 0x10) == 0;
  ctx.v1_layout = (data[0] & 0x40) ? logbatch::V1Layout::kStatistics : logbatch::V1Layout::kLeaderEpoch;
  ctx.arrow_options.max_buffer_bytes = 1 << 22;
  int asked = 0;
  ctx.keep_batch = [&asked](const logbatch::LogBatchHeader&, const logbatch::BatchStatistics& stats) {
    for (const auto& c : stats.columns) {
      if (c.min) (void)c.min->ToString();
      if (c.max) (void)c.max->ToString();
    }
    return (asked++ % 2) == 0;
  };
  std::string records(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 0x20) FixCrcs(&records, ctx.v1_layout);
  auto r = logbatch::DecodeLogRecords(std::make_shared<const std::string>(std::move(records)),
                                      ctx);
  if (r.ok()) {
    for (const auto& batch : r->batches) {
      if (batch.skipped) continue;
      (void)arrow::BatchToJson(*batch.columns.get(), ctx.row_type);
    }
  }
  return 0;
}

std::vector<std::string> FuzzSeeds() {
  std::vector<std::string> seeds;
  const std::string records = fuzz::ReadSourceFile("tests/data/logbatch/all_types.records");
  // all_types is the last fuzz type (see fuzz_types.cc).
  const char select = static_cast<char>(fuzz::FuzzCaseNames().size());
  if (!records.empty()) {
    seeds.push_back(std::string(1, select) + records);
    seeds.push_back(std::string(1, static_cast<char>(select | 0x20)) + records);
    seeds.push_back(std::string(1, static_cast<char>(select | 0x10)) + records);
  }
  const std::string v1 = fuzz::ReadSourceFile("tests/data/logbatch/v1_stats.bin");
  if (!v1.empty()) {
    seeds.push_back(std::string(1, static_cast<char>(0xc0)) + v1);
    seeds.push_back(std::string(1, static_cast<char>(0xe0)) + v1);
    seeds.push_back(std::string(1, static_cast<char>(0xd0)) + v1);
  }
  // Every format Fluss 1.0 writes (V0, V1 +/- statistics, V2 +/- statistics,
  // three codecs) over the all_types row type, read with 1.0's V1 layout.
  const std::string matrix = fuzz::ReadSourceFile("tests/data/logbatch/v10_matrix.records");
  if (!matrix.empty()) {
    seeds.push_back(std::string(1, static_cast<char>(select | 0x40)) + matrix);
    seeds.push_back(std::string(1, static_cast<char>(select | 0x60)) + matrix);
  }
  return seeds;
}
