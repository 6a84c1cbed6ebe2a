#include "format/arrow/ipc_writer.h"

#include <flatbuffers/flatbuffers.h>

#include <cstring>

#include "format/arrow/c_export.h"
#include "format/arrow/array_take.h"

namespace fluss_native::arrow {
namespace {

using flatbuffers::FlatBufferBuilder;
using flatbuffers::Offset;
using flatbuffers::uoffset_t;

// Field slots (vtable offsets: 4 + 2 * index) of the Arrow flatbuffer
// tables we write, from format/Schema.fbs and Message.fbs. A union takes two
// slots: its type tag, then its value.
constexpr flatbuffers::voffset_t Slot(int index) { return static_cast<flatbuffers::voffset_t>(4 + 2 * index); }

// Type union tags (Schema.fbs `union Type`).
enum TypeTag : uint8_t {
  kInt = 2, kFloatingPoint = 3, kBinary = 4, kUtf8 = 5, kBool = 6, kDecimal = 7, kDate = 8,
  kTime = 9, kTimestamp = 10, kList = 12, kStruct = 13, kFixedSizeBinary = 15, kMap = 17,
};
constexpr uint8_t kHeaderSchema = 1;
constexpr uint8_t kHeaderRecordBatch = 3;
constexpr int16_t kMetadataV5 = 4;

int16_t TimeUnitOf(int precision) { return precision == 0 ? 0 : precision <= 3 ? 1 : precision <= 6 ? 2 : 3; }

// A table with only scalar fields, each a (slot, value) pair. The builders
// force defaults, so every value is written.
template <typename... Fields>
Offset<void> ScalarTable(FlatBufferBuilder& fbb, Fields... fields) {
  uoffset_t start = fbb.StartTable();
  (fbb.AddElement(Slot(fields.first), fields.second, decltype(fields.second){}), ...);
  return Offset<void>(fbb.EndTable(start));
}

// Returns the type tag and writes the type table for `t`.
std::pair<uint8_t, Offset<void>> TypeTable(FlatBufferBuilder& fbb, const DataType& t) {
  auto empty = [&] { return Offset<void>(fbb.EndTable(fbb.StartTable())); };
  auto int_type = [&](int32_t bits) {
    return ScalarTable(fbb, std::pair<int, int32_t>{0, bits}, std::pair<int, uint8_t>{1, 1});
  };
  switch (t.root) {
    case TypeRoot::kBoolean: return {kBool, empty()};
    case TypeRoot::kTinyInt: return {kInt, int_type(8)};
    case TypeRoot::kSmallInt: return {kInt, int_type(16)};
    case TypeRoot::kInt: return {kInt, int_type(32)};
    case TypeRoot::kBigInt: return {kInt, int_type(64)};
    case TypeRoot::kFloat: return {kFloatingPoint, ScalarTable(fbb, std::pair<int, int16_t>{0, 1})};
    case TypeRoot::kDouble: return {kFloatingPoint, ScalarTable(fbb, std::pair<int, int16_t>{0, 2})};
    case TypeRoot::kDecimal:
      return {kDecimal, ScalarTable(fbb, std::pair<int, int32_t>{0, t.precision}, std::pair<int, int32_t>{1, t.scale},
                                    std::pair<int, int32_t>{2, 128})};
    case TypeRoot::kChar:
    case TypeRoot::kString: return {kUtf8, empty()};
    case TypeRoot::kBinary: return {kFixedSizeBinary, ScalarTable(fbb, std::pair<int, int32_t>{0, t.length})};
    case TypeRoot::kBytes: return {kBinary, empty()};
    case TypeRoot::kDate: return {kDate, ScalarTable(fbb, std::pair<int, int16_t>{0, 0})};
    case TypeRoot::kTime:
      return {kTime, ScalarTable(fbb, std::pair<int, int16_t>{0, TimeUnitOf(t.precision)},
                                 std::pair<int, int32_t>{1, t.precision <= 3 ? 32 : 64})};
    case TypeRoot::kTimestamp:
    case TypeRoot::kTimestampLtz: {
      Offset<flatbuffers::String> tz;
      if (t.root == TypeRoot::kTimestampLtz) tz = fbb.CreateString("UTC");
      uoffset_t start = fbb.StartTable();
      fbb.AddElement<int16_t>(Slot(0), TimeUnitOf(t.precision), -1);
      if (!tz.IsNull()) fbb.AddOffset(Slot(1), tz);
      return {kTimestamp, Offset<void>(fbb.EndTable(start))};
    }
    case TypeRoot::kArray: return {kList, empty()};
    case TypeRoot::kMap: return {kMap, ScalarTable(fbb, std::pair<int, uint8_t>{0, 0})};
    case TypeRoot::kRow: return {kStruct, empty()};
  }
  return {0, Offset<void>()};
}

Offset<void> FieldTable(FlatBufferBuilder& fbb, const std::string& name, const DataType& t) {
  std::vector<Offset<void>> children;
  if (t.root == TypeRoot::kArray) {
    children.push_back(FieldTable(fbb, "element", t.children[0]));
  } else if (t.root == TypeRoot::kMap) {
    DataType entries = MapEntriesType(t);
    entries.children[0].nullable = false;  // Arrow map keys are never null
    children.push_back(FieldTable(fbb, "entries", entries));
  } else if (t.root == TypeRoot::kRow) {
    for (size_t i = 0; i < t.children.size(); ++i) children.push_back(FieldTable(fbb, t.field_names[i], t.children[i]));
  }
  auto name_off = fbb.CreateString(name);
  auto [tag, type] = TypeTable(fbb, t);
  auto children_off = fbb.CreateVector(children);
  uoffset_t start = fbb.StartTable();
  fbb.AddOffset(Slot(0), name_off);
  fbb.AddElement<uint8_t>(Slot(1), t.nullable ? 1 : 0, 2);  // never equal: always written
  fbb.AddElement<uint8_t>(Slot(2), tag, 0);
  fbb.AddOffset(Slot(3), type);
  fbb.AddOffset(Slot(5), children_off);
  return Offset<void>(fbb.EndTable(start));
}

std::string MessageBytes(FlatBufferBuilder& fbb, uint8_t header_tag, Offset<void> header, int64_t body_length) {
  uoffset_t start = fbb.StartTable();
  fbb.AddElement<int16_t>(Slot(0), kMetadataV5, -1);
  fbb.AddElement<uint8_t>(Slot(1), header_tag, 0);
  fbb.AddOffset(Slot(2), header);
  fbb.AddElement<int64_t>(Slot(3), body_length, -1);
  fbb.Finish(Offset<void>(fbb.EndTable(start)));
  return std::string(reinterpret_cast<const char*>(fbb.GetBufferPointer()), fbb.GetSize());
}

struct FieldNodeStruct {
  int64_t length;
  int64_t null_count;
};
struct BufferStruct {
  int64_t offset;
  int64_t length;
};

// Appends `node` (compacted: offset 0, known null count) depth-first.
class BodyWriter {
 public:
  void Add(const ArrayNode& node, const DataType& t) {
    nodes.push_back({node.length, node.null_count});
    const size_t n = static_cast<size_t>(node.length);
    Buffer(node.buffers[0], node.null_count == 0 ? 0 : (n + 7) / 8);
    switch (t.root) {
      case TypeRoot::kBoolean: Buffer(node.buffers[1], (n + 7) / 8); break;
      case TypeRoot::kChar:
      case TypeRoot::kString:
      case TypeRoot::kBytes: {
        Buffer(node.buffers[1], (n + 1) * 4);
        Buffer(node.buffers[2], static_cast<size_t>(static_cast<const int32_t*>(node.buffers[1])[n]));
        break;
      }
      case TypeRoot::kArray:
      case TypeRoot::kMap: {
        Buffer(node.buffers[1], (n + 1) * 4);
        Add(node.children[0], t.root == TypeRoot::kMap ? MapEntriesType(t) : t.children[0]);
        break;
      }
      case TypeRoot::kRow:
        for (size_t i = 0; i < t.children.size(); ++i) Add(node.children[i], t.children[i]);
        break;
      default: {
        size_t width = static_cast<size_t>(read::FixedWidthBytes(t));
        Buffer(node.buffers[1], n * width);
      }
    }
  }

  std::vector<FieldNodeStruct> nodes;
  std::vector<BufferStruct> buffers;
  std::string body;

 private:
  void Buffer(const void* data, size_t size) {
    buffers.push_back({static_cast<int64_t>(body.size()), static_cast<int64_t>(size)});
    if (size > 0 && data) body.append(static_cast<const char*>(data), size);
    body.resize((body.size() + 7) & ~size_t{7}, '\0');
  }
};

}  // namespace

Status IpcStreamWriter::WriteMessage(const std::string& metadata, const std::string& body) {
  std::string frame;
  uint32_t continuation = 0xFFFFFFFFu;
  size_t padded = (metadata.size() + 8 + 7) / 8 * 8 - 8;  // prefix + metadata ends 8-aligned
  int32_t length = static_cast<int32_t>(padded);
  frame.append(reinterpret_cast<const char*>(&continuation), 4);
  frame.append(reinterpret_cast<const char*>(&length), 4);
  frame.append(metadata);
  frame.resize(8 + padded, '\0');
  out_->write(frame.data(), static_cast<std::streamsize>(frame.size()));
  out_->write(body.data(), static_cast<std::streamsize>(body.size()));
  if (!*out_) return Status::Internal("cannot write the Arrow IPC stream");
  return Status::OK();
}

Status IpcStreamWriter::Begin() {
  FN_RETURN_IF_ERROR(ValidateType(row_type_));
  FlatBufferBuilder fbb;
  fbb.ForceDefaults(true);  // write every field, so no reader relies on matching defaults
  std::vector<Offset<void>> fields;
  for (size_t i = 0; i < row_type_.children.size(); ++i) {
    fields.push_back(FieldTable(fbb, row_type_.field_names[i], row_type_.children[i]));
  }
  auto fields_off = fbb.CreateVector(fields);
  uoffset_t start = fbb.StartTable();
  fbb.AddOffset(Slot(1), fields_off);
  Offset<void> schema(fbb.EndTable(start));
  return WriteMessage(MessageBytes(fbb, kHeaderSchema, schema, 0), "");
}

Status IpcStreamWriter::WriteBatch(const ArrowArray& batch) {
  if (batch.n_children != static_cast<int64_t>(row_type_.children.size())) {
    return Status::InvalidArgument("batch has " + std::to_string(batch.n_children) + " columns, schema " +
                                   std::to_string(row_type_.children.size()));
  }
  // Compact every column (IPC has no array offsets, and null counts must be known).
  BodyWriter body;
  for (size_t c = 0; c < row_type_.children.size(); ++c) {
    std::vector<read::RowRef> rows;
    rows.reserve(static_cast<size_t>(batch.length));
    for (int64_t i = 0; i < batch.length; ++i) rows.push_back({batch.children[c], batch.offset + i});
    FN_ASSIGN_OR_RETURN(ArrayNode column, read::Take(rows, row_type_.children[c]));
    body.Add(column, row_type_.children[c]);
  }
  FlatBufferBuilder fbb;
  fbb.ForceDefaults(true);
  auto nodes_off = fbb.CreateVectorOfStructs(body.nodes.data(), body.nodes.size());
  auto buffers_off = fbb.CreateVectorOfStructs(body.buffers.data(), body.buffers.size());
  uoffset_t start = fbb.StartTable();
  fbb.AddElement<int64_t>(Slot(0), batch.length, -1);
  fbb.AddOffset(Slot(1), nodes_off);
  fbb.AddOffset(Slot(2), buffers_off);
  Offset<void> record_batch(fbb.EndTable(start));
  return WriteMessage(MessageBytes(fbb, kHeaderRecordBatch, record_batch, static_cast<int64_t>(body.body.size())),
                      body.body);
}

Status IpcStreamWriter::End() {
  const char eos[8] = {'\xff', '\xff', '\xff', '\xff', 0, 0, 0, 0};
  out_->write(eos, 8);
  out_->flush();
  if (!*out_) return Status::Internal("cannot write the Arrow IPC stream");
  return Status::OK();
}

}  // namespace fluss_native::arrow
