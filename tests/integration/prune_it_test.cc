// Pruning on the fixture's partitioned lake tables, checked three ways:
//  - rows: a filtered scan equals Flink's union read (the fixture's
//    DIR/lake/union.<t>.jsonl) filtered here by the same condition;
//  - counters: partitions, lake files and row groups kept equal what the
//    files' own Parquet footers, read by pyarrow, say may match;
//  - COUNT(*) from metadata equals the rows of a full scan, and LIMIT 10
//    reads a small fraction of what a full read fetches.
#include <cstdio>
#include <filesystem>
#include <map>
#include <set>

#include "integration/arrow_rows.h"
#include "integration/it_env.h"

namespace fluss_native::it {
namespace {

const std::string kLakeDir = std::string(FN_IT_DIR) + "/lake";

struct FooterGroup {
  int64_t rows = 0;
  std::optional<int64_t> min, max;
};

class PruneIt : public ::testing::Test {
 protected:
  void SetUp() override {
    client_ = OpenClient();
    ASSERT_NE(client_, nullptr);
  }

  std::shared_ptr<const TableInfo> Info(const std::string& table) {
    auto info = client_->catalog().GetTable(PathOf(table));
    EXPECT_TRUE(info.ok()) << info.status().ToString();
    return info.ok() ? *info : nullptr;
  }

  ScanPlan PlanOf(const std::string& table, const ScanSpec& spec) {
    auto plan = client_->Plan(PathOf(table), spec);
    EXPECT_TRUE(plan.ok()) << table << ": " << plan.status().ToString();
    return plan.ok() ? *plan : ScanPlan{};
  }

  StreamRows Scan(const std::string& table, ScanSpec spec) {
    ArrowArrayStream stream;
    Status st = client_->Scan(PathOf(table), spec, &stream);
    if (!st.ok()) return StreamRows{st, {}, {}};
    auto info = Info(table);
    return DrainStream(&stream, [info](const std::string& name) {
      return info->columns[static_cast<size_t>(info->ColumnIndex(name))].type;
    });
  }

  // Flink's union read of the table, normalized as our rows are.
  std::vector<json> Flink(const std::string& table) {
    auto info = Info(table);
    std::vector<json> rows;
    for (const auto& line : ReadJsonLines(kLakeDir + "/union." + table + ".jsonl")) {
      const json& r = line.at("row");
      json norm = json::object();
      for (const auto& c : info->columns) norm[c.name] = Normalize(r.at(c.name), c.type, false);
      rows.push_back(std::move(norm));
    }
    return rows;
  }

  // pyarrow's reading of `column`'s footer statistics, per file and row group.
  std::map<std::string, std::vector<FooterGroup>> Footers(const std::string& column,
                                                          const std::vector<std::string>& paths) {
    std::string cmd = "python3 " + std::string(FN_SOURCE_DIR) + "/tests/integration/parquet_footer_stats.py " + column;
    for (const auto& p : paths) cmd += " '" + p + "'";
    FILE* pipe = popen(cmd.c_str(), "r");
    std::string out;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
    EXPECT_EQ(pclose(pipe), 0) << cmd;
    std::map<std::string, std::vector<FooterGroup>> result;
    std::istringstream lines(out);
    std::string line;
    while (std::getline(lines, line)) {
      auto j = json::parse(line);
      auto& groups = result[j.at("path").get<std::string>()];
      for (const auto& g : j.at("row_groups")) {
        FooterGroup fg;
        fg.rows = g.at("rows").get<int64_t>();
        if (!g.at("min").is_null()) fg.min = g.at("min").get<int64_t>();
        if (!g.at("max").is_null()) fg.max = g.at("max").get<int64_t>();
        groups.push_back(fg);
      }
    }
    EXPECT_EQ(result.size(), paths.size()) << out;
    return result;
  }

  static std::vector<std::string> LakeFiles(const ScanPlan& plan, const std::string& partition) {
    std::vector<std::string> out;
    for (const auto& s : plan.splits) {
      if (s.partition_name.value_or("") != partition) continue;
      for (const auto& f : s.lake_files) out.push_back(f.path);
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  static std::set<std::string> Partitions(const ScanPlan& plan) {
    std::set<std::string> out;
    for (const auto& s : plan.splits) out.insert(s.partition_name.value_or(""));
    return out;
  }

  std::unique_ptr<Client> client_;
};

// The rows of `rows` for which `keep` holds, sorted as Sorted() sorts.
std::vector<std::string> Where(const std::vector<json>& rows, const std::function<bool(const json&)>& keep) {
  std::vector<json> out;
  for (const auto& r : rows) {
    if (keep(r)) out.push_back(r);
  }
  return Sorted(out);
}

TEST_F(PruneIt, LogTableSkipsPartitionsFilesAndRowGroups) {
  const std::string table = "fn_lake.log_part";
  const auto flink = Flink(table);
  ASSERT_FALSE(flink.empty());
  // A threshold under which a few 'eu' ids lie: ids are random INTs.
  std::vector<int64_t> eu_ids;
  for (const auto& r : flink) {
    if (r.at("region") == "eu") eu_ids.push_back(r.at("id").get<int64_t>());
  }
  ASSERT_GE(eu_ids.size(), 10u);
  std::sort(eu_ids.begin(), eu_ids.end());
  const int64_t threshold = eu_ids[5] + 1;
  auto keep = [&](const json& r) { return r.at("region") == "eu" && r.at("id").get<int64_t>() < threshold; };

  const ScanPlan all = PlanOf(table, ScanSpec{});
  ASSERT_TRUE(all.lake_snapshot_id.has_value());
  const auto regions = Partitions(all);
  ASSERT_GE(regions.size(), 3u);
  EXPECT_EQ(all.pruning.partitions.kept, all.pruning.partitions.total);
  EXPECT_EQ(all.pruning.lake_files.kept, all.pruning.lake_files.total);

  ScanSpec spec;
  spec.predicate = ParsePredicate("region = 'eu' AND id < " + std::to_string(threshold)).value();
  const ScanPlan pruned = PlanOf(table, spec);
  EXPECT_EQ(pruned.pruning.partitions.kept, 1);
  EXPECT_EQ(pruned.pruning.partitions.total, static_cast<int64_t>(regions.size()));
  EXPECT_EQ(Partitions(pruned), std::set<std::string>{"eu"});

  // Files kept: those whose footer (pyarrow) allows an id below the threshold.
  const auto eu_files = LakeFiles(all, "eu");
  ASSERT_FALSE(eu_files.empty());
  auto footers = Footers("id", eu_files);
  std::vector<std::string> may_match;
  int64_t groups_of_kept = 0, groups_may_match = 0;
  for (const auto& [path, groups] : footers) {
    bool file_may = false;
    for (const auto& g : groups) {
      bool may = !g.min || *g.min < threshold;
      file_may = file_may || may;
    }
    if (file_may) {
      may_match.push_back(path);
      groups_of_kept += static_cast<int64_t>(groups.size());
      for (const auto& g : groups) groups_may_match += (!g.min || *g.min < threshold) ? 1 : 0;
    }
  }
  std::sort(may_match.begin(), may_match.end());
  EXPECT_EQ(LakeFiles(pruned, "eu"), may_match);
  EXPECT_EQ(pruned.pruning.lake_files.kept, static_cast<int64_t>(may_match.size()));
  EXPECT_EQ(pruned.pruning.lake_files.total, all.pruning.lake_files.total);
  EXPECT_LT(pruned.pruning.lake_files.kept, all.pruning.lake_files.total);

  // Exact rows, and the row groups read are those pyarrow says may match.
  ScanSpec with_metrics = spec;
  with_metrics.read.metrics = std::make_shared<ScanMetrics>();
  auto rows = Scan(table, with_metrics);
  ASSERT_TRUE(rows.status.ok()) << rows.status.ToString();
  EXPECT_EQ(Sorted(rows.rows), Where(flink, keep));
  EXPECT_FALSE(rows.rows.empty());
  const ScanMetrics& m = *with_metrics.read.metrics;
  EXPECT_EQ(m.row_groups_total.load(), groups_of_kept);
  EXPECT_EQ(m.row_groups_kept.load(), groups_may_match);
  // Paimon (parquet-mr) writes a page index: the predicate columns' pages
  // of every row group the footer keeps are counted, and each kept row
  // group keeps one at least.
  EXPECT_GT(m.pages_total.load(), 0);
  EXPECT_LE(m.pages_kept.load(), m.pages_total.load());
  EXPECT_GE(m.pages_kept.load(), m.row_groups_kept.load());

  ScanSpec unfiltered;
  unfiltered.read.metrics = std::make_shared<ScanMetrics>();
  auto all_rows = Scan(table, unfiltered);
  ASSERT_TRUE(all_rows.status.ok()) << all_rows.status.ToString();
  EXPECT_EQ(Sorted(all_rows.rows), Sorted(flink));
  EXPECT_EQ(unfiltered.read.metrics->pages_total.load(), 0);  // no predicate, no page index read
  EXPECT_LT(m.lake_bytes_read.load(), unfiltered.read.metrics->lake_bytes_read.load());
  std::cerr << "log_part: partitions " << pruned.pruning.partitions.kept << "/" << pruned.pruning.partitions.total
            << ", lake files " << pruned.pruning.lake_files.kept << "/" << pruned.pruning.lake_files.total
            << ", row groups " << m.row_groups_kept << "/" << m.row_groups_total << ", pages " << m.pages_kept
            << "/" << m.pages_total << ", lake bytes "
            << m.lake_bytes_read << " vs " << unfiltered.read.metrics->lake_bytes_read << " unfiltered, "
            << rows.rows.size() << " rows\n";
  EXPECT_NE(pruned.Explain().find("pruned (kept/total): partitions 1/"), std::string::npos) << pruned.Explain();
  std::cerr << pruned.Explain();
}

// Late materialisation on Paimon's files: `id = v` for one id the Flink
// rows hold. Footer and page bounds (random ids) keep nearly every row
// group; the id column is decoded first and the other columns of batches
// without v are skipped. The rows are still exactly Flink's.
TEST_F(PruneIt, LateMaterialisationSkipsColumnsOfBatchesWithoutAMatch) {
  const std::string table = "fn_lake.log_part";
  const auto flink = Flink(table);
  ASSERT_FALSE(flink.empty());
  const int64_t v = flink.front().at("id").get<int64_t>();
  auto keep = [&](const json& r) { return r.at("id").get<int64_t>() == v; };
  ScanSpec spec;
  spec.tier = ScanTier::kLake;
  spec.predicate = *ParsePredicate("id = " + std::to_string(v));
  spec.read.metrics = std::make_shared<ScanMetrics>();
  auto rows = Scan(table, spec);
  ASSERT_TRUE(rows.status.ok()) << rows.status.ToString();
  EXPECT_EQ(Sorted(rows.rows), Where(flink, keep));
  const ScanMetrics& m = *spec.read.metrics;
  EXPECT_GT(m.rows_skipped.load(), 0);
  EXPECT_GT(m.pages_skipped.load(), 0);
  std::cerr << "log_part id = " << v << ": " << rows.rows.size() << " rows; rows skipped " << m.rows_skipped
            << " of " << m.lake_rows + m.rows_skipped << ", pages skipped " << m.pages_skipped << "\n";
}

TEST_F(PruneIt, PrimaryKeyTablePrunesFilesByKeyOnly) {
  const std::string table = "fn_lake.pk_part";
  const auto flink = Flink(table);
  const ScanPlan all = PlanOf(table, ScanSpec{});
  ASSERT_TRUE(all.lake_snapshot_id.has_value());
  const int64_t threshold = 10;
  ScanSpec spec;
  spec.predicate = ParsePredicate("region = 'us' AND id < " + std::to_string(threshold)).value();
  const ScanPlan pruned = PlanOf(table, spec);
  EXPECT_EQ(pruned.pruning.partitions.kept, 1);
  EXPECT_EQ(Partitions(pruned), std::set<std::string>{"us"});

  const auto us_files = LakeFiles(all, "us");
  ASSERT_FALSE(us_files.empty());
  std::vector<std::string> may_match;
  int64_t groups_total = 0, groups_may_match = 0;
  for (const auto& [path, groups] : Footers("_KEY_id", us_files)) {
    bool may = false;
    for (const auto& g : groups) {
      const bool group_may = !g.min || *g.min < threshold;
      may = may || group_may;
      ++groups_total;
      groups_may_match += group_may ? 1 : 0;
    }
    if (may) may_match.push_back(path);
  }
  std::sort(may_match.begin(), may_match.end());
  EXPECT_EQ(LakeFiles(pruned, "us"), may_match);

  // The unpruned splits read with the predicate (as a host holding splits
  // planned without it would): row groups are skipped by the key's footer
  // stats, and the merge still gives exactly the matching rows.
  std::vector<json> from_splits;
  int64_t kept_groups = 0, seen_groups = 0;
  for (Split split : all.splits) {
    if (split.partition_name.value_or("") != "us") continue;
    split.predicate = spec.predicate;
    SplitReadOptions read;
    read.metrics = std::make_shared<ScanMetrics>();
    ArrowArrayStream stream;
    ASSERT_TRUE(client_->OpenSplit(split, &stream, read).ok());
    auto info = Info(table);
    auto got = DrainStream(&stream, [info](const std::string& name) {
      return info->columns[static_cast<size_t>(info->ColumnIndex(name))].type;
    });
    ASSERT_TRUE(got.status.ok()) << got.status.ToString();
    for (auto& r : got.rows) from_splits.push_back(std::move(r));
    kept_groups += read.metrics->row_groups_kept;
    seen_groups += read.metrics->row_groups_total;
  }
  EXPECT_EQ(seen_groups, groups_total);
  EXPECT_EQ(kept_groups, groups_may_match);
  EXPECT_LT(kept_groups, seen_groups);

  auto keep = [&](const json& r) { return r.at("region") == "us" && r.at("id").get<int64_t>() < threshold; };
  auto rows = Scan(table, spec);
  ASSERT_TRUE(rows.status.ok()) << rows.status.ToString();
  EXPECT_EQ(Sorted(rows.rows), Where(flink, keep));
  EXPECT_EQ(Sorted(from_splits), Where(flink, keep));
  std::cerr << "pk_part splits without planning pruning: row groups " << kept_groups << "/" << seen_groups << "\n";
  EXPECT_FALSE(rows.rows.empty());

  // A value column never prunes a primary-key file (an older version of a
  // key could survive the merge).
  ScanSpec by_value;
  by_value.predicate = ParsePredicate("name = 'no such name'").value();
  const ScanPlan value_plan = PlanOf(table, by_value);
  EXPECT_EQ(value_plan.pruning.lake_files.kept, value_plan.pruning.lake_files.total);
  ScanSpec v_lt;
  v_lt.predicate = ParsePredicate("v < 0e0 OR name IS NULL").value();
  auto v_rows = Scan(table, v_lt);
  ASSERT_TRUE(v_rows.status.ok()) << v_rows.status.ToString();
  // The dumps write NaN and the infinities as strings.
  auto number = [](const json& v) { return v.is_string() ? std::stod(v.get<std::string>()) : v.get<double>(); };
  EXPECT_EQ(Sorted(v_rows.rows), Where(flink, [&](const json& r) {
              return r.at("name").is_null() || (!r.at("v").is_null() && number(r.at("v")) < 0);
            }));
  std::cerr << "pk_part: lake files " << pruned.pruning.lake_files.kept << "/" << pruned.pruning.lake_files.total
            << ", " << rows.rows.size() << " rows\n";
}

TEST_F(PruneIt, CountFromMetadataEqualsFullScan) {
  for (const std::string table : {"fn_lake.log_part", "fn_lake.log_nokey", "fn_lake.log_bkey"}) {
    const ScanPlan plan = PlanOf(table, ScanSpec{});
    ASSERT_TRUE(plan.metadata_row_count.has_value()) << table << "\n" << plan.Explain();
    auto rows = Scan(table, ScanSpec{});
    ASSERT_TRUE(rows.status.ok()) << rows.status.ToString();
    EXPECT_EQ(*plan.metadata_row_count, static_cast<int64_t>(rows.rows.size())) << table;
    EXPECT_EQ(*plan.metadata_row_count, static_cast<int64_t>(Flink(table).size())) << table;
    auto count = client_->Count(PathOf(table), ScanSpec{});
    ASSERT_TRUE(count.ok()) << count.status().ToString();
    EXPECT_EQ(*count, *plan.metadata_row_count) << table;
    EXPECT_NE(plan.Explain().find("from metadata"), std::string::npos) << plan.Explain();
    std::cerr << table << ": COUNT(*) " << *count << " from metadata\n";
  }
  // With a predicate, or on a primary-key table, rows are counted.
  ScanSpec eu;
  eu.predicate = ParsePredicate("region = 'eu'").value();
  EXPECT_FALSE(PlanOf("fn_lake.log_part", eu).metadata_row_count.has_value());
  auto eu_count = client_->Count(PathOf("fn_lake.log_part"), eu);
  ASSERT_TRUE(eu_count.ok()) << eu_count.status().ToString();
  const auto flink = Flink("fn_lake.log_part");
  EXPECT_EQ(*eu_count, static_cast<int64_t>(Where(flink, [](const json& r) { return r.at("region") == "eu"; }).size()));
  EXPECT_FALSE(PlanOf("fn_lake.pk_part", ScanSpec{}).metadata_row_count.has_value());
  auto pk_count = client_->Count(PathOf("fn_lake.pk_part"), ScanSpec{});
  ASSERT_TRUE(pk_count.ok()) << pk_count.status().ToString();
  EXPECT_EQ(*pk_count, static_cast<int64_t>(Flink("fn_lake.pk_part").size()));
}

// Non-STRING partition columns (INT, DATE): pruned by their typed values,
// rows equal to the unfiltered union read (checked against the Paimon reader
// plus the Java log tail in union_it_test) filtered here.
TEST_F(PruneIt, IntAndDatePartitions) {
  struct Case {
    std::string table, where;
    std::function<bool(const json&)> keep;
  };
  const std::vector<Case> cases = {
      {"fn_union.log_part_int", "p = 1", [](const json& r) { return r.at("p") == 1; }},
      {"fn_union.log_part_int", "p > 0 AND p < 2", [](const json& r) { return r.at("p") == 1; }},
      {"fn_union.log_part_int", "p IN (-3, 2)", [](const json& r) { return r.at("p") == -3 || r.at("p") == 2; }},
      {"fn_union.pk_part_date", "dt = DATE '2025-01-02'",
       [](const json& r) { return r.at("dt") == 20090; }},  // days since the epoch
      {"fn_union.pk_part_date", "dt < '2025-01-02'", [](const json& r) { return r.at("dt") == 20089; }},
  };
  for (const auto& c : cases) {
    const ScanPlan all = PlanOf(c.table, ScanSpec{});
    ScanSpec spec;
    spec.predicate = ParsePredicate(c.where).value();
    const ScanPlan pruned = PlanOf(c.table, spec);
    auto unfiltered = Scan(c.table, ScanSpec{});
    ASSERT_TRUE(unfiltered.status.ok()) << unfiltered.status.ToString();
    // Partitions kept: those holding a row that matches (each holds some).
    std::set<std::string> holding;
    const auto info = Info(c.table);
    for (const auto& r : unfiltered.rows) {
      if (c.keep(r)) holding.insert(r.at(info->partition_keys[0]).dump());
    }
    EXPECT_EQ(pruned.pruning.partitions.kept, static_cast<int64_t>(holding.size())) << c.table << " " << c.where;
    EXPECT_EQ(pruned.pruning.partitions.total, all.pruning.partitions.total) << c.table;
    EXPECT_LT(pruned.pruning.partitions.kept, pruned.pruning.partitions.total) << c.table << " " << c.where;
    auto rows = Scan(c.table, spec);
    ASSERT_TRUE(rows.status.ok()) << rows.status.ToString();
    EXPECT_EQ(Sorted(rows.rows), Where(unfiltered.rows, c.keep)) << c.table << " " << c.where;
    EXPECT_FALSE(rows.rows.empty()) << c.table << " " << c.where;
    std::cerr << c.table << " WHERE " << c.where << ": partitions " << pruned.pruning.partitions.kept << "/"
              << pruned.pruning.partitions.total << ", " << rows.rows.size() << " rows\n";
  }
}

// Row groups whose every dictionary value fails the predicate are skipped
// (log tables): a payload inside every file's min/max but in few (or no)
// row groups. Expected: the row groups that hold it, as pyarrow reads them.
TEST_F(PruneIt, DictionariesSkipRowGroups) {
  const std::string table = "fn_lake.log_part";
  const auto flink = Flink(table);
  const ScanPlan all = PlanOf(table, ScanSpec{});
  std::vector<std::string> files;
  for (const auto& region : Partitions(all)) {
    for (const auto& f : LakeFiles(all, region)) files.push_back(f);
  }
  // pyarrow's distinct payloads per row group.
  std::string cmd = "python3 " + std::string(FN_SOURCE_DIR) + "/tests/integration/parquet_footer_stats.py --distinct payload";
  for (const auto& p : files) cmd += " '" + p + "'";
  FILE* pipe = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  ASSERT_EQ(pclose(pipe), 0);
  ASSERT_FALSE(files.empty());
  struct Group {
    std::set<std::string> values;
    bool dictionary = false;
    std::optional<std::string> min, max;
  };
  std::vector<Group> groups;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    const json parsed = json::parse(line);  // kept: the loop borrows from it
    for (const auto& g : parsed.at("row_groups")) {
      Group group;
      group.values = g.at("distinct").get<std::set<std::string>>();
      group.dictionary = g.at("dictionary").get<bool>();
      if (!g.at("min").is_null()) group.min = g.at("min").get<std::string>();
      if (!g.at("max").is_null()) group.max = g.at("max").get<std::string>();
      groups.push_back(std::move(group));
    }
  }
  ASSERT_FALSE(groups.empty()) << cmd << "\n" << out;
  // A payload that a dictionary-encoded row group holds, and one that none
  // does but which lies inside the files' ranges ("" .. multi-byte text).
  std::string present;
  for (const auto& g : groups) {
    for (const auto& v : g.values) {
      if (v.size() > 3 && present.empty() && g.dictionary) present = v;
    }
  }
  ASSERT_FALSE(present.empty());
  const std::string absent = present + "-no-such-payload";
  for (const std::string& value : {present, absent}) {
    // Kept: the row groups holding the value, and those without a
    // dictionary whose min/max allow it (strings compare as UTF-8 bytes).
    int64_t expected = 0, by_dictionary = 0;
    for (const auto& g : groups) {
      const bool in_range = (!g.min || *g.min <= value) && (!g.max || value <= *g.max);
      if (g.values.count(value) || (in_range && !g.dictionary)) ++expected;
      if (in_range && g.dictionary && !g.values.count(value)) ++by_dictionary;
    }
    ScanSpec spec;
    spec.tier = ScanTier::kLake;
    spec.predicate = Predicate::Compare(ColumnPath{{"payload"}}, PredicateOp::kEq, Literal::String(value));
    spec.read.metrics = std::make_shared<ScanMetrics>();
    auto rows = Scan(table, spec);
    ASSERT_TRUE(rows.status.ok()) << rows.status.ToString();
    const ScanMetrics& m = *spec.read.metrics;
    EXPECT_EQ(m.row_groups_kept.load(), expected) << value;
    EXPECT_GT(by_dictionary, 0) << value;
    EXPECT_EQ(m.row_groups_pruned_by_dictionary.load(), by_dictionary) << value;
    EXPECT_EQ(Sorted(rows.rows), Where(flink, [&](const json& r) { return r.at("payload") == value; })) << value;
    std::cerr << "payload = '" << value << "': row groups " << m.row_groups_kept << "/" << m.row_groups_total
              << " (" << m.row_groups_pruned_by_dictionary << " by dictionaries), " << rows.rows.size()
              << " rows\n";
  }
}

// The size of the first log batch of the table's first remote segment
// (its header's length field), the least any read of the table fetches.
int64_t FirstRemoteBatchBytes() {
  namespace fs = std::filesystem;
  for (const auto& e : fs::recursive_directory_iterator(std::string(FN_IT_DIR) + "/remote/log/fn_types")) {
    const std::string p = e.path().string();
    if (p.find("/log_big-") == std::string::npos || e.path().filename() != "00000000000000000000.log") continue;
    std::string head = ReadFile(p).substr(0, 12);
    if (head.size() < 12) return -1;
    uint32_t length = 0;
    for (int i = 11; i >= 8; --i) length = (length << 8) | static_cast<uint8_t>(head[static_cast<size_t>(i)]);
    return 12 + static_cast<int64_t>(length);
  }
  return -1;
}

TEST_F(PruneIt, LimitTenReadsOneBatch) {
  const std::string table = "fn_types.log_big";
  ScanSpec limited;
  limited.limit = 10;
  limited.read.metrics = std::make_shared<ScanMetrics>();
  auto rows = Scan(table, limited);
  ASSERT_TRUE(rows.status.ok()) << rows.status.ToString();
  EXPECT_EQ(rows.rows.size(), 10u);
  ScanSpec full;
  full.read.metrics = std::make_shared<ScanMetrics>();
  auto all = Scan(table, full);
  ASSERT_TRUE(all.status.ok()) << all.status.ToString();
  ASSERT_GT(all.rows.size(), 1000u);
  const int64_t limited_bytes = limited.read.metrics->log_bytes_fetched + limited.read.metrics->lake_bytes_read;
  const int64_t full_bytes = full.read.metrics->log_bytes_fetched + full.read.metrics->lake_bytes_read;
  const int64_t first_batch = FirstRemoteBatchBytes();
  std::cerr << "log_big: LIMIT 10 read " << limited_bytes << " bytes, a full read " << full_bytes << " bytes ("
            << all.rows.size() << " rows); its first log batch is " << first_batch << " bytes\n";
  EXPECT_GT(limited_bytes, 0);
  EXPECT_LT(limited_bytes, full_bytes);
  // A log batch is the least a reader can fetch (Fluss 0.9 has no row limit
  // on FetchLog): LIMIT 10 reads the first batch and a small first probe of
  // it, nothing more.
  ASSERT_GT(first_batch, 0);
  EXPECT_LE(limited_bytes, first_batch + (64 << 10));
  // About one batch decoded, of the bucket's many.
  EXPECT_GE(limited.read.metrics->log_batches_total.load(), 1);
  EXPECT_LE(limited.read.metrics->log_batches_total.load(), 2);
  EXPECT_GT(full.read.metrics->log_batches_total.load(), 4 * limited.read.metrics->log_batches_total.load());
  std::cerr << "log_big: LIMIT 10 log batches " << limited.read.metrics->log_batches_total << ", full read "
            << full.read.metrics->log_batches_total << "\n";
}

}  // namespace
}  // namespace fluss_native::it
