// Building blocks for handing columnar data to a host through the Arrow C Data
// Interface, shared by every reader that produces Arrow output (log batches,
// Parquet). The flow is:
//
//   1. Fill an ArrayNode tree: length, null count, buffer pointers, children,
//      plus KeepAlive handles for whatever memory the pointers refer to
//      (an OwnedBuffer, a fetched payload, ...).
//   2. ExportArray(std::move(node), &c_array) moves it into a C ArrowArray.
//      The array's release callback drops the KeepAlive handles, so memory is
//      freed when the last array (or child moved out by the host) referring
//      to it is released.
//   3. ExportSchema/ExportRowSchema describe the matching ArrowSchema from a
//      Fluss DataType, using DataType::ToArrowFormat() for each format string.
//
// UniqueArrowArray/UniqueArrowSchema are RAII owners for C++ callers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "fluss_native/arrow_c_abi.h"
#include "fluss_native/status.h"
#include "fluss_native/types.h"

namespace fluss_native::arrow {

// Anything that must stay alive while an exported array points into it.
using KeepAlive = std::shared_ptr<const void>;

// A heap buffer, 64-byte aligned (the alignment Arrow recommends) and
// zero-filled, so padding bytes never leak stale memory to consumers.
class OwnedBuffer {
 public:
  // Refuses sizes above `max_size` (a length read from hostile input must
  // not become a huge allocation) and reports allocation failure as a Status.
  static Result<std::shared_ptr<OwnedBuffer>> Allocate(size_t size,
                                                       size_t max_size = size_t{1} << 31);
  // Like Allocate, but only the padding after `size` is zeroed: for callers
  // that overwrite all `size` bytes (decompression, copies) and would
  // otherwise pay for a second pass over the memory.
  static Result<std::shared_ptr<OwnedBuffer>> AllocateForOverwrite(
      size_t size, size_t max_size = size_t{1} << 31);
  ~OwnedBuffer();
  OwnedBuffer(const OwnedBuffer&) = delete;
  OwnedBuffer& operator=(const OwnedBuffer&) = delete;

  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  OwnedBuffer(uint8_t* data, size_t size) : data_(data), size_(size) {}
  uint8_t* data_;
  size_t size_;
};

// 64 zero bytes with static storage. Exported arrays of length 0 point their
// offset/data buffers here, because consumers may read offsets[0] even then.
const void* ZeroBytes();

// One array of a tree, before export. Fields mirror struct ArrowArray.
struct ArrayNode {
  int64_t length = 0;
  int64_t null_count = 0;  // -1 when unknown
  int64_t offset = 0;
  std::vector<const void*> buffers;
  std::vector<ArrayNode> children;
  std::vector<KeepAlive> keep_alive;
};

// Moves `node` into `*out`, which must not hold a live array. Never fails.
void ExportArray(ArrayNode node, ArrowArray* out);

// An array node of `type` with zero rows: every buffer points to ZeroBytes().
ArrayNode MakeEmptyArrayNode(const DataType& type);

// Checks the DataType invariants the decoders and exporters rely on, at
// every level: child counts (ARRAY 1, MAP 2, ROW one per field name and
// description), DECIMAL precision 1..38, BINARY/CHAR length >= 1, nesting at
// most 64 deep. Types from ParseDataTypeJson pass; hand-built ones might not,
// and DataType::ToFlussString() must not be called on those.
Status ValidateType(const DataType& type);

// The struct<key, value> type of a MAP's entries (its single child in
// Arrow's layout). The entries themselves are never null.
DataType MapEntriesType(const DataType& map_type);

// Describes one field of `type` named `name`. Flags carry the nullability.
Status ExportSchema(const DataType& type, std::string_view name, ArrowSchema* out);

// Describes a record batch: a non-nullable struct ("+s") whose children are
// the fields of the ROW type `row_type`, named by its field_names.
Status ExportRowSchema(const DataType& row_type, ArrowSchema* out);

// Owns an ArrowArray and releases it on destruction unless moved out.
class UniqueArrowArray {
 public:
  UniqueArrowArray() { array_.release = nullptr; }
  ~UniqueArrowArray() { reset(); }
  UniqueArrowArray(UniqueArrowArray&& o) noexcept;
  UniqueArrowArray& operator=(UniqueArrowArray&& o) noexcept;
  UniqueArrowArray(const UniqueArrowArray&) = delete;
  UniqueArrowArray& operator=(const UniqueArrowArray&) = delete;

  ArrowArray* get() { return &array_; }
  const ArrowArray* get() const { return &array_; }
  const ArrowArray* operator->() const { return &array_; }
  bool valid() const { return array_.release != nullptr; }
  void reset();
  // Moves the array into `out` (which takes over the release duty).
  void MoveTo(ArrowArray* out);

 private:
  ArrowArray array_;
};

class UniqueArrowSchema {
 public:
  UniqueArrowSchema() { schema_.release = nullptr; }
  ~UniqueArrowSchema() { reset(); }
  UniqueArrowSchema(UniqueArrowSchema&& o) noexcept;
  UniqueArrowSchema& operator=(UniqueArrowSchema&& o) noexcept;
  UniqueArrowSchema(const UniqueArrowSchema&) = delete;
  UniqueArrowSchema& operator=(const UniqueArrowSchema&) = delete;

  ArrowSchema* get() { return &schema_; }
  const ArrowSchema* get() const { return &schema_; }
  const ArrowSchema* operator->() const { return &schema_; }
  bool valid() const { return schema_.release != nullptr; }
  void reset();
  void MoveTo(ArrowSchema* out);

 private:
  ArrowSchema schema_;
};

}  // namespace fluss_native::arrow
