// ParsePredicate and ToString: the grammar of include/fluss_native/predicate.h,
// its normalised text, the round trip ParsePredicate(p.ToString()) == p over
// generated predicates, and errors that name the position.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "fluss_native/predicate.h"

namespace fluss_native {
namespace {

std::string Normal(const std::string& text) {
  auto p = ParsePredicate(text);
  EXPECT_TRUE(p.ok()) << text << ": " << p.status().message();
  return p.ok() ? p->ToString() : "";
}

std::string ErrorOf(const std::string& text) {
  auto p = ParsePredicate(text);
  EXPECT_FALSE(p.ok()) << text << " parsed as " << (p.ok() ? p->ToString() : "");
  return p.ok() ? "" : p.status().message();
}

TEST(PredicateParse, NormalisedText) {
  EXPECT_EQ(Normal("id = 1"), "id = 1");
  EXPECT_EQ(Normal("id>0"), "id > 0");
  EXPECT_EQ(Normal("1 < id"), "id > 1");
  EXPECT_EQ(Normal("5 >= id"), "id <= 5");
  EXPECT_EQ(Normal("id != 3"), "id <> 3");
  EXPECT_EQ(Normal("a > 1 and b is null"), "(a > 1 AND b IS NULL)");
  EXPECT_EQ(Normal("a = 1 OR b = 2 AND c = 3"), "(a = 1 OR (b = 2 AND c = 3))");
  EXPECT_EQ(Normal("(a = 1 OR b = 2) AND c = 3"), "((a = 1 OR b = 2) AND c = 3)");
  EXPECT_EQ(Normal("NOT a = 1"), "NOT a = 1");
  EXPECT_EQ(Normal("a NOT BETWEEN 1 AND 2"), "NOT a BETWEEN 1 AND 2");
  EXPECT_EQ(Normal("a between -1 and 2 and b = 1"), "(a BETWEEN -1 AND 2 AND b = 1)");
  EXPECT_EQ(Normal("a IN (1, 2, NULL)"), "a IN (1, 2, NULL)");
  EXPECT_EQ(Normal("a not in ('x')"), "a NOT IN ('x')");
  EXPECT_EQ(Normal("a is not null"), "a IS NOT NULL");
  EXPECT_EQ(Normal("s LIKE 'ab%'"), "s LIKE 'ab%'");
  EXPECT_EQ(Normal("s NOT LIKE 'a!%%' ESCAPE '!'"), "NOT s LIKE 'a!%%' ESCAPE '!'");
  EXPECT_EQ(Normal("\"my col\" = 'it''s' -- trailing comment"), "\"my col\" = 'it''s'");
  EXPECT_EQ(Normal("`a b`.c = 1"), "\"a b\".c = 1");
  EXPECT_EQ(Normal("addr.city = 'x'"), "addr.city = 'x'");
  EXPECT_EQ(Normal("\"select\" = 1"), "select = 1");
  EXPECT_EQ(Normal("\"date\" = DATE '2024-01-01'"), "\"date\" = DATE '2024-01-01'");
  EXPECT_EQ(Normal("date = date '2024-01-01'"), "\"date\" = DATE '2024-01-01'");
}

TEST(PredicateParse, Literals) {
  EXPECT_EQ(Normal("x = 1.50"), "x = 1.50");
  EXPECT_EQ(Normal("x = -0.001"), "x = -0.001");
  EXPECT_EQ(Normal("x = .5"), "x = 0.5");
  EXPECT_EQ(Normal("x = 5."), "x = 5.");
  EXPECT_EQ(Normal("x = 1.5e0"), "x = 1.5E0");
  EXPECT_EQ(Normal("x = -2E-3"), "x = -2E-3");
  EXPECT_EQ(Normal("x = 9223372036854775807"), "x = 9223372036854775807");
  EXPECT_EQ(Normal("x = -9223372036854775808"), "x = -9223372036854775808");
  EXPECT_EQ(Normal("x = 9223372036854775808"), "x = 9223372036854775808.");
  EXPECT_EQ(Normal("x = 99999999999999999999999999999999999999"),
            "x = 99999999999999999999999999999999999999.");
  EXPECT_EQ(Normal("x = X'0a'"), "x = X'0A'");
  EXPECT_EQ(Normal("x = x''"), "x = X''");
  EXPECT_EQ(Normal("x = TIME '12:00:00.123'"), "x = TIME '12:00:00.123'");
  EXPECT_EQ(Normal("x = TIME '12:00:00.1'"), "x = TIME '12:00:00.100'");
  EXPECT_EQ(Normal("x = TIMESTAMP '2024-01-01 00:00:00.123456789'"),
            "x = TIMESTAMP '2024-01-01 00:00:00.123456789'");
  EXPECT_EQ(Normal("x = TIMESTAMP '1969-12-31 23:59:59.999'"), "x = TIMESTAMP '1969-12-31 23:59:59.999'");
  EXPECT_EQ(Normal("x = timestamp '2024-01-01'"), "x = TIMESTAMP '2024-01-01 00:00:00'");
  EXPECT_EQ(Normal("x = true OR x = FALSE OR x = null"), "(x = TRUE OR x = FALSE OR x = NULL)");
  EXPECT_EQ(Normal("x = CAST('NaN' AS DOUBLE)"), "x = CAST('NaN' AS DOUBLE)");
  EXPECT_EQ(Normal("x = -0e0"), "x = -0E0");
  EXPECT_EQ(Normal("x = 'héllo'"), "x = 'héllo'");

  auto p = ParsePredicate("x = TIMESTAMP '1969-12-31 23:59:59.999999999'");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->literals()[0], Literal::Timestamp(-1, 999999));
  p = ParsePredicate("x = DATE '2024-01-01'");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->literals()[0], Literal::Date(19723));
  p = ParsePredicate("x = 1.50");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->literals()[0], *Literal::Decimal("150", 2));
}

TEST(PredicateParse, Errors) {
  EXPECT_EQ(ErrorOf("id >"), "predicate: at position 5: expected a literal, found the end of the text");
  EXPECT_EQ(ErrorOf("id = 1 id = 2"),
            "predicate: at position 8: expected AND, OR or the end of the predicate, found 'id'");
  EXPECT_NE(ErrorOf("id ~ 1").find("position 4: unexpected character '~'"), std::string::npos);
  EXPECT_NE(ErrorOf("a = b").find("comparisons of two columns"), std::string::npos);
  EXPECT_NE(ErrorOf("1 = 2").find("expected a column"), std::string::npos);
  EXPECT_NE(ErrorOf("x = 'abc").find("unterminated string"), std::string::npos);
  EXPECT_NE(ErrorOf("x = DATE '2024-02-30'").find("is not a date"), std::string::npos);
  EXPECT_NE(ErrorOf("x = TIME '24:00:00'").find("is not a time"), std::string::npos);
  EXPECT_NE(ErrorOf("x = TIMESTAMP '2024-01-01 00:00:00.1234567891'").find("not a timestamp"),
            std::string::npos);
  EXPECT_NE(ErrorOf("x = X'0'").find("even number"), std::string::npos);
  EXPECT_NE(ErrorOf("x = 1234567890123456789012345678901234567890").find("at most 38"), std::string::npos);
  EXPECT_NE(ErrorOf("x IN ()").find("expected a literal"), std::string::npos);
  EXPECT_NE(ErrorOf("(x = 1").find("expected ')'"), std::string::npos);
  EXPECT_NE(ErrorOf("x NOT NULL").find("BETWEEN, IN or LIKE after NOT"), std::string::npos);
  EXPECT_NE(ErrorOf("").find("empty"), std::string::npos);
  EXPECT_NE(ErrorOf("-- only a comment").find("empty"), std::string::npos);
  std::string deep(300, '(');
  deep += "x = 1" + std::string(300, ')');
  EXPECT_NE(ErrorOf(deep).find("nesting deeper"), std::string::npos);
  EXPECT_NE(ErrorOf(std::string(17 << 20, ' ')).find("bytes of text"), std::string::npos);
}

// Random predicates over every literal kind and operator.
class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  Literal RandomLiteral() {
    switch (Pick(10)) {
      case 0: return Literal::Null();
      case 1: return Literal::Boolean(Pick(2));
      case 2: {
        const int64_t edges[] = {0, 1, -1, INT64_MAX, INT64_MIN, 42};
        return Literal::Integer(Pick(2) ? edges[Pick(6)] : static_cast<int64_t>(rng_()));
      }
      case 3: {
        std::string digits = std::to_string(rng_()) + std::to_string(rng_());
        return *Literal::Decimal((Pick(2) ? "-" : "") + digits, static_cast<int>(Pick(20)));
      }
      case 4: {
        const double edges[] = {0.0, -0.0, 1.5, 1e300, -2.5e-300, std::nan(""), HUGE_VAL, -HUGE_VAL,
                                std::numeric_limits<double>::denorm_min(), 0.1};
        return Literal::Double(Pick(2) ? edges[Pick(10)] : std::ldexp(static_cast<double>(rng_()), -int(Pick(60))));
      }
      case 5: {
        const char* strings[] = {"", "a", "it's", "''", "héllo", "%_\\", "\"q\"", "-- no comment", "日本"};
        return Literal::String(strings[Pick(9)]);
      }
      case 6: {
        std::string b;
        for (size_t i = Pick(5); i > 0; --i) b += static_cast<char>(Pick(256));
        return Literal::Bytes(b);
      }
      case 7: return Literal::Date(static_cast<int32_t>(static_cast<int64_t>(rng_() % 6000000) - 3000000));
      case 8: return Literal::Time(static_cast<int64_t>(rng_() % 86400) * 1'000'000'000 + Pick(1'000'000'000));
      default:
        return Literal::Timestamp(static_cast<int64_t>(rng_()) * 1000 - (int64_t{1} << 40),
                                  static_cast<int32_t>(Pick(1'000'000)));
    }
  }

  ColumnPath RandomColumn() {
    const char* names[] = {"id", "a_b", "My Col", "date", "x\"y", "日付", "_1", "and"};
    ColumnPath p;
    for (size_t n = 1 + Pick(3); n > 0; --n) p.names.push_back(names[Pick(8)]);
    return p;
  }

  Predicate RandomPredicate(int depth) {
    uint32_t kind = depth > 3 ? Pick(6) : Pick(9);
    switch (kind) {
      case 0: {
        const PredicateOp ops[] = {PredicateOp::kEq, PredicateOp::kNe, PredicateOp::kLt,
                                   PredicateOp::kLe, PredicateOp::kGt, PredicateOp::kGe};
        return Predicate::Compare(RandomColumn(), ops[Pick(6)], RandomLiteral());
      }
      case 1: return Predicate::Between(RandomColumn(), RandomLiteral(), RandomLiteral());
      case 2: {
        std::vector<Literal> v;
        for (size_t n = 1 + Pick(4); n > 0; --n) v.push_back(RandomLiteral());
        return Predicate::In(RandomColumn(), v, Pick(2));
      }
      case 3: return Predicate::IsNull(RandomColumn(), Pick(2));
      case 4: {
        const char* patterns[] = {"ab%", "%", "_", "a!%b", "日%本_", ""};
        return Predicate::Like(RandomColumn(), patterns[Pick(6)], Pick(2) ? "!" : "");
      }
      case 5: return Predicate::Compare(RandomColumn(), PredicateOp::kEq, RandomLiteral());
      case 6:
      case 7: {
        std::vector<Predicate> c;
        for (size_t n = 2 + Pick(3); n > 0; --n) c.push_back(RandomPredicate(depth + 1));
        return kind == 6 ? Predicate::And(c) : Predicate::Or(c);
      }
      default: return Predicate::Not(RandomPredicate(depth + 1));
    }
  }

 private:
  uint32_t Pick(uint32_t n) { return rng_() % n; }
  std::mt19937 rng_;
};

TEST(PredicateParse, RoundTripOfGeneratedPredicates) {
  Generator gen(20261204);
  for (int i = 0; i < 3000; ++i) {
    Predicate p = gen.RandomPredicate(0);
    std::string text = p.ToString();
    auto back = ParsePredicate(text);
    ASSERT_TRUE(back.ok()) << text << ": " << back.status().message();
    EXPECT_TRUE(*back == p) << text << " read back as " << back->ToString();
    EXPECT_EQ(back->ToString(), text);
  }
}

TEST(PredicateParse, DecimalFactoryChecks) {
  EXPECT_FALSE(Literal::Decimal("12a", 0).ok());
  EXPECT_FALSE(Literal::Decimal("", 0).ok());
  EXPECT_FALSE(Literal::Decimal("1", 39).ok());
  EXPECT_FALSE(Literal::Decimal(std::string(39, '9'), 0).ok());
  EXPECT_EQ(Literal::Decimal("-000", 2)->ToString(), "0.00");
  EXPECT_EQ(Literal::Decimal("-5", 3)->ToString(), "-0.005");
  EXPECT_EQ(Literal::Timestamp(0, -1), Literal::Timestamp(-1, 999999));
}

}  // namespace
}  // namespace fluss_native

namespace fluss_native {
namespace {

TEST(PredicateParsePrefix, StopsWhereTheStatementGoesOn) {
  size_t end = 0;
  std::string text = "id > 0 AND s = 'a;b' LIMIT 10";
  auto p = ParsePredicatePrefix(text, &end);
  ASSERT_TRUE(p.ok()) << p.status().message();
  EXPECT_EQ(p->ToString(), "(id > 0 AND s = 'a;b')");
  EXPECT_EQ(text.substr(end), "LIMIT 10");
  text = "x IS NULL;";
  p = ParsePredicatePrefix(text, &end);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(text.substr(end), ";");
  text = "x = 1 -- comment\n";
  p = ParsePredicatePrefix(text, &end);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(end, text.size());
  EXPECT_FALSE(ParsePredicatePrefix("LIMIT 10", &end).ok());
  EXPECT_FALSE(ParsePredicatePrefix(";", &end).ok());
  EXPECT_FALSE(ParsePredicatePrefix("x = ;", &end).ok());
}

}  // namespace
}  // namespace fluss_native
