#include "format/parquet/arrow_export.h"

#include <cstring>

#include "format/arrow/c_export.h"

namespace fluss_native::parquet {
namespace {

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

namespace {

// Buffers move into shared holders that the exported array keeps alive.
arrow::ArrayNode ToNode(ArrayData& d) {
  arrow::ArrayNode node;
  node.length = d.length;
  node.null_count = d.null_count;
  for (size_t i = 0; i < d.buffers.size(); ++i) {
    Buffer& b = d.buffers[i];
    if (i == 0 && b.size() == 0) {
      node.buffers.push_back(nullptr);  // no validity bitmap
    } else if (b.data() == nullptr) {
      node.buffers.push_back(arrow::ZeroBytes());  // mandatory but empty
    } else {
      auto holder = std::make_shared<Buffer>(std::move(b));
      node.buffers.push_back(holder->data());
      node.keep_alive.push_back(std::move(holder));
    }
  }
  for (auto& child : d.children) node.children.push_back(ToNode(*child));
  return node;
}

}  // namespace

void ExportArray(std::unique_ptr<ArrayData> data, ArrowArray* out) { arrow::ExportArray(ToNode(*data), out); }

void ExportStructSchema(const std::vector<const SchemaNode*>& columns, ArrowSchema* out) {
  FillSchema("+s", "", false, 0, columns, out);
}

}  // namespace fluss_native::parquet
