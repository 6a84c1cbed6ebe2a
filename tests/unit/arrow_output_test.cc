// The public Arrow output helpers (fluss_native/arrow_output.h), as a host
// calls them: an ArrowArrayStream of pyarrow-written batches goes to an IPC
// stream file that pyarrow reads back (the oracle), rows render as the JSON
// pyarrow dumped for the same data, and misuse or a failing stream comes
// back as a Status, never a crash.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "fluss_native/arrow_output.h"
#include "format/arrow/ipc_reader.h"
#include "format/arrow/stream.h"

namespace fluss_native {
namespace {

using json = nlohmann::json;

std::string ReadData(const std::string& name) {
  std::ifstream in(std::string(FN_SOURCE_DIR) + "/tests/data/arrow/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Fixture {
  DataType type;
  json rows;
  std::shared_ptr<const std::string> bytes;
};

Fixture Load(const std::string& name) {
  json doc = json::parse(ReadData(name + ".json"));
  auto type = ParseDataTypeJson(doc["type"].dump());
  EXPECT_TRUE(type.ok());
  return {type.ok() ? *type : DataType{}, doc["rows"], std::make_shared<const std::string>(ReadData(name + ".zstd.arrows"))};
}

arrow::UniqueArrowArray Decode(const Fixture& f) {
  auto d = arrow::DecodeRecordBatch(reinterpret_cast<const uint8_t*>(f.bytes->data()), f.bytes->size(), f.bytes,
                                    f.type);
  EXPECT_TRUE(d.ok()) << d.status().ToString();
  return d.ok() ? std::move(d->array) : arrow::UniqueArrowArray();
}

std::string RunPython(const std::string& script, const std::string& arg) {
  std::string cmd = "python3 -c \"" + script + "\" " + arg + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while (p != nullptr && (n = fread(buf, 1, sizeof(buf), p)) > 0) out.append(buf, n);
  EXPECT_EQ(p != nullptr ? pclose(p) : -1, 0) << out;
  return out;
}

TEST(ArrowOutput, StreamToIpcFileThatPyarrowReads) {
  Fixture f = Load("primitives");
  std::vector<arrow::UniqueArrowArray> batches;
  batches.push_back(Decode(f));
  batches.push_back(Decode(f));
  ArrowArrayStream stream;
  ASSERT_TRUE(arrow::ExportArrayStream(f.type, std::move(batches), &stream).ok());
  std::ostringstream out;
  auto rows = WriteArrowIpcStream(&stream, f.type, &out);
  stream.release(&stream);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, static_cast<int64_t>(2 * f.rows.size()));

  const std::string path = std::string(FN_BINARY_DIR) + "/arrow_output_primitives.arrows";
  std::ofstream(path, std::ios::binary) << out.str();
  json seen = json::parse(RunPython(
      "import sys, json, pyarrow.ipc as ipc\n"
      "t = ipc.open_stream(sys.argv[1]).read_all()\n"
      "print(json.dumps({'rows': t.num_rows, 'names': t.column_names}))",
      path));
  EXPECT_EQ(seen["rows"].get<size_t>(), 2 * f.rows.size());
  EXPECT_EQ(seen["names"], json(f.type.field_names));
}

TEST(ArrowOutput, BatchToJsonMatchesPyarrowsRows) {
  for (const char* name : {"primitives", "nested"}) {
    Fixture f = Load(name);
    arrow::UniqueArrowArray batch = Decode(f);
    auto text = ArrowBatchToJson(*batch.get(), f.type);
    ASSERT_TRUE(text.ok()) << text.status().ToString();
    EXPECT_EQ(json::parse(*text), f.rows) << name;
  }
}

TEST(ArrowOutput, MisuseAndStreamFailuresAreStatuses) {
  Fixture f = Load("ints");
  DataType not_a_row;
  not_a_row.root = TypeRoot::kBigInt;
  arrow::UniqueArrowArray batch = Decode(f);
  EXPECT_EQ(ArrowBatchToJson(*batch.get(), not_a_row).status().code(), StatusCode::kInvalidArgument);

  std::ostringstream out;
  EXPECT_EQ(WriteArrowIpcStream(nullptr, f.type, &out).status().code(), StatusCode::kInvalidArgument);
  ArrowArrayStream released{};
  EXPECT_EQ(WriteArrowIpcStream(&released, f.type, &out).status().code(), StatusCode::kInvalidArgument);

  // A stream that fails after one batch: its message comes back.
  bool first = true;
  auto source = [&](ArrowArray* out_array) -> Result<bool> {
    if (!first) return Status::Corruption("bucket 3 of db.t is broken at offset 17");
    first = false;
    Decode(f).MoveTo(out_array);
    return true;
  };
  ArrowArrayStream failing;
  ASSERT_TRUE(arrow::ExportArrayStream(f.type, source, &failing).ok());
  auto rows = WriteArrowIpcStream(&failing, f.type, &out);
  failing.release(&failing);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), StatusCode::kServerError);
  EXPECT_NE(rows.status().message().find("bucket 3 of db.t is broken at offset 17"), std::string::npos)
      << rows.status().ToString();
}

}  // namespace
}  // namespace fluss_native
