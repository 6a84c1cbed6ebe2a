// Stand-in for the one Boost header libthrift 0.17's transport headers
// include, used only when Boost is not installed (Debian's libthrift-dev
// omits the dependency). Same semantics: throws on out-of-range casts.
#pragma once

#include <typeinfo>
#include <utility>

namespace boost {
namespace numeric {
class bad_numeric_cast : public std::bad_cast {
 public:
  const char* what() const noexcept override { return "bad numeric conversion"; }
};
}  // namespace numeric
using numeric::bad_numeric_cast;

template <typename To, typename From>
To numeric_cast(From v) {
  if (!std::in_range<To>(v)) throw bad_numeric_cast();
  return static_cast<To>(v);
}
}  // namespace boost
