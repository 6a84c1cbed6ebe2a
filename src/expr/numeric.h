// Exact comparison of numbers across INTEGER, DECIMAL(p, s) and DOUBLE: a
// number is either exact (an unscaled 128-bit integer and a scale 0..38,
// |value| < 10^38) or a double. NaN is above every number and equal to
// itself; -0.0 equals 0.0.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "fluss_native/predicate.h"

namespace fluss_native::expr {

using Int128 = __int128;

struct Number {
  bool is_double = false;
  double real = 0;
  Int128 unscaled = 0;
  int scale = 0;

  static Number Exact(Int128 unscaled, int scale) { return {false, 0, unscaled, scale}; }
  static Number Double(double v) { return {true, v, 0, 0}; }
};

// Decimal digits with an optional '-' (at most 38 digits) as an Int128.
std::optional<Int128> ParseInt128(const std::string& digits);
Int128 Pow10(int n);  // n in 0..38

int CompareExact(Int128 a, int a_scale, Int128 b, int b_scale);
// Compares a double with an exact number.
int CompareDoubleExact(double d, Int128 unscaled, int scale);
int CompareDoubles(double a, double b);
int CompareNumbers(const Number& a, const Number& b);

// A kInteger, kDecimal or kDouble literal as a Number; nullopt otherwise.
std::optional<Number> NumberOf(const Literal& literal);

}  // namespace fluss_native::expr
