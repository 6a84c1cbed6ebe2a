#include "read/merge/array_bytes.h"

#include "format/arrow/array_take.h"

namespace fluss_native::read::merge {

int64_t ArrayBytes(const ArrowArray& a, const DataType& type, int64_t first, int64_t count) {
  if (count <= 0) return 0;
  const int64_t at = a.offset + first;
  int64_t bytes = (a.n_buffers > 0 && a.buffers[0] != nullptr) ? (count + 7) / 8 : 0;
  switch (type.root) {
    case TypeRoot::kBoolean:
      return bytes + (count + 7) / 8;
    case TypeRoot::kChar:
    case TypeRoot::kString:
    case TypeRoot::kBytes: {
      const auto* offsets = static_cast<const int32_t*>(a.buffers[1]);
      return bytes + 4 * (count + 1) + (offsets[at + count] - offsets[at]);
    }
    case TypeRoot::kArray:
    case TypeRoot::kMap: {
      const auto* offsets = static_cast<const int32_t*>(a.buffers[1]);
      const DataType child = type.root == TypeRoot::kMap ? arrow::MapEntriesType(type) : type.children.at(0);
      return bytes + 4 * (count + 1) +
             ArrayBytes(*a.children[0], child, offsets[at], offsets[at + count] - offsets[at]);
    }
    case TypeRoot::kRow:
      // A struct's children are indexed by the parent's physical position.
      for (size_t c = 0; c < type.children.size(); ++c) {
        bytes += ArrayBytes(*a.children[c], type.children[c], at, count);
      }
      return bytes;
    default:
      return bytes + count * FixedWidthBytes(type);
  }
}

}  // namespace fluss_native::read::merge
