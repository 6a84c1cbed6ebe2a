#include <gtest/gtest.h>

#include "catalog/table_json.h"
#include "fluss_native/types.h"

namespace fluss_native {
namespace {

DataType Parse(const std::string& json) {
  auto t = ParseDataTypeJson(json);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? *t : DataType{};
}

struct Case {
  const char* json;
  const char* fluss;
  const char* arrow;
};

// Doris's names for these types are the CLI's (tests/unit/cli_doris_type_test.cc).
TEST(Types, EveryFlussTypeMapsToFlussAndArrow) {
  const Case cases[] = {
      {R"({"type":"BOOLEAN"})", "BOOLEAN", "b"},
      {R"({"type":"TINYINT","nullable":false})", "TINYINT NOT NULL", "c"},
      {R"({"type":"SMALLINT"})", "SMALLINT", "s"},
      {R"({"type":"INTEGER"})", "INT", "i"},
      {R"({"type":"BIGINT"})", "BIGINT", "l"},
      {R"({"type":"FLOAT"})", "FLOAT", "f"},
      {R"({"type":"DOUBLE"})", "DOUBLE", "g"},
      {R"({"type":"DECIMAL","precision":38,"scale":10})", "DECIMAL(38, 10)", "d:38,10"},
      {R"({"type":"CHAR","length":12})", "CHAR(12)", "u"},
      {R"({"type":"CHAR","length":300})", "CHAR(300)", "u"},
      {R"({"type":"STRING"})", "STRING", "u"},
      {R"({"type":"BINARY","length":16})", "BINARY(16)", "w:16"},
      {R"({"type":"BYTES"})", "BYTES", "z"},
      {R"({"type":"DATE"})", "DATE", "tdD"},
      {R"({"type":"TIME_WITHOUT_TIME_ZONE","precision":3})", "TIME(3)", "ttm"},
      {R"({"type":"TIMESTAMP_WITHOUT_TIME_ZONE","precision":0})", "TIMESTAMP(0)", "tss:"},
      {R"({"type":"TIMESTAMP_WITHOUT_TIME_ZONE","precision":9})", "TIMESTAMP(9)", "tsn:"},
      {R"({"type":"TIMESTAMP_WITH_LOCAL_TIME_ZONE","precision":6})", "TIMESTAMP(6) WITH LOCAL TIME ZONE", "tsu:UTC"},
      {R"({"type":"ARRAY","element_type":{"type":"STRING","nullable":false}})", "ARRAY<STRING NOT NULL>", "+l"},
      {R"({"type":"MAP","key_type":{"type":"STRING","nullable":false},"value_type":{"type":"INTEGER"}})",
       "MAP<STRING NOT NULL, INT>", "+m"},
      {R"({"type":"ROW","fields":[{"name":"a","field_type":{"type":"INTEGER"},"field_id":1},
          {"name":"b`q","field_type":{"type":"STRING"},"description":"it's","field_id":2}]})",
       "ROW<`a` INT, `b``q` STRING 'it''s'>", "+s"},
  };
  for (const auto& c : cases) {
    DataType t = Parse(c.json);
    EXPECT_EQ(t.ToFlussString(), c.fluss) << c.json;
    EXPECT_EQ(t.ToArrowFormat(), c.arrow) << c.json;
  }
}

TEST(Types, NestedTypesKeepStructure) {
  DataType t = Parse(R"({"type":"ARRAY","element_type":{"type":"MAP",
      "key_type":{"type":"STRING","nullable":false},
      "value_type":{"type":"ROW","fields":[{"name":"q","field_type":{"type":"BYTES"},"field_id":5},
                                          {"name":"r","field_type":{"type":"DATE"},"field_id":6}]}}})");
  EXPECT_EQ(t.ToFlussString(), "ARRAY<MAP<STRING NOT NULL, ROW<`q` BYTES, `r` DATE>>>");
  ASSERT_EQ(t.children.size(), 1u);
  ASSERT_EQ(t.children[0].children.size(), 2u);
  EXPECT_EQ(t.children[0].children[1].field_ids, (std::vector<int>{5, 6}));
}

TEST(Types, HostileJsonIsRejectedCleanly) {
  const char* bad[] = {
      "", "[]", "{}", R"({"type":7})", R"({"type":"NOPE"})",
      R"({"type":"DECIMAL","precision":39,"scale":1})",
      R"({"type":"DECIMAL","precision":5,"scale":6})",
      R"({"type":"CHAR","length":0})",
      R"({"type":"TIMESTAMP_WITHOUT_TIME_ZONE","precision":10})",
      R"({"type":"ARRAY"})", R"({"type":"MAP","key_type":{"type":"INTEGER"}})",
      R"({"type":"ROW","fields":[{"name":1}]})", R"({"type":"INTEGER","nullable":"no"})",
  };
  for (const char* b : bad) EXPECT_FALSE(ParseDataTypeJson(b).ok()) << b;
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += R"({"type":"ARRAY","element_type":)";
  deep += R"({"type":"INTEGER"})" + std::string(200, '}');
  auto r = ParseDataTypeJson(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("deeply"), std::string::npos);
}

TEST(TableJson, ParsesDescriptor) {
  TableInfo info;
  info.path = {"db", "orders"};
  const char* json = R"({"version":1,"schema":{"version":1,"columns":[
      {"name":"id","data_type":{"type":"BIGINT","nullable":false},"comment":"key","id":0},
      {"name":"dt","data_type":{"type":"STRING","nullable":false},"id":1},
      {"name":"v","data_type":{"type":"DOUBLE"},"id":2}],
      "primary_key":["id","dt"],"highest_field_id":2},
      "comment":"orders","partition_key":["dt"],"bucket_key":["id"],"bucket_count":4,
      "properties":{"table.datalake.enabled":"true","table.replication.factor":"2"},
      "custom_properties":{"owner":"me"}})";
  ASSERT_TRUE(catalog::ParseTableJson(json, &info).ok());
  ASSERT_EQ(info.columns.size(), 3u);
  EXPECT_EQ(info.columns[0].comment, "key");
  EXPECT_FALSE(info.columns[0].type.nullable);
  EXPECT_EQ(info.primary_key, (std::vector<std::string>{"id", "dt"}));
  EXPECT_EQ(info.partition_keys, (std::vector<std::string>{"dt"}));
  EXPECT_EQ(info.bucket_keys, (std::vector<std::string>{"id"}));
  EXPECT_EQ(info.bucket_count, 4);
  EXPECT_EQ(info.comment, "orders");
  EXPECT_TRUE(info.datalake_enabled());
  EXPECT_EQ(info.log_format(), "ARROW");
  EXPECT_EQ(info.custom_properties.at("owner"), "me");
}

TEST(TableJson, RejectsKeysThatAreNotColumns) {
  TableInfo info;
  info.path = {"db", "t"};
  const char* json = R"({"schema":{"columns":[{"name":"a","data_type":{"type":"INTEGER"}}],
      "primary_key":["zz"]},"partition_key":[],"properties":{},"custom_properties":{}})";
  Status st = catalog::ParseTableJson(json, &info);
  ASSERT_FALSE(st.ok());
  EXPECT_NE(st.message().find("'zz'"), std::string::npos);
  EXPECT_NE(st.message().find("db.t"), std::string::npos);
  EXPECT_FALSE(catalog::ParseTableJson("{not json", &info).ok());
}

}  // namespace
}  // namespace fluss_native
