#include "format/arrow/stream.h"

#include <cerrno>
#include <memory>
#include <string>
#include <utility>

namespace fluss_native::arrow {

namespace {

struct StreamPrivate {
  DataType row_type;
  BatchSource source;
  std::string last_error;
  bool finished = false;
};

StreamPrivate* Priv(ArrowArrayStream* stream) {
  return static_cast<StreamPrivate*>(stream->private_data);
}

int ErrnoFor(const Status& st) {
  switch (st.code()) {
    case StatusCode::kInvalidArgument: return EINVAL;
    case StatusCode::kUnsupported: return ENOSYS;
    case StatusCode::kInternal: return ENOMEM;
    default: return EIO;
  }
}

// The callbacks form a C boundary: nothing may throw through them.
int GetSchema(ArrowArrayStream* stream, ArrowSchema* out) {
  StreamPrivate* priv = Priv(stream);
  try {
    Status st = ExportRowSchema(priv->row_type, out);
    if (st.ok()) return 0;
    priv->last_error = st.ToString();
    return ErrnoFor(st);
  } catch (...) {
    priv->last_error = "Internal: exception while exporting the stream schema";
    return ENOMEM;
  }
}

int GetNext(ArrowArrayStream* stream, ArrowArray* out) {
  StreamPrivate* priv = Priv(stream);
  out->release = nullptr;  // end of stream unless a batch is produced
  if (priv->finished) return 0;
  try {
    Result<bool> more = priv->source(out);
    if (!more.ok()) {
      if (out->release != nullptr) out->release(out);
      priv->last_error = more.status().ToString();
      return ErrnoFor(more.status());
    }
    if (!*more) {
      priv->finished = true;
      if (out->release != nullptr) out->release(out);
    }
    return 0;
  } catch (...) {
    priv->last_error = "Internal: exception while producing the next batch";
    return EIO;
  }
}

const char* GetLastError(ArrowArrayStream* stream) {
  StreamPrivate* priv = Priv(stream);
  return priv->last_error.empty() ? nullptr : priv->last_error.c_str();
}

void Release(ArrowArrayStream* stream) {
  if (stream == nullptr || stream->release == nullptr) return;
  delete Priv(stream);
  stream->private_data = nullptr;
  stream->release = nullptr;
}

}  // namespace

Status ExportArrayStream(const DataType& row_type, BatchSource source, ArrowArrayStream* out) {
  FN_RETURN_IF_ERROR(ValidateType(row_type));
  if (row_type.root != TypeRoot::kRow) {
    return Status::InvalidArgument("stream type must be ROW, got " + row_type.ToFlussString());
  }
  if (!source) return Status::InvalidArgument("stream needs a batch source");
  auto* priv = new StreamPrivate{row_type, std::move(source), {}, false};
  out->get_schema = &GetSchema;
  out->get_next = &GetNext;
  out->get_last_error = &GetLastError;
  out->release = &Release;
  out->private_data = priv;
  return Status::OK();
}

Status ExportArrayStream(const DataType& row_type, std::vector<UniqueArrowArray> batches,
                         ArrowArrayStream* out) {
  // std::function needs a copyable callable; share the move-only batches.
  auto shared = std::make_shared<std::vector<UniqueArrowArray>>(std::move(batches));
  auto next = std::make_shared<size_t>(0);
  return ExportArrayStream(
      row_type,
      [shared, next](ArrowArray* out) -> Result<bool> {
        if (*next >= shared->size()) return false;
        (*shared)[(*next)++].MoveTo(out);
        return true;
      },
      out);
}

}  // namespace fluss_native::arrow
