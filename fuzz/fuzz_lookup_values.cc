// Fuzz target: what a tablet server's Lookup/PrefixLookup answers carry.
// Input byte 0 picks the decoder: the Lookup response body, the
// PrefixLookup response body, or one KV value row (int16 schema id +
// COMPACTED row) decoded into Arrow columns of a row type with every scalar
// key type and a nested column to skip. Seeds are rows our own tests encode.
#include <string>

#include "format/arrow/c_export.h"
#include "format/keys/value_rows.h"
#include "fuzz_target.h"
#include "rpc/messages/lookup.h"

using namespace fluss_native;

namespace {

DataType Scalar(TypeRoot root, int precision = 0, int scale = 0, int length = 0) {
  DataType t;
  t.root = root;
  t.precision = precision;
  t.scale = scale;
  t.length = length;
  return t;
}

DataType RowType() {
  DataType row;
  row.root = TypeRoot::kRow;
  DataType array = Scalar(TypeRoot::kArray);
  array.children = {Scalar(TypeRoot::kInt)};
  row.children = {Scalar(TypeRoot::kInt),          Scalar(TypeRoot::kString),      Scalar(TypeRoot::kBoolean),
                  Scalar(TypeRoot::kTinyInt),      Scalar(TypeRoot::kSmallInt),    Scalar(TypeRoot::kBigInt),
                  Scalar(TypeRoot::kFloat),        Scalar(TypeRoot::kDouble),      Scalar(TypeRoot::kDecimal, 10, 2),
                  Scalar(TypeRoot::kDecimal, 38, 10), Scalar(TypeRoot::kBinary, 0, 0, 4), Scalar(TypeRoot::kBytes),
                  Scalar(TypeRoot::kDate),         Scalar(TypeRoot::kTime, 3),     Scalar(TypeRoot::kTimestamp, 9),
                  Scalar(TypeRoot::kTimestampLtz, 3), array};
  for (size_t i = 0; i < row.children.size(); ++i) {
    row.field_names.push_back("f" + std::to_string(i));
    row.field_ids.push_back(static_cast<int>(i));
    row.field_descriptions.push_back(std::nullopt);
  }
  return row;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: (void)rpc::messages::LookupResponse::Decode(body); break;
    case 1: (void)rpc::messages::PrefixLookupResponse::Decode(body); break;
    default: {
      static const DataType row = RowType();
      std::vector<int> columns;
      for (int i = 0; i + 1 < static_cast<int>(row.children.size()); ++i) columns.push_back(i);
      auto builder = keys::ValueRowsBuilder::Make(row, 1, "", columns);
      if (!builder.ok()) __builtin_trap();
      for (int i = 0; i < 2; ++i) (void)builder->Append(body, "fuzz");
      auto batch = builder->Finish();
      if (batch.ok()) {
        arrow::UniqueArrowArray out;
        arrow::ExportArray(std::move(*batch), out.get());
      }
    }
  }
  return 0;
}

std::vector<std::string> FuzzSeeds() {
  // A row of schema 1: every field set, small values; and one with all nulls.
  std::string row("\x02\x01\x00\x00\x00", 5);  // selector 2, schema id 1, 3 null-bit bytes (17 fields)
  row += std::string("\x05\x02xy\x01\x07\x02\x00\x2a", 9);     // int 5, "xy", true, 7, smallint 2, bigint 42
  row += std::string("\x00\x00\x80\x3f", 4);                      // float 1.0
  row += std::string("\x00\x00\x00\x00\x00\x00\xf0\x3f", 8);      // double 1.0
  row += std::string("\x64\x01\x01\x04\x00\x01\x02\x03\x01\xff", 10);  // dec 100, dec38 [1], bin4, bytes [ff]
  row += std::string("\x10\x20\x01\x02\x03\x04\x02\x00", 8);      // date, time, ts9 (millis, nanos), ltz, array len 2
  std::string nulls("\x02\x01\x00\xff\xff\x01", 6);
  return {row, nulls, std::string("\x00", 1), std::string("\x01", 1)};
}
