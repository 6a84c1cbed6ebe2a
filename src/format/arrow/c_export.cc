#include "format/arrow/c_export.h"

#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <utility>

namespace fluss_native::arrow {

namespace {

constexpr std::align_val_t kAlignment{64};

alignas(64) const uint8_t kZeroBytes[64] = {};

// Everything an exported ArrowArray owns. Child structs live here too; a host
// may move a child out (copy the struct, mark ours released), which is why
// release() checks each child's release pointer before calling it.
struct ArrayPrivate {
  std::vector<const void*> buffers;
  std::unique_ptr<ArrowArray[]> child_storage;
  std::vector<ArrowArray*> child_ptrs;
  std::vector<KeepAlive> keep_alive;
};

void ReleaseArray(ArrowArray* array) {
  if (array == nullptr || array->release == nullptr) return;
  auto* priv = static_cast<ArrayPrivate*>(array->private_data);
  for (ArrowArray* child : priv->child_ptrs) {
    if (child->release != nullptr) child->release(child);
  }
  delete priv;
  array->private_data = nullptr;
  array->release = nullptr;
}

struct SchemaPrivate {
  std::string format;
  std::string name;
  std::unique_ptr<ArrowSchema[]> child_storage;
  std::vector<ArrowSchema*> child_ptrs;
};

void ReleaseSchema(ArrowSchema* schema) {
  if (schema == nullptr || schema->release == nullptr) return;
  auto* priv = static_cast<SchemaPrivate*>(schema->private_data);
  for (ArrowSchema* child : priv->child_ptrs) {
    if (child->release != nullptr) child->release(child);
  }
  delete priv;
  schema->private_data = nullptr;
  schema->release = nullptr;
}

// Fills `out` with a schema node; children are filled by the caller through
// the returned private data.
SchemaPrivate* InitSchema(std::string format, std::string_view name, int64_t flags,
                          size_t n_children, ArrowSchema* out) {
  auto* priv = new SchemaPrivate;
  priv->format = std::move(format);
  priv->name = std::string(name);
  priv->child_storage.reset(new ArrowSchema[n_children]);
  for (size_t i = 0; i < n_children; ++i) {
    priv->child_storage[i].release = nullptr;
    priv->child_ptrs.push_back(&priv->child_storage[i]);
  }
  out->format = priv->format.c_str();
  out->name = priv->name.c_str();
  out->metadata = nullptr;
  out->flags = flags;
  out->n_children = static_cast<int64_t>(n_children);
  out->children = n_children ? priv->child_ptrs.data() : nullptr;
  out->dictionary = nullptr;
  out->release = &ReleaseSchema;
  out->private_data = priv;
  return priv;
}

const char* ShapeName(TypeRoot root) {
  switch (root) {
    case TypeRoot::kArray: return "ARRAY";
    case TypeRoot::kMap: return "MAP";
    case TypeRoot::kRow: return "ROW";
    default: return "scalar";
  }
}

Status ValidateAt(const DataType& type, int depth) {
  if (depth > 64) return Status::InvalidArgument("type nested deeper than 64 levels");
  size_t want = 0;
  switch (type.root) {
    case TypeRoot::kArray: want = 1; break;
    case TypeRoot::kMap: want = 2; break;
    case TypeRoot::kRow:
      want = type.children.size();
      if (type.field_names.size() != want || type.field_descriptions.size() != want) {
        return Status::InvalidArgument("ROW type with " + std::to_string(want) +
                                       " fields has " +
                                       std::to_string(type.field_names.size()) +
                                       " names and " +
                                       std::to_string(type.field_descriptions.size()) +
                                       " descriptions");
      }
      break;
    case TypeRoot::kDecimal:
      if (type.precision < 1 || type.precision > 38 || type.scale < 0 ||
          type.scale > type.precision) {
        return Status::InvalidArgument("DECIMAL(" + std::to_string(type.precision) + ", " +
                                       std::to_string(type.scale) + ") is out of range");
      }
      break;
    case TypeRoot::kBinary:
    case TypeRoot::kChar:
      if (type.length < 1) {
        return Status::InvalidArgument("BINARY/CHAR length " + std::to_string(type.length));
      }
      break;
    default: break;
  }
  if (type.children.size() != want) {
    return Status::InvalidArgument(std::string(ShapeName(type.root)) + " type has " +
                                   std::to_string(type.children.size()) + " children");
  }
  for (const DataType& child : type.children) FN_RETURN_IF_ERROR(ValidateAt(child, depth + 1));
  return Status::OK();
}

// `type` has passed ValidateType.
Status FillSchema(const DataType& type, std::string_view name, ArrowSchema* out, int depth) {
  const int64_t flags = type.nullable ? ARROW_FLAG_NULLABLE : 0;
  Status st;
  switch (type.root) {
    case TypeRoot::kArray: {
      SchemaPrivate* priv = InitSchema(type.ToArrowFormat(), name, flags, 1, out);
      st = FillSchema(type.children[0], "element", priv->child_ptrs[0], depth + 1);
      break;
    }
    case TypeRoot::kMap: {
      // Arrow's map is list<struct<key, value>>; the entries struct is never null.
      SchemaPrivate* priv = InitSchema(type.ToArrowFormat(), name, flags, 1, out);
      SchemaPrivate* entries = InitSchema("+s", "entries", 0, 2, priv->child_ptrs[0]);
      st = FillSchema(type.children[0], "key", entries->child_ptrs[0], depth + 1);
      if (st.ok()) st = FillSchema(type.children[1], "value", entries->child_ptrs[1], depth + 1);
      break;
    }
    case TypeRoot::kRow: {
      SchemaPrivate* priv =
          InitSchema(type.ToArrowFormat(), name, flags, type.children.size(), out);
      for (size_t i = 0; i < type.children.size() && st.ok(); ++i) {
        st = FillSchema(type.children[i], type.field_names[i], priv->child_ptrs[i], depth + 1);
      }
      break;
    }
    default:
      InitSchema(type.ToArrowFormat(), name, flags, 0, out);
      break;
  }
  if (!st.ok()) ReleaseSchema(out);
  return st;
}

}  // namespace

namespace {

Result<std::shared_ptr<OwnedBuffer>> AllocateAligned(size_t size, size_t max_size,
                                                     bool zero_all,
                                                     OwnedBuffer* (*make)(uint8_t*, size_t)) {
  if (size > max_size) {
    return Status::InvalidArgument("buffer of " + std::to_string(size) +
                                   " bytes exceeds the limit of " + std::to_string(max_size));
  }
  // Never a zero-size allocation: exported pointers must not be null.
  const size_t alloc = size == 0 ? 64 : (size + 63) / 64 * 64;
  void* p = ::operator new(alloc, kAlignment, std::nothrow);
  if (p == nullptr) {
    return Status::ResourceExhausted("cannot allocate " + std::to_string(alloc) + " bytes");
  }
  auto* bytes = static_cast<uint8_t*>(p);
  if (zero_all) {
    std::memset(bytes, 0, alloc);
  } else {
    std::memset(bytes + size, 0, alloc - size);
  }
  return std::shared_ptr<OwnedBuffer>(make(bytes, size));
}

}  // namespace

Result<std::shared_ptr<OwnedBuffer>> OwnedBuffer::Allocate(size_t size, size_t max_size) {
  return AllocateAligned(size, max_size, true,
                         [](uint8_t* p, size_t n) { return new OwnedBuffer(p, n); });
}

Result<std::shared_ptr<OwnedBuffer>> OwnedBuffer::AllocateForOverwrite(size_t size,
                                                                       size_t max_size) {
  return AllocateAligned(size, max_size, false,
                         [](uint8_t* p, size_t n) { return new OwnedBuffer(p, n); });
}

OwnedBuffer::~OwnedBuffer() { ::operator delete(data_, kAlignment); }

const void* ZeroBytes() { return kZeroBytes; }

void ExportArray(ArrayNode node, ArrowArray* out) {
  auto* priv = new ArrayPrivate;
  priv->buffers = std::move(node.buffers);
  priv->keep_alive = std::move(node.keep_alive);
  const size_t n_children = node.children.size();
  priv->child_storage.reset(new ArrowArray[n_children]);
  for (size_t i = 0; i < n_children; ++i) {
    ExportArray(std::move(node.children[i]), &priv->child_storage[i]);
    priv->child_ptrs.push_back(&priv->child_storage[i]);
  }
  out->length = node.length;
  out->null_count = node.null_count;
  out->offset = node.offset;
  out->n_buffers = static_cast<int64_t>(priv->buffers.size());
  out->n_children = static_cast<int64_t>(n_children);
  out->buffers = priv->buffers.empty() ? nullptr : priv->buffers.data();
  out->children = n_children ? priv->child_ptrs.data() : nullptr;
  out->dictionary = nullptr;
  out->release = &ReleaseArray;
  out->private_data = priv;
}

ArrayNode MakeEmptyArrayNode(const DataType& type) {
  ArrayNode node;
  switch (type.root) {
    case TypeRoot::kString:
    case TypeRoot::kChar:
    case TypeRoot::kBytes:
      node.buffers = {nullptr, ZeroBytes(), ZeroBytes()};
      break;
    case TypeRoot::kArray:
      node.buffers = {nullptr, ZeroBytes()};
      if (!type.children.empty()) node.children.push_back(MakeEmptyArrayNode(type.children[0]));
      break;
    case TypeRoot::kMap: {
      node.buffers = {nullptr, ZeroBytes()};
      ArrayNode entries;
      entries.buffers = {nullptr};
      for (const DataType& child : type.children) {
        entries.children.push_back(MakeEmptyArrayNode(child));
      }
      node.children.push_back(std::move(entries));
      break;
    }
    case TypeRoot::kRow:
      node.buffers = {nullptr};
      for (const DataType& child : type.children) {
        node.children.push_back(MakeEmptyArrayNode(child));
      }
      break;
    default:
      node.buffers = {nullptr, ZeroBytes()};
      break;
  }
  return node;
}

Status ValidateType(const DataType& type) { return ValidateAt(type, 0); }

Status ExportSchema(const DataType& type, std::string_view name, ArrowSchema* out) {
  FN_RETURN_IF_ERROR(ValidateType(type));
  return FillSchema(type, name, out, 0);
}

Status ExportRowSchema(const DataType& row_type, ArrowSchema* out) {
  FN_RETURN_IF_ERROR(ValidateType(row_type));
  if (row_type.root != TypeRoot::kRow) {
    return Status::InvalidArgument("record batch type must be ROW, got " +
                                   row_type.ToFlussString());
  }
  DataType top = row_type;
  top.nullable = false;
  return FillSchema(top, "", out, 0);
}

UniqueArrowArray::UniqueArrowArray(UniqueArrowArray&& o) noexcept : array_(o.array_) {
  o.array_.release = nullptr;
}

UniqueArrowArray& UniqueArrowArray::operator=(UniqueArrowArray&& o) noexcept {
  if (this != &o) {
    reset();
    array_ = o.array_;
    o.array_.release = nullptr;
  }
  return *this;
}

void UniqueArrowArray::reset() {
  if (array_.release != nullptr) array_.release(&array_);
  array_.release = nullptr;
}

void UniqueArrowArray::MoveTo(ArrowArray* out) {
  *out = array_;
  array_.release = nullptr;
}

UniqueArrowSchema::UniqueArrowSchema(UniqueArrowSchema&& o) noexcept : schema_(o.schema_) {
  o.schema_.release = nullptr;
}

UniqueArrowSchema& UniqueArrowSchema::operator=(UniqueArrowSchema&& o) noexcept {
  if (this != &o) {
    reset();
    schema_ = o.schema_;
    o.schema_.release = nullptr;
  }
  return *this;
}

void UniqueArrowSchema::reset() {
  if (schema_.release != nullptr) schema_.release(&schema_);
  schema_.release = nullptr;
}

void UniqueArrowSchema::MoveTo(ArrowSchema* out) {
  *out = schema_;
  schema_.release = nullptr;
}

DataType MapEntriesType(const DataType& map_type) {
  DataType entries;
  entries.root = TypeRoot::kRow;
  entries.nullable = false;
  entries.children = map_type.children;
  entries.field_names = {"key", "value"};
  entries.field_ids = {-1, -1};
  entries.field_descriptions.resize(2);
  return entries;
}

}  // namespace fluss_native::arrow
