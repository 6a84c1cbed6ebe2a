// Which predicates pin key columns (plan/pinned_keys.h): only top-level
// conjuncts `c = v` / `c IN (...)` with non-NULL values, never OR, NOT,
// ranges or NULL; keys that no column value can be are left out; the
// buckets follow the table's bucketing (the values themselves are checked
// against the Java client's buckets in key_encoding_test and lookup_it_test).
#include <gtest/gtest.h>

#include "common/type_builder.h"
#include "expr/bound_predicate.h"
#include "plan/pinned_keys.h"

namespace fluss_native::plan {
namespace {

TableInfo PkTable() {
  TableInfo t;
  t.path = TablePath{"db", "t"};
  t.columns = {Column{"id", MakeType(TypeRoot::kInt, false), std::nullopt},
               Column{"region", MakeType(TypeRoot::kString, false), std::nullopt},
               Column{"v", MakeType(TypeRoot::kBigInt, true), std::nullopt}};
  t.primary_key = {"id", "region"};
  t.partition_keys = {"region"};
  t.bucket_count = 4;
  t.properties["table.datalake.format"] = "paimon";
  return t;
}

expr::BoundPredicate BindText(const TableInfo& t, const std::string& text) {
  DataType row = MakeType(TypeRoot::kRow, false);
  for (const auto& c : t.columns) AddField(&row, c.name, c.type);
  auto p = ParsePredicate(text);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  auto b = expr::Bind(*p, row);
  EXPECT_TRUE(b.ok()) << b.status().ToString();
  return *b;
}

TEST(PinnedKeys, WholeKeyPinnedByEqualityAndInGivesEveryCombination) {
  TableInfo t = PkTable();
  auto keys = PinnedPrimaryKeys(t, BindText(t, "id IN (1, 2, 2) AND region = 'eu' AND v > 3"));
  ASSERT_TRUE(keys.has_value());
  ASSERT_EQ(keys->size(), 2u);  // the duplicate 2 once
  EXPECT_EQ((*keys)[0][0], Literal::Integer(1));
  EXPECT_EQ((*keys)[0][1], Literal::String("eu"));
  EXPECT_EQ((*keys)[1][0], Literal::Integer(2));
}

TEST(PinnedKeys, NothingIsPinnedThroughOrNotRangesOrNull) {
  TableInfo t = PkTable();
  for (const char* text : {"id = 1 OR region = 'eu'", "NOT (id = 1) AND region = 'eu'", "id < 3 AND region = 'eu'",
                           "id IN (1, NULL) AND region = 'eu'", "id = 1", "region = 'eu'"}) {
    EXPECT_FALSE(PinnedPrimaryKeys(t, BindText(t, text)).has_value()) << text;
  }
}

TEST(PinnedKeys, KeysNoColumnValueCanBeAreLeftOut) {
  TableInfo t = PkTable();
  auto keys = PinnedPrimaryKeys(t, BindText(t, "id IN (1.5, 3000000000, 7) AND region = 'eu'"));
  ASSERT_TRUE(keys.has_value());
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_EQ((*keys)[0][0], Literal::Integer(7));
  auto none = PinnedBuckets(t, BindText(t, "id = 1.5"));
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->empty());
}

TEST(PinnedKeys, BucketsOfPinnedBucketKeys) {
  TableInfo t = PkTable();  // bucket key: the primary key without the partition column
  auto one = PinnedBuckets(t, BindText(t, "id = 42"));
  ASSERT_TRUE(one.has_value());
  EXPECT_EQ(one->size(), 1u);
  EXPECT_LT(*one->begin(), 4);
  auto many = PinnedBuckets(t, BindText(t, "id IN (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)"));
  ASSERT_TRUE(many.has_value());
  EXPECT_GT(many->size(), 1u);
  EXPECT_FALSE(PinnedBuckets(t, BindText(t, "id > 3")).has_value());
  // A log table without bucket keys spreads rows by no key.
  TableInfo log = PkTable();
  log.primary_key.clear();
  EXPECT_FALSE(PinnedBuckets(log, BindText(log, "id = 42")).has_value());
  // An unknown lake format's bucketing is not guessed.
  TableInfo other = PkTable();
  other.properties["table.datalake.format"] = "iceberg";
  EXPECT_FALSE(PinnedBuckets(other, BindText(other, "id = 42")).has_value());
}

}  // namespace
}  // namespace fluss_native::plan
