// Bind and evaluation: type errors naming the column and both types, and
// every operator over every scalar type with NULLs and edge values (NaN,
// -0.0, DECIMAL(38), TIMESTAMP(9), empty strings, LIKE wildcards and
// escapes, multi-byte UTF-8), in SQL's three-valued logic.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

#include "common/type_builder.h"
#include "expr/bound_predicate.h"
#include "expr/evaluate.h"
#include "expr/literal_compare.h"
#include "format/arrow/c_export.h"
#include "unit/arrow_builders.h"

namespace fluss_native {
namespace {

using arrow::ArrayNode;
using namespace testing_arrow;
using Int128 = __int128;

DataType Typed(TypeRoot root, int precision = 0, int scale = 0, int length = 0) {
  DataType t = MakeType(root, true, precision);
  t.scale = scale;
  t.length = length;
  return t;
}

Int128 Dec(const char* digits) {
  Int128 v = 0;
  bool neg = *digits == '-';
  for (const char* p = digits + neg; *p; ++p) v = v * 10 + (*p - '0');
  return neg ? -v : v;
}

// Five rows; row 4 is NULL in every column except the ROW column.
class PredicateEval : public ::testing::Test {
 protected:
  void SetUp() override {
    row_ = MakeType(TypeRoot::kRow, false);
    ArrayNode batch;
    batch.length = 5;
    batch.buffers = {nullptr};
    auto add = [&](const std::string& name, DataType t, ArrayNode n) {
      AddField(&row_, name, std::move(t));
      batch.children.push_back(std::move(n));
    };
    const double nan = std::nan("");
    const double inf = HUGE_VAL;
    add("b", Typed(TypeRoot::kBoolean), Bools({true, false, true, false, std::nullopt}));
    add("i8", Typed(TypeRoot::kTinyInt), Fixed<int8_t>({127, -128, 0, 5, std::nullopt}));
    add("i16", Typed(TypeRoot::kSmallInt), Fixed<int16_t>({1000, -1000, 0, 7, std::nullopt}));
    add("i32", Typed(TypeRoot::kInt), Fixed<int32_t>({1, -5, 2147483647, 0, std::nullopt}));
    add("i64", Typed(TypeRoot::kBigInt),
        Fixed<int64_t>({INT64_MAX, INT64_MIN, 0, 42, std::nullopt}));
    add("f", Typed(TypeRoot::kFloat), Fixed<float>({1.1f, static_cast<float>(nan), 0.0f, 2.5f, std::nullopt}));
    add("d", Typed(TypeRoot::kDouble), Fixed<double>({nan, -0.0, 1.5, -inf, std::nullopt}));
    add("dec38", Typed(TypeRoot::kDecimal, 38, 0),
        Fixed<Int128>({Dec("99999999999999999999999999999999999999"), Dec("-1"), Dec("0"),
                       Dec("12345678901234567890"), std::nullopt}));
    add("dec", Typed(TypeRoot::kDecimal, 10, 2), Fixed<Int128>({150, -1, 12345, 0, std::nullopt}));
    add("s", Typed(TypeRoot::kString), Var({"abc", "", "héllo", "a%b", std::nullopt}));
    DataType c = Typed(TypeRoot::kChar, 0, 0, 3);
    add("c", c, Var({"ab", "xyz", "", "日本", std::nullopt}));
    add("bin", Typed(TypeRoot::kBinary, 0, 0, 2),
        FixedBinary({std::string("\x00\x01", 2), std::string("\xff\x00", 2), std::string("\x00\x00", 2),
                     std::string("\x7f\x7f", 2), std::nullopt},
                    2));
    add("by", Typed(TypeRoot::kBytes), Var({"", "\xff", std::string("\x00", 1), "ab", std::nullopt}));
    add("dt", Typed(TypeRoot::kDate), Fixed<int32_t>({0, 19723, -1, 2932896, std::nullopt}));
    add("t3", Typed(TypeRoot::kTime, 3), Fixed<int32_t>({0, 43200123, 86399999, 1000, std::nullopt}));
    add("t9", Typed(TypeRoot::kTime, 9),
        Fixed<int64_t>({1, 43200123456789, 86399999999999, 1000000000, std::nullopt}));
    add("ts3", Typed(TypeRoot::kTimestamp, 3),
        Fixed<int64_t>({1704067200000, 0, -1, 1704067200123, std::nullopt}));
    add("ts9", Typed(TypeRoot::kTimestamp, 9),
        Fixed<int64_t>({1704067200123456789, 0, -1, 1704067200123456000, std::nullopt}));
    add("ltz6", Typed(TypeRoot::kTimestampLtz, 6),
        Fixed<int64_t>({1704067200000000, 1, -1000000, 1704067200123456, std::nullopt}));
    add("ts0", Typed(TypeRoot::kTimestamp, 0), Fixed<int64_t>({1704067200, 0, -1, 1, std::nullopt}));
    // ROW<x INT, y STRING>: {1,'a'}, NULL, {NULL,'b'}, {4,NULL}, {5,'e'}
    DataType r = MakeType(TypeRoot::kRow, true);
    AddField(&r, "x", Typed(TypeRoot::kInt));
    AddField(&r, "y", Typed(TypeRoot::kString));
    ArrayNode rn;
    rn.length = 5;
    rn.buffers = {nullptr};
    rn.children.push_back(Fixed<int32_t>({1, 2, std::nullopt, 4, 5}));
    rn.children.push_back(Var({"a", "z", "b", std::nullopt, "e"}));
    SetValidity(&rn, {true, false, true, true, true});
    add("r", r, std::move(rn));
    DataType arr = MakeType(TypeRoot::kArray, true);
    arr.children.push_back(Typed(TypeRoot::kInt));
    AddField(&row_, "arr", arr);  // bind-only: no column data needed for errors
    batch.children.push_back(Fixed<int32_t>({0, 0, 0, 0, 0}));
    arrow::ExportArray(std::move(batch), &array_);
  }
  void TearDown() override {
    if (array_.release) array_.release(&array_);
  }

  // The rows where `text` is TRUE, and (in *unknown) those where it is UNKNOWN.
  std::vector<int> Rows(const std::string& text, std::vector<int>* unknown = nullptr) {
    auto p = ParsePredicate(text);
    EXPECT_TRUE(p.ok()) << text << ": " << p.status().message();
    if (!p.ok()) return {-1};
    auto bound = expr::Bind(*p, row_);
    EXPECT_TRUE(bound.ok()) << text << ": " << bound.status().message();
    if (!bound.ok()) return {-1};
    auto truth = expr::Evaluate(*bound, array_);
    EXPECT_TRUE(truth.ok()) << text << ": " << truth.status().message();
    if (!truth.ok()) return {-1};
    std::vector<int> rows;
    for (size_t i = 0; i < truth->size(); ++i) {
      if ((*truth)[i] == expr::kTrue) rows.push_back(static_cast<int>(i));
      if (unknown && (*truth)[i] == expr::kUnknown) unknown->push_back(static_cast<int>(i));
    }
    return rows;
  }

  std::string BindError(const std::string& text) {
    auto p = ParsePredicate(text);
    EXPECT_TRUE(p.ok()) << text;
    if (!p.ok()) return "";
    auto bound = expr::Bind(*p, row_);
    EXPECT_FALSE(bound.ok()) << text;
    return bound.ok() ? "" : bound.status().message();
  }

  DataType row_;
  ArrowArray array_{};
};

using V = std::vector<int>;

TEST_F(PredicateEval, BindErrorsNameColumnAndTypes) {
  EXPECT_EQ(BindError("i32 = 'x'"), "predicate: column 'i32' is INT, literal 'x' is STRING");
  EXPECT_EQ(BindError("dt > 5"), "predicate: column 'dt' is DATE, literal 5 is INTEGER");
  EXPECT_EQ(BindError("s = 1.5"), "predicate: column 's' is STRING, literal 1.5 is DECIMAL(2, 1)");
  EXPECT_EQ(BindError("by = 'x'"), "predicate: column 'by' is BYTES, literal 'x' is STRING");
  EXPECT_EQ(BindError("dec = TRUE"), "predicate: column 'dec' is DECIMAL(10, 2), literal TRUE is BOOLEAN");
  EXPECT_EQ(BindError("ts3 = DATE '2024-01-01'"),
            "predicate: column 'ts3' is TIMESTAMP(3), literal DATE '2024-01-01' is DATE");
  EXPECT_EQ(BindError("dt = 'not a date'"), "predicate: column 'dt' is DATE, literal 'not a date' is STRING");
  EXPECT_NE(BindError("nope = 1").find("unknown column 'nope' (columns: b, i8,"), std::string::npos);
  EXPECT_NE(BindError("r.nope = 1").find("ROW column 'r' has no field 'nope'"), std::string::npos);
  EXPECT_NE(BindError("i32.x = 1").find("not a ROW"), std::string::npos);
  EXPECT_NE(BindError("arr = 1").find("column 'arr' is ARRAY<INT>, which cannot be compared"),
            std::string::npos);
  EXPECT_NE(BindError("r = 1").find("cannot be compared"), std::string::npos);
  EXPECT_NE(BindError("i32 LIKE 'a%'").find("LIKE needs CHAR or STRING"), std::string::npos);
  EXPECT_NE(BindError("s LIKE 'a' ESCAPE 'ab'").find("not one character"), std::string::npos);
  EXPECT_FALSE(expr::Bind(Predicate(), row_).ok());
}

TEST_F(PredicateEval, Integers) {
  V unknown;
  EXPECT_EQ(Rows("i32 > 0", &unknown), (V{0, 2}));
  EXPECT_EQ(unknown, (V{4}));
  EXPECT_EQ(Rows("i32 = 2147483647"), (V{2}));
  EXPECT_EQ(Rows("i32 <> 1"), (V{1, 2, 3}));
  EXPECT_EQ(Rows("i32 <= 0"), (V{1, 3}));
  EXPECT_EQ(Rows("i32 < 0.5"), (V{1, 3}));
  EXPECT_EQ(Rows("i32 >= 0.5"), (V{0, 2}));
  EXPECT_EQ(Rows("i32 = 1.0"), (V{0}));
  EXPECT_EQ(Rows("i32 = 1.5"), (V{}));
  EXPECT_EQ(Rows("i32 > -5.000000000000000000000000000000000001"), (V{0, 1, 2, 3}));
  EXPECT_EQ(Rows("i32 > 1e300"), (V{}));
  EXPECT_EQ(Rows("i32 < CAST('NaN' AS DOUBLE)"), (V{0, 1, 2, 3}));
  EXPECT_EQ(Rows("i64 = 9223372036854775807"), (V{0}));
  EXPECT_EQ(Rows("i64 < 9223372036854775808"), (V{0, 1, 2, 3}));
  EXPECT_EQ(Rows("i64 = -9223372036854775808"), (V{1}));
  EXPECT_EQ(Rows("i64 > -9223372036854775809"), (V{0, 1, 2, 3}));
  EXPECT_EQ(Rows("i64 = 9223372036854775806.9999999999999999999"), (V{}));
  EXPECT_EQ(Rows("i8 = 127 OR i8 = -128"), (V{0, 1}));
  EXPECT_EQ(Rows("i8 > 1000"), (V{}));
  EXPECT_EQ(Rows("i16 BETWEEN -1000 AND 7"), (V{1, 2, 3}));
  EXPECT_EQ(Rows("i16 IN (7, 1000, 3)"), (V{0, 3}));
  unknown.clear();
  EXPECT_EQ(Rows("i16 IN (7, NULL)", &unknown), (V{3}));
  EXPECT_EQ(unknown, (V{0, 1, 2, 4}));
  unknown.clear();
  EXPECT_EQ(Rows("i16 NOT IN (7, NULL)", &unknown), (V{}));
  EXPECT_EQ(unknown, (V{0, 1, 2, 4}));
  EXPECT_EQ(Rows("i16 NOT IN (7, 0)"), (V{0, 1}));
  EXPECT_EQ(Rows("i32 IS NULL"), (V{4}));
  EXPECT_EQ(Rows("i32 IS NOT NULL"), (V{0, 1, 2, 3}));
  EXPECT_EQ(Rows("i32 = NULL"), (V{}));
  EXPECT_EQ(Rows("0 < i32"), (V{0, 2}));
}

TEST_F(PredicateEval, FloatingPointNaNAndSignedZero) {
  EXPECT_EQ(Rows("d = CAST('NaN' AS DOUBLE)"), (V{0}));
  EXPECT_EQ(Rows("d > 1e308"), (V{0}));  // NaN above every number
  EXPECT_EQ(Rows("d = 0"), (V{1}));      // -0.0 = 0
  EXPECT_EQ(Rows("d = -0e0"), (V{1}));
  EXPECT_EQ(Rows("d >= 0.0"), (V{0, 1, 2}));
  EXPECT_EQ(Rows("d < 0"), (V{3}));
  EXPECT_EQ(Rows("d = 1.5"), (V{2}));
  EXPECT_EQ(Rows("d = CAST('-Infinity' AS DOUBLE)"), (V{3}));
  EXPECT_EQ(Rows("d IN (1.5E0, CAST('NaN' AS DOUBLE))"), (V{0, 2}));
  EXPECT_EQ(Rows("d <> CAST('NaN' AS DOUBLE)"), (V{1, 2, 3}));
  // FLOAT 1.1f (1.10000002384...) is not the decimal 1.1 nor the double 1.1.
  EXPECT_EQ(Rows("f = 1.1"), (V{}));
  EXPECT_EQ(Rows("f = 1.1E0"), (V{}));
  EXPECT_EQ(Rows("f > 1.1"), (V{0, 1, 3}));  // NaN above every number
  EXPECT_EQ(Rows("f < 1.1000001"), (V{0, 2}));
  EXPECT_EQ(Rows("f BETWEEN 1 AND 2.5"), (V{0, 3}));
  EXPECT_EQ(Rows("f = 0"), (V{2}));
}

TEST_F(PredicateEval, Decimals) {
  EXPECT_EQ(Rows("dec = 1.5"), (V{0}));
  EXPECT_EQ(Rows("dec = 1.50000000000000000000000000000000000"), (V{0}));
  EXPECT_EQ(Rows("dec > 1"), (V{0, 2}));
  EXPECT_EQ(Rows("dec = -0.01"), (V{1}));
  EXPECT_EQ(Rows("dec < -0.009"), (V{1}));
  EXPECT_EQ(Rows("dec < -0.0100000000001"), (V{}));
  // By value, exactly: the double 123.45E0 is 123.4500000000000028...
  EXPECT_EQ(Rows("dec = 123.45E0"), (V{}));
  EXPECT_EQ(Rows("dec < 123.45E0"), (V{0, 1, 2, 3}));
  EXPECT_EQ(Rows("dec = 1.5E0"), (V{0}));
  EXPECT_EQ(Rows("dec IN (0, 123.45, 7)"), (V{2, 3}));
  EXPECT_EQ(Rows("dec38 = 99999999999999999999999999999999999999"), (V{0}));
  EXPECT_EQ(Rows("dec38 > 9223372036854775807"), (V{0, 3}));
  EXPECT_EQ(Rows("dec38 = 12345678901234567890"), (V{3}));
  EXPECT_EQ(Rows("dec38 < 0.5"), (V{1, 2}));
  EXPECT_EQ(Rows("dec38 BETWEEN -1 AND 0"), (V{1, 2}));
  EXPECT_EQ(Rows("dec38 > 1e38"), (V{}));
  EXPECT_EQ(Rows("dec38 < 1e38"), (V{0, 1, 2, 3}));
}

TEST_F(PredicateEval, StringsAndBytes) {
  EXPECT_EQ(Rows("s = ''"), (V{1}));
  EXPECT_EQ(Rows("s > 'a'"), (V{0, 2, 3}));
  EXPECT_EQ(Rows("s < 'b'"), (V{0, 1, 3}));
  EXPECT_EQ(Rows("s = 'héllo'"), (V{2}));
  EXPECT_EQ(Rows("s > 'hz'"), (V{2}));  // 'é' (0xC3..) sorts after 'z' by bytes
  EXPECT_EQ(Rows("s > 'h'"), (V{2}));
  EXPECT_EQ(Rows("s IN ('abc', '', 'zz')"), (V{0, 1}));
  EXPECT_EQ(Rows("s BETWEEN 'a' AND 'abd'"), (V{0, 3}));
  EXPECT_EQ(Rows("c = 'ab'"), (V{0}));
  EXPECT_EQ(Rows("c > 'xyz'"), (V{3}));
  EXPECT_EQ(Rows("by = X''"), (V{0}));
  EXPECT_EQ(Rows("by > X'7F'"), (V{1}));  // unsigned bytes
  EXPECT_EQ(Rows("by < X'01'"), (V{0, 2}));
  EXPECT_EQ(Rows("by IN (X'00', X'6162')"), (V{2, 3}));
  EXPECT_EQ(Rows("bin = X'0001'"), (V{0}));
  EXPECT_EQ(Rows("bin > X'7F00'"), (V{1, 3}));
  EXPECT_EQ(Rows("bin IN (X'0000', X'FF00')"), (V{1, 2}));
}

TEST_F(PredicateEval, Like) {
  EXPECT_EQ(Rows("s LIKE 'a%'"), (V{0, 3}));
  EXPECT_EQ(Rows("s LIKE 'abc'"), (V{0}));
  EXPECT_EQ(Rows("s LIKE '%'"), (V{0, 1, 2, 3}));
  EXPECT_EQ(Rows("s LIKE ''"), (V{1}));
  EXPECT_EQ(Rows("s LIKE '_'"), (V{}));
  EXPECT_EQ(Rows("s LIKE '___'"), (V{0, 3}));
  EXPECT_EQ(Rows("s LIKE 'h_llo'"), (V{2}));  // one code point for 'é'
  EXPECT_EQ(Rows("s LIKE 'h__llo'"), (V{}));
  EXPECT_EQ(Rows("s LIKE '%l%o'"), (V{2}));
  EXPECT_EQ(Rows("s LIKE '%c'"), (V{0}));
  EXPECT_EQ(Rows("s LIKE '%\\%%' ESCAPE '\\'"), (V{3}));
  EXPECT_EQ(Rows("s LIKE 'a!%b' ESCAPE '!'"), (V{3}));
  EXPECT_EQ(Rows("s LIKE 'a%b'"), (V{3}));
  EXPECT_EQ(Rows("s NOT LIKE 'a%'"), (V{1, 2}));
  EXPECT_EQ(Rows("c LIKE '日_'"), (V{3}));
  EXPECT_EQ(Rows("c LIKE '%本'"), (V{3}));
}

TEST_F(PredicateEval, DatesTimesTimestamps) {
  EXPECT_EQ(Rows("dt = DATE '2024-01-01'"), (V{1}));
  EXPECT_EQ(Rows("dt = '2024-01-01'"), (V{1}));
  EXPECT_EQ(Rows("dt < DATE '1970-01-01'"), (V{2}));
  EXPECT_EQ(Rows("dt >= DATE '9999-12-31'"), (V{3}));
  EXPECT_EQ(Rows("dt BETWEEN DATE '1969-12-31' AND DATE '1970-01-01'"), (V{0, 2}));
  EXPECT_EQ(Rows("t3 = TIME '12:00:00.123'"), (V{1}));
  EXPECT_EQ(Rows("t3 > TIME '12:00:00.1229999'"), (V{1, 2}));
  EXPECT_EQ(Rows("t3 IN (TIME '00:00:01', TIME '23:59:59.999')"), (V{2, 3}));
  EXPECT_EQ(Rows("t9 = TIME '12:00:00.123456789'"), (V{1}));
  EXPECT_EQ(Rows("t9 < TIME '00:00:00.000000002'"), (V{0}));
  EXPECT_EQ(Rows("ts3 = TIMESTAMP '2024-01-01 00:00:00'"), (V{0}));
  EXPECT_EQ(Rows("ts3 = TIMESTAMP '1969-12-31 23:59:59.999'"), (V{2}));
  EXPECT_EQ(Rows("ts3 > TIMESTAMP '2024-01-01 00:00:00.1229'"), (V{3}));
  EXPECT_EQ(Rows("ts3 = '2024-01-01 00:00:00.123'"), (V{3}));
  EXPECT_EQ(Rows("ts9 = TIMESTAMP '2024-01-01 00:00:00.123456789'"), (V{0}));
  EXPECT_EQ(Rows("ts9 > TIMESTAMP '2024-01-01 00:00:00.123456'"), (V{0}));
  EXPECT_EQ(Rows("ts9 = TIMESTAMP '1969-12-31 23:59:59.999999999'"), (V{2}));
  EXPECT_EQ(Rows("ts9 < TIMESTAMP '1970-01-01 00:00:00'"), (V{2}));
  EXPECT_EQ(Rows("ltz6 = TIMESTAMP '2024-01-01 00:00:00.123456'"), (V{3}));
  EXPECT_EQ(Rows("ltz6 < TIMESTAMP '1970-01-01'"), (V{2}));
  EXPECT_EQ(Rows("ts0 = TIMESTAMP '1969-12-31 23:59:59'"), (V{2}));
  EXPECT_EQ(Rows("ts0 > TIMESTAMP '1970-01-01 00:00:00.5'"), (V{0, 3}));
}

TEST_F(PredicateEval, BooleansAndLogic) {
  EXPECT_EQ(Rows("b = TRUE"), (V{0, 2}));
  EXPECT_EQ(Rows("b <> TRUE"), (V{1, 3}));
  EXPECT_EQ(Rows("b < TRUE"), (V{1, 3}));
  V unknown;
  // NULL AND FALSE = FALSE, NULL AND TRUE = UNKNOWN.
  EXPECT_EQ(Rows("i32 > 0 AND b = TRUE", &unknown), (V{0, 2}));
  EXPECT_EQ(unknown, (V{4}));
  // NULL OR TRUE = TRUE.
  EXPECT_EQ(Rows("i32 > 0 OR i32 IS NULL"), (V{0, 2, 4}));
  unknown.clear();
  EXPECT_EQ(Rows("NOT i32 > 0", &unknown), (V{1, 3}));
  EXPECT_EQ(unknown, (V{4}));
  EXPECT_EQ(Rows("NOT (i32 > 0 OR s = '')"), (V{3}));
  EXPECT_EQ(Rows("NOT NOT i32 = 1"), (V{0}));
  unknown.clear();
  EXPECT_EQ(Rows("i32 BETWEEN NULL AND 0", &unknown), (V{}));
  EXPECT_EQ(unknown, (V{1, 3, 4}));  // FALSE where i32 > 0
}

TEST_F(PredicateEval, RowFields) {
  EXPECT_EQ(Rows("r.x > 1"), (V{3, 4}));  // row 1's ROW is NULL, so its x is too
  EXPECT_EQ(Rows("r.x IS NULL"), (V{1, 2}));
  EXPECT_EQ(Rows("r.y = 'z'"), (V{}));
  EXPECT_EQ(Rows("r.y IS NOT NULL"), (V{0, 2, 4}));
  EXPECT_EQ(Rows("r IS NULL"), (V{1}));
  EXPECT_EQ(Rows("r.y LIKE '_'"), (V{0, 2, 4}));
}

TEST(LiteralCompare, ValueOrderOfStats) {
  DataType bigint = Typed(TypeRoot::kBigInt);
  EXPECT_EQ(*expr::CompareLiterals(Literal::Integer(1), *Literal::Decimal("15", 1), bigint), -1);
  EXPECT_EQ(*expr::CompareLiterals(Literal::Integer(2), Literal::Double(1.5), bigint), 1);
  EXPECT_EQ(*expr::CompareLiterals(Literal::Double(-0.0), Literal::Integer(0), Typed(TypeRoot::kDouble)), 0);
  EXPECT_EQ(*expr::CompareLiterals(Literal::Double(std::nan("")), Literal::Double(1e308), Typed(TypeRoot::kDouble)), 1);
  EXPECT_EQ(*expr::CompareLiterals(Literal::String("b"), Literal::String("a"), Typed(TypeRoot::kString)), 1);
  EXPECT_EQ(*expr::CompareLiterals(Literal::Bytes("\xff"), Literal::Bytes("a"), Typed(TypeRoot::kBytes)), 1);
  EXPECT_EQ(*expr::CompareLiterals(Literal::Timestamp(5, 1), Literal::Timestamp(5, 0), Typed(TypeRoot::kTimestamp, 9)), 1);
  EXPECT_EQ(*expr::CompareLiterals(Literal::Date(3), Literal::String("1970-01-04"), Typed(TypeRoot::kDate)), 0);
  EXPECT_FALSE(expr::CompareLiterals(Literal::String("x"), Literal::Integer(1), bigint).ok());
  EXPECT_FALSE(expr::CompareLiterals(Literal::Null(), Literal::Integer(1), bigint).ok());
}

}  // namespace
}  // namespace fluss_native
