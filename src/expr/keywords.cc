#include "expr/keywords.h"

#include <cctype>

namespace fluss_native::expr {

bool IsReservedWord(std::string_view word) {
  static constexpr std::string_view kWords[] = {
      "AND", "OR", "NOT", "IN", "IS", "NULL", "LIKE", "ESCAPE", "BETWEEN", "TRUE",
      "FALSE", "DATE", "TIME", "TIMESTAMP", "CAST", "AS"};
  for (std::string_view k : kWords) {
    if (k.size() != word.size()) continue;
    bool same = true;
    for (size_t i = 0; i < k.size() && same; ++i) {
      same = std::toupper(static_cast<unsigned char>(word[i])) == k[i];
    }
    if (same) return true;
  }
  return false;
}

}  // namespace fluss_native::expr
