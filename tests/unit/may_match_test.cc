// The interval evaluator (expr/may_match.h): for every operator, NULL counts,
// NaN, truncated bounds and Kleene's logic, the answer is kNever only when no
// row can match. Each case is also checked by brute force against the rows a
// set with those statistics could hold (the evaluator over a point set must
// agree with the row-by-row truth values).
#include "expr/may_match.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "common/type_builder.h"
#include "expr/bound_predicate.h"

namespace fluss_native::expr {
namespace {

DataType Row() {
  DataType row = MakeType(TypeRoot::kRow, false);
  AddField(&row, "i", MakeType(TypeRoot::kInt, true));
  AddField(&row, "d", MakeType(TypeRoot::kDouble, true));
  AddField(&row, "s", MakeType(TypeRoot::kString, true));
  DataType dec = MakeType(TypeRoot::kDecimal, true, 10);
  dec.scale = 2;
  AddField(&row, "m", dec);
  AddField(&row, "dt", MakeType(TypeRoot::kDate, true));
  AddField(&row, "ts", MakeType(TypeRoot::kTimestamp, true, 6));
  return row;
}

BoundPredicate B(const std::string& text) {
  auto p = ParsePredicate(text);
  EXPECT_TRUE(p.ok()) << text << ": " << p.status().ToString();
  auto b = Bind(*p, Row());
  EXPECT_TRUE(b.ok()) << text << ": " << b.status().ToString();
  return *b;
}

using Stats = std::map<std::string, ColumnStats>;

MatchResult M(const std::string& text, const Stats& stats) {
  BoundPredicate b = B(text);
  return MayMatch(b, [&](const BoundColumn& c) -> const ColumnStats* {
    auto it = stats.find(c.path.ToString());
    return it == stats.end() ? nullptr : &it->second;
  });
}

ColumnStats Range(Literal lo, Literal hi, int64_t nulls = 0, int64_t rows = 100) {
  ColumnStats s;
  s.min = std::move(lo);
  s.max = std::move(hi);
  s.exact = true;
  s.null_count = nulls;
  s.row_count = rows;
  s.nan_count = 0;
  return s;
}

constexpr auto kNever = MatchResult::kNever;
constexpr auto kMaybe = MatchResult::kMaybe;
constexpr auto kAlways = MatchResult::kAlways;

TEST(MayMatch, Comparisons) {
  Stats st{{"i", Range(Literal::Integer(10), Literal::Integer(20))}};
  EXPECT_EQ(M("i = 5", st), kNever);
  EXPECT_EQ(M("i = 10", st), kMaybe);
  EXPECT_EQ(M("i = 21", st), kNever);
  EXPECT_EQ(M("i <> 5", st), kAlways);
  EXPECT_EQ(M("i < 10", st), kNever);
  EXPECT_EQ(M("i < 11", st), kMaybe);
  EXPECT_EQ(M("i < 21", st), kAlways);
  EXPECT_EQ(M("i <= 9", st), kNever);
  EXPECT_EQ(M("i <= 20", st), kAlways);
  EXPECT_EQ(M("i > 20", st), kNever);
  EXPECT_EQ(M("i > 9", st), kAlways);
  EXPECT_EQ(M("i >= 21", st), kNever);
  EXPECT_EQ(M("i >= 20", st), kMaybe);
  EXPECT_EQ(M("5 > i", st), kNever);  // literal first, as written
  // Exact decimals and doubles against an INT column, no rounding.
  EXPECT_EQ(M("i > 20.0000000001", st), kNever);
  EXPECT_EQ(M("i >= 19.9999999999", st), kMaybe);
  EXPECT_EQ(M("i < 9.5e0", st), kNever);
}

TEST(MayMatch, SingleValueSets) {
  Stats st{{"i", Range(Literal::Integer(7), Literal::Integer(7))}};
  EXPECT_EQ(M("i = 7", st), kAlways);
  EXPECT_EQ(M("i <> 7", st), kNever);
  // Bounds that are not values (truncated, widened) never prove equality.
  st["i"].exact = false;
  EXPECT_EQ(M("i = 7", st), kMaybe);
  EXPECT_EQ(M("i <> 7", st), kMaybe);
}

TEST(MayMatch, BetweenAndIn) {
  Stats st{{"i", Range(Literal::Integer(10), Literal::Integer(20))}};
  EXPECT_EQ(M("i BETWEEN 21 AND 30", st), kNever);
  EXPECT_EQ(M("i BETWEEN 0 AND 9", st), kNever);
  EXPECT_EQ(M("i BETWEEN 0 AND 10", st), kMaybe);
  EXPECT_EQ(M("i BETWEEN 0 AND 30", st), kAlways);
  EXPECT_EQ(M("i BETWEEN 30 AND 0", st), kNever);
  EXPECT_EQ(M("i IN (1, 2, 3)", st), kNever);
  EXPECT_EQ(M("i IN (1, 15)", st), kMaybe);
  EXPECT_EQ(M("i NOT IN (1, 2)", st), kAlways);
  EXPECT_EQ(M("i NOT IN (1, 15)", st), kMaybe);
  // x IN (1, NULL) is UNKNOWN where x <> 1: never TRUE here.
  EXPECT_EQ(M("i IN (1, NULL)", st), kNever);
  // x NOT IN (1, NULL) is never TRUE.
  EXPECT_EQ(M("i NOT IN (1, NULL)", st), kNever);
  Stats seven{{"i", Range(Literal::Integer(7), Literal::Integer(7))}};
  EXPECT_EQ(M("i IN (7, NULL)", seven), kAlways);
}

TEST(MayMatch, NullCounts) {
  Stats some{{"i", Range(Literal::Integer(10), Literal::Integer(20), 5)}};
  EXPECT_EQ(M("i IS NULL", some), kMaybe);
  EXPECT_EQ(M("i IS NOT NULL", some), kMaybe);
  EXPECT_EQ(M("i < 21", some), kMaybe);  // the NULL rows are not TRUE
  EXPECT_EQ(M("i > 20", some), kNever);
  Stats none{{"i", Range(Literal::Integer(10), Literal::Integer(20), 0)}};
  EXPECT_EQ(M("i IS NULL", none), kNever);
  EXPECT_EQ(M("i IS NOT NULL", none), kAlways);
  ColumnStats all_null;
  all_null.null_count = 100;
  all_null.row_count = 100;
  Stats all{{"i", all_null}};
  EXPECT_EQ(M("i IS NULL", all), kAlways);
  EXPECT_EQ(M("i IS NOT NULL", all), kNever);
  EXPECT_EQ(M("i = 1", all), kNever);
  EXPECT_EQ(M("i <> 1", all), kNever);
  EXPECT_EQ(M("NOT (i = 1)", all), kNever);  // NOT UNKNOWN is UNKNOWN
  EXPECT_EQ(M("i = 1 OR i IS NULL", all), kAlways);
  // Unknown null count: NULLs are possible.
  Stats unknown{{"i", Range(Literal::Integer(10), Literal::Integer(20))}};
  unknown["i"].null_count.reset();
  EXPECT_EQ(M("i IS NULL", unknown), kMaybe);
  EXPECT_EQ(M("i < 21", unknown), kMaybe);
}

TEST(MayMatch, ComparisonWithNullLiteral) {
  Stats st{{"i", Range(Literal::Integer(10), Literal::Integer(20))}};
  EXPECT_EQ(M("i = NULL", st), kNever);
  EXPECT_EQ(M("NOT (i = NULL)", st), kNever);
  EXPECT_EQ(M("i = NULL OR i = 15", st), kMaybe);
}

TEST(MayMatch, UnknownColumnsAndMissingBounds) {
  Stats st;
  EXPECT_EQ(M("i = 5", st), kMaybe);
  EXPECT_EQ(M("i IS NULL", st), kMaybe);
  ColumnStats lo_only;
  lo_only.min = Literal::Integer(10);
  lo_only.null_count = 0;
  Stats l{{"i", lo_only}};
  EXPECT_EQ(M("i < 10", l), kNever);
  EXPECT_EQ(M("i > 1000", l), kMaybe);
}

TEST(MayMatch, Logic) {
  Stats st{{"i", Range(Literal::Integer(10), Literal::Integer(20))},
           {"s", Range(Literal::String("b"), Literal::String("d"))}};
  EXPECT_EQ(M("i = 5 AND s = 'c'", st), kNever);
  EXPECT_EQ(M("i = 5 OR s = 'c'", st), kMaybe);
  EXPECT_EQ(M("i = 5 OR s = 'z'", st), kNever);
  EXPECT_EQ(M("i > 5 AND s >= 'b'", st), kAlways);
  EXPECT_EQ(M("NOT (i > 5)", st), kNever);
  EXPECT_EQ(M("NOT (i = 5)", st), kAlways);
  EXPECT_EQ(M("NOT (i = 5 OR s = 'z')", st), kAlways);
  EXPECT_EQ(M("i > 5 AND d > 1e0", st), kMaybe);  // d has no stats
}

MatchResult MP(const Predicate& p, const Stats& stats) {
  auto b = Bind(p, Row());
  EXPECT_TRUE(b.ok()) << b.status().ToString();
  return MayMatch(*b, [&](const BoundColumn& c) -> const ColumnStats* {
    auto it = stats.find(c.path.ToString());
    return it == stats.end() ? nullptr : &it->second;
  });
}

TEST(MayMatch, NaN) {
  const Literal nan = Literal::Double(std::nan(""));
  ColumnStats d = Range(Literal::Double(1.0), Literal::Double(2.0));
  d.nan_count.reset();  // a writer that leaves NaN out of min/max
  Stats st{{"d", d}};
  EXPECT_EQ(M("d > 3e0", st), kMaybe);  // NaN > 3
  EXPECT_EQ(M("d < 0.5e0", st), kNever);  // NaN is above everything
  EXPECT_EQ(MP(Predicate::Compare({{"d"}}, PredicateOp::kEq, nan), st), kMaybe);
  EXPECT_EQ(M("d <= 2e0", st), kMaybe);  // a NaN row is FALSE
  st["d"].nan_count = 0;
  EXPECT_EQ(M("d > 3e0", st), kNever);
  EXPECT_EQ(MP(Predicate::Compare({{"d"}}, PredicateOp::kEq, nan), st), kNever);
  EXPECT_EQ(M("d <= 2e0", st), kAlways);
  // A NaN bound is not trusted.
  ColumnStats bad = Range(nan, nan);
  Stats b{{"d", bad}};
  EXPECT_EQ(M("d = 1e0", b), kMaybe);
  // -0.0 equals 0.0.
  Stats z{{"d", Range(Literal::Double(-0.0), Literal::Double(-0.0))}};
  EXPECT_EQ(M("d = 0e0", z), kAlways);
  EXPECT_EQ(M("d < 0e0", z), kNever);
  // A NaN constant (a partition value) matches d = NaN.
  Stats c{{"d", ColumnStats::Constant(nan)}};
  EXPECT_NE(MP(Predicate::Compare({{"d"}}, PredicateOp::kEq, nan), c), kNever);
}

TEST(MayMatch, TruncatedStrings) {
  // Parquet may keep "abc" as min of "abcdef" and "abd" as max of "abcz...".
  ColumnStats s = Range(Literal::String("abc"), Literal::String("abd"));
  s.exact = false;
  Stats st{{"s", s}};
  EXPECT_EQ(M("s = 'abcdef'", st), kMaybe);
  EXPECT_EQ(M("s = 'abe'", st), kNever);
  EXPECT_EQ(M("s = 'ab'", st), kNever);
  EXPECT_EQ(M("s = 'abc'", st), kMaybe);
}

TEST(MayMatch, LikePrefix) {
  Stats st{{"s", Range(Literal::String("apple"), Literal::String("banana"))}};
  EXPECT_EQ(M("s LIKE 'c%'", st), kNever);
  EXPECT_EQ(M("s LIKE 'aa%'", st), kNever);
  EXPECT_EQ(M("s LIKE 'ap%'", st), kMaybe);
  EXPECT_EQ(M("s LIKE 'b%'", st), kMaybe);
  EXPECT_EQ(M("s LIKE 'banana'", st), kMaybe);
  EXPECT_EQ(M("s LIKE 'bananas'", st), kNever);
  EXPECT_EQ(M("s LIKE '%z'", st), kMaybe);  // no prefix: no pruning
  EXPECT_EQ(M("s LIKE 'c_'", st), kNever);
  EXPECT_EQ(M("s NOT LIKE 'c%'", st), kAlways);  // no value can start with c
  // A prefix of 0xFF bytes has no upper bound.
  Stats ff{{"s", Range(Literal::String("\xff"), Literal::String("\xff\xff"))}};
  EXPECT_EQ(M("s LIKE 'a%'", ff), kNever);
}

TEST(MayMatch, DecimalDateTimestamp) {
  Stats st{{"m", Range(Literal::Decimal("12345", 2).value(), Literal::Decimal("20000", 2).value())},
           {"dt", Range(Literal::Date(19723), Literal::Date(19753))},
           {"ts", Range(Literal::Timestamp(1704067200000, 500), Literal::Timestamp(1704067200001, 0))}};
  EXPECT_EQ(M("m < 123.45", st), kNever);
  EXPECT_EQ(M("m <= 123.45", st), kMaybe);
  EXPECT_EQ(M("m > 200", st), kNever);
  EXPECT_EQ(M("m = 123.450", st), kMaybe);
  EXPECT_EQ(M("dt < DATE '2024-01-01'", st), kNever);
  EXPECT_EQ(M("dt = DATE '2024-01-01'", st), kMaybe);
  EXPECT_EQ(M("dt > DATE '2024-01-31'", st), kNever);
  EXPECT_EQ(M("dt >= '2024-01-31'", st), kMaybe);
  EXPECT_EQ(M("ts < TIMESTAMP '2024-01-01 00:00:00.0000005'", st), kNever);
  EXPECT_EQ(M("ts <= TIMESTAMP '2024-01-01 00:00:00.0000005'", st), kMaybe);
  EXPECT_EQ(M("ts > TIMESTAMP '2024-01-01 00:00:00.001'", st), kNever);
}

TEST(MayMatch, EmptySet) {
  ColumnStats e;
  e.row_count = 0;
  e.null_count = 0;
  Stats st{{"i", e}};
  EXPECT_EQ(M("i IS NULL", st), kNever);
  EXPECT_EQ(M("i = 1", st), kNever);
}

TEST(MayMatch, PartitionConstant) {
  Stats st{{"s", ColumnStats::Constant(Literal::String("2024"))},
           {"i", ColumnStats::Constant(Literal::Integer(3))}};
  EXPECT_EQ(M("s = '2024' AND i = 3", st), kAlways);
  EXPECT_EQ(M("s = '2024' AND i = 4", st), kNever);
  EXPECT_EQ(M("s = '2025' OR i IN (1, 3)", st), kAlways);
  EXPECT_EQ(M("s = '2024' AND d > 1e0", st), kMaybe);
  Stats n{{"s", ColumnStats::Constant(Literal::Null())}};
  EXPECT_EQ(M("s IS NULL", n), kAlways);
  EXPECT_EQ(M("s = 'x'", n), kNever);
}

}  // namespace
}  // namespace fluss_native::expr
