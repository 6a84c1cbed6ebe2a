#include "format/arrow/array_take.h"

#include <cstring>

namespace fluss_native::read {
namespace {

using arrow::ArrayNode;
using arrow::OwnedBuffer;

bool BitAt(const void* bits, int64_t i) {
  return (static_cast<const uint8_t*>(bits)[i >> 3] >> (i & 7)) & 1;
}
void SetBit(uint8_t* bits, int64_t i) { bits[i >> 3] |= static_cast<uint8_t>(1u << (i & 7)); }


}  // namespace

bool IsValid(const RowRef& r) {
  const ArrowArray& a = *r.array;
  return a.n_buffers == 0 || a.buffers[0] == nullptr || BitAt(a.buffers[0], a.offset + r.index);
}

int FixedWidthBytes(const DataType& t) {
  switch (t.root) {
    case TypeRoot::kTinyInt: return 1;
    case TypeRoot::kSmallInt: return 2;
    case TypeRoot::kInt:
    case TypeRoot::kDate:
    case TypeRoot::kFloat: return 4;
    case TypeRoot::kBigInt:
    case TypeRoot::kDouble:
    case TypeRoot::kTimestamp:
    case TypeRoot::kTimestampLtz: return 8;
    case TypeRoot::kTime: return t.precision <= 3 ? 4 : 8;
    case TypeRoot::kDecimal: return 16;
    case TypeRoot::kBinary: return t.length;
    default: return 0;
  }
}

namespace {

// Fills the validity bitmap (buffers[0]) and null_count of `node`.
Status TakeValidity(const std::vector<RowRef>& rows, ArrayNode* node) {
  int64_t nulls = 0;
  for (const auto& r : rows) nulls += !IsValid(r);
  node->length = static_cast<int64_t>(rows.size());
  node->null_count = nulls;
  if (nulls == 0) {
    node->buffers.push_back(nullptr);
    return Status::OK();
  }
  FN_ASSIGN_OR_RETURN(auto bits, OwnedBuffer::Allocate((rows.size() + 7) / 8));
  for (size_t i = 0; i < rows.size(); ++i) {
    if (IsValid(rows[i])) SetBit(bits->data(), static_cast<int64_t>(i));
  }
  node->buffers.push_back(bits->data());
  node->keep_alive.push_back(bits);
  return Status::OK();
}

// LIST and MAP: new offsets, and the child rows the kept lists cover.
Status TakeListLike(const std::vector<RowRef>& rows, const DataType& child_type, ArrayNode* node) {
  FN_ASSIGN_OR_RETURN(auto offsets, OwnedBuffer::Allocate((rows.size() + 1) * sizeof(int32_t)));
  auto* out = reinterpret_cast<int32_t*>(offsets->data());
  std::vector<RowRef> child_rows;
  int64_t pos = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    out[i] = static_cast<int32_t>(pos);
    if (!IsValid(rows[i])) continue;
    const ArrowArray& a = *rows[i].array;
    const auto* off = static_cast<const int32_t*>(a.buffers[1]);
    int64_t at = a.offset + rows[i].index;
    for (int32_t j = off[at]; j < off[at + 1]; ++j) child_rows.push_back({a.children[0], j});
    pos += off[at + 1] - off[at];
    if (pos > INT32_MAX) return Status::Unsupported("gathered list over 2^31 elements");
  }
  out[rows.size()] = static_cast<int32_t>(pos);
  node->buffers.push_back(offsets->data());
  node->keep_alive.push_back(offsets);
  FN_ASSIGN_OR_RETURN(ArrayNode child, Take(child_rows, child_type));
  node->children.push_back(std::move(child));
  return Status::OK();
}

}  // namespace

Result<ArrayNode> Take(const std::vector<RowRef>& rows, const DataType& type) {
  ArrayNode node;
  FN_RETURN_IF_ERROR(TakeValidity(rows, &node));
  const size_t n = rows.size();
  if (type.root == TypeRoot::kBoolean) {
    FN_ASSIGN_OR_RETURN(auto bits, OwnedBuffer::Allocate((n + 7) / 8));
    for (size_t i = 0; i < n; ++i) {
      const ArrowArray& a = *rows[i].array;
      if (IsValid(rows[i]) && BitAt(a.buffers[1], a.offset + rows[i].index)) {
        SetBit(bits->data(), static_cast<int64_t>(i));
      }
    }
    node.buffers.push_back(bits->data());
    node.keep_alive.push_back(bits);
  } else if (int width = FixedWidthBytes(type); width > 0) {
    FN_ASSIGN_OR_RETURN(auto data, OwnedBuffer::Allocate(std::max<size_t>(1, n * static_cast<size_t>(width))));
    for (size_t i = 0; i < n; ++i) {
      const ArrowArray& a = *rows[i].array;
      const auto* src = static_cast<const uint8_t*>(a.buffers[1]) + (a.offset + rows[i].index) * width;
      std::memcpy(data->data() + i * static_cast<size_t>(width), src, static_cast<size_t>(width));
    }
    node.buffers.push_back(data->data());
    node.keep_alive.push_back(data);
  } else if (type.root == TypeRoot::kChar || type.root == TypeRoot::kString || type.root == TypeRoot::kBytes) {
    size_t total = 0;
    for (const auto& r : rows) {
      if (!IsValid(r)) continue;
      const auto* off = static_cast<const int32_t*>(r.array->buffers[1]);
      int64_t at = r.array->offset + r.index;
      total += static_cast<size_t>(off[at + 1] - off[at]);
    }
    if (total > INT32_MAX) return Status::Unsupported("gathered strings over 2 GiB");
    FN_ASSIGN_OR_RETURN(auto offsets, OwnedBuffer::Allocate((n + 1) * sizeof(int32_t)));
    FN_ASSIGN_OR_RETURN(auto data, OwnedBuffer::Allocate(std::max<size_t>(1, total)));
    auto* out = reinterpret_cast<int32_t*>(offsets->data());
    int32_t pos = 0;
    for (size_t i = 0; i < n; ++i) {
      out[i] = pos;
      if (!IsValid(rows[i])) continue;
      const ArrowArray& a = *rows[i].array;
      const auto* off = static_cast<const int32_t*>(a.buffers[1]);
      int64_t at = a.offset + rows[i].index;
      int32_t len = off[at + 1] - off[at];
      std::memcpy(data->data() + pos, static_cast<const uint8_t*>(a.buffers[2]) + off[at], static_cast<size_t>(len));
      pos += len;
    }
    out[n] = pos;
    node.buffers.push_back(offsets->data());
    node.buffers.push_back(data->data());
    node.keep_alive.push_back(offsets);
    node.keep_alive.push_back(data);
  } else if (type.root == TypeRoot::kArray) {
    FN_RETURN_IF_ERROR(TakeListLike(rows, type.children.at(0), &node));
  } else if (type.root == TypeRoot::kMap) {
    FN_RETURN_IF_ERROR(TakeListLike(rows, arrow::MapEntriesType(type), &node));
  } else if (type.root == TypeRoot::kRow) {
    for (size_t c = 0; c < type.children.size(); ++c) {
      std::vector<RowRef> child_rows;
      child_rows.reserve(n);
      // A struct's children are indexed by the parent's physical position.
      for (const auto& r : rows) child_rows.push_back({r.array->children[c], r.array->offset + r.index});
      FN_ASSIGN_OR_RETURN(ArrayNode child, Take(child_rows, type.children[c]));
      node.children.push_back(std::move(child));
    }
  } else {
    return Status::Unsupported("cannot gather values of type " + type.ToFlussString());
  }
  return node;
}

}  // namespace fluss_native::read
