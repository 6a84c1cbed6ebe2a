#include "format/parquet/arrow_export.h"

#include <cstring>

namespace fluss_native::parquet {
namespace {

// Arrow requires non-null pointers for mandatory buffers even when empty;
// empty ones point here. Read-only, so sharing it is safe.
alignas(64) const uint8_t kEmpty[64] = {0};

struct ArrayPrivate {
  std::unique_ptr<ArrayData> data;
  std::vector<const void*> buffer_ptrs;
  std::vector<ArrowArray> child_storage;
  std::vector<ArrowArray*> child_ptrs;
};

void ReleaseArray(ArrowArray* array) {
  if (array == nullptr || array->release == nullptr) return;
  auto* priv = static_cast<ArrayPrivate*>(array->private_data);
  for (ArrowArray& child : priv->child_storage) {
    if (child.release != nullptr) child.release(&child);
  }
  delete priv;
  array->release = nullptr;
}

struct SchemaPrivate {
  std::string format;
  std::string name;
  std::vector<ArrowSchema> child_storage;
  std::vector<ArrowSchema*> child_ptrs;
};

void ReleaseSchema(ArrowSchema* schema) {
  if (schema == nullptr || schema->release == nullptr) return;
  auto* priv = static_cast<SchemaPrivate*>(schema->private_data);
  for (ArrowSchema& child : priv->child_storage) {
    if (child.release != nullptr) child.release(&child);
  }
  delete priv;
  schema->release = nullptr;
}

void FillSchema(std::string format, std::string name, bool nullable, int64_t flags,
                const std::vector<const SchemaNode*>& children, ArrowSchema* out) {
  auto* priv = new SchemaPrivate;
  priv->format = std::move(format);
  priv->name = std::move(name);
  priv->child_storage.resize(children.size());
  priv->child_ptrs.resize(children.size());
  for (size_t i = 0; i < children.size(); ++i) {
    const SchemaNode* c = children[i];
    std::vector<const SchemaNode*> grand;
    for (const SchemaNode& g : c->children) grand.push_back(&g);
    FillSchema(c->arrow_format, c->name, c->nullable, 0, grand, &priv->child_storage[i]);
    priv->child_ptrs[i] = &priv->child_storage[i];
  }
  out->format = priv->format.c_str();
  out->name = priv->name.c_str();
  out->metadata = nullptr;
  out->flags = flags | (nullable ? ARROW_FLAG_NULLABLE : 0);
  out->n_children = static_cast<int64_t>(children.size());
  out->children = priv->child_ptrs.empty() ? nullptr : priv->child_ptrs.data();
  out->dictionary = nullptr;
  out->release = &ReleaseSchema;
  out->private_data = priv;
}

}  // namespace

void ExportArray(std::unique_ptr<ArrayData> data, ArrowArray* out) {
  auto* priv = new ArrayPrivate;
  ArrayData& d = *data;
  priv->buffer_ptrs.resize(d.buffers.size());
  for (size_t i = 0; i < d.buffers.size(); ++i) {
    const Buffer& b = d.buffers[i];
    if (i == 0 && b.size() == 0) {
      priv->buffer_ptrs[i] = nullptr;  // no validity bitmap
    } else {
      priv->buffer_ptrs[i] = b.data() != nullptr ? b.data() : kEmpty;
    }
  }
  priv->child_storage.resize(d.children.size());
  priv->child_ptrs.resize(d.children.size());
  for (size_t i = 0; i < d.children.size(); ++i) {
    ExportArray(std::move(d.children[i]), &priv->child_storage[i]);
    priv->child_ptrs[i] = &priv->child_storage[i];
  }
  out->length = d.length;
  out->null_count = d.null_count;
  out->offset = 0;
  out->n_buffers = static_cast<int64_t>(d.buffers.size());
  out->n_children = static_cast<int64_t>(d.children.size());
  out->buffers = priv->buffer_ptrs.empty() ? nullptr : priv->buffer_ptrs.data();
  out->children = priv->child_ptrs.empty() ? nullptr : priv->child_ptrs.data();
  out->dictionary = nullptr;
  out->release = &ReleaseArray;
  priv->data = std::move(data);
  out->private_data = priv;
}

void ExportStructSchema(const std::vector<const SchemaNode*>& columns, ArrowSchema* out) {
  FillSchema("+s", "", false, 0, columns, out);
}

}  // namespace fluss_native::parquet
