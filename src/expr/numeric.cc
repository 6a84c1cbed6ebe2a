#include "expr/numeric.h"

#include <cmath>

namespace fluss_native::expr {
namespace {

// Floor division by a positive power of ten: q and r with u = q*p + r, 0 <= r < p.
void SplitFloor(Int128 u, Int128 p, Int128* q, Int128* r) {
  *q = u / p;
  *r = u % p;
  if (*r < 0) {
    *r += p;
    *q -= 1;
  }
}

template <typename T>
int Sign(T a, T b) { return a < b ? -1 : (a > b ? 1 : 0); }

}  // namespace

Int128 Pow10(int n) {
  Int128 v = 1;
  for (int i = 0; i < n; ++i) v *= 10;
  return v;
}

std::optional<Int128> ParseInt128(const std::string& s) {
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && s[i] == '-') {
    negative = true;
    ++i;
  }
  if (i >= s.size() || s.size() - i > 38) return std::nullopt;
  Int128 v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return negative ? -v : v;
}

int CompareExact(Int128 a, int as, Int128 b, int bs) {
  if (as == bs) return Sign(a, b);
  Int128 qa, ra, qb, rb;
  SplitFloor(a, Pow10(as), &qa, &ra);
  SplitFloor(b, Pow10(bs), &qb, &rb);
  if (qa != qb) return Sign(qa, qb);
  // The fractions, each below 10^s, scaled to 38 digits (below 10^38 < 2^127).
  return Sign(ra * Pow10(38 - as), rb * Pow10(38 - bs));
}

int CompareDoubles(double a, double b) {
  bool an = std::isnan(a), bn = std::isnan(b);
  if (an || bn) return an && bn ? 0 : (an ? 1 : -1);
  return Sign(a, b);
}

int CompareDoubleExact(double d, Int128 u, int s) {
  if (std::isnan(d)) return 1;
  // |exact| < 10^38, so beyond that the double decides alone.
  if (d >= 1e38) return 1;
  if (d <= -1e38) return -1;
  double fl = std::floor(d);
  Int128 fi = static_cast<Int128>(fl);  // exact: an integral double below 2^127
  Int128 q, r;
  SplitFloor(u, Pow10(s), &q, &r);
  if (fi != q) return Sign(fi, q);
  long double frac_d = static_cast<long double>(d - fl);  // exact in double
  long double frac_e = static_cast<long double>(r) / static_cast<long double>(Pow10(s));
  return Sign(frac_d, frac_e);
}

int CompareNumbers(const Number& a, const Number& b) {
  if (a.is_double && b.is_double) return CompareDoubles(a.real, b.real);
  if (a.is_double) return CompareDoubleExact(a.real, b.unscaled, b.scale);
  if (b.is_double) return -CompareDoubleExact(b.real, a.unscaled, a.scale);
  return CompareExact(a.unscaled, a.scale, b.unscaled, b.scale);
}

std::optional<Number> NumberOf(const Literal& l) {
  switch (l.kind) {
    case LiteralKind::kInteger: return Number::Exact(l.integer, 0);
    case LiteralKind::kDouble: return Number::Double(l.real);
    case LiteralKind::kDecimal: {
      auto u = ParseInt128(l.text);
      if (!u) return std::nullopt;
      return Number::Exact(*u, l.scale);
    }
    default: return std::nullopt;
  }
}

}  // namespace fluss_native::expr
