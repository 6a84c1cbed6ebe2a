// Decoded values of one leaf column in their output (Arrow) representation:
// fixed-width values back to back, or Arrow-style int32 offsets plus bytes.
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>

#include "format/parquet/buffer.h"
#include "fluss_native/status.h"

namespace fluss_native::parquet {

struct Values {
  int width = 0;  // bytes per value; 0 = variable-length binary
  int64_t count = 0;
  Buffer data;
  Buffer offsets;  // binary only: count + 1 int32 offsets

  void Reset(int value_width) {
    width = value_width;
    count = 0;
    data.Clear();
    offsets.Clear();
    if (width == 0) {
      int32_t zero = 0;
      offsets.Append(&zero, sizeof zero);
    }
  }
  int32_t end_offset() const { return offsets.as<int32_t>()[count]; }
  // Arrow's "u"/"z" arrays use int32 offsets.
  Status AppendBinary(const uint8_t* p, size_t len) {
    size_t end = static_cast<size_t>(end_offset()) + len;
    if (end > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
      return Status::Unsupported("more than 2 GiB of binary data in one batch; use a smaller batch size");
    }
    data.Append(p, len);
    int32_t e = static_cast<int32_t>(end);
    offsets.Append(&e, sizeof e);
    ++count;
    return Status::OK();
  }
  // Appends values [from, from + n) of another Values of the same shape.
  Status AppendRange(const Values& src, int64_t from, int64_t n) {
    if (n <= 0) return Status::OK();
    if (width > 0) {
      data.Append(src.data.data() + from * width, static_cast<size_t>(n) * width);
      count += n;
      return Status::OK();
    }
    const int32_t* so = src.offsets.as<int32_t>();
    size_t bytes = static_cast<size_t>(so[from + n] - so[from]);
    size_t base = static_cast<size_t>(end_offset());
    if (base + bytes > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
      return Status::Unsupported("more than 2 GiB of binary data in one batch; use a smaller batch size");
    }
    data.Append(src.data.data() + so[from], bytes);
    int32_t* o = reinterpret_cast<int32_t*>(offsets.Extend(n * sizeof(int32_t)));
    int64_t delta = static_cast<int64_t>(base) - so[from];
    for (int64_t i = 0; i < n; ++i) o[i] = static_cast<int32_t>(so[from + 1 + i] + delta);
    count += n;
    return Status::OK();
  }
};

}  // namespace fluss_native::parquet
