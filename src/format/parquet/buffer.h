// An owned, growable, uninitialised byte buffer. Decoders append millions of
// values; std::vector would zero every byte first. The memory comes from
// malloc so an exported Arrow array can take it over and free() it in its
// release callback without knowing about this class.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

namespace fluss_native::parquet {

class Buffer {
 public:
  Buffer() = default;
  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  Buffer(Buffer&& o) noexcept { *this = std::move(o); }
  Buffer& operator=(Buffer&& o) noexcept {
    if (this != &o) {
      std::free(data_);
      data_ = std::exchange(o.data_, nullptr);
      size_ = std::exchange(o.size_, 0);
      capacity_ = std::exchange(o.capacity_, 0);
    }
    return *this;
  }
  ~Buffer() { std::free(data_); }

  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  template <typename T> T* as() { return reinterpret_cast<T*>(data_); }
  template <typename T> const T* as() const { return reinterpret_cast<const T*>(data_); }

  // Grows capacity geometrically; new bytes are uninitialised. Throws
  // std::bad_alloc like any allocation; the reader catches it at its API.
  void Reserve(size_t n) {
    if (n <= capacity_) return;
    size_t cap = capacity_ < 64 ? 64 : capacity_;
    while (cap < n) cap = cap * 2;
    // +8 slack lets bit unpackers load a whole word near the end.
    void* p = std::realloc(data_, cap + 8);
    if (p == nullptr) throw std::bad_alloc();
    data_ = static_cast<uint8_t*>(p);
    capacity_ = cap;
  }
  void Resize(size_t n) { Reserve(n); size_ = n; }
  void ResizeZeroed(size_t n) {
    size_t old = size_;
    Resize(n);
    if (n > old) std::memset(data_ + old, 0, n - old);
  }
  // Returns a pointer to n new bytes at the end.
  uint8_t* Extend(size_t n) {
    size_t old = size_;
    Resize(size_ + n);
    return data_ + old;
  }
  void Append(const void* p, size_t n) {
    if (n == 0) return;
    std::memcpy(Extend(n), p, n);
  }
  void Clear() { size_ = 0; }
  // Hands the allocation to the caller (to be released with free()).
  uint8_t* Release() {
    size_ = capacity_ = 0;
    return std::exchange(data_, nullptr);
  }

 private:
  uint8_t* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace fluss_native::parquet
