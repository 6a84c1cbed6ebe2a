#include <gtest/gtest.h>

#include "doris_type.h"
#include "fluss_native/types.h"

namespace fluss_native::cli {
namespace {

// DESC's Type column: Doris's names for every Fluss type (as Doris's Fluss
// catalog maps them), parsed from the JSON the server sends.
TEST(DorisType, EveryFlussTypeHasItsDorisName) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"type":"BOOLEAN"})", "BOOLEAN"},
      {R"({"type":"TINYINT","nullable":false})", "TINYINT"},
      {R"({"type":"SMALLINT"})", "SMALLINT"},
      {R"({"type":"INTEGER"})", "INT"},
      {R"({"type":"BIGINT"})", "BIGINT"},
      {R"({"type":"FLOAT"})", "FLOAT"},
      {R"({"type":"DOUBLE"})", "DOUBLE"},
      {R"({"type":"DECIMAL","precision":38,"scale":10})", "DECIMAL(38, 10)"},
      {R"({"type":"CHAR","length":12})", "CHAR(12)"},
      {R"({"type":"CHAR","length":300})", "STRING"},
      {R"({"type":"STRING"})", "STRING"},
      {R"({"type":"BINARY","length":16})", "STRING"},
      {R"({"type":"BYTES"})", "STRING"},
      {R"({"type":"DATE"})", "DATE"},
      {R"({"type":"TIME_WITHOUT_TIME_ZONE","precision":3})", "UNSUPPORTED_TYPE"},
      {R"({"type":"TIMESTAMP_WITHOUT_TIME_ZONE","precision":0})", "DATETIME(0)"},
      {R"({"type":"TIMESTAMP_WITHOUT_TIME_ZONE","precision":9})", "DATETIME(6)"},
      {R"({"type":"TIMESTAMP_WITH_LOCAL_TIME_ZONE","precision":6})", "DATETIME(6)"},
      {R"({"type":"ARRAY","element_type":{"type":"STRING","nullable":false}})", "ARRAY<STRING>"},
      {R"({"type":"MAP","key_type":{"type":"STRING","nullable":false},"value_type":{"type":"INTEGER"}})",
       "MAP<STRING,INT>"},
      {R"({"type":"ROW","fields":[{"name":"a","field_type":{"type":"INTEGER"},"field_id":1},
          {"name":"b`q","field_type":{"type":"STRING"},"description":"it's","field_id":2}]})",
       "STRUCT<a:INT,b`q:STRING>"},
  };
  for (const auto& [json, doris] : cases) {
    auto t = ParseDataTypeJson(json);
    ASSERT_TRUE(t.ok()) << t.status().ToString();
    EXPECT_EQ(DorisTypeName(*t), doris) << json;
  }
}

// A hand-built tree without its children names the missing part instead of
// reading past the vector (the old DataType::ToDorisString threw).
TEST(DorisType, MalformedTreeDoesNotThrow) {
  DataType array;
  array.root = TypeRoot::kArray;
  EXPECT_EQ(DorisTypeName(array), "ARRAY<UNKNOWN>");
  DataType row;
  row.root = TypeRoot::kRow;
  row.children.resize(1);
  EXPECT_EQ(DorisTypeName(row), "STRUCT<:INT>");
}

}  // namespace
}  // namespace fluss_native::cli
