// The IPC stream writer against two readers we did not write for it:
// our own RecordBatch decoder (values must round-trip exactly) and pyarrow
// (it must open the stream and see the same rows, types and null counts).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "format/arrow/array_json.h"
#include "format/arrow/ipc_reader.h"
#include "format/arrow/ipc_writer.h"

namespace fluss_native::arrow {
namespace {

using json = nlohmann::json;

std::string ReadData(const std::string& name) {
  std::ifstream in(std::string(FN_SOURCE_DIR) + "/tests/data/arrow/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Written {
  std::string stream;
  size_t batch_message_at = 0;
};

class IpcWriterTest : public ::testing::TestWithParam<std::string> {};

TEST_P(IpcWriterTest, RoundTripsAndPyarrowReadsIt) {
  const std::string name = GetParam();
  json doc = json::parse(ReadData(name + ".json"));
  auto type = ParseDataTypeJson(doc["type"].dump());
  ASSERT_TRUE(type.ok());
  auto input = std::make_shared<const std::string>(ReadData(name + ".none.arrows"));
  auto decoded = DecodeRecordBatch(reinterpret_cast<const uint8_t*>(input->data()), input->size(), input, *type);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();

  std::ostringstream out;
  IpcStreamWriter writer(&out, *type);
  ASSERT_TRUE(writer.Begin().ok());
  ASSERT_TRUE(writer.WriteBatch(*decoded->array.get()).ok());
  ASSERT_TRUE(writer.End().ok());
  std::string stream = out.str();

  // Skip the schema message (continuation, length, metadata; no body).
  ASSERT_GE(stream.size(), 8u);
  int32_t schema_len;
  std::memcpy(&schema_len, stream.data() + 4, 4);
  size_t at = 8 + static_cast<size_t>(schema_len);
  EXPECT_EQ(at % 8, 0u);
  auto copy = std::make_shared<const std::string>(stream.substr(at, stream.size() - at - 8));
  auto again = DecodeRecordBatch(reinterpret_cast<const uint8_t*>(copy->data()), copy->size(), copy, *type);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  auto text = BatchToJson(*again->array.get(), *type);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(json::parse(*text), doc["rows"]);

  // pyarrow reads the file and reports what it saw.
  std::string path = std::string(FN_BINARY_DIR) + "/ipc_writer_" + name + ".arrows";
  std::ofstream(path, std::ios::binary) << stream;
  std::string cmd = "python3 -c \"import sys, json, pyarrow.ipc as ipc\n"
                    "t = ipc.open_stream(sys.argv[1]).read_all()\n"
                    "print(json.dumps({'rows': t.num_rows, 'names': t.column_names,"
                    " 'nulls': [c.null_count for c in t.columns], 'types': [str(f.type) for f in t.schema]}))\" " +
                    path + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string output;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), p)) > 0) output.append(buf, n);
  ASSERT_EQ(pclose(p), 0) << output;
  json seen = json::parse(output);
  EXPECT_EQ(seen["rows"].get<size_t>(), doc["rows"].size());
  EXPECT_EQ(seen["names"], json(type->field_names));
  for (size_t c = 0; c < type->field_names.size(); ++c) {
    size_t nulls = 0;
    for (const auto& row : doc["rows"]) nulls += row[type->field_names[c]].is_null();
    EXPECT_EQ(seen["nulls"][c].get<size_t>(), nulls) << type->field_names[c];
  }
}

INSTANTIATE_TEST_SUITE_P(AllCases, IpcWriterTest, ::testing::Values("primitives", "nested", "empty", "ints"));

}  // namespace
}  // namespace fluss_native::arrow
