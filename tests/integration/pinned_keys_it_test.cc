// WHERE clauses that pin key columns with = or IN, against the filtered
// scan (the union read of the same predicate, which reads every bucket and
// filters exactly) and against the unfiltered union read filtered here:
//  - a pinned primary key is answered by Fluss's Lookup RPC (plain tables
//    and partitioned ones, keys that exist and keys that do not);
//  - a pinned bucket key reads one bucket per value, and the rows are still
//    all there: a bucket computed wrongly would lose them.
#include <set>

#include "integration/arrow_rows.h"
#include "integration/it_env.h"

namespace fluss_native::it {
namespace {

class PinnedKeysIt : public ::testing::Test {
 protected:
  void SetUp() override {
    client_ = OpenClient();
    ASSERT_NE(client_, nullptr);
  }

  StreamRows Rows(const std::string& table, const ScanSpec& spec) {
    auto info = client_->catalog().GetTable(PathOf(table));
    EXPECT_TRUE(info.ok()) << info.status().ToString();
    if (!info.ok()) return StreamRows{info.status(), {}, {}};
    ArrowArrayStream stream;
    Status st = client_->Scan(PathOf(table), spec, &stream);
    if (!st.ok()) return StreamRows{st, {}, {}};
    auto t = *info;
    return DrainStream(&stream, [t](const std::string& name) {
      return t->columns[static_cast<size_t>(t->ColumnIndex(name))].type;
    });
  }

  ScanSpec Where(const std::string& text, ScanTier tier = ScanTier::kAuto) {
    ScanSpec spec;
    auto p = ParsePredicate(text);
    EXPECT_TRUE(p.ok()) << text << ": " << p.status().ToString();
    if (p.ok()) spec.predicate = *p;
    spec.tier = tier;
    return spec;
  }

  std::unique_ptr<Client> client_;
};

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

TEST_F(PinnedKeysIt, PinnedPrimaryKeyIsALookupEqualToTheFilteredScan) {
  for (const std::string table : {"fn_lake.pk", "fn_lake.pk_part"}) {
    ScanSpec everything;
    everything.tier = ScanTier::kUnion;
    auto all = Rows(table, everything);
    ASSERT_TRUE(all.status.ok()) << table << ": " << all.status.ToString();
    ASSERT_GT(all.rows.size(), 100u) << table;
    const bool partitioned = table == "fn_lake.pk_part";
    std::set<int64_t> ids;
    std::set<std::string> regions;
    for (size_t i = 0; i < all.rows.size(); i += 13) ids.insert(all.rows[i].at("id").get<int64_t>());
    for (const auto& r : all.rows) {
      if (partitioned) regions.insert(r.at("region").get<std::string>());
    }
    ids.insert(2000000000);  // no such key
    std::string where = "id IN (";
    for (int64_t id : ids) where += (where.back() == '(' ? "" : ", ") + std::to_string(id);
    where += ")";
    if (partitioned) {
      where += " AND region IN (";
      for (const auto& r : regions) where += (where.back() == '(' ? "" : ", ") + Quoted(r);
      where += ", 'nowhere')";  // a partition that does not exist
    }
    auto plan = client_->Plan(PathOf(table), Where(where));
    ASSERT_TRUE(plan.ok()) << table << ": " << plan.status().ToString();
    ASSERT_TRUE(plan->lookup_keys.has_value()) << table << "\n" << plan->Explain();
    EXPECT_EQ(plan->lookup_keys->size(), ids.size() * (partitioned ? regions.size() + 1 : 1));
    EXPECT_NE(plan->Explain().find("lookup: "), std::string::npos);

    auto looked_up = Rows(table, Where(where));
    ASSERT_TRUE(looked_up.status.ok()) << table << ": " << looked_up.status.ToString();
    auto scanned = Rows(table, Where(where, ScanTier::kUnion));  // no lookup: every split, filtered
    ASSERT_TRUE(scanned.status.ok()) << table << ": " << scanned.status.ToString();
    std::vector<json> expected;
    for (const auto& r : all.rows) {
      if (ids.count(r.at("id").get<int64_t>())) expected.push_back(r);
    }
    EXPECT_FALSE(expected.empty());
    EXPECT_EQ(Sorted(looked_up.rows), Sorted(expected)) << table << " WHERE " << where;
    EXPECT_EQ(Sorted(scanned.rows), Sorted(expected)) << table << " WHERE " << where;
    std::cerr << table << ": " << plan->lookup_keys->size() << " keys looked up, " << looked_up.rows.size()
              << " rows, equal to the filtered union read\n";
  }
}

TEST_F(PinnedKeysIt, ResidualPredicateAndLimitApplyToLookedUpRows) {
  ScanSpec everything;
  everything.tier = ScanTier::kUnion;
  auto all = Rows("fn_lake.pk", everything);
  ASSERT_TRUE(all.status.ok());
  std::string where = "id IN (";
  std::set<int64_t> ids;
  for (size_t i = 0; i < all.rows.size() && ids.size() < 40; i += 5) ids.insert(all.rows[i].at("id").get<int64_t>());
  for (int64_t id : ids) where += (where.back() == '(' ? "" : ", ") + std::to_string(id);
  where += ") AND score > 0";
  auto got = Rows("fn_lake.pk", Where(where));
  ASSERT_TRUE(got.status.ok()) << got.status.ToString();
  std::vector<json> expected;
  for (const auto& r : all.rows) {
    if (ids.count(r.at("id").get<int64_t>()) && !r.at("score").is_null() && r.at("score").get<int64_t>() > 0) {
      expected.push_back(r);
    }
  }
  EXPECT_EQ(Sorted(got.rows), Sorted(expected));
  ASSERT_GE(expected.size(), 3u);
  ScanSpec limited = Where(where);
  limited.limit = 2;
  auto two = Rows("fn_lake.pk", limited);
  ASSERT_TRUE(two.status.ok());
  EXPECT_EQ(two.rows.size(), 2u);
  // A key no INT can be: nothing to look up, no rows, no error.
  auto plan = client_->Plan(PathOf("fn_lake.pk"), Where("id = 1.5"));
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  ASSERT_TRUE(plan->lookup_keys.has_value());
  EXPECT_TRUE(plan->lookup_keys->empty());
  auto none = Rows("fn_lake.pk", Where("id = 1.5"));
  ASSERT_TRUE(none.status.ok()) << none.status.ToString();
  EXPECT_TRUE(none.rows.empty());
}

TEST_F(PinnedKeysIt, PinnedBucketKeyReadsOneBucketAndLosesNothing) {
  // log_bkey: a log table bucketed by `id` (BIGINT); pk: by its key (INT).
  for (const std::string table : {"fn_lake.log_bkey", "fn_lake.pk"}) {
    ScanSpec everything;
    everything.tier = ScanTier::kUnion;
    auto all = Rows(table, everything);
    ASSERT_TRUE(all.status.ok()) << table << ": " << all.status.ToString();
    std::set<int64_t> sample;
    for (size_t i = 0; i < all.rows.size() && sample.size() < 12; i += 17) sample.insert(all.rows[i].at("id").get<int64_t>());
    for (int64_t id : sample) {
      const std::string where = "id = " + std::to_string(id);
      ScanSpec spec = Where(where, ScanTier::kUnion);
      auto plan = client_->Plan(PathOf(table), spec);
      ASSERT_TRUE(plan.ok()) << plan.status().ToString();
      EXPECT_EQ(plan->pruning.buckets.kept, 1) << table << " WHERE " << where << "\n" << plan->Explain();
      std::set<int> buckets;
      for (const auto& s : plan->splits) buckets.insert(s.bucket_id);
      EXPECT_LE(buckets.size(), 1u) << table;
      auto got = Rows(table, spec);
      ASSERT_TRUE(got.status.ok()) << got.status.ToString();
      std::vector<json> expected;
      for (const auto& r : all.rows) {
        if (r.at("id").get<int64_t>() == id) expected.push_back(r);
      }
      ASSERT_FALSE(expected.empty());
      EXPECT_EQ(Sorted(got.rows), Sorted(expected)) << table << " WHERE " << where << " (bucket " << *buckets.begin() << ")";
    }
    std::cerr << table << ": " << sample.size() << " pinned ids, each read from one bucket with every row\n";
  }
}

}  // namespace
}  // namespace fluss_native::it
