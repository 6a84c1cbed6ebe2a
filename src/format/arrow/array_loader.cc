#include "format/arrow/array_loader.h"

#include <cstring>
#include <string>

#include "format/arrow/ipc_message_generated.h"

namespace fluss_native::arrow {

namespace {

constexpr int kMaxDepth = 64;
// Keeps length * width below 2^63 for every width we use (at most 2^31).
constexpr int64_t kMaxLength = int64_t{1} << 31;

int64_t BitmapBytes(int64_t length) { return (length + 7) / 8; }

int32_t LoadInt32(const uint8_t* p) {
  int32_t v;
  std::memcpy(&v, p, sizeof(v));  // the body may be unaligned when not realigned
  return v;
}

// Byte width of the values of a fixed-width type, 0 for other types.
int64_t FixedWidth(const DataType& type) {
  switch (type.root) {
    case TypeRoot::kTinyInt: return 1;
    case TypeRoot::kSmallInt: return 2;
    case TypeRoot::kInt:
    case TypeRoot::kFloat:
    case TypeRoot::kDate: return 4;
    case TypeRoot::kBigInt:
    case TypeRoot::kDouble:
    case TypeRoot::kTimestamp:
    case TypeRoot::kTimestampLtz: return 8;
    // Fluss writes TIME(0..3) as time32 (s/ms) and TIME(4..9) as time64 (us/ns).
    case TypeRoot::kTime: return type.precision <= 3 ? 4 : 8;
    case TypeRoot::kDecimal: return 16;
    case TypeRoot::kBinary: return type.length;
    default: return 0;
  }
}

}  // namespace

ArrayLoader::ArrayLoader(const arrow_ipc::RecordBatch& batch, BodyBuffers* buffers,
                         KeepAlive keep_alive)
    : batch_(batch), buffers_(buffers), keep_alive_(std::move(keep_alive)) {}

Result<ArrayLoader::Node> ArrayLoader::NextNode(const DataType& type) {
  const auto* nodes = batch_.nodes();
  const int64_t count = nodes == nullptr ? 0 : static_cast<int64_t>(nodes->size());
  if (node_index_ >= count) {
    return Status::Corruption("Arrow IPC RecordBatch has " + std::to_string(count) +
                              " field nodes, the column types need more");
  }
  const arrow_ipc::FieldNode* fn = nodes->Get(static_cast<flatbuffers::uoffset_t>(node_index_));
  Node node{fn->length(), fn->null_count()};
  auto where = [index = node_index_] { return "Arrow IPC field node " + std::to_string(index); };
  ++node_index_;
  if (node.length < 0 || node.length > kMaxLength) {
    return Status::Corruption(where() + " has length " + std::to_string(node.length));
  }
  if (node.null_count < 0 || node.null_count > node.length) {
    return Status::Corruption(where() + " has null count " + std::to_string(node.null_count) +
                              " for length " + std::to_string(node.length));
  }
  // A NOT NULL column with nulls would reach the host as impossible data.
  if (!type.nullable && node.null_count > 0) {
    return Status::Corruption(where() + " of NOT NULL type " + type.ToFlussString() + " has " +
                              std::to_string(node.null_count) + " nulls");
  }
  return node;
}

Result<BufferSlice> ArrayLoader::NextBuffer() { return buffers_->Get(buffer_index_++); }

Status ArrayLoader::AddValidity(const Node& node, ArrayNode* out) {
  FN_ASSIGN_OR_RETURN(BufferSlice bits, NextBuffer());
  if (node.null_count == 0) {
    // Writers may still send a bitmap; with no nulls it carries nothing.
    out->buffers.push_back(nullptr);
    return Status::OK();
  }
  if (bits.size < BitmapBytes(node.length)) {
    return Status::Corruption("Arrow IPC validity bitmap of " + std::to_string(bits.size) +
                              " bytes is too short for " + std::to_string(node.length) +
                              " values");
  }
  out->buffers.push_back(bits.data);
  return Status::OK();
}

Status ArrayLoader::AddFixedWidth(const Node& node, int64_t byte_width, ArrayNode* out) {
  FN_ASSIGN_OR_RETURN(BufferSlice data, NextBuffer());
  const int64_t need = node.length * byte_width;
  if (data.size < need) {
    return Status::Corruption("Arrow IPC data buffer of " + std::to_string(data.size) +
                              " bytes is too short for " + std::to_string(node.length) +
                              " values of " + std::to_string(byte_width) + " bytes");
  }
  out->buffers.push_back(data.size == 0 ? ZeroBytes() : data.data);
  return Status::OK();
}

Status ArrayLoader::AddBits(const Node& node, ArrayNode* out) {
  FN_ASSIGN_OR_RETURN(BufferSlice data, NextBuffer());
  if (data.size < BitmapBytes(node.length)) {
    return Status::Corruption("Arrow IPC boolean buffer of " + std::to_string(data.size) +
                              " bytes is too short for " + std::to_string(node.length) +
                              " values");
  }
  out->buffers.push_back(data.size == 0 ? ZeroBytes() : data.data);
  return Status::OK();
}

Status ArrayLoader::AddOffsets(const Node& node, ArrayNode* out, int64_t* end) {
  FN_ASSIGN_OR_RETURN(BufferSlice offsets, NextBuffer());
  if (node.length == 0 && offsets.size == 0) {
    // Writers may omit the single 0 offset of an empty array; consumers
    // still read offsets[0], so point at static zeros.
    out->buffers.push_back(ZeroBytes());
    *end = 0;
    return Status::OK();
  }
  const int64_t need = (node.length + 1) * 4;
  if (offsets.size < need) {
    return Status::Corruption("Arrow IPC offsets buffer of " + std::to_string(offsets.size) +
                              " bytes is too short for " + std::to_string(node.length) +
                              " values");
  }
  int32_t prev = LoadInt32(offsets.data);
  if (prev < 0) return Status::Corruption("Arrow IPC offsets start negative");
  for (int64_t i = 1; i <= node.length; ++i) {
    const int32_t cur = LoadInt32(offsets.data + 4 * i);
    if (cur < prev) {
      return Status::Corruption("Arrow IPC offsets decrease at index " + std::to_string(i));
    }
    prev = cur;
  }
  out->buffers.push_back(offsets.data);
  *end = prev;
  return Status::OK();
}

Status ArrayLoader::LoadVarBinary(const Node& node, ArrayNode* out) {
  int64_t end = 0;
  FN_RETURN_IF_ERROR(AddOffsets(node, out, &end));
  FN_ASSIGN_OR_RETURN(BufferSlice data, NextBuffer());
  if (end > data.size) {
    return Status::Corruption("Arrow IPC offsets reach byte " + std::to_string(end) +
                              " of a " + std::to_string(data.size) + "-byte data buffer");
  }
  out->buffers.push_back(data.size == 0 ? ZeroBytes() : data.data);
  return Status::OK();
}

Status ArrayLoader::LoadList(const Node& node, const DataType& type, int depth, ArrayNode* out) {
  int64_t end = 0;
  FN_RETURN_IF_ERROR(AddOffsets(node, out, &end));
  FN_ASSIGN_OR_RETURN(ArrayNode child, LoadAt(type.children[0], depth + 1));
  if (end > child.length) {
    return Status::Corruption("Arrow IPC list offsets reach " + std::to_string(end) +
                              " but the child has " + std::to_string(child.length) + " values");
  }
  out->children.push_back(std::move(child));
  return Status::OK();
}

Status ArrayLoader::LoadMap(const Node& node, const DataType& type, int depth, ArrayNode* out) {
  int64_t end = 0;
  FN_RETURN_IF_ERROR(AddOffsets(node, out, &end));
  // The entries struct<key, value>: its own node and validity, never null.
  DataType entries_type = MapEntriesType(type);
  FN_ASSIGN_OR_RETURN(Node entries_node, NextNode(entries_type));
  ArrayNode entries;
  entries.length = entries_node.length;
  entries.null_count = 0;
  entries.keep_alive.push_back(keep_alive_);
  FN_RETURN_IF_ERROR(AddValidity(entries_node, &entries));
  for (int i = 0; i < 2; ++i) {
    FN_ASSIGN_OR_RETURN(ArrayNode child, LoadAt(type.children[i], depth + 1));
    if (child.length < entries.length) {
      return Status::Corruption("Arrow IPC map entry child is shorter than its entries");
    }
    if (i == 0 && child.null_count != 0) {
      return Status::Corruption("Arrow IPC map has null keys");
    }
    entries.children.push_back(std::move(child));
  }
  if (end > entries.length) {
    return Status::Corruption("Arrow IPC map offsets reach " + std::to_string(end) +
                              " but there are " + std::to_string(entries.length) + " entries");
  }
  out->children.push_back(std::move(entries));
  return Status::OK();
}

Status ArrayLoader::LoadStruct(const Node& node, const DataType& type, int depth,
                               ArrayNode* out) {
  for (const DataType& field : type.children) {
    FN_ASSIGN_OR_RETURN(ArrayNode child, LoadAt(field, depth + 1));
    if (child.length < node.length) {
      return Status::Corruption("Arrow IPC struct child has " + std::to_string(child.length) +
                                " values, the struct " + std::to_string(node.length));
    }
    out->children.push_back(std::move(child));
  }
  return Status::OK();
}

Result<ArrayNode> ArrayLoader::LoadAt(const DataType& type, int depth) {
  if (depth > kMaxDepth) return Status::InvalidArgument("type nested deeper than 64 levels");
  FN_ASSIGN_OR_RETURN(Node node, NextNode(type));
  ArrayNode out;
  out.length = node.length;
  out.null_count = node.null_count;
  out.keep_alive.push_back(keep_alive_);
  FN_RETURN_IF_ERROR(AddValidity(node, &out));
  switch (type.root) {
    case TypeRoot::kBoolean:
      FN_RETURN_IF_ERROR(AddBits(node, &out));
      break;
    case TypeRoot::kChar:
    case TypeRoot::kString:
    case TypeRoot::kBytes:
      FN_RETURN_IF_ERROR(LoadVarBinary(node, &out));
      break;
    case TypeRoot::kArray:
      FN_RETURN_IF_ERROR(LoadList(node, type, depth, &out));
      break;
    case TypeRoot::kMap:
      FN_RETURN_IF_ERROR(LoadMap(node, type, depth, &out));
      break;
    case TypeRoot::kRow:
      FN_RETURN_IF_ERROR(LoadStruct(node, type, depth, &out));
      break;
    default:
      FN_RETURN_IF_ERROR(AddFixedWidth(node, FixedWidth(type), &out));
      break;
  }
  return out;
}

Status ArrayLoader::Finish() const {
  const int64_t nodes = batch_.nodes() == nullptr ? 0 : batch_.nodes()->size();
  if (node_index_ != nodes || buffer_index_ != buffers_->count()) {
    return Status::Corruption("Arrow IPC RecordBatch has " + std::to_string(nodes) +
                              " field nodes and " + std::to_string(buffers_->count()) +
                              " buffers, the column types use " + std::to_string(node_index_) +
                              " and " + std::to_string(buffer_index_) +
                              " (schema mismatch?)");
  }
  return Status::OK();
}

}  // namespace fluss_native::arrow
