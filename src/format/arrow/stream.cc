#include "format/arrow/stream.h"

#include <cerrno>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <utility>

namespace fluss_native::arrow {

namespace {

struct StreamPrivate {
  DataType row_type;
  BatchSource source;
  std::string last_error;
  // Set instead of last_error when even the error text cannot be allocated.
  const char* static_error = nullptr;
  bool finished = false;
  // The errno of the first failed get_next; non-zero: every later get_next
  // answers it again (with the same last error) without asking the source,
  // whose state after a failure is not to be trusted.
  int failed_errno = 0;
};

StreamPrivate* Priv(ArrowArrayStream* stream) {
  return static_cast<StreamPrivate*>(stream->private_data);
}

int ErrnoFor(const Status& st) {
  switch (st.code()) {
    case StatusCode::kInvalidArgument: return EINVAL;
    case StatusCode::kUnsupported: return ENOSYS;
    case StatusCode::kResourceExhausted: return ENOMEM;
    case StatusCode::kCancelled: return ECANCELED;
    default: return EIO;
  }
}

// Records `st` as the stream's last error and returns its errno. Never
// throws: without memory for the message, a fixed text names the code.
int Fail(StreamPrivate* priv, const Status& st) {
  try {
    priv->last_error = st.ToString();
    priv->static_error = nullptr;
  } catch (...) {
    priv->last_error.clear();
    priv->static_error = st.code() == StatusCode::kResourceExhausted
                             ? "ResourceExhausted: out of memory (the error message could not be allocated)"
                             : "Internal: the error message could not be allocated";
  }
  return ErrnoFor(st);
}

// The status an exception caught at the C boundary stands for: a failed
// allocation is ResourceExhausted (never Corruption), anything else Internal.
int FailWithCurrentException(StreamPrivate* priv, const char* while_doing) {
  try {
    throw;
  } catch (const std::bad_alloc&) {
    return Fail(priv, Status::ResourceExhausted(std::string("out of memory while ") + while_doing));
  } catch (const std::exception& e) {
    return Fail(priv, Status::Internal(std::string("exception while ") + while_doing + ": " + e.what()));
  } catch (...) {
    return Fail(priv, Status::Internal(std::string("exception while ") + while_doing));
  }
}

// The callbacks form a C boundary: nothing may throw through them. (Building
// the Status in a handler may itself fail to allocate; Fail() then falls
// back to a fixed text, and the outer catch keeps that from escaping.)
int GetSchema(ArrowArrayStream* stream, ArrowSchema* out) {
  StreamPrivate* priv = Priv(stream);
  try {
    try {
      Status st = ExportRowSchema(priv->row_type, out);
      if (st.ok()) return 0;
      return Fail(priv, st);
    } catch (...) {
      return FailWithCurrentException(priv, "exporting the stream schema");
    }
  } catch (...) {
    priv->static_error = "ResourceExhausted: out of memory while exporting the stream schema";
    return ENOMEM;
  }
}

int GetNext(ArrowArrayStream* stream, ArrowArray* out) {
  StreamPrivate* priv = Priv(stream);
  out->release = nullptr;  // end of stream unless a batch is produced
  if (priv->failed_errno != 0) return priv->failed_errno;
  if (priv->finished) return 0;
  try {
    try {
      Result<bool> more = priv->source(out);
      if (!more.ok()) {
        if (out->release != nullptr) out->release(out);
        return priv->failed_errno = Fail(priv, more.status());
      }
      if (!*more) {
        priv->finished = true;
        if (out->release != nullptr) out->release(out);
      }
      return 0;
    } catch (...) {
      if (out->release != nullptr) out->release(out);
      return priv->failed_errno = FailWithCurrentException(priv, "producing the next batch");
    }
  } catch (...) {
    priv->static_error = "ResourceExhausted: out of memory while producing the next batch";
    return priv->failed_errno = ENOMEM;
  }
}

const char* GetLastError(ArrowArrayStream* stream) {
  StreamPrivate* priv = Priv(stream);
  if (priv->static_error != nullptr) return priv->static_error;
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
  auto* priv = new (std::nothrow) StreamPrivate{row_type, std::move(source), {}, nullptr, false};
  if (priv == nullptr) return Status::ResourceExhausted("out of memory creating a stream");
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
