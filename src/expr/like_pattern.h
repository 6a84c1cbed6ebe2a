// A compiled SQL LIKE pattern: `%` any run of code points, `_` exactly one,
// an optional escape character making the next `%`, `_` or itself literal.
// Patterns that are a plain string, or a plain prefix followed by one `%`,
// match with one comparison; the rest by a backtracking matcher that is
// linear in practice and O(text * pattern) at worst.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "fluss_native/status.h"

namespace fluss_native::expr {

class LikePattern {
 public:
  // Fails when the escape is not one character or the pattern ends in it or
  // escapes anything but `%`, `_` and the escape itself.
  static Result<LikePattern> Compile(const std::string& pattern, const std::string& escape);

  bool Matches(std::string_view text) const;

  // For pruning: the literal prefix every match starts with, and whether the
  // pattern is exactly that prefix followed by `%` (or the prefix alone).
  const std::string& literal_prefix() const { return prefix_; }

 private:
  enum class Kind { kExact, kPrefix, kGeneral };
  struct Token {
    enum { kChar, kOne, kRun } kind;
    std::string bytes;  // kChar: one code point
  };
  Kind kind_ = Kind::kGeneral;
  std::string prefix_;
  std::vector<Token> tokens_;
};

}  // namespace fluss_native::expr
