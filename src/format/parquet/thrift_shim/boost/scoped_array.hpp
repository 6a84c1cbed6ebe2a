// Stand-in for boost::scoped_array (see numeric/conversion/cast.hpp for why).
// Same layout as Boost's: a single owning pointer.
#pragma once

#include <cstddef>

namespace boost {
template <typename T>
class scoped_array {
 public:
  explicit scoped_array(T* p = nullptr) : px_(p) {}
  ~scoped_array() { delete[] px_; }
  scoped_array(const scoped_array&) = delete;
  scoped_array& operator=(const scoped_array&) = delete;
  void reset(T* p = nullptr) {
    delete[] px_;
    px_ = p;
  }
  T& operator[](std::ptrdiff_t i) const { return px_[i]; }
  T* get() const { return px_; }
  void swap(scoped_array& o) noexcept {
    T* t = px_;
    px_ = o.px_;
    o.px_ = t;
  }

 private:
  T* px_;
};
}  // namespace boost
