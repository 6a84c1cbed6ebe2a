// The words the predicate grammar reserves: a column with one of these names
// is printed quoted, so the text reads back as the same column.
#pragma once

#include <string_view>

namespace fluss_native::expr {

bool IsReservedWord(std::string_view word);  // case-insensitive

}  // namespace fluss_native::expr
