// Splits across processes: one CLI process plans a union read and writes
// its splits as Thrift files, two other CLI processes read disjoint halves
// of the files. The halves together must be exactly the single-process
// SELECT, and the Fluss Java client's view of the table (testing/
// dump-rows): the current state for a primary-key table, every row of the
// log for a log table.
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "integration/arrow_rows.h"
#include "integration/it_env.h"

namespace fluss_native::it {
namespace {

namespace fs = std::filesystem;

// The CLI's --format jsonl output, one JSON object per row; fails the test
// on a line that is not one.
std::vector<json> JsonLines(const std::string& out) {
  std::vector<json> rows;
  std::istringstream in(out);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    json row = json::parse(line, nullptr, false);
    EXPECT_TRUE(row.is_object()) << "not a JSON row: " << line;
    rows.push_back(std::move(row));
  }
  return rows;
}

// Rows as a sorted list of their canonical JSON text: a multiset.
std::vector<std::string> Multiset(const std::vector<json>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.dump());
  std::sort(out.begin(), out.end());
  return out;
}

// Our values (Arrow units) and the Java dump's in one form, per column.
json NormalizedRow(const json& row, const TableInfo& table, bool from_arrow) {
  json out = json::object();
  for (const auto& c : table.columns) out[c.name] = Normalize(row.at(c.name), c.type, from_arrow);
  return out;
}

class SplitProcessIT : public ::testing::Test {
 protected:
  void SetUp() override {
    client_ = OpenClient();
    ASSERT_NE(client_, nullptr);
    dir_ = fs::temp_directory_path() / ("fn_split_process_it_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::unique_ptr<Client> client_;
  fs::path dir_;
};

TEST_F(SplitProcessIT, HalvesReadInTwoProcessesEqualOneSelectAndTheJavaClient) {
  const std::string b = "--bootstrap " + Bootstrap();
  for (const std::string table_name : {"fn_lake.log_nokey", "fn_lake.pk", "fn_lake.pk_part", "fn_union.pk_ts9"}) {
    SCOPED_TRACE(table_name);
    auto dot = table_name.find('.');
    auto found = client_->catalog().GetTable({table_name.substr(0, dot), table_name.substr(dot + 1)});
    ASSERT_TRUE(found.ok()) << found.status().ToString();
    const TableInfo& table = **found;
    const fs::path splits = dir_ / table_name;

    // One lake file per split for the log table (a primary-key bucket is one split anyway).
    CliRun plan = RunCli(b + " --split-target-bytes 1 plan -e 'SELECT * FROM " + table_name + "' --splits-out " +
                         splits.string());
    ASSERT_EQ(plan.exit_code, 0) << plan.out;
    EXPECT_NE(plan.out.find("flussScan: " + table_name), std::string::npos) << plan.out;
    // The table was tiered by the fixture: the plan reads both tiers (fn_union.pk_ts9
    // also has a changelog tail written after tiering stopped).
    EXPECT_NE(plan.out.find("tier=union"), std::string::npos) << plan.out;

    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(splits)) files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
    ASSERT_GE(files.size(), 2u) << plan.out;
    EXPECT_NE(plan.out.find(std::to_string(files.size()) + " split files written"), std::string::npos)
        << plan.out;
    std::string half[2];
    for (size_t i = 0; i < files.size(); ++i) half[i % 2] += " " + files[i];

    std::vector<json> union_rows;
    for (const auto& h : half) {
      CliRun read = RunCli(b + " --format jsonl read-split" + h);
      ASSERT_EQ(read.exit_code, 0) << read.out;
      auto rows = JsonLines(read.out);
      union_rows.insert(union_rows.end(), rows.begin(), rows.end());
    }
    CliRun select = RunCli(b + " --format jsonl -e 'SELECT * FROM " + table_name + "'");
    ASSERT_EQ(select.exit_code, 0) << select.out;
    std::vector<json> single = JsonLines(select.out);
    ASSERT_FALSE(single.empty());
    EXPECT_EQ(Multiset(union_rows), Multiset(single));

    // The Java client's view, against the same scan in this process with its
    // exact Arrow values (the CLI's JSON renders times as ISO text).
    const bool pk = table.has_primary_key();
    std::vector<json> java_rows =
        ReadJsonLines(std::string(FN_IT_DIR) + "/rows/" + table_name + (pk ? ".state.jsonl" : ".jsonl"));
    std::vector<json> java;
    for (const auto& j : java_rows) java.push_back(NormalizedRow(j["row"], table, false));
    ArrowArrayStream stream;
    ASSERT_TRUE(client_->Scan(table.path, ScanSpec{}, &stream).ok());
    auto scanned = DrainStream(&stream, [&table](const std::string& name) {
      return table.columns[static_cast<size_t>(table.ColumnIndex(name))].type;
    });
    ASSERT_TRUE(scanned.status.ok()) << scanned.status.ToString();
    ASSERT_EQ(scanned.rows.size(), union_rows.size());
    ASSERT_EQ(scanned.rows.size(), java.size());
    EXPECT_EQ(Sorted(scanned.rows), Sorted(java));
  }
}

TEST_F(SplitProcessIT, ExplainAndSplitErrorsNameWhatFailed) {
  const std::string b = "--bootstrap " + Bootstrap();
  CliRun explain = RunCli(b + " --format json -e 'EXPLAIN SELECT * FROM fn_lake.pk'");
  ASSERT_EQ(explain.exit_code, 0) << explain.out;
  json plan = json::parse(explain.out, nullptr, false);
  ASSERT_TRUE(plan.is_object()) << explain.out;
  EXPECT_EQ(plan["table"], "fn_lake.pk");
  EXPECT_TRUE(plan["lake_snapshot_id"].is_number()) << explain.out;
  EXPECT_EQ(plan["splits"]["total"].get<int64_t>(), plan["splits"]["HYBRID"].get<int64_t>() +
                                                        plan["splits"]["LOG_ONLY"].get<int64_t>() +
                                                        plan["splits"]["LAKE_ONLY"].get<int64_t>());
  EXPECT_FALSE(plan["log_ranges"].empty());
  EXPECT_NE(plan["text"].get<std::string>().find("flussScan: fn_lake.pk"), std::string::npos);

  // --tier log reads no lake files.
  CliRun log_only = RunCli(b + " --tier log --format json -e 'EXPLAIN SELECT * FROM fn_lake.pk'");
  ASSERT_EQ(log_only.exit_code, 0) << log_only.out;
  json log_plan = json::parse(log_only.out, nullptr, false);
  EXPECT_EQ(log_plan["tier"], "log") << log_only.out;
  EXPECT_EQ(log_plan["lake_files"], 0) << log_only.out;

  fs::create_directories(dir_);
  const std::string missing = (dir_ / "missing.thrift").string();
  const std::string garbled = (dir_ / "garbled.thrift").string();
  std::ofstream(garbled, std::ios::binary) << "\x0b\x00\x01\x7f\xff\xff\xffnot a split";
  for (const auto& file : {missing, garbled}) {
    CliRun r = RunCli(b + " read-split " + file);
    EXPECT_NE(r.exit_code, 0) << r.out;
    EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
    EXPECT_NE(r.out.find(file), std::string::npos) << r.out;
  }
}

}  // namespace
}  // namespace fluss_native::it
