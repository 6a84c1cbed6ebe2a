// Fuzz target: what a Fluss 1.0 tablet server's SCAN_KV answers carry.
// Input byte 0 picks the decoder: the ScanKvResponse body, or a value record
// batch split into values, each decoded as a COMPACTED row of (INT, STRING).
// Seeds are the Fluss 1.0 client's bytes (tests/data/rpc10/scan_kv.json).
#include <string>

#include "common/type_builder.h"
#include "format/arrow/c_export.h"
#include "format/keys/value_record_batch.h"
#include "format/keys/value_rows.h"
#include "fuzz_target.h"
#include "rpc/messages/scan_kv.h"

using namespace fluss_native;

namespace {

std::string Unhex(const std::string& hex) {
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    auto resp = rpc::messages::ScanKvResponse::Decode(body);
    if (resp.ok()) (void)keys::SplitValueRecordBatch(resp->records, "fuzz");
    return 0;
  }
  auto values = keys::SplitValueRecordBatch(body, "fuzz");
  if (!values.ok()) return 0;
  static const DataType row = [] {
    DataType r = MakeType(TypeRoot::kRow, false);
    AddField(&r, "id", MakeType(TypeRoot::kInt, true));
    AddField(&r, "name", MakeType(TypeRoot::kString, true));
    return r;
  }();
  auto builder = keys::ValueRowsBuilder::Make(row, 1, "COMPACTED", {0, 1});
  if (!builder.ok()) __builtin_trap();
  for (auto v : *values) {
    if (v.size() > body.size()) __builtin_trap();  // views stay inside the input
    (void)builder->Append(v, "fuzz");
  }
  auto batch = builder->Finish();
  if (batch.ok()) {
    arrow::UniqueArrowArray out;
    arrow::ExportArray(std::move(*batch), out.get());
  }
  return 0;
}

std::vector<std::string> FuzzSeeds() {
  const std::string records =
      Unhex("230000000003000000070000000100000a026e30040000000100020b070000000100000c026e32");
  const std::string response = Unhex(
      "1a0c7363616e6e65722d3030303120012a27230000000003000000070000000100000a026e30040000000100020b0700000001"
      "00000c026e3230d209");
  return {std::string("\x00", 1) + response, std::string("\x01", 1) + records,
          std::string("\x00", 1) + Unhex("083d120f7363616e6e65722065787069726564")};
}
