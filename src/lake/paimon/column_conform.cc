#include "lake/paimon/column_conform.h"

#include <cstring>
#include <limits>
#include <string_view>

#include "format/arrow/array_take.h"
#include "format/arrow/arrow_compose.h"

namespace fluss_native::lake::paimon {
namespace {

using arrow::ArrayNode;
using arrow::OwnedBuffer;

// Power of ten of a time unit letter (s, m, u, n), or -1.
int UnitExponent(char unit) {
  switch (unit) {
    case 's': return 0;
    case 'm': return 3;
    case 'u': return 6;
    case 'n': return 9;
    default: return -1;
  }
}

bool IsTimestamp(std::string_view f) { return f.size() >= 4 && f.substr(0, 2) == "ts" && f[3] == ':'; }
bool IsTime(std::string_view f) { return f.size() == 3 && f.substr(0, 2) == "tt"; }
int TimeWidth(char unit) { return (unit == 's' || unit == 'm') ? 4 : 8; }

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// A node with `col`'s validity bitmap (borrowed, so it keeps the source's
// offset) over a new data buffer of `width`-byte slots; slot i of `col` is
// written at data + (offset + i) * width.
Result<ArrayNode> WithNewData(const ArrowArray& col, int width, const arrow::KeepAlive& owner,
                              std::shared_ptr<OwnedBuffer>* data) {
  FN_ASSIGN_OR_RETURN(*data, OwnedBuffer::Allocate(static_cast<size_t>(std::max<int64_t>(col.offset + col.length, 1)) *
                                                   static_cast<size_t>(width)));
  ArrayNode node;
  node.length = col.length;
  node.null_count = col.null_count;
  node.offset = col.offset;
  node.buffers = {col.null_count == 0 ? nullptr : col.buffers[0], (*data)->data()};
  node.keep_alive = {*data, owner};
  return node;
}

// Rescales a time or timestamp column between units (and 4/8-byte widths).
Result<ArrayNode> Rescale(const ArrowArray& col, char from, char to, int from_width, int to_width,
                          const arrow::KeepAlive& owner, const std::string& where) {
  const int shift = UnitExponent(to) - UnitExponent(from);
  int64_t factor = 1;
  for (int i = 0; i < (shift < 0 ? -shift : shift); ++i) factor *= 10;
  std::shared_ptr<OwnedBuffer> buf;
  FN_ASSIGN_OR_RETURN(auto node, WithNewData(col, to_width, owner, &buf));
  const auto* src = static_cast<const uint8_t*>(col.buffers[1]);
  for (int64_t at = col.offset; at < col.offset + col.length; ++at) {
    int64_t v;
    if (from_width == 4) {
      int32_t x;
      std::memcpy(&x, src + at * 4, 4);
      v = x;
    } else {
      std::memcpy(&v, src + at * 8, 8);
    }
    if (shift > 0) {
      if (v > std::numeric_limits<int64_t>::max() / factor || v < std::numeric_limits<int64_t>::min() / factor) {
        return Status::Corruption(where + ": time value " + std::to_string(v) + " overflows when rescaled");
      }
      v *= factor;
    } else if (shift < 0) {
      v = FloorDiv(v, factor);
    }
    if (to_width == 4) {
      if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) {
        return Status::Corruption(where + ": time value " + std::to_string(v) + " does not fit 32 bits");
      }
      int32_t x = static_cast<int32_t>(v);
      std::memcpy(buf->data() + at * 4, &x, 4);
    } else {
      std::memcpy(buf->data() + at * 8, &v, 8);
    }
  }
  return node;
}

// Paimon stores BINARY(n) as variable-length bytes; the table's Arrow layout
// is fixed-size binary. Every non-null value must have exactly n bytes.
Result<ArrayNode> ToFixedBinary(const ArrowArray& col, int width, const arrow::KeepAlive& owner,
                                const std::string& where) {
  const auto* offsets = static_cast<const int32_t*>(col.buffers[1]);
  const auto* data = static_cast<const uint8_t*>(col.buffers[2]);
  std::shared_ptr<OwnedBuffer> buf;
  FN_ASSIGN_OR_RETURN(auto node, WithNewData(col, width, owner, &buf));
  for (int64_t i = 0; i < col.length; ++i) {
    if (!read::IsValid(read::RowRef{&col, i})) continue;
    const int64_t at = col.offset + i;
    const int64_t len = static_cast<int64_t>(offsets[at + 1]) - offsets[at];
    if (len != width) {
      return Status::Corruption(where + ": a BINARY(" + std::to_string(width) + ") value has " +
                                std::to_string(len) + " bytes");
    }
    std::memcpy(buf->data() + at * width, data + offsets[at], static_cast<size_t>(width));
  }
  return node;
}

Status Mismatch(const std::string& where, std::string_view file_format, const DataType& target) {
  return Status::Unsupported(where + ": file column of Arrow type '" + std::string(file_format) +
                             "' cannot be read as " + target.ToFlussString());
}

}  // namespace

Result<ArrayNode> ConformColumn(const ArrowArray& column, const ArrowSchema& schema, const DataType& target,
                                const arrow::KeepAlive& owner, const std::string& where) {
  const std::string_view have = schema.format ? schema.format : "";
  const std::string want = target.ToArrowFormat();
  if (column.n_children != schema.n_children) return Status::Internal(where + ": array and schema disagree");
  if (IsTimestamp(have) && IsTimestamp(want)) {
    // The zone suffix describes meaning, not layout: the table's type decides it.
    if (have[2] == want[2]) return read::BorrowArray(column, owner);
    return Rescale(column, have[2], want[2], 8, 8, owner, where);
  }
  if (IsTime(have) && IsTime(want)) {
    if (have[2] == want[2]) return read::BorrowArray(column, owner);
    return Rescale(column, have[2], want[2], TimeWidth(have[2]), TimeWidth(want[2]), owner, where);
  }
  if (have == "z" && target.root == TypeRoot::kBinary) return ToFixedBinary(column, target.length, owner, where);
  if (have != want) {
    // CHAR is stored as a plain string either way.
    return Mismatch(where, have, target);
  }
  if (want == "+l" || want == "+m" || want == "+s") {
    ArrayNode node;
    node.length = column.length;
    node.null_count = column.null_count;
    node.offset = column.offset;
    node.buffers.assign(column.buffers, column.buffers + column.n_buffers);
    node.keep_alive.push_back(owner);
    std::vector<DataType> child_types;
    if (target.root == TypeRoot::kMap) {
      child_types.push_back(arrow::MapEntriesType(target));
    } else {
      child_types = target.children;
    }
    if (static_cast<int64_t>(child_types.size()) != column.n_children) {
      return Status::Unsupported(where + ": file column has " + std::to_string(column.n_children) +
                                 " nested fields, the table's type " + target.ToFlussString() + " has " +
                                 std::to_string(child_types.size()));
    }
    for (int64_t i = 0; i < column.n_children; ++i) {
      const std::string child_where = where + "." + (schema.children[i]->name ? schema.children[i]->name : "?");
      FN_ASSIGN_OR_RETURN(auto child, ConformColumn(*column.children[i], *schema.children[i],
                                                    child_types[static_cast<size_t>(i)], owner, child_where));
      node.children.push_back(std::move(child));
    }
    return node;
  }
  return read::BorrowArray(column, owner);
}

Result<ArrayNode> NullColumn(const DataType& type, int64_t length) {
  if (length < 0) return Status::Internal("negative column length");
  ArrayNode node;
  node.length = length;
  node.null_count = length;
  const size_t n = static_cast<size_t>(length);
  FN_ASSIGN_OR_RETURN(auto validity, OwnedBuffer::Allocate(std::max<size_t>((n + 7) / 8, 1)));
  node.buffers.push_back(validity->data());
  node.keep_alive.push_back(validity);
  auto zeros = [&](size_t bytes) -> Result<const void*> {
    FN_ASSIGN_OR_RETURN(auto b, OwnedBuffer::Allocate(std::max<size_t>(bytes, 1)));
    node.keep_alive.push_back(b);
    return static_cast<const void*>(b->data());
  };
  switch (type.root) {
    case TypeRoot::kBoolean: {
      FN_ASSIGN_OR_RETURN(auto data, zeros((n + 7) / 8));
      node.buffers.push_back(data);
      break;
    }
    case TypeRoot::kChar:
    case TypeRoot::kString:
    case TypeRoot::kBytes: {
      FN_ASSIGN_OR_RETURN(auto offsets, zeros((n + 1) * 4));
      node.buffers.push_back(offsets);
      node.buffers.push_back(arrow::ZeroBytes());
      break;
    }
    case TypeRoot::kArray:
    case TypeRoot::kMap: {
      FN_ASSIGN_OR_RETURN(auto offsets, zeros((n + 1) * 4));
      node.buffers.push_back(offsets);
      const DataType child = type.root == TypeRoot::kMap ? arrow::MapEntriesType(type) : type.children[0];
      node.children.push_back(arrow::MakeEmptyArrayNode(child));
      break;
    }
    case TypeRoot::kRow:
      for (const auto& child : type.children) {
        FN_ASSIGN_OR_RETURN(auto c, NullColumn(child, length));
        node.children.push_back(std::move(c));
      }
      break;
    default: {
      const int width = read::FixedWidthBytes(type);
      if (width <= 0) return Status::Internal("no fixed width for " + type.ToFlussString());
      FN_ASSIGN_OR_RETURN(auto data, zeros(n * static_cast<size_t>(width)));
      node.buffers.push_back(data);
    }
  }
  return node;
}

}  // namespace fluss_native::lake::paimon
