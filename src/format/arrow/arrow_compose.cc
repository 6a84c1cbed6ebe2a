#include "format/arrow/arrow_compose.h"

#include <cstring>

namespace fluss_native::read {

arrow::ArrayNode BorrowArray(const ArrowArray& array, const arrow::KeepAlive& owner) {
  arrow::ArrayNode node;
  node.length = array.length;
  node.null_count = array.null_count;
  node.offset = array.offset;
  node.buffers.assign(array.buffers, array.buffers + array.n_buffers);
  for (int64_t i = 0; i < array.n_children; ++i) {
    node.children.push_back(BorrowArray(*array.children[i], owner));
  }
  node.keep_alive.push_back(owner);
  return node;
}

void SliceNode(arrow::ArrayNode* node, int64_t from, int64_t length) {
  if (from == 0 && length == node->length) return;
  node->offset += from;
  node->length = length;
  if (node->null_count != 0) node->null_count = -1;  // unknown for the slice
}

namespace {

template <typename T>
Result<arrow::ArrayNode> FixedWidthColumn(const std::vector<T>& values) {
  FN_ASSIGN_OR_RETURN(auto buf, arrow::OwnedBuffer::Allocate(std::max<size_t>(1, values.size()) * sizeof(T)));
  if (!values.empty()) std::memcpy(buf->data(), values.data(), values.size() * sizeof(T));
  arrow::ArrayNode node;
  node.length = static_cast<int64_t>(values.size());
  node.buffers = {nullptr, buf->data()};
  node.keep_alive.push_back(buf);
  return node;
}

}  // namespace

Result<arrow::ArrayNode> Int64Column(const std::vector<int64_t>& values) { return FixedWidthColumn(values); }
Result<arrow::ArrayNode> Int32Column(const std::vector<int32_t>& values) { return FixedWidthColumn(values); }
Result<arrow::ArrayNode> Int8Column(const std::vector<int8_t>& values) { return FixedWidthColumn(values); }

Result<arrow::ArrayNode> Utf8Column(const std::vector<std::string_view>& values) {
  size_t total = 0;
  for (auto v : values) total += v.size();
  if (total > INT32_MAX) return Status::Unsupported("string column over 2 GiB in one batch");
  FN_ASSIGN_OR_RETURN(auto offsets, arrow::OwnedBuffer::Allocate((values.size() + 1) * sizeof(int32_t)));
  FN_ASSIGN_OR_RETURN(auto data, arrow::OwnedBuffer::Allocate(std::max<size_t>(1, total)));
  auto* off = reinterpret_cast<int32_t*>(offsets->data());
  int32_t pos = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    off[i] = pos;
    std::memcpy(data->data() + pos, values[i].data(), values[i].size());
    pos += static_cast<int32_t>(values[i].size());
  }
  off[values.size()] = pos;
  arrow::ArrayNode node;
  node.length = static_cast<int64_t>(values.size());
  node.buffers = {nullptr, offsets->data(), data->data()};
  node.keep_alive = {offsets, data};
  return node;
}

int64_t Int64At(const ArrowArray& array, int64_t row) {
  int64_t v;
  std::memcpy(&v, static_cast<const uint8_t*>(array.buffers[1]) + (array.offset + row) * 8, 8);
  return v;
}

int32_t Int32At(const ArrowArray& array, int64_t row) {
  int32_t v;
  std::memcpy(&v, static_cast<const uint8_t*>(array.buffers[1]) + (array.offset + row) * 4, 4);
  return v;
}

int8_t Int8At(const ArrowArray& array, int64_t row) {
  return static_cast<const int8_t*>(array.buffers[1])[array.offset + row];
}

}  // namespace fluss_native::read
