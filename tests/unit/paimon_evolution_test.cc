// Paimon schema evolution, end to end without a cluster: tables written by
// Paimon Java with columns added, renamed and dropped between commits
// (tests/data/paimon_evolution, see GenEvolution.java), read by the native
// lake scan and compared with what Paimon's own reader returned.
//
// Columns are matched by field id: a renamed column keeps its values from
// files written before the rename, an added column reads as null there, and
// a column dropped and added again under the same name is a new column (the
// old values must not come back).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "format/arrow/array_json.h"
#include "format/arrow/c_export.h"
#include "lake/paimon/paimon_table.h"
#include "lake/paimon/scan_plan.h"
#include "read/lake_scanner.h"

namespace fluss_native {
namespace {

using lake::paimon::PaimonTable;
using lake::paimon::PlanScan;
using lake::paimon::ScanPlan;
using json = nlohmann::ordered_json;  // keeps column order

const std::string kDir = std::string(FN_SOURCE_DIR) + "/tests/data/paimon_evolution";
const std::string kWarehouse = kDir + "/warehouse";
// The generator commits twice under schema 0, then evolves the schema and
// commits once more: snapshot 2 is the last of the old schema.
constexpr int64_t kOldSnapshot = 2;

std::vector<json> ReadJsonl(const std::string& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::vector<json> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) rows.push_back(json::parse(line));
  }
  return rows;
}

std::vector<json> Expected(const std::string& table, std::optional<int64_t> snapshot = std::nullopt) {
  std::string name = table;
  if (snapshot) name += ".snapshot-" + std::to_string(*snapshot);
  return ReadJsonl(kDir + "/expected/" + name + ".jsonl");
}

std::unique_ptr<PaimonTable> OpenTable(const std::string& table) {
  auto t = PaimonTable::Open(kWarehouse, "db", table);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return t.ok() ? std::move(*t) : nullptr;
}

struct ReadResult {
  std::vector<std::string> columns;  // the scanner's output columns
  std::vector<json> rows;            // in scan order
};

// Reads `snapshot` (latest when nullopt) of `table` with `options`; any error
// is a test failure and leaves `status` set.
ReadResult Read(const std::string& table, std::optional<int64_t> snapshot, const LakeScanOptions& options,
                Status* status = nullptr) {
  ReadResult r;
  auto fail = [&](const Status& st) {
    if (status) {
      *status = st;
    } else {
      ADD_FAILURE() << st.ToString();
    }
    return r;
  };
  auto t = PaimonTable::Open(kWarehouse, "db", table);
  if (!t.ok()) return fail(t.status());
  int64_t id = -1;
  if (snapshot) {
    id = *snapshot;
  } else {
    auto latest = (*t)->LatestSnapshotId();
    if (!latest.ok()) return fail(latest.status());
    if (!*latest) return fail(Status::NotFound("no snapshot"));
    id = **latest;
  }
  auto plan = PlanScan(t->get(), id);
  if (!plan.ok()) return fail(plan.status());
  auto scanner = read::LakeScanner::Open(std::move(*t), std::move(*plan), options);
  if (!scanner.ok()) return fail(scanner.status());
  const DataType& type = (*scanner)->output_type();
  r.columns = type.field_names;
  for (;;) {
    arrow::UniqueArrowArray batch;
    auto more = (*scanner)->Next(batch.get());
    if (!more.ok()) return fail(more.status());
    if (!*more) break;
    auto text = arrow::BatchToJson(*batch.get(), type);
    if (!text.ok()) return fail(text.status());
    for (auto& row : json::parse(*text)) r.rows.push_back(std::move(row));
  }
  if (status) *status = Status::OK();
  return r;
}

ReadResult Read(const std::string& table, std::optional<int64_t> snapshot = std::nullopt,
                std::vector<std::string> columns = {}, int64_t batch_size = 8192) {
  LakeScanOptions options;
  options.columns = std::move(columns);
  options.batch_size = batch_size;
  return Read(table, snapshot, options);
}

std::vector<json> SortedById(std::vector<json> rows) {
  std::stable_sort(rows.begin(), rows.end(),
                   [](const json& a, const json& b) { return a.at("id").get<int64_t>() < b.at("id").get<int64_t>(); });
  return rows;
}

// JSON values equal, numbers compared numerically (an integral double may
// be rendered 7 or 7.0).
bool SameValue(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) {
    if (a.is_number_float() || b.is_number_float()) return a.get<double>() == b.get<double>();
    return a.get<int64_t>() == b.get<int64_t>();
  }
  return a == b;
}

void ExpectRows(const std::vector<json>& expected, const std::vector<json>& got, const std::string& what) {
  ASSERT_EQ(expected.size(), got.size()) << what;
  for (size_t i = 0; i < expected.size(); ++i) {
    const json& e = expected[i];
    const json& g = got[i];
    EXPECT_EQ(e.size(), g.size()) << what << " row " << i << ": " << g.dump() << " vs Paimon's " << e.dump();
    for (const auto& [name, value] : e.items()) {
      ASSERT_TRUE(g.contains(name)) << what << " row " << i << " lacks '" << name << "': " << g.dump();
      EXPECT_TRUE(SameValue(value, g.at(name)))
          << what << " row " << i << " column '" << name << "': got " << g.at(name).dump() << ", Paimon read "
          << value.dump();
    }
  }
}

std::vector<std::string> ColumnNames(const json& row) {
  std::vector<std::string> names;
  for (const auto& [name, value] : row.items()) names.push_back(name);
  return names;
}

// One column's values as a sorted list of dumps (scan order is not part of
// the contract when the key is not read).
std::vector<std::string> ColumnValues(const std::vector<json>& rows, const std::string& column) {
  std::vector<std::string> values;
  for (const auto& r : rows) {
    const json& v = r.at(column);
    values.push_back(v.is_number() ? std::to_string(v.get<double>()) : v.dump());
  }
  std::sort(values.begin(), values.end());
  return values;
}

// ---- the fixture is what the tests assume ----

TEST(PaimonEvolution, PlanMixesFilesOfBothSchemas) {
  for (const std::string name : {"evo_append", "evo_pk"}) {
    SCOPED_TRACE(name);
    auto t = OpenTable(name);
    ASSERT_TRUE(t);
    auto latest = t->LatestSnapshotId();
    ASSERT_TRUE(latest.ok() && *latest);
    EXPECT_EQ(**latest, kOldSnapshot + 1);
    auto plan = PlanScan(t.get(), **latest);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    EXPECT_EQ(plan->schema->id, plan->snapshot.schema_id);
    EXPECT_GT(plan->schema->id, 0);
    EXPECT_EQ(plan->primary_key, name == "evo_pk");
    std::set<int64_t> file_schemas;
    for (const auto& b : plan->buckets) {
      for (const auto& f : b.files) file_schemas.insert(f.schema_id);
    }
    EXPECT_EQ(file_schemas, (std::set<int64_t>{0, plan->schema->id}));
  }
}

// ---- whole rows of the latest snapshot ----

class PaimonEvolutionLatest : public ::testing::TestWithParam<int64_t> {};  // batch size

TEST_P(PaimonEvolutionLatest, AppendTableMatchesPaimon) {
  auto r = Read("evo_append", std::nullopt, {}, GetParam());
  EXPECT_EQ(r.columns, (std::vector<std::string>{"id", "a2", "c"}));
  ExpectRows(Expected("evo_append"), SortedById(r.rows), "evo_append");
}

TEST_P(PaimonEvolutionLatest, PrimaryKeyTableMatchesPaimon) {
  auto expected = Expected("evo_pk");
  ASSERT_FALSE(expected.empty());
  auto r = Read("evo_pk", std::nullopt, {}, GetParam());
  EXPECT_EQ(r.columns, ColumnNames(expected.front()));
  EXPECT_EQ(r.columns, (std::vector<std::string>{"id", "a2", "v", "c", "b"}));
  ExpectRows(expected, SortedById(r.rows), "evo_pk");
}

INSTANTIATE_TEST_SUITE_P(BatchSizes, PaimonEvolutionLatest, ::testing::Values<int64_t>(8192, 1, 3));

// ---- projections across the schema change ----

TEST(PaimonEvolution, RenamedColumnAloneKeepsOldFilesValues) {
  for (const std::string name : {"evo_append", "evo_pk"}) {
    SCOPED_TRACE(name);
    auto r = Read(name, std::nullopt, {"a2"});
    EXPECT_EQ(r.columns, (std::vector<std::string>{"a2"}));
    EXPECT_EQ(ColumnValues(r.rows, "a2"), ColumnValues(Expected(name), "a2"));
    // Old-schema values come through the rename (written as column 'a').
    bool old_value = false;
    for (const auto& row : r.rows) {
      if (row.at("a2") == (name == "evo_append" ? "one" : "a1")) old_value = true;
    }
    EXPECT_TRUE(old_value);
  }
}

TEST(PaimonEvolution, AddedColumnAloneIsNullForOldRows) {
  for (const std::string name : {"evo_append", "evo_pk"}) {
    SCOPED_TRACE(name);
    auto expected = Expected(name);
    auto r = Read(name, std::nullopt, {"c"});
    EXPECT_EQ(r.columns, (std::vector<std::string>{"c"}));
    EXPECT_EQ(ColumnValues(r.rows, "c"), ColumnValues(expected, "c"));
    int64_t nulls = 0;
    for (const auto& row : r.rows) nulls += row.at("c").is_null();
    EXPECT_GE(nulls, name == "evo_append" ? 6 : 4);  // every row of the old files, at least
  }
}

TEST(PaimonEvolution, AddedColumnWithKeyMatchesPaimon) {
  // 'c' read with the key, in the other order than the table's.
  auto r = Read("evo_append", std::nullopt, {"c", "id"});
  EXPECT_EQ(r.columns, (std::vector<std::string>{"c", "id"}));
  std::vector<json> expected;
  for (const auto& e : Expected("evo_append")) expected.push_back({{"c", e.at("c")}, {"id", e.at("id")}});
  ExpectRows(expected, SortedById(r.rows), "evo_append c,id");
}

TEST(PaimonEvolution, ReAddedColumnDoesNotResurrectDroppedValues) {
  // evo_pk's 'b' was BIGINT (field 2), dropped, then added again as STRING
  // (field 5): rows last written under the old schema have b = null.
  auto r = Read("evo_pk", std::nullopt, {"id", "b"});
  std::vector<json> expected;
  for (const auto& e : Expected("evo_pk")) expected.push_back({{"id", e.at("id")}, {"b", e.at("b")}});
  ExpectRows(expected, SortedById(r.rows), "evo_pk id,b");
  auto b_only = Read("evo_pk", std::nullopt, {"b"});
  EXPECT_EQ(ColumnValues(b_only.rows, "b"), ColumnValues(Expected("evo_pk"), "b"));
}

TEST(PaimonEvolution, OldNamesAreUnknownInTheLatestSchema) {
  for (const std::string name : {"evo_append", "evo_pk"}) {
    SCOPED_TRACE(name);
    LakeScanOptions options;
    options.columns = {"a"};
    Status st;
    Read(name, std::nullopt, options, &st);
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
  }
  LakeScanOptions options;
  options.columns = {"b"};
  Status st;
  Read("evo_append", std::nullopt, options, &st);  // dropped, not re-added
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
}

// ---- an older snapshot reads with its own schema ----

TEST(PaimonEvolution, OlderSnapshotUsesItsOwnSchema) {
  struct Case {
    std::string table;
    std::vector<std::string> columns;
  };
  for (const auto& c : {Case{"evo_append", {"id", "a", "b"}}, Case{"evo_pk", {"id", "a", "b", "v"}}}) {
    SCOPED_TRACE(c.table);
    auto t = OpenTable(c.table);
    ASSERT_TRUE(t);
    auto plan = PlanScan(t.get(), kOldSnapshot);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    EXPECT_EQ(plan->snapshot.id, kOldSnapshot);
    EXPECT_EQ(plan->snapshot.schema_id, 0);
    ASSERT_TRUE(plan->schema);
    EXPECT_EQ(plan->schema->id, 0);
    std::vector<std::string> names;
    for (const auto& f : plan->schema->fields) names.push_back(f.name);
    EXPECT_EQ(names, c.columns);
    // b is the old BIGINT field here, not the STRING one added later.
    const int b = plan->schema->FieldIndex("b");
    ASSERT_GE(b, 0);
    EXPECT_EQ(plan->schema->fields[static_cast<size_t>(b)].type.root, TypeRoot::kBigInt);

    auto expected = Expected(c.table, kOldSnapshot);
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(ColumnNames(expected.front()), c.columns);
    auto r = Read(c.table, kOldSnapshot);
    EXPECT_EQ(r.columns, c.columns);
    ExpectRows(expected, SortedById(r.rows), c.table + " snapshot " + std::to_string(kOldSnapshot));

    // The new names do not exist yet.
    LakeScanOptions options;
    options.columns = {"a2"};
    Status st;
    Read(c.table, kOldSnapshot, options, &st);
    EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
  }
}

}  // namespace
}  // namespace fluss_native
