#include "expr/like_pattern.h"

namespace fluss_native::expr {
namespace {

// Bytes in the UTF-8 code point starting at s[i] (1 for a stray byte).
size_t CodePointLength(std::string_view s, size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (i + n > s.size()) return 1;
  for (size_t k = 1; k < n; ++k) {
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 1;
  }
  return n;
}

}  // namespace

Result<LikePattern> LikePattern::Compile(const std::string& pattern, const std::string& escape) {
  if (!escape.empty() && CodePointLength(escape, 0) != escape.size()) {
    return Status::InvalidArgument("LIKE: ESCAPE '" + escape + "' is not one character");
  }
  LikePattern p;
  bool valid_utf8 = true;
  for (size_t i = 0; i < pattern.size();) {
    size_t len = CodePointLength(pattern, i);
    if (len == 1 && static_cast<unsigned char>(pattern[i]) >= 0x80) valid_utf8 = false;
    std::string_view cp(pattern.data() + i, len);
    if (!escape.empty() && cp == escape) {
      if (i + len >= pattern.size()) {
        return Status::InvalidArgument("LIKE: pattern '" + pattern + "' ends in its escape character");
      }
      size_t next_len = CodePointLength(pattern, i + len);
      std::string_view next(pattern.data() + i + len, next_len);
      if (next != "%" && next != "_" && next != escape) {
        return Status::InvalidArgument("LIKE: pattern '" + pattern + "' escapes '" + std::string(next) +
                                       "' (only %, _ and the escape itself can be escaped)");
      }
      p.tokens_.push_back({Token::kChar, std::string(next)});
      i += len + next_len;
      continue;
    }
    if (cp == "%") {
      if (p.tokens_.empty() || p.tokens_.back().kind != Token::kRun) p.tokens_.push_back({Token::kRun, ""});
    } else if (cp == "_") {
      p.tokens_.push_back({Token::kOne, ""});
    } else {
      p.tokens_.push_back({Token::kChar, std::string(cp)});
    }
    i += len;
  }
  size_t n = 0;
  while (n < p.tokens_.size() && p.tokens_[n].kind == Token::kChar) p.prefix_ += p.tokens_[n++].bytes;
  // Byte comparisons agree with code point ones when the pattern is valid
  // UTF-8; a stray byte in it could match the first byte of a text's
  // multi-byte character, so such patterns take the general matcher, which
  // matches whole code points.
  if (!valid_utf8) {
    p.kind_ = Kind::kGeneral;
  } else if (n == p.tokens_.size()) {
    p.kind_ = Kind::kExact;
  } else if (n + 1 == p.tokens_.size() && p.tokens_[n].kind == Token::kRun) {
    p.kind_ = Kind::kPrefix;
  }
  return p;
}

bool LikePattern::Matches(std::string_view text) const {
  if (kind_ == Kind::kExact) return text == prefix_;
  if (kind_ == Kind::kPrefix) return text.substr(0, prefix_.size()) == prefix_;
  if (text.substr(0, prefix_.size()) != prefix_) return false;
  // Wildcard matching over code points, backtracking to the last `%` only.
  const size_t m = tokens_.size();
  size_t i = 0, j = 0;
  size_t star_j = SIZE_MAX, star_i = 0;
  while (i < text.size()) {
    if (j < m && tokens_[j].kind == Token::kOne) {
      i += CodePointLength(text, i);
      ++j;
    } else if (j < m && tokens_[j].kind == Token::kChar &&
               CodePointLength(text, i) == tokens_[j].bytes.size() &&
               text.compare(i, tokens_[j].bytes.size(), tokens_[j].bytes) == 0) {
      i += tokens_[j].bytes.size();
      ++j;
    } else if (j < m && tokens_[j].kind == Token::kRun) {
      star_j = j++;
      star_i = i;
    } else if (star_j != SIZE_MAX) {
      j = star_j + 1;
      star_i += CodePointLength(text, star_i);
      i = star_i;
    } else {
      return false;
    }
  }
  while (j < m && tokens_[j].kind == Token::kRun) ++j;
  return j == m;
}

}  // namespace fluss_native::expr
