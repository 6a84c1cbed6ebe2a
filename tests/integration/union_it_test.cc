// Union reads (lake + log) against Fluss's own union read: the Flink
// connector's batch read through Flink SQL, which the fixture runs over every
// fn_lake table after each tiering round (DIR/lake/round-N/) and after the
// last one (DIR/lake/union.<t>.jsonl), and
// over the fn_union tables (DIR/union/): a log TTL that already deleted
// tiered segments, a partition dropped from Fluss but kept in the lake, INT
// and DATE partition columns, FLOAT and TIMESTAMP(9) primary keys. Where
// Fluss 0.9.1's union read fails or is wrong (testing/specs/union.json,
// "union_read_known_bad"), the rows are checked against the Paimon Java
// reader's snapshot plus the Java LogScanner's tail (check_union.py's
// expected.<t>.jsonl) instead.
#include <filesystem>
#include <map>
#include <set>

#include "common/type_builder.h"
#include "integration/arrow_rows.h"
#include "integration/it_env.h"

namespace fluss_native::it {
namespace {

namespace fs = std::filesystem;

const std::string kLakeDir = std::string(FN_IT_DIR) + "/lake";
const std::string kUnionDir = std::string(FN_IT_DIR) + "/union";

// Tables whose Flink union-read oracle file exists under `dir` (prefix "union.").
std::vector<std::string> OracleTables(const std::string& dir, const std::string& database) {
  std::vector<std::string> out;
  const std::string prefix = "union." + database + ".";
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && e.path().extension() == ".jsonl") {
      out.push_back(name.substr(6, name.size() - 6 - 6));
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

class UnionIt : public ::testing::Test {
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

  StreamRows Drain(const std::string& table, ArrowArrayStream* stream) {
    auto info = Info(table);
    return DrainStream(stream, [info](const std::string& name) {
      return info->columns[static_cast<size_t>(info->ColumnIndex(name))].type;
    });
  }

  StreamRows Union(const std::string& table, ScanSpec spec = {}) {
    ArrowArrayStream stream;
    Status st = client_->Scan(PathOf(table), spec, &stream);
    if (!st.ok()) return StreamRows{st, {}, {}};
    return Drain(table, &stream);
  }

  // Rows of an oracle file, normalized with the Fluss table's types; lines
  // are {"key", "row"} objects (union-read.sh) or bare rows (expected.*).
  std::vector<json> Oracle(const std::string& table, const std::string& path) {
    auto info = Info(table);
    std::vector<json> rows;
    for (const auto& line : ReadJsonLines(path)) {
      const json& r = line.contains("row") && line.size() <= 2 ? line.at("row") : line;
      json norm = json::object();
      for (const auto& c : info->columns) norm[c.name] = Normalize(r.at(c.name), c.type, false);
      rows.push_back(std::move(norm));
    }
    return rows;
  }

  std::unique_ptr<Client> client_;
};

TEST_F(UnionIt, EveryLakeTableEqualsFlinkUnionRead) {
  auto tables = OracleTables(kLakeDir, "fn_lake");
  ASSERT_GE(tables.size(), 7u) << "the fixture dumps Flink's union read into " << kLakeDir;
  for (const auto& table : tables) {
    auto plan = client_->Plan(PathOf(table), ScanSpec{});
    ASSERT_TRUE(plan.ok()) << table << ": " << plan.status().ToString();
    EXPECT_EQ(plan->tier, ScanTier::kUnion) << table << "\n";
    EXPECT_TRUE(plan->lake_snapshot_id.has_value()) << table;
    auto native = Union(table);
    ASSERT_TRUE(native.status.ok()) << table << ": " << native.status.ToString();
    auto flink = Oracle(table, kLakeDir + "/union." + table + ".jsonl");
    EXPECT_FALSE(flink.empty()) << table;
    EXPECT_EQ(Sorted(native.rows), Sorted(flink)) << table;
    std::cerr << table << ": " << native.rows.size() << " rows equal Flink's union read (" << plan->splits.size()
              << " splits)\n";
  }
}

// After each tiering round the fixture ran Fluss's union read of every
// fn_lake table (DIR/lake/round-N/), when the lake held exactly the rows
// written so far and the log tail was empty. Fluss 0.9.1 keeps the log
// offsets of the latest lake snapshot only, so the union read of an earlier
// round is its lake snapshot (FOR VERSION AS OF, lake tier): it must equal
// what Flink's union read returned then.
TEST_F(UnionIt, EveryLakeTableEqualsFlinkUnionReadAfterEachRound) {
  int compared = 0;
  for (const auto& table : OracleTables(kLakeDir, "fn_lake")) {
    const json ids = ReadJsonLines(kLakeDir + "/" + table + ".rounds.json").at(0);
    for (size_t n = 1; n <= ids.size(); ++n) {
      const std::string flink_file = kLakeDir + "/round-" + std::to_string(n) + "/union." + table + ".jsonl";
      ASSERT_TRUE(fs::exists(flink_file)) << "the fixture dumps Flink's union read after each round: " << flink_file;
      ScanSpec spec;
      spec.tier = ScanTier::kLake;
      spec.snapshot_id = ids.at(n - 1).get<int64_t>();
      auto native = Union(table, spec);
      ASSERT_TRUE(native.status.ok()) << table << " round " << n << ": " << native.status.ToString();
      auto flink = Oracle(table, flink_file);
      EXPECT_FALSE(flink.empty()) << table << " round " << n;
      EXPECT_EQ(Sorted(native.rows), Sorted(flink)) << table << " round " << n << ", lake snapshot " << *spec.snapshot_id;
      std::cerr << table << " round " << n << ": " << native.rows.size() << " rows equal Flink's union read then\n";
      ++compared;
    }
  }
  EXPECT_GE(compared, 21) << "7 fn_lake tables, 3 rounds each";
}

// The fn_union tables: Flink's union read where it is right, and the Paimon
// reader's lake plus the Java LogScanner's tail for every table.
TEST_F(UnionIt, UnionFixturesEqualFlinkAndLakePlusTail) {
  const std::set<std::string> known_bad = {"fn_union.log_part_int", "fn_union.pk_part_date", "fn_union.pk_float"};
  int compared_with_flink = 0;
  int tables = 0;
  for (const auto& e : fs::directory_iterator(kUnionDir)) {
    const std::string name = e.path().filename().string();
    if (name.rfind("expected.", 0) != 0) continue;
    const std::string table = name.substr(9, name.size() - 9 - 6);
    ++tables;
    auto native = Union(table);
    ASSERT_TRUE(native.status.ok()) << table << ": " << native.status.ToString();
    auto expected = Oracle(table, e.path().string());
    EXPECT_EQ(Sorted(native.rows), Sorted(expected)) << table << " vs Paimon lake + Java log tail";
    std::cerr << table << ": " << native.rows.size() << " rows, expected " << expected.size() << "\n";
    const std::string flink = kUnionDir + "/union." + table + ".jsonl";
    if (!known_bad.count(table) && fs::exists(flink)) {
      EXPECT_EQ(Sorted(native.rows), Sorted(Oracle(table, flink))) << table << " vs Flink union read";
      ++compared_with_flink;
    }
  }
  EXPECT_GE(tables, 8);
  EXPECT_GE(compared_with_flink, 5);
}

// The log TTL deleted segments that were tiered: the log alone has lost
// rows, the union read has them all.
TEST_F(UnionIt, ExpiredLogIsCompleteOnlyThroughTheLake) {
  const std::string table = "fn_union.log_ttl";
  auto offsets = client_->catalog().ListOffsets(PathOf(table), OffsetQuery::Earliest());
  ASSERT_TRUE(offsets.ok()) << offsets.status().ToString();
  int64_t earliest = 0;
  for (const auto& o : *offsets) earliest = std::max(earliest, o.offset);
  EXPECT_GT(earliest, 0) << "the fixture waits until the TTL removed tiered segments";
  ScanSpec log_only;
  log_only.tier = ScanTier::kLog;
  auto log = Union(table, log_only);
  ASSERT_TRUE(log.status.ok()) << log.status.ToString();
  auto all = Union(table);
  ASSERT_TRUE(all.status.ok()) << all.status.ToString();
  EXPECT_LT(log.rows.size(), all.rows.size());
  EXPECT_EQ(Sorted(all.rows), Sorted(Oracle(table, kUnionDir + "/union." + table + ".jsonl")));
  // No gap: the lake covers everything the TTL removed, so nothing falls back.
  auto plan = client_->Plan(PathOf(table), ScanSpec{});
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->fallbacks.empty()) << plan->Explain();
}

// The partition dropped from Fluss is read from the lake alone, and the
// plan says so.
TEST_F(UnionIt, PartitionOnlyInTheLakeIsReadFromTheLake) {
  auto plan = client_->Plan(PathOf("fn_union.log_part_drop"), ScanSpec{});
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  bool lake_only_partition = false;
  for (const auto& f : plan->fallbacks) lake_only_partition |= f.reason.find("only in the lake") != std::string::npos;
  EXPECT_TRUE(lake_only_partition) << plan->Explain();
}

// Splits carry everything a reader needs: encoded, decoded and read one by
// one they give the rows of the whole scan.
TEST_F(UnionIt, ThriftSplitsReadOneByOneEqualTheScan) {
  for (const std::string table : {"fn_lake.pk", "fn_lake.pk_part", "fn_lake.log_nokey", "fn_lake.log_part"}) {
    auto plan = client_->Plan(PathOf(table), ScanSpec{});
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    std::vector<json> rows;
    int i = 0;
    for (const auto& split : plan->splits) {
      const auto protocol = (i++ % 2) ? ThriftProtocol::kCompact : ThriftProtocol::kBinary;
      auto decoded = Split::FromThrift(split.ToThrift(protocol), protocol);
      ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
      EXPECT_EQ(*decoded, split);
      ArrowArrayStream stream;
      ASSERT_TRUE(client_->OpenSplit(*decoded, &stream).ok());
      auto part = Drain(table, &stream);
      ASSERT_TRUE(part.status.ok()) << table << ": " << part.status.ToString();
      rows.insert(rows.end(), part.rows.begin(), part.rows.end());
    }
    auto whole = Union(table);
    ASSERT_TRUE(whole.status.ok());
    EXPECT_EQ(Sorted(rows), Sorted(whole.rows)) << table;
  }
}

// A budget far below a bucket's size forces the merge to spill sorted runs;
// the rows are the same and the spill directory is gone afterwards.
TEST_F(UnionIt, TinyBudgetSpillsAndGivesTheSameRows) {
  const fs::path spill = fs::temp_directory_path() / ("fn-union-spill-" + std::to_string(::getpid()));
  fs::create_directories(spill);
  for (const std::string table : {"fn_lake.pk", "fn_union.pk_ttl", "fn_union.pk_ts9"}) {
    ScanSpec tiny;
    tiny.read.memory_budget_bytes = 4096;
    tiny.read.spill_directory = spill.string();
    ArrowArrayStream stream;
    ASSERT_TRUE(client_->Scan(PathOf(table), tiny, &stream).ok());
    // Mid-stream, the merge has spilled into a private directory.
    ArrowArray first;
    ASSERT_EQ(stream.get_next(&stream, &first), 0) << stream.get_last_error(&stream);
    EXPECT_FALSE(fs::is_empty(spill)) << table << ": nothing spilled";
    first.release(&first);
    stream.release(&stream);
    EXPECT_TRUE(fs::is_empty(spill)) << table << ": the spill directory outlived the stream";
    ASSERT_TRUE(client_->Scan(PathOf(table), tiny, &stream).ok());
    auto spilled = Drain(table, &stream);
    ASSERT_TRUE(spilled.status.ok()) << spilled.status.ToString();
    auto normal = Union(table);
    EXPECT_EQ(Sorted(spilled.rows), Sorted(normal.rows)) << table;
  }
  fs::remove_all(spill);
}

TEST_F(UnionIt, ExplainShowsSnapshotSplitsOffsetsAndFiles) {
  auto plan = client_->Plan(PathOf("fn_lake.pk_part"), ScanSpec{});
  ASSERT_TRUE(plan.ok());
  const std::string text = plan->Explain();
  EXPECT_NE(text.find("flussScan: fn_lake.pk_part"), std::string::npos) << text;
  EXPECT_NE(text.find("lake snapshot: " + std::to_string(*plan->lake_snapshot_id)), std::string::npos) << text;
  EXPECT_NE(text.find("HYBRID"), std::string::npos) << text;
  EXPECT_NE(text.find("lake files: "), std::string::npos) << text;
  EXPECT_NE(text.find("log ["), std::string::npos) << text;
  for (const auto& s : plan->splits) EXPECT_EQ(s.tier, SplitTier::kHybrid);
}

TEST_F(UnionIt, TiersAndFallbacks) {
  // A table that is not lake-enabled: auto reads the log and says why; union refuses.
  ScanSpec union_only;
  union_only.tier = ScanTier::kUnion;
  auto refused = client_->Plan(TablePath{"fn_types", "log_all_types"}, union_only);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("not lake-enabled"), std::string::npos) << refused.status().ToString();
  auto fallback = client_->Plan(TablePath{"fn_types", "log_all_types"}, ScanSpec{});
  ASSERT_TRUE(fallback.ok()) << fallback.status().ToString();
  EXPECT_EQ(fallback->tier, ScanTier::kLog);
  ASSERT_FALSE(fallback->fallbacks.empty());
  // Unknown columns and buckets name what is wrong.
  ScanSpec bad;
  bad.columns = {"nope"};
  auto col = client_->Plan(PathOf("fn_lake.pk"), bad);
  ASSERT_FALSE(col.ok());
  EXPECT_NE(col.status().message().find("'nope'"), std::string::npos);
  // The lake tier alone equals the lake scan.
  ScanSpec lake;
  lake.tier = ScanTier::kLake;
  auto lake_plan = client_->Plan(PathOf("fn_lake.log_bkey"), lake);
  ASSERT_TRUE(lake_plan.ok()) << lake_plan.status().ToString();
  for (const auto& s : lake_plan->splits) EXPECT_EQ(s.tier, SplitTier::kLakeOnly);
}

TEST_F(UnionIt, LimitAndProjection) {
  ScanSpec spec;
  spec.columns = {"name", "id"};
  spec.limit = 7;
  auto rows = Union("fn_lake.pk", spec);
  ASSERT_TRUE(rows.status.ok()) << rows.status.ToString();
  EXPECT_EQ(rows.rows.size(), 7u);
  EXPECT_EQ(rows.columns, (std::vector<std::string>{"name", "id"}));
}

}  // namespace
}  // namespace fluss_native::it

namespace fluss_native::it {
namespace {

// FOR TIMESTAMP AS OF: the log stops at the offsets of that time and the
// lake part is the newest lake snapshot at or below them. On a table whose
// log is complete, that equals the log alone read up to the same offsets.
TEST_F(UnionIt, TimeTravelEqualsTheLogUpToTheSameOffsets) {
  // (table, whether the time is within the tail written after the last
  // tiering: then the readable lake snapshot is below it and is used).
  for (const auto& [table, in_tail] : std::vector<std::pair<std::string, bool>>{
           {"fn_lake.pk", false}, {"fn_lake.log_bkey", false}, {"fn_union.pk_ts9", true}}) {
    // (Not fn_union.pk_float: its lake, as Paimon merged it, already differs
    // from the log's state for keys -0.0 and 0.0; see union.json.)
    LogScanOptions meta;
    meta.metadata_columns = true;
    ArrowArrayStream stream;
    ASSERT_TRUE(client_->ScanLog(PathOf(table), meta, &stream).ok());
    auto info = Info(table);
    auto log = DrainStream(&stream, [&](const std::string& name) {
      if (name == "__timestamp") return MakeType(TypeRoot::kTimestampLtz, false, 3);
      if (name == "__offset") return MakeType(TypeRoot::kBigInt, false);
      if (name == "__bucket") return MakeType(TypeRoot::kInt, false);
      if (name == "__change_type") return MakeType(TypeRoot::kString, false);
      return info->columns[static_cast<size_t>(info->ColumnIndex(name))].type;
    });
    ASSERT_TRUE(log.status.ok()) << log.status.ToString();
    std::set<int64_t> stamps;  // batch commit times, as epoch nanoseconds
    for (const auto& r : log.rows) stamps.insert(r.at("__timestamp").get<int64_t>() / 1000000);
    ASSERT_GE(stamps.size(), 3u) << table << ": the fixture writes in rounds";
    // A time after the first half of the writes, before the rest; or within
    // the tail: after all but the last write.
    auto mid = stamps.begin();
    std::advance(mid, static_cast<long>(in_tail ? stamps.size() - 2 : stamps.size() / 2));
    const int64_t as_of = *mid + 1;

    ScanSpec spec;
    spec.as_of_timestamp_ms = as_of;
    auto plan = client_->Plan(PathOf(table), spec);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    auto travelled = Union(table, spec);
    ASSERT_TRUE(travelled.status.ok()) << travelled.status.ToString();

    LogScanOptions upto;
    upto.stop = OffsetQuery::AtTimestamp(as_of);
    ASSERT_TRUE((info->has_primary_key() ? client_->ScanCurrentState(PathOf(table), upto, &stream)
                                         : client_->ScanLog(PathOf(table), upto, &stream))
                    .ok());
    auto reference = Drain(table, &stream);
    ASSERT_TRUE(reference.status.ok()) << reference.status.ToString();
    EXPECT_FALSE(reference.rows.empty());
    EXPECT_EQ(Sorted(travelled.rows), Sorted(reference.rows)) << table << " as of " << as_of << "\n"
                                                               << plan->Explain();
    if (in_tail) {
      // The readable lake snapshot is at or below the time's offsets (unless
      // tiering ran again since the fixture): then it is the lake part.
      auto readable = client_->catalog().GetLakeSnapshot(PathOf(table), true);
      auto stop = client_->catalog().ListOffsets(PathOf(table), OffsetQuery::AtTimestamp(as_of));
      ASSERT_TRUE(readable.ok() && *readable && stop.ok());
      bool covered = true;
      for (const auto& b : (*readable)->buckets) {
        for (const auto& o : *stop) covered &= !(o.bucket == b.bucket && o.partition_name == b.partition_name && b.log_offset > o.offset);
      }
      if (covered) {
        EXPECT_EQ(plan->tier, ScanTier::kUnion) << plan->Explain();
        EXPECT_EQ(plan->lake_snapshot_id, (*readable)->snapshot_id);
      }
    } else {
      // Fluss 0.9.1 records log offsets only for the latest lake snapshot, so a
      // time before it reads the log alone, and the plan says why.
      EXPECT_FALSE(plan->fallbacks.empty()) << plan->Explain();
    }
    std::cerr << table << " as of " << as_of << ": " << travelled.rows.size() << " rows, lake snapshot "
              << (plan->lake_snapshot_id ? std::to_string(*plan->lake_snapshot_id) : "none") << ", tier "
              << ScanTierName(plan->tier) << "\n";
  }
}

}  // namespace
}  // namespace fluss_native::it
