// Predicates against an oracle we did not write: for log, lake and union
// reads of the fixture tables with every type, our filtered scan equals the
// unfiltered scan filtered by pyarrow.compute evaluating the same predicate
// (tests/integration/predicate_oracle.py), for every operator and several
// types, with NULLs, NaN and edge values; with a projection that leaves the
// predicate's columns out, and with LIMIT after the filter. Also: planning
// fails with the type error, and EXPLAIN prints the normalised predicate.
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "fluss_native/arrow_output.h"
#include "integration/arrow_rows.h"
#include "integration/it_env.h"

namespace fluss_native::it {
namespace {

namespace fs = std::filesystem;

json LiteralJson(const Literal& l) {
  switch (l.kind) {
    case LiteralKind::kNull: return {{"kind", "null"}};
    case LiteralKind::kBoolean: return {{"kind", "boolean"}, {"value", l.boolean}};
    case LiteralKind::kInteger: return {{"kind", "integer"}, {"value", std::to_string(l.integer)}};
    case LiteralKind::kDecimal: return {{"kind", "decimal"}, {"unscaled", l.text}, {"scale", l.scale}};
    case LiteralKind::kDouble: {
      std::ostringstream s;
      if (std::isnan(l.real)) s << "nan";
      else if (std::isinf(l.real)) s << (l.real > 0 ? "inf" : "-inf");
      else s << std::setprecision(17) << l.real;
      return {{"kind", "double"}, {"value", s.str()}};
    }
    case LiteralKind::kString: return {{"kind", "string"}, {"value", l.text}};
    case LiteralKind::kBytes: {
      std::string hex;
      char buf[3];
      for (unsigned char c : l.text) {
        std::snprintf(buf, sizeof buf, "%02x", c);
        hex += buf;
      }
      return {{"kind", "bytes"}, {"hex", hex}};
    }
    case LiteralKind::kDate: return {{"kind", "date"}, {"days", l.integer}};
    case LiteralKind::kTime: return {{"kind", "time"}, {"nanos", l.integer}};
    case LiteralKind::kTimestamp:
      return {{"kind", "timestamp"}, {"millis", l.integer}, {"nanos_of_milli", l.nanos_of_milli}};
  }
  return nullptr;
}

json PredicateJson(const Predicate& p) {
  static const std::map<PredicateOp, const char*> kOps = {
      {PredicateOp::kEq, "eq"},         {PredicateOp::kNe, "ne"},          {PredicateOp::kLt, "lt"},
      {PredicateOp::kLe, "le"},         {PredicateOp::kGt, "gt"},          {PredicateOp::kGe, "ge"},
      {PredicateOp::kBetween, "between"}, {PredicateOp::kIn, "in"},        {PredicateOp::kNotIn, "not_in"},
      {PredicateOp::kIsNull, "is_null"}, {PredicateOp::kIsNotNull, "is_not_null"},
      {PredicateOp::kLike, "like"},     {PredicateOp::kAnd, "and"},        {PredicateOp::kOr, "or"},
      {PredicateOp::kNot, "not"}};
  json j = {{"op", kOps.at(p.op())}, {"column", p.column().names}};
  j["literals"] = json::array();
  for (const auto& l : p.literals()) j["literals"].push_back(LiteralJson(l));
  j["children"] = json::array();
  for (const auto& c : p.children()) j["children"].push_back(PredicateJson(c));
  return j;
}

// Every operator over the scalar types the fixture tables share.
const std::vector<std::string> kScalarPredicates = {
    "c_int > 0",
    "0 < c_int",
    "c_int <= -1000000 OR c_int IS NULL",
    "c_int <> 706943879",
    "c_bigint = 9223372036854775807 OR c_bigint = -9223372036854775808",
    "c_bigint >= 0 AND c_bigint < 4611686018427387904",
    "c_tinyint BETWEEN -10 AND 50",
    "c_tinyint NOT BETWEEN -100 AND 100",
    "c_tinyint IN (127, -128, 13, NULL)",
    "c_smallint NOT IN (16221, -27040, 10047)",
    "c_smallint NOT IN (1, NULL)",
    "c_bool = TRUE",
    "NOT c_bool = TRUE",
    "c_bool IS NULL",
    "c_float > 0",
    "c_float = CAST('NaN' AS DOUBLE)",
    "c_float < -100.5",
    "c_double < 0 AND c_double IS NOT NULL",
    "c_double >= 1E5 OR c_double = CAST('NaN' AS DOUBLE)",
    "c_double <> 0",
    "c_dec5_2 >= 0.5",
    "c_dec5_2 IN (0.97, 19.19, -887.06, 0.5)",
    "c_dec18_4 < -0.0001",
    "c_dec18_4 = -0.0001",
    "c_dec38_10 BETWEEN -1 AND 1",
    "c_dec38_10 > 1000000000000000000",
    "c_string LIKE 'a%'",
    "c_string LIKE '%b%c%'",
    "c_string LIKE '__'",
    "c_string NOT LIKE '_%'",
    "c_string = ''",
    "c_string >= 'm'",
    "c_string LIKE '%!%%' ESCAPE '!'",
    "c_char > 'm'",
    "c_char LIKE '%7%'",
    "c_binary > X'80000000'",
    "c_binary IS NULL",
    "c_bytes < X'80'",
    "c_bytes IS NOT NULL AND c_bytes >= X'F0'",
    "c_date >= DATE '2000-01-01'",
    "c_date BETWEEN DATE '1960-01-01' AND DATE '1980-12-31'",
    "c_time < TIME '12:00:00'",
    "c_time IN (TIME '04:30:30', TIME '01:04:24', TIME '23:41:54')",
    "c_ts0 = TIMESTAMP '1969-12-31 23:59:59'",
    "c_ts3 < TIMESTAMP '1900-01-01 00:00:00'",
    "c_ts3 >= TIMESTAMP '1969-12-31 23:59:59.999'",
    "c_ts6 > TIMESTAMP '2020-01-01 00:00:00.000001'",
    "c_ts9 > TIMESTAMP '2000-01-01 00:00:00.000000001'",
    "c_ts9 < TIMESTAMP '1970-01-01 00:00:00.002'",
    "c_ltz0 >= TIMESTAMP '2000-01-01 00:00:00'",
    "c_ltz3 < TIMESTAMP '1970-01-01 00:00:00'",
    "c_ltz6 <= TIMESTAMP '1970-01-01 00:00:00.001800'",
    "c_ltz9 IS NOT NULL AND c_ltz9 < TIMESTAMP '1990-01-01 00:00:00'",
    // Literals of another numeric kind than the column, and a date as a string.
    "c_int > 0.5",
    "c_int <= -1000000.25",
    "c_bigint <= -4611686018427387904.5",
    "c_tinyint < 1.5E1",
    "c_dec5_2 > 1",
    "c_dec18_4 < 1E3",
    "c_double > 100",
    "c_float >= 857.787353515625",
    "c_date >= '2000-01-01'",
    "(c_int > 0 AND c_double > 0) OR (c_string LIKE '%x%' AND NOT c_bool = FALSE)",
    "NOT (c_int > 0 OR c_float IS NULL)",
};

// Fields of the ROW column (the fn_lake tables have one).
const std::vector<std::string> kRowPredicates = {
    "c_row.a > 0",
    "c_row.c.x < 0",
    "c_row IS NULL",
    "c_row.b LIKE '%a%'",
    "c_row.a IS NULL AND c_row IS NOT NULL",
};

class PredicateIt : public ::testing::Test {
 protected:
  void SetUp() override {
    client_ = OpenClient();
    ASSERT_NE(client_, nullptr);
    dir_ = fs::temp_directory_path() / ("fn_predicate_it_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }

  // Scans into an Arrow IPC file; returns the rows written.
  int64_t ScanToFile(const std::string& table, const ScanSpec& spec, const fs::path& file) {
    auto info = client_->catalog().GetTable(PathOf(table));
    EXPECT_TRUE(info.ok()) << info.status().ToString();
    if (!info.ok()) return -1;
    DataType row;
    row.root = TypeRoot::kRow;
    row.nullable = false;
    std::vector<std::string> cols = spec.columns;
    if (cols.empty()) {
      for (const auto& c : (*info)->columns) cols.push_back(c.name);
    }
    for (const auto& name : cols) {
      const Column& c = (*info)->columns[static_cast<size_t>((*info)->ColumnIndex(name))];
      row.children.push_back(c.type);
      row.field_names.push_back(c.name);
      row.field_ids.push_back(c.id);
      row.field_descriptions.push_back(c.comment);
    }
    ArrowArrayStream stream;
    Status st = client_->Scan(PathOf(table), spec, &stream);
    EXPECT_TRUE(st.ok()) << table << ": " << st.ToString();
    if (!st.ok()) return -1;
    std::ofstream out(file, std::ios::binary);
    auto n = WriteArrowIpcStream(&stream, row, &out);
    stream.release(&stream);
    EXPECT_TRUE(n.ok()) << table << ": " << n.status().ToString();
    return n.ok() ? *n : -1;
  }

  struct Case {
    std::string text;
    std::vector<std::string> columns;
    std::optional<int64_t> limit;
  };

  // Runs every case over `table` read from `tier` and checks each against
  // pyarrow.compute. Returns the total of expected rows (to show the
  // predicates select something).
  int64_t CheckAgainstPyarrow(const std::string& table, ScanTier tier, const std::vector<Case>& cases) {
    ScanSpec all;
    all.tier = tier;
    const std::string tag = table + "." + ScanTierName(tier);
    const fs::path unfiltered = dir_ / (tag + ".all.arrows");
    int64_t total = ScanToFile(table, all, unfiltered);
    EXPECT_GT(total, 0) << tag;
    json spec = {{"unfiltered", unfiltered.string()}, {"cases", json::array()}};
    for (size_t i = 0; i < cases.size(); ++i) {
      auto p = ParsePredicate(cases[i].text);
      EXPECT_TRUE(p.ok()) << cases[i].text << ": " << p.status().ToString();
      if (!p.ok()) continue;
      ScanSpec s = all;
      s.predicate = *p;
      s.columns = cases[i].columns;
      s.limit = cases[i].limit;
      const fs::path filtered = dir_ / (tag + "." + std::to_string(i) + ".arrows");
      if (ScanToFile(table, s, filtered) < 0) continue;
      spec["cases"].push_back({{"name", cases[i].text},
                               {"predicate", PredicateJson(*p)},
                               {"filtered", filtered.string()},
                               {"limit", cases[i].limit ? json(*cases[i].limit) : json()}});
    }
    const fs::path spec_file = dir_ / (tag + ".cases.json");
    std::ofstream(spec_file) << spec.dump();
    std::string cmd = "python3 " + std::string(FN_SOURCE_DIR) + "/tests/integration/predicate_oracle.py " +
                      spec_file.string() + " 2>&1";
    FILE* pipe = popen(cmd.c_str(), "r");
    std::string out;
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
    pclose(pipe);
    int64_t expected_total = 0;
    size_t checked = 0;
    std::istringstream lines(out);
    std::string line;
    while (std::getline(lines, line)) {
      json r = json::parse(line, nullptr, false);
      if (r.is_discarded() || !r.contains("ok")) {
        ADD_FAILURE() << tag << ": oracle said: " << line;
        continue;
      }
      ++checked;
      expected_total += r["expected"].get<int64_t>();
      EXPECT_TRUE(r["ok"].get<bool>()) << tag << " WHERE " << r["name"].get<std::string>() << ": pyarrow keeps "
                                       << r["expected"] << " rows, we returned " << r["got"];
    }
    EXPECT_EQ(checked, cases.size()) << tag << ": " << out;
    std::printf("%s: %zu predicates checked against pyarrow.compute, %lld of %lld rows kept in all\n", tag.c_str(),
                checked, static_cast<long long>(expected_total), static_cast<long long>(total * checked));
    return expected_total;
  }

  std::vector<Case> ScalarCases(bool with_row) {
    std::vector<Case> cases;
    for (const auto& t : kScalarPredicates) cases.push_back({t, {}, std::nullopt});
    if (with_row) {
      for (const auto& t : kRowPredicates) cases.push_back({t, {}, std::nullopt});
    }
    // The predicate's columns are not in the projection.
    cases.push_back({"c_int > 0 AND c_string LIKE '%a%'", {"c_bool", "c_date"}, std::nullopt});
    // LIMIT applies to the rows the filter keeps.
    cases.push_back({"c_double < 0", {}, 7});
    return cases;
  }

  std::unique_ptr<Client> client_;
  fs::path dir_;
};

TEST_F(PredicateIt, LogTableOfEveryTypeMatchesPyarrow) {
  EXPECT_GT(CheckAgainstPyarrow("fn_types.log_all_types", ScanTier::kLog, ScalarCases(false)), 100);
}

TEST_F(PredicateIt, LakeLogTableMatchesPyarrowOnEveryTier) {
  for (ScanTier tier : {ScanTier::kLog, ScanTier::kLake, ScanTier::kUnion}) {
    EXPECT_GT(CheckAgainstPyarrow("fn_lake.log_types", tier, ScalarCases(true)), 100) << ScanTierName(tier);
  }
}

TEST_F(PredicateIt, LakePrimaryKeyTableMatchesPyarrowOnEveryTier) {
  for (ScanTier tier : {ScanTier::kLog, ScanTier::kLake, ScanTier::kUnion}) {
    EXPECT_GT(CheckAgainstPyarrow("fn_lake.pk_types", tier, ScalarCases(true)), 50) << ScanTierName(tier);
  }
}

TEST_F(PredicateIt, PartitionedTablesMatchPyarrow) {
  const std::vector<Case> log_part = {{"region = 'ap'", {}, std::nullopt},
                                      {"region IN ('eu', 'us') AND n > 0", {}, std::nullopt},
                                      {"region <> 'ap' OR n IS NULL", {"id", "payload"}, std::nullopt},
                                      {"payload LIKE '%a%' AND region >= 'b'", {}, 3}};
  const std::vector<Case> pk_part = {{"region = 'eu' AND v < 0", {}, std::nullopt},
                                     {"id BETWEEN 2 AND 20 AND region NOT IN ('eu')", {}, std::nullopt},
                                     {"ts < TIMESTAMP '1970-01-01 00:00:00' OR name IS NULL", {"name"}, std::nullopt}};
  for (ScanTier tier : {ScanTier::kLog, ScanTier::kLake, ScanTier::kUnion}) {
    EXPECT_GT(CheckAgainstPyarrow("fn_lake.log_part", tier, log_part), 0) << ScanTierName(tier);
    EXPECT_GT(CheckAgainstPyarrow("fn_lake.pk_part", tier, pk_part), 0) << ScanTierName(tier);
  }
  EXPECT_GT(CheckAgainstPyarrow("fn_parts.log_part_multi", ScanTier::kLog,
                                {{"yr = 2026 AND region LIKE 'a%'", {}, std::nullopt},
                                 {"yr <> 2026 OR id = -9223372036854775808", {"msg"}, std::nullopt}}),
            0);
}

// The union fixtures: tiered segments deleted by the log TTL, a partition
// only in the lake, INT and DATE partitions, FLOAT and TIMESTAMP(9) keys.
TEST_F(PredicateIt, UnionFixturesMatchPyarrow) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> tables = {
      {"fn_union.log_part_drop", {"v > 0 AND name LIKE '%a%'", "region IS NOT NULL AND id < 0"}},
      {"fn_union.log_part_int", {"p > 0", "name LIKE 'a%' OR p = 1"}},
      {"fn_union.log_ttl", {"v > 0 AND ts >= TIMESTAMP '2000-01-01 00:00:00'", "id BETWEEN 10 AND 100"}},
      {"fn_union.pk_float", {"k > 0 OR k = CAST('NaN' AS DOUBLE)", "k = 0", "k <> 1.5"}},
      {"fn_union.pk_part_date", {"dt >= DATE '2024-01-01' AND v < 0", "dt IS NOT NULL"}},
      {"fn_union.pk_part_drop", {"v > 0", "region NOT IN ('eu') AND name IS NOT NULL"}},
      {"fn_union.pk_ts9", {"ts > TIMESTAMP '2000-01-01 00:00:00.000000001'", "NOT v < 0"}},
      {"fn_union.pk_ttl", {"v < 0 OR pad LIKE 'x%'", "id IN (1, 2, 3, 50, NULL)"}},
  };
  int64_t kept = 0;
  for (const auto& [table, texts] : tables) {
    std::vector<Case> cases;
    for (const auto& t : texts) cases.push_back({t, {}, std::nullopt});
    kept += CheckAgainstPyarrow(table, ScanTier::kUnion, cases);
  }
  EXPECT_GT(kept, 0);
}

TEST_F(PredicateIt, PlanningFailsWithTheTypeError) {
  ScanSpec spec;
  spec.predicate = *ParsePredicate("c_int = 'x'");
  auto plan = client_->Plan(PathOf("fn_lake.log_types"), spec);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("column 'c_int' is INT, literal 'x' is STRING"), std::string::npos)
      << plan.status().ToString();
  spec.predicate = *ParsePredicate("nope > 1");
  plan = client_->Plan(PathOf("fn_lake.log_types"), spec);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("unknown column 'nope'"), std::string::npos);
  spec.predicate = *ParsePredicate("c_arr_int = 1");
  plan = client_->Plan(PathOf("fn_lake.log_types"), spec);
  ASSERT_FALSE(plan.ok());
  EXPECT_NE(plan.status().message().find("cannot be compared"), std::string::npos);
}

TEST_F(PredicateIt, ExplainAndSplitsCarryTheNormalisedPredicate) {
  ScanSpec spec;
  spec.predicate = *ParsePredicate("id = 1");
  auto plan = client_->Plan(PathOf("fn_lake.pk_types"), spec);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_NE(plan->Explain().find("predicates: id = 1"), std::string::npos) << plan->Explain();
  ASSERT_FALSE(plan->splits.empty());
  for (const auto& split : plan->splits) {
    auto back = Split::FromThrift(split.ToThrift(ThriftProtocol::kCompact), ThriftProtocol::kCompact);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    ASSERT_TRUE(back->predicate.has_value());
    EXPECT_EQ(back->predicate->ToString(), "id = 1");
  }
}

TEST_F(PredicateIt, ThriftSplitsReadOneByOneFilterLikeTheScan) {
  for (const std::string table : {"fn_lake.pk_types", "fn_lake.log_types"}) {
    ScanSpec spec;
    spec.tier = ScanTier::kUnion;
    spec.columns = {"id", "c_string"};
    spec.predicate = *ParsePredicate("c_int > 0 AND c_double < 0");
    const int64_t scanned = ScanToFile(table, spec, dir_ / "scan.arrows");
    EXPECT_GT(scanned, 0) << table;
    auto plan = client_->Plan(PathOf(table), spec);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    int64_t from_splits = 0;
    for (const auto& split : plan->splits) {
      auto back = Split::FromThrift(split.ToThrift(ThriftProtocol::kCompact), ThriftProtocol::kCompact);
      ASSERT_TRUE(back.ok()) << back.status().ToString();
      ArrowArrayStream stream;
      ASSERT_TRUE(client_->OpenSplit(*back, &stream).ok());
      while (true) {
        ArrowArray a;
        ASSERT_EQ(stream.get_next(&stream, &a), 0) << stream.get_last_error(&stream);
        if (a.release == nullptr) break;
        EXPECT_EQ(a.n_children, 2);
        from_splits += a.length;
        a.release(&a);
      }
      stream.release(&stream);
    }
    EXPECT_EQ(from_splits, scanned) << table;
  }
}

}  // namespace
}  // namespace fluss_native::it
