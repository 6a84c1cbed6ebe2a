// Interval evaluation of a bound predicate over column statistics
// (may_match.h): each node yields the truth values its rows may take.
#include "expr/may_match.h"

#include <cmath>
#include <limits>

#include "expr/like_pattern.h"
#include "expr/literal_compare.h"

namespace fluss_native::expr {
namespace {

// A set of possible truth values.
using Truths = uint8_t;
constexpr Truths kT = 1, kF = 2, kU = 4, kAny = kT | kF | kU;

Truths Not(Truths a) {
  return static_cast<Truths>((a & kU) | ((a & kT) ? kF : 0) | ((a & kF) ? kT : 0));
}

// Kleene AND over sets: a row's value is min(x, y) with F < U < T.
Truths And(Truths a, Truths b) {
  Truths out = 0;
  if ((a & kT) && (b & kT)) out |= kT;
  if ((a & kF) || (b & kF)) out |= kF;
  if (((a & kU) && (b & (kT | kU))) || ((b & kU) && (a & (kT | kU)))) out |= kU;
  return out;
}

Truths Or(Truths a, Truths b) { return Not(And(Not(a), Not(b))); }

bool IsFloating(const DataType& t) { return t.root == TypeRoot::kFloat || t.root == TypeRoot::kDouble; }

bool IsNaN(const Literal& l) { return l.kind == LiteralKind::kDouble && std::isnan(l.real); }

// What one column's statistics say, ready for the comparisons.
struct Facts {
  const DataType* type = nullptr;
  std::optional<Literal> lo, hi;
  bool exact = false;
  bool may_have_null = true;
  bool may_have_value = true;  // a non-null value
  bool may_have_nan = false;   // a NaN beyond `hi` (FLOAT/DOUBLE)
  bool empty = false;          // no rows at all
};

Facts FactsOf(const BoundColumn& column, const ColumnStats* s) {
  Facts f;
  f.type = &column.type;
  f.may_have_nan = IsFloating(column.type);
  if (!s) return f;
  // A NaN bound says nothing we can trust about the order a writer used.
  if (s->min && s->min->kind != LiteralKind::kNull && !IsNaN(*s->min)) f.lo = s->min;
  if (s->max && s->max->kind != LiteralKind::kNull && !IsNaN(*s->max)) f.hi = s->max;
  f.exact = s->exact && f.lo && f.hi;
  if (s->null_count && *s->null_count == 0) f.may_have_null = false;
  if (s->row_count) {
    if (*s->row_count <= 0) f.empty = true;
    if (s->null_count && *s->null_count >= *s->row_count) f.may_have_value = false;
  }
  if (IsFloating(column.type)) f.may_have_nan = !(s->nan_count && *s->nan_count == 0);
  return f;
}

// <0, 0, >0, or nullopt when the two cannot be ordered (never prunes).
std::optional<int> Cmp(const Literal& a, const Literal& b, const DataType& type) {
  auto r = CompareLiterals(a, b, type);
  if (!r.ok()) return std::nullopt;
  return *r;
}

// The truth values `column <op> lit` takes over non-null values in
// [lo, hi] (either may be unknown), for a non-null `lit`.
Truths CompareRange(PredicateOp op, const Facts& f, const Literal& lit) {
  const DataType& t = *f.type;
  // c_lo = lo <=> lit, c_hi = hi <=> lit; unknown bounds stay nullopt.
  std::optional<int> c_lo, c_hi;
  if (f.lo) c_lo = Cmp(*f.lo, lit, t);
  if (f.hi) c_hi = Cmp(*f.hi, lit, t);
  bool can_t = true, can_f = true;
  switch (op) {
    case PredicateOp::kEq:
    case PredicateOp::kNe: {
      bool may_eq = !(c_lo && *c_lo > 0) && !(c_hi && *c_hi < 0);
      bool all_eq = f.exact && c_lo && c_hi && *c_lo == 0 && *c_hi == 0;
      can_t = may_eq;
      can_f = !all_eq;
      if (op == PredicateOp::kNe) std::swap(can_t, can_f);
      break;
    }
    case PredicateOp::kLt:
      can_t = !(c_lo && *c_lo >= 0);
      can_f = !(c_hi && *c_hi < 0);
      break;
    case PredicateOp::kLe:
      can_t = !(c_lo && *c_lo > 0);
      can_f = !(c_hi && *c_hi <= 0);
      break;
    case PredicateOp::kGt:
      can_t = !(c_hi && *c_hi <= 0);
      can_f = !(c_lo && *c_lo > 0);
      break;
    case PredicateOp::kGe:
      can_t = !(c_hi && *c_hi < 0);
      can_f = !(c_lo && *c_lo >= 0);
      break;
    default: break;
  }
  return static_cast<Truths>((can_t ? kT : 0) | (can_f ? kF : 0));
}

// `column <op> lit` for one known value (a possible NaN).
Truths ComparePoint(PredicateOp op, const Literal& value, const Literal& lit, const DataType& t) {
  auto c = Cmp(value, lit, t);
  if (!c) return kT | kF;
  bool r = false;
  switch (op) {
    case PredicateOp::kEq: r = *c == 0; break;
    case PredicateOp::kNe: r = *c != 0; break;
    case PredicateOp::kLt: r = *c < 0; break;
    case PredicateOp::kLe: r = *c <= 0; break;
    case PredicateOp::kGt: r = *c > 0; break;
    case PredicateOp::kGe: r = *c >= 0; break;
    default: return kT | kF;
  }
  return r ? kT : kF;
}

Truths Compare(PredicateOp op, const Facts& f, const Literal& lit) {
  if (f.empty) return 0;
  Truths out = 0;
  if (f.may_have_null) out |= kU;
  if (!f.may_have_value) return out;
  if (lit.kind == LiteralKind::kNull) return out | kU;
  out |= CompareRange(op, f, lit);
  if (f.may_have_nan) out |= ComparePoint(op, Literal::Double(std::nan("")), lit, *f.type);
  return out;
}

// The least string greater than every string starting with `prefix`, or
// nullopt when there is none (the prefix is all 0xFF bytes).
std::optional<std::string> PrefixUpperBound(std::string prefix) {
  while (!prefix.empty()) {
    unsigned char last = static_cast<unsigned char>(prefix.back());
    if (last != 0xFF) {
      prefix.back() = static_cast<char>(last + 1);
      return prefix;
    }
    prefix.pop_back();
  }
  return std::nullopt;
}

Truths Like(const BoundPredicate& p, const Facts& f) {
  if (f.empty) return 0;
  Truths out = 0;
  if (f.may_have_null) out |= kU;
  if (!f.may_have_value) return out;
  if (p.literals.empty() || p.literals[0].kind == LiteralKind::kNull) return out | kU;
  const std::string escape = p.literals.size() > 1 ? p.literals[1].text : "";
  auto pattern = LikePattern::Compile(p.literals[0].text, escape);
  out |= kF;  // we never prove that every value matches a pattern
  if (!pattern.ok() || pattern->literal_prefix().empty()) return out | kT;
  // Every match lies in [prefix, PrefixUpperBound(prefix)).
  const Literal low = Literal::String(pattern->literal_prefix());
  bool may = true;
  if (f.hi) {
    auto c = Cmp(*f.hi, low, *f.type);
    if (c && *c < 0) may = false;
  }
  auto upper = PrefixUpperBound(pattern->literal_prefix());
  if (f.lo && upper) {
    auto c = Cmp(*f.lo, Literal::String(*upper), *f.type);
    if (c && *c >= 0) may = false;
  }
  return may ? (out | kT) : out;
}

Truths IsNull(const Facts& f, bool negated) {
  if (f.empty) return 0;
  Truths out = 0;
  if (f.may_have_null) out |= negated ? kF : kT;
  if (f.may_have_value) out |= negated ? kT : kF;
  return out;
}

Truths Eval(const BoundPredicate& p, const StatsLookup& stats, int depth) {
  // Bind bounds nesting; this guards a hand-built tree.
  if (depth > 1000) return kAny;
  switch (p.op) {
    case PredicateOp::kAnd:
    case PredicateOp::kOr: {
      if (p.children.empty()) return kAny;
      Truths acc = Eval(p.children[0], stats, depth + 1);
      for (size_t i = 1; i < p.children.size(); ++i) {
        Truths c = Eval(p.children[i], stats, depth + 1);
        acc = p.op == PredicateOp::kAnd ? And(acc, c) : Or(acc, c);
      }
      return acc;
    }
    case PredicateOp::kNot:
      if (p.children.empty()) return kAny;
      return Not(Eval(p.children[0], stats, depth + 1));
    default: break;
  }
  const ColumnStats* s = stats ? stats(p.column) : nullptr;
  const Facts f = FactsOf(p.column, s);
  switch (p.op) {
    case PredicateOp::kEq:
    case PredicateOp::kNe:
    case PredicateOp::kLt:
    case PredicateOp::kLe:
    case PredicateOp::kGt:
    case PredicateOp::kGe:
      if (p.literals.empty()) return kAny;
      return Compare(p.op, f, p.literals[0]);
    case PredicateOp::kBetween:
      if (p.literals.size() < 2) return kAny;
      return And(Compare(PredicateOp::kGe, f, p.literals[0]), Compare(PredicateOp::kLe, f, p.literals[1]));
    case PredicateOp::kIn:
    case PredicateOp::kNotIn: {
      // x IN (a, b) is x = a OR x = b, NULLs included; NOT IN its negation.
      Truths acc = 0;
      bool first = true;
      for (const Literal& lit : p.literals) {
        Truths c = Compare(PredicateOp::kEq, f, lit);
        acc = first ? c : Or(acc, c);
        first = false;
      }
      if (first) acc = f.empty ? 0 : kF;  // an empty list is never TRUE
      return p.op == PredicateOp::kNotIn ? Not(acc) : acc;
    }
    case PredicateOp::kIsNull: return IsNull(f, false);
    case PredicateOp::kIsNotNull: return IsNull(f, true);
    case PredicateOp::kLike: return Like(p, f);
    default: return kAny;
  }
}

}  // namespace

const char* MatchResultName(MatchResult r) {
  switch (r) {
    case MatchResult::kNever: return "never";
    case MatchResult::kMaybe: return "maybe";
    case MatchResult::kAlways: return "always";
  }
  return "?";
}

ColumnStats ColumnStats::Constant(const Literal& value) {
  ColumnStats s;
  s.row_count = 1;  // its rows are all alike: one stands for them
  if (value.kind == LiteralKind::kNull) {
    s.null_count = 1;
    return s;
  }
  s.min = value;
  s.max = value;
  s.exact = true;
  s.null_count = 0;
  s.nan_count = IsNaN(value) ? 1 : 0;
  return s;
}

MatchResult MayMatch(const BoundPredicate& predicate, const StatsLookup& stats) {
  Truths t = Eval(predicate, stats, 0);
  if (!(t & kT)) return MatchResult::kNever;
  if (t == kT) return MatchResult::kAlways;
  return MatchResult::kMaybe;
}

}  // namespace fluss_native::expr
