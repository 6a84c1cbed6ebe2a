// Fluss 1.0 RPC encodings against bytes Fluss 1.0.0's own classes wrote
// (testing/logstats-golden/GenRpc10Vectors.java -> tests/data/rpc10/):
// the FetchLog filter predicate byte for byte, the FetchLog request carrying
// it and the response's filtered_end_offset, SCAN_KV requests byte for byte
// and its responses and value record batches decoded; and the 0.9/1.0
// decision from ApiVersions over the two releases' own ApiKeys tables.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "common/type_builder.h"
#include "expr/bound_predicate.h"
#include "fluss_native/wire/fluss_api.pb.h"
#include "format/arrow/array_json.h"
#include "format/arrow/c_export.h"
#include "format/keys/value_record_batch.h"
#include "format/keys/value_rows.h"
#include "read/server_filter.h"
#include "rpc/messages/fetch_log.h"
#include "rpc/messages/scan_kv.h"
#include "rpc/server_features.h"

namespace fluss_native {
namespace {

using json = nlohmann::json;
namespace msg = rpc::messages;

std::string ReadFile(const std::string& name) {
  std::ifstream in(std::string(FN_SOURCE_DIR) + "/tests/data/rpc10/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

std::string Unhex(std::string hex) {
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == ' ')) hex.pop_back();
  std::string out;
  for (size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

DataType Typed(TypeRoot root, int precision = 0, int scale = 0) {
  DataType t = MakeType(root, true, precision);
  t.scale = scale;
  return t;
}

// The schema of GenRpc10Vectors.java: field ids 10 + position.
TableInfo JavaSchema() {
  TableInfo t;
  t.path = {"db", "filters"};
  t.table_id = 42;
  t.schema_id = 3;
  const std::vector<std::pair<std::string, DataType>> cols = {
      {"i8", Typed(TypeRoot::kTinyInt)},       {"i16", Typed(TypeRoot::kSmallInt)},
      {"i32", Typed(TypeRoot::kInt)},          {"i64", Typed(TypeRoot::kBigInt)},
      {"f32", Typed(TypeRoot::kFloat)},        {"f64", Typed(TypeRoot::kDouble)},
      {"s", Typed(TypeRoot::kString)},         {"b", Typed(TypeRoot::kBoolean)},
      {"dec", Typed(TypeRoot::kDecimal, 10, 2)}, {"dec30", Typed(TypeRoot::kDecimal, 30, 4)},
      {"d", Typed(TypeRoot::kDate)},           {"t", Typed(TypeRoot::kTime, 3)},
      {"ts", Typed(TypeRoot::kTimestamp, 6)},  {"ltz", Typed(TypeRoot::kTimestampLtz, 6)},
      {"bin", Typed(TypeRoot::kBytes)}};
  for (size_t i = 0; i < cols.size(); ++i) {
    Column c;
    c.name = cols[i].first;
    c.type = cols[i].second;
    c.id = static_cast<int>(10 + i);
    t.columns.push_back(c);
  }
  return t;
}

std::optional<msg::FilterPredicate> FilterOf(const std::string& sql, const TableInfo& table) {
  auto parsed = ParsePredicate(sql);
  EXPECT_TRUE(parsed.ok()) << sql << ": " << parsed.status().ToString();
  if (!parsed.ok()) return std::nullopt;
  auto bound = expr::Bind(*parsed, table.RowType());
  EXPECT_TRUE(bound.ok()) << sql << ": " << bound.status().ToString();
  if (!bound.ok()) return std::nullopt;
  return read::ServerFilterFor(*bound, table);
}

TEST(Fluss10Filter, EveryPredicateEncodesAsTheJavaClientDoes) {
  const TableInfo table = JavaSchema();
  json cases = json::parse(ReadFile("filter_predicates.json"))["cases"];
  ASSERT_GE(cases.size(), 25u);
  for (const auto& c : cases) {
    SCOPED_TRACE(c["name"].get<std::string>() + ": " + c["sql"].get<std::string>());
    auto filter = FilterOf(c["sql"], table);
    ASSERT_TRUE(filter.has_value());
    EXPECT_EQ(Hex(filter->Encode()), c["hex"].get<std::string>());
  }
}

TEST(Fluss10Filter, UnpushablePartsAreLeftOutNeverGuessed) {
  const TableInfo table = JavaSchema();
  // No exact value of the column's type: nothing is sent.
  EXPECT_FALSE(FilterOf("i32 = 7.5", table).has_value());
  EXPECT_FALSE(FilterOf("f64 < 0.1", table).has_value());  // 0.1 is not a binary fraction
  EXPECT_FALSE(FilterOf("f32 = 1.1", table).has_value());
  // NaN is above every number in our order; min/max statistics may not say so.
  EXPECT_FALSE(FilterOf("f64 > 2.5", table).has_value());
  EXPECT_FALSE(FilterOf("f32 >= 1", table).has_value());
  EXPECT_FALSE(FilterOf("f64 <> 2.5", table).has_value());
  EXPECT_FALSE(FilterOf("f64 NOT IN (1, 2)", table).has_value());
  // Fluss's statistics order -0.0 below 0.0 (Double.compare); ours holds them equal.
  EXPECT_FALSE(FilterOf("f64 = 0", table).has_value());
  EXPECT_FALSE(FilterOf("f32 < 0.0", table).has_value());
  EXPECT_FALSE(FilterOf("dec = 1.234", table).has_value());  // more digits than the scale
  EXPECT_FALSE(FilterOf("i8 = 300", table).has_value());
  EXPECT_FALSE(FilterOf("NOT (i32 = 1)", table).has_value());
  EXPECT_FALSE(FilterOf("s LIKE 'a_c%'", table).has_value());
  EXPECT_FALSE(FilterOf("i32 IN (1, NULL)", table).has_value());
  EXPECT_FALSE(FilterOf("i32 = 1 OR NOT (i64 = 2)", table).has_value());
  // An AND keeps what it can: the same bytes as the pushable conjunct alone.
  auto partial = FilterOf("i32 = 7 AND NOT (s = 'x')", table);
  auto alone = FilterOf("i32 = 7", table);
  ASSERT_TRUE(partial && alone);
  EXPECT_EQ(partial->Encode(), alone->Encode());
  // Exact conversions are pushed: 2.5 is a binary fraction, 12.3 fits scale 2.
  EXPECT_TRUE(FilterOf("f64 < 2.5", table).has_value());
  EXPECT_TRUE(FilterOf("f64 BETWEEN 1 AND 2", table).has_value());  // <= excludes NaN
  EXPECT_TRUE(FilterOf("dec = 12.3", table).has_value());
}

TEST(Fluss10Filter, FetchLogRequestCarriesTheFilterAsTheJavaClient) {
  const TableInfo table = JavaSchema();
  msg::FetchLogRequest req;
  req.max_bytes = 1 << 20;
  req.max_wait_ms = 100;
  req.min_bytes = 1;
  req.table_id = 42;
  req.buckets.push_back({9, 1, 17, 65536});
  req.filter = FilterOf("i32 > 5", table);
  req.filter_schema_id = 3;
  ASSERT_TRUE(req.filter.has_value());
  // Fluss's writer also emits an empty packed projected_fields; protobuf
  // omits it. Both parse to the same message: compare re-serialised.
  wire::FetchLogRequest ours, java;
  ASSERT_TRUE(ours.ParseFromString(req.Encode()));
  ASSERT_TRUE(java.ParseFromString(Unhex(ReadFile("fetch_log_filter.hex"))));
  EXPECT_EQ(Hex(ours.SerializeAsString()), Hex(java.SerializeAsString()));
  EXPECT_EQ(java.tables_req(0).filter_schema_id(), 3);
  // Without a filter neither field is on the wire (what a 0.9 server gets).
  req.filter.reset();
  wire::FetchLogRequest plain;
  ASSERT_TRUE(plain.ParseFromString(req.Encode()));
  EXPECT_FALSE(plain.tables_req(0).has_filter_predicate());
  EXPECT_FALSE(plain.tables_req(0).has_filter_schema_id());
}

TEST(Fluss10Filter, FilteredEndOffsetIsDecoded) {
  auto resp = msg::FetchLogResponse::Decode(Unhex(ReadFile("fetch_log_filtered_response.hex")));
  ASSERT_TRUE(resp.ok()) << resp.status().ToString();
  ASSERT_EQ(resp->tables.size(), 1u);
  const auto& b = resp->tables[0].buckets;
  ASSERT_EQ(b.size(), 2u);
  EXPECT_EQ(b[0].filtered_end_offset, 120);
  EXPECT_TRUE(resp->RecordsOf(b[0]).empty());
  EXPECT_EQ(b[0].high_watermark, 200);
  EXPECT_EQ(b[1].filtered_end_offset, 48);
  EXPECT_EQ(resp->RecordsOf(b[1]), std::string("\x01\x02\x03", 3));
}

TEST(Fluss10ScanKv, RequestsEncodeAsTheJavaClient) {
  json v = json::parse(ReadFile("scan_kv.json"));
  msg::ScanKvBucket bucket{42, 7, 2, 100};
  EXPECT_EQ(Hex(msg::ScanKvRequest::Open(bucket, 1 << 20).Encode()), v["open_request"]);
  EXPECT_EQ(Hex(msg::ScanKvRequest::Open({42, std::nullopt, 0, std::nullopt}, 4096).Encode()),
            v["open_request_plain"]);
  EXPECT_EQ(Hex(msg::ScanKvRequest::Continue("scanner-0001", 3, 1 << 20).Encode()), v["continue_request"]);
  EXPECT_EQ(Hex(msg::ScanKvRequest::Close("scanner-0001", 4).Encode()), v["close_request"]);
}

TEST(Fluss10ScanKv, ResponsesAndValueBatchesDecode) {
  json v = json::parse(ReadFile("scan_kv.json"));
  auto first = msg::ScanKvResponse::Decode(Unhex(v["first_response"]));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->error.ok());
  EXPECT_EQ(first->scanner_id, "scanner-0001");
  EXPECT_TRUE(first->has_more_results);
  EXPECT_EQ(first->log_offset, 1234);
  EXPECT_EQ(Hex(first->records), v["records"]);

  auto values = keys::SplitValueRecordBatch(first->records, "table 'db.kv' bucket 2");
  ASSERT_TRUE(values.ok()) << values.status().ToString();
  DataType row = MakeType(TypeRoot::kRow, false);
  AddField(&row, "id", MakeType(TypeRoot::kInt, true));
  AddField(&row, "name", MakeType(TypeRoot::kString, true));
  auto builder = keys::ValueRowsBuilder::Make(row, 1, "COMPACTED", {0, 1});
  ASSERT_TRUE(builder.ok()) << builder.status().ToString();
  for (auto value : *values) ASSERT_TRUE(builder->Append(value, "scan").ok());
  auto node = builder->Finish();
  ASSERT_TRUE(node.ok());
  arrow::UniqueArrowArray array;
  arrow::ExportArray(std::move(*node), array.get());
  auto text = arrow::BatchToJson(*array.get(), row);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(json::parse(*text), v["rows"]);

  auto last = msg::ScanKvResponse::Decode(Unhex(v["last_response"]));
  ASSERT_TRUE(last.ok());
  EXPECT_FALSE(last->has_more_results);
  EXPECT_FALSE(last->log_offset.has_value());
  EXPECT_TRUE(last->records.empty());

  auto failed = msg::ScanKvResponse::Decode(Unhex(v["error_response"]));
  ASSERT_TRUE(failed.ok());
  EXPECT_FALSE(failed->error.ok());
  EXPECT_NE(failed->error.message().find("scanner expired"), std::string::npos);
}

TEST(Fluss10ScanKv, DamagedValueBatchesFailCleanly) {
  json v = json::parse(ReadFile("scan_kv.json"));
  const std::string records = Unhex(v["records"]);
  for (size_t n = 0; n < records.size(); ++n) {
    EXPECT_FALSE(keys::SplitValueRecordBatch(records.substr(0, n), "t").ok()) << n;
  }
  for (size_t i = 0; i < records.size(); ++i) {
    std::string damaged = records;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x7f);
    auto r = keys::SplitValueRecordBatch(damaged, "t");  // must not crash; may parse
    if (r.ok()) {
      for (auto value : *r) EXPECT_LE(value.size(), damaged.size());
    }
  }
}

rpc::AnnouncedVersions Announced(const std::string& file) {
  rpc::AnnouncedVersions out;
  for (const auto& k : json::parse(ReadFile(file))) {
    out[k[0].get<int16_t>()] = {k[1].get<int16_t>(), k[2].get<int16_t>()};
  }
  return out;
}

TEST(Fluss10Features, ApiVersionsTell09From10) {
  auto v09 = rpc::ServerFeatures::FromApiVersions(Announced("api_keys_0_9_1.json"));
  EXPECT_FALSE(v09.fluss_1_0);
  EXPECT_FALSE(v09.v1_batches_carry_statistics);
  EXPECT_FALSE(v09.fetch_log_filter);
  EXPECT_FALSE(v09.scan_kv);
  EXPECT_EQ(v09.Describe(), "Fluss 0.9 protocol");

  auto v10 = rpc::ServerFeatures::FromApiVersions(Announced("api_keys_1_0_0.json"));
  EXPECT_TRUE(v10.fluss_1_0);
  EXPECT_TRUE(v10.v1_batches_carry_statistics);
  EXPECT_TRUE(v10.fetch_log_filter);
  EXPECT_TRUE(v10.scan_kv);

  // A 1.0 coordinator announces no FETCH_LOG or SCAN_KV: still 1.0, neither feature.
  auto coordinator = Announced("api_keys_1_0_0.json");
  coordinator.erase(1015);
  coordinator.erase(1061);
  auto c = rpc::ServerFeatures::FromApiVersions(coordinator);
  EXPECT_TRUE(c.fluss_1_0);
  EXPECT_FALSE(c.fetch_log_filter);
  EXPECT_FALSE(c.scan_kv);
}

}  // namespace
}  // namespace fluss_native
