// Row predicates: what a WHERE clause says, as a value a host builds in code
// or parses from SQL text, checked against a table's schema when a scan is
// planned and evaluated exactly on every tier.
//
// Semantics are SQL's:
//  - three-valued logic: a comparison with a NULL operand is UNKNOWN, AND/OR/
//    NOT follow Kleene's tables, and a row is kept only when the predicate is
//    TRUE;
//  - `x IN (a, NULL)` is TRUE when x = a, else UNKNOWN; `x NOT IN (...)` is
//    NOT (x IN (...));
//  - LIKE: `%` any run of characters, `_` one character (code point); no
//    escape character unless one is given (ESCAPE 'c');
//  - numbers compare by value across TINYINT..BIGINT, FLOAT, DOUBLE and
//    DECIMAL (exactly: a DECIMAL(38, s) literal against a BIGINT column is not
//    rounded); FLOAT/DOUBLE NaN is greater than every other value and equal to
//    itself, and -0.0 = 0.0 (as Fluss and Flink compare them);
//  - strings compare by their UTF-8 bytes (code point order), BYTES/BINARY by
//    unsigned bytes; CHAR(n) values compare as stored.
//
// Literals are typed the way SQL literals are: `1` is an integer, `1.5` an
// exact decimal, `1.5e0` a double, `'x'` a string, `X'0a'` bytes,
// `DATE '2024-01-01'`, `TIME '12:00:00.123'`, `TIMESTAMP '2024-01-01
// 00:00:00.123456789'`, `TRUE`, `NULL`. Planning checks each comparison: a
// literal whose type does not fit the column (a string against an INT, a
// number against a DATE) fails with InvalidArgument naming the column and both
// types. A TIMESTAMP literal against a TIMESTAMP_LTZ column is an instant in
// UTC.
//
// ToString() is the normalised text, e.g. `id = 1`, `(a > 1 AND b IS NULL)`,
// and ParsePredicate(p.ToString()) equals p: splits carry predicates as this
// text (Thrift field 33).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "fluss_native/export.h"
#include "fluss_native/status.h"

namespace fluss_native {

// The kind of a literal, as written (before it meets a column).
enum class LiteralKind {
  kNull,
  kBoolean,
  kInteger,    // int64
  kDecimal,    // exact: unscaled digits and a scale, any precision up to 38
  kDouble,     // approximate
  kString,
  kBytes,
  kDate,       // days since 1970-01-01
  kTime,       // nanoseconds of the day
  kTimestamp,  // epoch milliseconds + nanoseconds within the millisecond
};

struct FN_EXPORT Literal {
  LiteralKind kind = LiteralKind::kNull;
  bool boolean = false;
  // kInteger: the value; kDate: days; kTime: nanoseconds of the day;
  // kTimestamp: epoch milliseconds (floor).
  int64_t integer = 0;
  int32_t nanos_of_milli = 0;  // kTimestamp: 0..999999
  double real = 0;             // kDouble
  // kDecimal: the unscaled value in base 10 with an optional leading '-'
  // (e.g. "-12345" with scale 2 is -123.45); kString: UTF-8; kBytes: bytes.
  std::string text;
  int scale = 0;  // kDecimal

  static Literal Null();
  static Literal Boolean(bool v);
  static Literal Integer(int64_t v);
  // Fails on a malformed number or more than 38 digits.
  static Result<Literal> Decimal(const std::string& unscaled_digits, int scale);
  static Literal Double(double v);
  static Literal String(std::string utf8);
  static Literal Bytes(std::string bytes);
  static Literal Date(int32_t days_since_epoch);
  static Literal Time(int64_t nanos_of_day);
  static Literal Timestamp(int64_t epoch_millis, int32_t nanos_of_milli = 0);

  // SQL text: 1, 1.50, 1.5E0, 'it''s', X'0A', DATE '2024-01-01',
  // TIME '12:00:00.123', TIMESTAMP '2024-01-01 00:00:00.123456789', TRUE, NULL.
  std::string ToString() const;
  bool operator==(const Literal& other) const;
};

enum class PredicateOp {
  kEq, kNe, kLt, kLe, kGt, kGe,  // column <op> literal
  kBetween,                      // lo <= column AND column <= hi (literals[0], literals[1])
  kIn,                           // column IN (literals...)
  kNotIn,
  kIsNull,
  kIsNotNull,
  kLike,                         // column LIKE literals[0] (a string) [ESCAPE literals[1]]
  kAnd,                          // children, two or more
  kOr,
  kNot,                          // children[0]
};

// A column, or a field of a ROW column by path: {"addr", "city"} is
// `addr.city`. Names match case-sensitively, as Fluss's do.
struct FN_EXPORT ColumnPath {
  std::vector<std::string> names;

  // `id`, `addr.city`; names that are not plain identifiers are quoted
  // ("my col").
  std::string ToString() const;
  bool operator==(const ColumnPath& other) const { return names == other.names; }
};

// An immutable predicate tree; cheap to copy (children are shared).
class FN_EXPORT Predicate {
 public:
  static Predicate Compare(ColumnPath column, PredicateOp op, Literal value);  // kEq..kGe
  static Predicate Between(ColumnPath column, Literal low, Literal high);
  static Predicate In(ColumnPath column, std::vector<Literal> values, bool negated = false);
  static Predicate IsNull(ColumnPath column, bool negated = false);
  // `escape`: empty for none, else one character.
  static Predicate Like(ColumnPath column, std::string pattern, std::string escape = "");
  static Predicate And(std::vector<Predicate> children);  // one child: that child
  static Predicate Or(std::vector<Predicate> children);
  static Predicate Not(Predicate child);

  // An AND of no operands: what Result<Predicate> holds on an error. Bind
  // refuses it.
  Predicate() = default;

  PredicateOp op() const { return op_; }
  // Leaves: the column and the literals; AND/OR/NOT: the children.
  const ColumnPath& column() const { return column_; }
  const std::vector<Literal>& literals() const { return literals_; }
  const std::vector<Predicate>& children() const;

  // The normalised SQL text (see the top of this file).
  std::string ToString() const;
  bool operator==(const Predicate& other) const;

 private:
  PredicateOp op_ = PredicateOp::kAnd;
  ColumnPath column_;
  std::vector<Literal> literals_;
  std::shared_ptr<const std::vector<Predicate>> children_;
};

// Parses the text of a WHERE clause (without the WHERE): comparisons of a
// column with a literal either way round, BETWEEN, [NOT] IN, IS [NOT] NULL,
// [NOT] LIKE, AND, OR, NOT and parentheses; case-insensitive keywords, quoted
// identifiers ("a b", `a b`), `--` comments, typed literals as above.
// Errors name the position and what was expected. The text is untrusted:
// nesting and length are bounded.
FN_EXPORT Result<Predicate> ParsePredicate(const std::string& text);

// For a statement that goes on after its WHERE clause: parses the predicate
// at the start of `text` and sets *end to the byte offset where what follows
// it begins (`LIMIT 10`, `;`, or text.size()). Stops at the first token that
// cannot continue the predicate; a character that starts no token (`;`) ends
// it too. Keywords that could continue it (AND, OR, ...) are read as part
// of it.
FN_EXPORT Result<Predicate> ParsePredicatePrefix(const std::string& text, size_t* end);

}  // namespace fluss_native
