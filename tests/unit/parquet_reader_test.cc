// Reads every file of the pyarrow-generated corpus (tests/data/parquet) and
// compares all values with pyarrow's own reading, dumped next to each file.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "format/parquet/file_reader.h"
#include "format/parquet/json_dump.h"

namespace fluss_native::parquet {
namespace {

const std::string kDataDir = std::string(FN_SOURCE_DIR) + "/tests/data/parquet/";

std::vector<std::string> CorpusFiles() {
  std::vector<std::string> names;
  if (DIR* d = opendir(kDataDir.c_str())) {
    while (dirent* e = readdir(d)) {
      std::string n = e->d_name;
      if (n.size() > 8 && n.substr(n.size() - 8) == ".parquet") names.push_back(n.substr(0, n.size() - 8));
    }
    closedir(d);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Reads the whole file through the C stream interface; returns
// column name -> values.
Result<nlohmann::json> ReadAll(const std::string& path, const ReadOptions& options) {
  FN_ASSIGN_OR_RETURN(auto file, OpenLocalFile(path));
  FN_ASSIGN_OR_RETURN(auto reader, ParquetFileReader::Open(file));
  ArrowArrayStream stream;
  FN_RETURN_IF_ERROR(reader->NewStream(options, &stream));
  ArrowSchema schema;
  EXPECT_EQ(stream.get_schema(&stream, &schema), 0);
  nlohmann::json columns = nlohmann::json::object();
  for (int64_t i = 0; i < schema.n_children; ++i) columns[schema.children[i]->name] = nlohmann::json::array();
  Status st;
  while (true) {
    ArrowArray batch;
    if (stream.get_next(&stream, &batch) != 0) {
      st = Status::Corruption(stream.get_last_error(&stream));
      break;
    }
    if (batch.release == nullptr) break;
    EXPECT_LE(batch.length, options.batch_size);
    auto text = BatchToJson(schema, batch);
    batch.release(&batch);
    EXPECT_EQ(batch.release, nullptr);
    if (!text.ok()) {
      st = text.status();
      break;
    }
    nlohmann::json part = nlohmann::json::parse(*text);
    for (auto& [name, values] : part.items()) {
      for (auto& v : values) columns[name].push_back(std::move(v));
    }
  }
  schema.release(&schema);
  stream.release(&stream);
  EXPECT_EQ(stream.release, nullptr);
  if (!st.ok()) return st;
  return columns;
}

void ExpectMatchesOracle(const std::string& name, int64_t batch_size, const std::vector<std::string>& projection) {
  auto expected = nlohmann::json::parse(ReadText(kDataDir + name + ".json"));
  ReadOptions opts;
  opts.batch_size = batch_size;
  opts.columns = projection;
  auto got = ReadAll(kDataDir + name + ".parquet", opts);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  size_t compared = 0;
  for (const auto& col : expected["columns"]) {
    std::string cname = col["name"];
    if (!projection.empty() && std::find(projection.begin(), projection.end(), cname) == projection.end()) continue;
    ASSERT_TRUE(got->contains(cname)) << name << ": missing column " << cname;
    const auto& mine = (*got)[cname];
    const auto& want = col["values"];
    ASSERT_EQ(mine.size(), want.size()) << name << "." << cname;
    for (size_t i = 0; i < want.size(); ++i) {
      ASSERT_EQ(mine[i], want[i]) << name << "." << cname << " row " << i;
    }
    ++compared;
  }
  if (projection.empty()) {
    EXPECT_EQ(compared, got->size());
  } else {
    EXPECT_EQ(compared, projection.size());
  }
}

class CorpusTest : public ::testing::TestWithParam<std::string> {};

TEST_P(CorpusTest, MatchesPyarrowWithSmallBatches) { ExpectMatchesOracle(GetParam(), 97, {}); }
TEST_P(CorpusTest, MatchesPyarrowWithLargeBatches) { ExpectMatchesOracle(GetParam(), 1 << 20, {}); }
TEST_P(CorpusTest, MatchesPyarrowWithOneRowBatches) { ExpectMatchesOracle(GetParam(), 1, {}); }

INSTANTIATE_TEST_SUITE_P(Parquet, CorpusTest, ::testing::ValuesIn(CorpusFiles()),
                         [](const auto& info) { return info.param; });

TEST(ParquetReader, CorpusIsPresent) { EXPECT_GE(CorpusFiles().size(), 15u); }

TEST(ParquetReader, ProjectionReadsOnlyNamedColumnsInOrder) {
  ExpectMatchesOracle("flat_v1_snappy", 64, {"s", "i64", "dec38"});
  ExpectMatchesOracle("nested_v2", 50, {"m", "id"});
  auto file = OpenLocalFile(kDataDir + "flat_v1_snappy.parquet");
  ASSERT_TRUE(file.ok());
  auto reader = ParquetFileReader::Open(*file);
  ASSERT_TRUE(reader.ok());
  ReadOptions opts;
  opts.columns = {"i64", "s"};
  auto br = (*reader)->NewBatchReader(opts);
  ASSERT_TRUE(br.ok());
  ASSERT_EQ((*br)->columns().size(), 2u);
  EXPECT_EQ((*br)->columns()[0]->name, "i64");
  EXPECT_EQ((*br)->columns()[1]->name, "s");
  opts.columns = {"nope"};
  auto bad = (*reader)->NewBatchReader(opts);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("nope"), std::string::npos);
}

TEST(ParquetReader, SchemaFormats) {
  auto file = OpenLocalFile(kDataDir + "flat_v1_none.parquet");
  ASSERT_TRUE(file.ok());
  auto reader = ParquetFileReader::Open(*file);
  ASSERT_TRUE(reader.ok());
  ArrowSchema schema;
  ASSERT_TRUE((*reader)->GetArrowSchema({}, &schema).ok());
  std::map<std::string, std::string> formats;
  for (int64_t i = 0; i < schema.n_children; ++i) formats[schema.children[i]->name] = schema.children[i]->format;
  schema.release(&schema);
  EXPECT_EQ(formats["b"], "b");
  EXPECT_EQ(formats["i8"], "c");
  EXPECT_EQ(formats["i16"], "s");
  EXPECT_EQ(formats["u16"], "S");
  EXPECT_EQ(formats["u64"], "L");
  EXPECT_EQ(formats["s"], "u");
  EXPECT_EQ(formats["bin"], "z");
  EXPECT_EQ(formats["fixed"], "w:5");
  EXPECT_EQ(formats["dec9"], "d:9,2");
  EXPECT_EQ(formats["dec38"], "d:38,10");
  EXPECT_EQ(formats["date"], "tdD");
  EXPECT_EQ(formats["t_ms"], "ttm");
  EXPECT_EQ(formats["t_us"], "ttu");
  EXPECT_EQ(formats["t_ns"], "ttn");
  EXPECT_EQ(formats["ts_ms"], "tsm:");
  EXPECT_EQ(formats["ts_ns"], "tsn:");
  EXPECT_EQ(formats["ts_utc"], "tsu:UTC");

  auto nested = ParquetFileReader::Open(*OpenLocalFile(kDataDir + "nested_v1.parquet"));
  ASSERT_TRUE(nested.ok());
  ASSERT_TRUE((*nested)->GetArrowSchema({"m", "lli", "st"}, &schema).ok());
  EXPECT_STREQ(schema.children[0]->format, "+m");
  EXPECT_STREQ(schema.children[0]->children[0]->format, "+s");
  EXPECT_STREQ(schema.children[0]->children[0]->children[0]->name, "key");
  EXPECT_EQ(schema.children[0]->children[0]->children[0]->flags & ARROW_FLAG_NULLABLE, 0);
  EXPECT_STREQ(schema.children[1]->format, "+l");
  EXPECT_STREQ(schema.children[1]->children[0]->format, "+l");
  EXPECT_STREQ(schema.children[2]->format, "+s");
  EXPECT_EQ(schema.children[2]->n_children, 3);
  schema.release(&schema);

  auto int96 = ParquetFileReader::Open(*OpenLocalFile(kDataDir + "int96.parquet"));
  ASSERT_TRUE(int96.ok());
  ASSERT_TRUE((*int96)->GetArrowSchema({}, &schema).ok());
  EXPECT_STREQ(schema.children[0]->format, "tsn:");
  schema.release(&schema);
}

TEST(ParquetReader, StreamReportsErrorsThroughLastError) {
  std::string bytes = ReadText(kDataDir + "flat_v1_none.parquet");
  // Garble the middle of the first column chunk's data.
  for (size_t i = 40; i < 400; ++i) bytes[i] = static_cast<char>(0xff);
  auto reader = ParquetFileReader::Open(MakeMemoryFile("garbled.parquet", bytes));
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  ArrowArrayStream stream;
  ASSERT_TRUE((*reader)->NewStream({}, &stream).ok());
  ArrowArray batch;
  int rc = stream.get_next(&stream, &batch);
  ASSERT_NE(rc, 0);
  std::string err = stream.get_last_error(&stream);
  EXPECT_NE(err.find("garbled.parquet"), std::string::npos) << err;
  EXPECT_NE(err.find("row group 0"), std::string::npos) << err;
  stream.release(&stream);
}

TEST(ParquetReader, OrcFilesAreRefused) {
  std::string dir = std::string(FN_BINARY_DIR) + "/parquet_test_tmp";
  ::mkdir(dir.c_str(), 0755);
  std::string orc = dir + "/part-0.orc";
  std::ofstream(orc) << "ORC....";
  ArrowArrayStream stream;
  Status st = OpenLakeFileStream(orc, {}, &stream);
  EXPECT_EQ(st.code(), StatusCode::kUnsupported);
  EXPECT_EQ(st.message(), "ORC lake files are not supported yet: " + orc);
  std::string disguised = dir + "/part-1.parquet";
  std::ofstream(disguised) << "ORC\x0a\x0b rest of an ORC file";
  st = OpenLakeFileStream(disguised, {}, &stream);
  EXPECT_EQ(st.code(), StatusCode::kUnsupported);
  EXPECT_NE(st.message().find(disguised), std::string::npos);

  st = OpenLakeFileStream(kDataDir + "single_rg.parquet", {}, &stream);
  ASSERT_TRUE(st.ok()) << st.ToString();
  stream.release(&stream);
}

}  // namespace
}  // namespace fluss_native::parquet
