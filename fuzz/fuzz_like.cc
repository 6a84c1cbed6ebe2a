// Fuzz target: LIKE patterns and texts (user text and column values). Input:
// byte 0 picks an escape character (none, '!', '\\', or a multi-byte one),
// then pattern and text split at the first 0x00 byte. The compiled matcher
// must agree with a direct recursive reading of the definition (`%` any run
// of code points, `_` exactly one) on short inputs.
#include <string>
#include <string_view>
#include <vector>

#include "expr/like_pattern.h"
#include "fuzz_target.h"

using namespace fluss_native;

namespace {

std::vector<std::string> CodePoints(std::string_view s) {
  std::vector<std::string> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (i + n > s.size()) n = 1;
    for (size_t k = 1; k < n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) {
        n = 1;
        break;
      }
    }
    out.emplace_back(s.substr(i, n));
    i += n;
  }
  return out;
}

struct Item {
  enum { kChar, kOne, kRun } kind;
  std::string cp;
};

bool Reference(const std::vector<Item>& p, size_t i, const std::vector<std::string>& t, size_t j) {
  if (i == p.size()) return j == t.size();
  switch (p[i].kind) {
    case Item::kRun:
      for (size_t k = j; k <= t.size(); ++k) {
        if (Reference(p, i + 1, t, k)) return true;
      }
      return false;
    case Item::kOne: return j < t.size() && Reference(p, i + 1, t, j + 1);
    default: return j < t.size() && t[j] == p[i].cp && Reference(p, i + 1, t, j + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  static const char* const kEscapes[] = {"", "!", "\\", "\xc3\xa9"};
  const std::string escape = kEscapes[data[0] % 4];
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  size_t zero = rest.find('\0');
  std::string pattern(rest.substr(0, zero));
  std::string text(zero == std::string_view::npos ? std::string_view() : rest.substr(zero + 1));
  auto compiled = expr::LikePattern::Compile(pattern, escape);
  if (!compiled.ok()) return 0;
  bool got = compiled->Matches(text);
  auto pcs = CodePoints(pattern);
  auto tcs = CodePoints(text);
  if (pcs.size() > 12 || tcs.size() > 16) return 0;
  std::vector<Item> items;
  for (size_t i = 0; i < pcs.size(); ++i) {
    if (!escape.empty() && pcs[i] == escape) {
      items.push_back({Item::kChar, pcs[++i]});  // Compile accepted it: a next code point exists
    } else if (pcs[i] == "%") {
      items.push_back({Item::kRun, ""});
    } else if (pcs[i] == "_") {
      items.push_back({Item::kOne, ""});
    } else {
      items.push_back({Item::kChar, pcs[i]});
    }
  }
  if (got != Reference(items, 0, tcs, 0)) __builtin_trap();
  return 0;
}

std::vector<std::string> FuzzSeeds() {
  using namespace std::string_literals;
  return {"\x00"s "a%"s "\x00"s "abc"s, "\x01"s "a!%b"s "\x00"s "a%b"s, "\x00"s "%_%"s "\x00"s "h\xc3\xa9llo"s,
          "\x02"s "\\\\%"s "\x00"s "\\x"s, "\x03"s "\xc3\xa9_x%"s "\x00"s "_yx"s, "\x00"s "%a%b%c"s "\x00"s "aXbYc"s};
}
