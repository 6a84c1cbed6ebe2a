#include "reader.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>

#include "errors.h"
#include "interruptible.h"

namespace nb = nanobind;

namespace fluss_native::python {

namespace {

void DeleteArrayCapsule(PyObject* capsule) {
  auto* array = static_cast<ArrowArray*>(PyCapsule_GetPointer(capsule, "arrow_array"));
  if (array == nullptr) {
    PyErr_Clear();
    return;
  }
  if (array->release != nullptr) array->release(array);
  delete array;
}

void DeleteSchemaCapsule(PyObject* capsule) {
  auto* schema = static_cast<ArrowSchema*>(PyCapsule_GetPointer(capsule, "arrow_schema"));
  if (schema == nullptr) {
    PyErr_Clear();
    return;
  }
  if (schema->release != nullptr) schema->release(schema);
  delete schema;
}

void DeleteStreamCapsule(PyObject* capsule) {
  auto* stream = static_cast<ArrowArrayStream*>(PyCapsule_GetPointer(capsule, "arrow_array_stream"));
  if (stream == nullptr) {
    PyErr_Clear();
    return;
  }
  if (stream->release != nullptr) stream->release(stream);
  delete stream;
}

// Moves *array into a new capsule (the capsule owns it until a consumer
// moves it out).
nb::object ArrayCapsule(ArrowArray* array) {
  auto* owned = new ArrowArray(*array);
  array->release = nullptr;
  PyObject* capsule = PyCapsule_New(owned, "arrow_array", DeleteArrayCapsule);
  if (capsule == nullptr) {
    if (owned->release != nullptr) owned->release(owned);
    delete owned;
    throw nb::python_error();
  }
  return nb::steal(capsule);
}

void CollectAddresses(const ArrowArray& array, std::vector<uintptr_t>* out) {
  for (int64_t i = 0; i < array.n_buffers; ++i) {
    if (array.buffers[i] != nullptr) out->push_back(reinterpret_cast<uintptr_t>(array.buffers[i]));
  }
  for (int64_t i = 0; i < array.n_children; ++i) CollectAddresses(*array.children[i], out);
  if (array.dictionary != nullptr) CollectAddresses(*array.dictionary, out);
}

// What an exported stream's private_data holds.
struct ExportedStream {
  std::shared_ptr<Reader> reader;
  std::string last_error;
};

int ExportedGetSchema(ArrowArrayStream* stream, ArrowSchema* out) {
  auto* self = static_cast<ExportedStream*>(stream->private_data);
  return self->reader->SchemaForExport(out, &self->last_error);
}

int ExportedGetNext(ArrowArrayStream* stream, ArrowArray* out) {
  auto* self = static_cast<ExportedStream*>(stream->private_data);
  return self->reader->NextForExport(out, &self->last_error);
}

const char* ExportedGetLastError(ArrowArrayStream* stream) {
  auto* self = static_cast<ExportedStream*>(stream->private_data);
  return self->last_error.empty() ? nullptr : self->last_error.c_str();
}

void ExportedRelease(ArrowArrayStream* stream) {
  auto* self = static_cast<ExportedStream*>(stream->private_data);
  if (self != nullptr) {
    // The last reference may be dropped on a thread without the GIL; the
    // Reader holds no Python objects, so that is safe.
    delete self;
  }
  stream->release = nullptr;
  stream->private_data = nullptr;
}

}  // namespace

std::vector<uintptr_t> BufferAddresses(const ArrowArray& array) {
  std::vector<uintptr_t> out;
  CollectAddresses(array, &out);
  return out;
}

Reader::Reader(ArrowArrayStream* stream, std::shared_ptr<CancellationToken> cancel,
               std::shared_ptr<ScanMetrics> metrics)
    : stream_(*stream), cancel_(std::move(cancel)), metrics_(std::move(metrics)) {
  stream->release = nullptr;
}

Reader::~Reader() { Close(); }

void Reader::Close() {
  // A get_next still running on an abandoned helper thread: the last
  // reference (the helper's) releases the stream when it is done.
  if (in_flight_) return;
  if (stream_.release != nullptr) stream_.release(&stream_);
  stream_.release = nullptr;
}

namespace {

// One get_next, shared with the helper thread that runs it: when the wait
// is abandoned (interruptible.h) the helper finishes alone and releases
// what it got.
struct ReadJob {
  std::mutex mu;
  bool abandoned = false;
  ArrowArray batch{};
  int rc = 0;
  std::string error;
};

}  // namespace

Status Reader::ReadOne(ArrowArray* out, bool gil_held, bool* interrupted) {
  *interrupted = false;
  out->release = nullptr;
  if (interrupted_) return Status::Cancelled("the scan was cancelled by KeyboardInterrupt");
  if (stream_.release == nullptr) return Status::InvalidArgument("this scan is closed");
  std::unique_lock<std::mutex> lock(mu_, std::try_to_lock);
  if (!lock.owns_lock()) return Status::InvalidArgument("this scan is being read by another thread");
  auto job = std::make_shared<ReadJob>();
  job->batch.release = nullptr;
  std::shared_ptr<Reader> self = shared_from_this();
  in_flight_ = true;
  WaitOutcome outcome = RunInterruptibly(
      [self, job] {
        ArrowArray batch{};
        batch.release = nullptr;
        int rc = self->stream_.get_next(&self->stream_, &batch);
        std::string error;
        if (rc != 0) {
          const char* text = self->stream_.get_last_error(&self->stream_);
          error = text != nullptr ? text : "";
        }
        std::lock_guard<std::mutex> guard(job->mu);
        if (job->abandoned) {
          if (batch.release != nullptr) batch.release(&batch);
        } else {
          job->batch = batch;
          job->rc = rc;
          job->error = std::move(error);
        }
        self->in_flight_ = false;
      },
      [this] { cancel_->Cancel(); }, gil_held ? Gil::kHeld : Gil::kNotHeld);
  if (outcome != WaitOutcome::kDone) {
    *interrupted = true;
    interrupted_ = true;
    std::lock_guard<std::mutex> guard(job->mu);
    job->abandoned = true;
    if (job->batch.release != nullptr) job->batch.release(&job->batch);
    if (outcome == WaitOutcome::kInterrupted) Close();
    return Status::Cancelled("the scan was cancelled by KeyboardInterrupt");
  }
  std::lock_guard<std::mutex> guard(job->mu);
  if (job->rc != 0) {
    if (job->batch.release != nullptr) job->batch.release(&job->batch);
    if (job->error.empty()) {
      return Status::Internal("the scan failed (errno " + std::to_string(job->rc) + ") without a message");
    }
    return StatusFromStreamError(job->error.c_str());
  }
  if (job->batch.release != nullptr) {
    rows_ += job->batch.length;
    ++batches_;
  }
  *out = job->batch;
  job->batch.release = nullptr;
  return Status::OK();
}

Status Reader::CheckNotExported() const {
  if (!exported_) return Status::OK();
  return Status::InvalidArgument("this scan's stream was handed to a consumer (__arrow_c_stream__); "
                                 "open the scan again to read it");
}

nb::object Reader::Next() {
  Check(CheckNotExported());
  ArrowArray batch{};
  bool interrupted = false;
  Status st = ReadOne(&batch, /*gil_held=*/true, &interrupted);
  if (interrupted) throw nb::python_error();  // KeyboardInterrupt is set
  Check(st);
  if (batch.release == nullptr) return nb::none();
  return ArrayCapsule(&batch);
}

nb::object Reader::NextWithAddresses() {
  Check(CheckNotExported());
  ArrowArray batch{};
  bool interrupted = false;
  Status st = ReadOne(&batch, /*gil_held=*/true, &interrupted);
  if (interrupted) throw nb::python_error();
  Check(st);
  if (batch.release == nullptr) return nb::none();
  nb::list addresses;
  for (uintptr_t a : BufferAddresses(batch)) addresses.append(nb::int_(static_cast<uint64_t>(a)));
  nb::object capsule = ArrayCapsule(&batch);
  return nb::make_tuple(capsule, addresses);
}

nb::object Reader::SchemaCapsule() {
  if (stream_.release == nullptr) Raise(Status::InvalidArgument("this scan is closed"));
  auto* schema = new ArrowSchema();
  schema->release = nullptr;
  if (stream_.get_schema(&stream_, schema) != 0) {
    delete schema;
    const char* text = stream_.get_last_error(&stream_);
    Raise(StatusFromStreamError(text));
  }
  PyObject* capsule = PyCapsule_New(schema, "arrow_schema", DeleteSchemaCapsule);
  if (capsule == nullptr) {
    schema->release(schema);
    delete schema;
    throw nb::python_error();
  }
  return nb::steal(capsule);
}

nb::object Reader::StreamCapsule() {
  if (exported_) Raise(Status::InvalidArgument("this scan's stream was already handed to a consumer"));
  if (stream_.release == nullptr) Raise(Status::InvalidArgument("this scan is closed"));
  auto* stream = new ArrowArrayStream();
  stream->private_data = new ExportedStream{shared_from_this(), {}};
  stream->get_schema = ExportedGetSchema;
  stream->get_next = ExportedGetNext;
  stream->get_last_error = ExportedGetLastError;
  stream->release = ExportedRelease;
  exported_ = true;
  PyObject* capsule = PyCapsule_New(stream, "arrow_array_stream", DeleteStreamCapsule);
  if (capsule == nullptr) {
    stream->release(stream);
    delete stream;
    throw nb::python_error();
  }
  return nb::steal(capsule);
}

int Reader::NextForExport(ArrowArray* out, std::string* error) {
  // The consumer may call with or without the GIL, from any thread.
  const bool gil_held = Py_IsInitialized() && PyGILState_Check() == 1;
  bool interrupted = false;
  Status st = ReadOne(out, gil_held, &interrupted);
  if (interrupted && gil_held) {
    // The consumer is C code that expects no Python error: report the
    // cancellation, and let KeyboardInterrupt come at the next check.
    PyErr_Clear();
    PyErr_SetInterrupt();
  }
  if (st.ok()) return 0;
  *error = st.ToString();
  return st.code() == StatusCode::kCancelled ? ECANCELED : EIO;
}

int Reader::SchemaForExport(ArrowSchema* out, std::string* error) {
  if (stream_.release == nullptr) {
    *error = "InvalidArgument: this scan is closed";
    return EINVAL;
  }
  int rc = stream_.get_schema(&stream_, out);
  if (rc != 0) {
    const char* text = stream_.get_last_error(&stream_);
    *error = text != nullptr ? text : "the stream failed";
  }
  return rc;
}

}  // namespace fluss_native::python
