// Big-endian integer helpers for wire formats. Callers bounds-check first:
// these read exactly sizeof(T) bytes.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <type_traits>

namespace fluss_native {

template <typename T>
T GetBigEndian(const char* p) {
  static_assert(std::is_integral_v<T>);
  std::make_unsigned_t<T> v = 0;
  for (size_t i = 0; i < sizeof(T); ++i) {
    v = static_cast<std::make_unsigned_t<T>>((v << 8) | static_cast<uint8_t>(p[i]));
  }
  return static_cast<T>(v);
}

template <typename T>
void PutBigEndian(std::string* out, T value) {
  static_assert(std::is_integral_v<T>);
  auto v = static_cast<std::make_unsigned_t<T>>(value);
  for (int i = sizeof(T) - 1; i >= 0; --i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

}  // namespace fluss_native
