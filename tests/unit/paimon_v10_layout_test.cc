// The lake layout of Fluss 1.0 (FIP-27): Paimon tables with only the
// table's own columns, no __bucket, __offset or __timestamp. Tables written
// by pypaimon (testing/lake10/gen_lake_v10.py -> tests/data/paimon10) read
// to the rows pypaimon itself reads (expected.json): the lake reader needs
// none of the system columns. Only a bucket selection on a bucket-unaware
// table needs __bucket, and says so instead of returning wrong rows.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "format/arrow/array_json.h"
#include "format/arrow/c_export.h"
#include "lake/paimon/paimon_table.h"
#include "lake/paimon/scan_plan.h"
#include "read/lake_scanner.h"

namespace fluss_native::read {
namespace {

using json = nlohmann::json;
const std::string kWarehouse = std::string(FN_SOURCE_DIR) + "/tests/data/paimon10";

json Expected(const std::string& table) {
  std::ifstream in(kWarehouse + "/expected.json");
  std::stringstream ss;
  ss << in.rdbuf();
  return json::parse(ss.str())[table];
}

Result<std::unique_ptr<LakeScanner>> Open(const std::string& name, const std::vector<std::string>& columns,
                                          std::vector<int> buckets = {}) {
  FN_ASSIGN_OR_RETURN(auto table, lake::paimon::PaimonTable::Open(kWarehouse, "db", name));
  FN_ASSIGN_OR_RETURN(auto latest, table->LatestSnapshotId());
  if (!latest) return Status::NotFound("no snapshot");
  FN_ASSIGN_OR_RETURN(auto plan, lake::paimon::PlanScan(table.get(), *latest));
  LakeScanOptions options;
  options.columns = columns;
  options.buckets = std::move(buckets);
  return LakeScanner::Open(std::move(table), std::move(plan), options);
}

json ReadAll(LakeScanner* scanner) {
  json rows = json::array();
  for (;;) {
    arrow::UniqueArrowArray batch;
    auto more = scanner->Next(batch.get());
    EXPECT_TRUE(more.ok()) << more.status().ToString();
    if (!more.ok() || !*more) break;
    auto text = arrow::BatchToJson(*batch.get(), scanner->output_type());
    EXPECT_TRUE(text.ok()) << text.status().ToString();
    for (auto& r : json::parse(*text)) rows.push_back(r);
  }
  std::sort(rows.begin(), rows.end(), [](const json& a, const json& b) { return a["id"] < b["id"]; });
  return rows;
}

TEST(PaimonV10Layout, PrimaryKeyTableWithoutSystemColumnsReadsAsPypaimon) {
  auto scanner = Open("pk10", {"id", "name", "amount"});
  ASSERT_TRUE(scanner.ok()) << scanner.status().ToString();
  EXPECT_EQ(ReadAll(scanner->get()), Expected("pk10"));
  // One Paimon bucket at a time, as a split reads it: together the same rows.
  json both = json::array();
  for (int b : {0, 1}) {
    auto one = Open("pk10", {"id", "name", "amount"}, {b});
    ASSERT_TRUE(one.ok()) << one.status().ToString();
    for (auto& r : ReadAll(one->get())) both.push_back(r);
  }
  std::sort(both.begin(), both.end(), [](const json& a, const json& b) { return a["id"] < b["id"]; });
  EXPECT_EQ(both, Expected("pk10"));
}

TEST(PaimonV10Layout, BucketUnawareLogTableReadsAsPypaimon) {
  auto scanner = Open("log10", {"id", "msg"});
  ASSERT_TRUE(scanner.ok()) << scanner.status().ToString();
  EXPECT_EQ(ReadAll(scanner->get()), Expected("log10"));
}

TEST(PaimonV10Layout, BucketSelectionWithoutBucketColumnIsRefusedByName) {
  auto scanner = Open("log10", {"id", "msg"}, {0});
  ASSERT_FALSE(scanner.ok());
  EXPECT_EQ(scanner.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(scanner.status().message().find("__bucket"), std::string::npos) << scanner.status().ToString();
}

}  // namespace
}  // namespace fluss_native::read
