#include "reader.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>

#include "errors.h"
#include <chrono>
#include <system_error>

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

// Batches read ahead of the consumer: one in Python's hands, the next
// being decoded, one more ready.
constexpr size_t kPrefetch = 2;
constexpr std::chrono::milliseconds kSlice{50};
// How long a cancelled get_next may take before the consumer stops waiting
// for it (the token promises 100 ms; this only guards against a hang).
constexpr std::chrono::milliseconds kGrace{5000};

struct ScanItem {
  ArrowArray batch{};
  ArrowSchema schema{};
  Status status;  // not OK: the stream failed (and ended)
  bool end = false;
};

struct ScanState {
  std::mutex stream_mu;  // the library's stream: one caller at a time
  ArrowArrayStream stream{};

  std::mutex mu;  // the rest
  std::condition_variable cv;
  std::deque<ScanItem> queue;
  bool stop = false;
  bool producer_done = false;

  ~ScanState() {
    for (auto& item : queue) {
      if (item.batch.release != nullptr) item.batch.release(&item.batch);
      if (item.schema.release != nullptr) item.schema.release(&item.schema);
    }
    if (stream.release != nullptr) stream.release(&stream);
  }
};

namespace {

void Produce(const std::shared_ptr<ScanState>& state) {
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(state->mu);
      state->cv.wait(lock, [&] { return state->stop || state->queue.size() < kPrefetch; });
      if (state->stop) break;
    }
    ScanItem item;
    item.batch.release = nullptr;
    item.schema.release = nullptr;
    {
      std::lock_guard<std::mutex> stream_lock(state->stream_mu);
      int rc = state->stream.get_next(&state->stream, &item.batch);
      if (rc != 0) {
        const char* text = state->stream.get_last_error(&state->stream);
        item.status = text != nullptr && *text != '\0'
                          ? StatusFromStreamError(text)
                          : Status::Internal("the scan failed (errno " + std::to_string(rc) + ") without a message");
        item.end = true;
      } else if (item.batch.release == nullptr) {
        item.end = true;
      } else if (state->stream.get_schema(&state->stream, &item.schema) != 0) {
        item.batch.release(&item.batch);
        const char* text = state->stream.get_last_error(&state->stream);
        item.status = StatusFromStreamError(text);
        item.end = true;
      }
    }
    std::lock_guard<std::mutex> lock(state->mu);
    const bool end = item.end;
    if (state->stop) {
      if (item.batch.release != nullptr) item.batch.release(&item.batch);
      if (item.schema.release != nullptr) item.schema.release(&item.schema);
      break;
    }
    state->queue.push_back(item);
    state->cv.notify_all();
    if (end) break;
  }
  std::lock_guard<std::mutex> lock(state->mu);
  state->producer_done = true;
  state->cv.notify_all();
}

// True when a Python signal handler raised. With the GIL not held on
// entry it is taken here; the error is then cleared and re-armed
// (PyErr_SetInterrupt) for the interpreter's next check, as the caller
// returns to C code.
bool SignalRaised(PyThreadState** saved, bool gil_held) {
  if (gil_held) {
    PyEval_RestoreThread(*saved);
    const bool raised = PyErr_CheckSignals() != 0;
    *saved = PyEval_SaveThread();
    return raised;
  }
  PyGILState_STATE g = PyGILState_Ensure();
  const bool raised = PyErr_CheckSignals() != 0;
  if (raised) {
    PyErr_Clear();
    PyErr_SetInterrupt();
  }
  PyGILState_Release(g);
  return raised;
}

}  // namespace

Reader::Reader(ArrowArrayStream* stream, std::shared_ptr<CancellationToken> cancel,
               std::shared_ptr<ScanMetrics> metrics)
    : state_(std::make_shared<ScanState>()), cancel_(std::move(cancel)), metrics_(std::move(metrics)) {
  state_->stream = *stream;
  stream->release = nullptr;
}

Reader::~Reader() { Close(); }

Status Reader::StartProducer() {
  if (producer_.joinable() || ended_) return Status::OK();
  try {
    std::shared_ptr<ScanState> state = state_;
    producer_ = std::thread([state] { Produce(state); });
  } catch (const std::system_error& e) {
    return Status::ResourceExhausted(std::string("cannot start the scan's reader thread: ") + e.what());
  }
  return Status::OK();
}

void Reader::StopProducer() {
  if (!producer_.joinable()) return;
  std::unique_lock<std::mutex> lock(state_->mu);
  if (!state_->producer_done) {
    state_->stop = true;
    cancel_->Cancel();  // a get_next blocked on the network returns
    state_->cv.notify_all();
    state_->cv.wait_for(lock, kGrace, [&] { return state_->producer_done; });
  }
  const bool done = state_->producer_done;
  lock.unlock();
  if (done) {
    producer_.join();
  } else {
    producer_.detach();  // it owns the state and releases the stream when it returns
  }
}

void Reader::Close() {
  if (closed_) return;
  closed_ = true;
  if (producer_.joinable()) {
    PyThreadState* saved = Py_IsInitialized() && PyGILState_Check() == 1 ? PyEval_SaveThread() : nullptr;
    StopProducer();
    if (saved != nullptr) PyEval_RestoreThread(saved);
  }
  state_.reset();  // the last owner releases queued batches and the stream
}

Status Reader::Take(ArrowArray* out, ArrowSchema* schema, bool gil_held, bool* interrupted) {
  *interrupted = false;
  out->release = nullptr;
  if (schema != nullptr) schema->release = nullptr;
  if (interrupted_) return Status::Cancelled("the scan was cancelled by KeyboardInterrupt");
  if (ended_) return final_status_;
  if (closed_) return Status::InvalidArgument("this scan is closed");
  std::unique_lock<std::mutex> consumer(consumer_mu_, std::try_to_lock);
  if (!consumer.owns_lock()) return Status::InvalidArgument("this scan is being read by another thread");
  FN_RETURN_IF_ERROR(StartProducer());
  ScanItem item;
  bool got = false;
  PyThreadState* saved = gil_held ? PyEval_SaveThread() : nullptr;
  {
    std::unique_lock<std::mutex> lock(state_->mu);
    for (;;) {
      if (state_->cv.wait_for(lock, kSlice, [&] { return !state_->queue.empty(); })) break;
      lock.unlock();
      const bool raised = SignalRaised(&saved, gil_held);
      lock.lock();
      if (raised) {
        *interrupted = true;
        break;
      }
    }
    if (!*interrupted) {
      item = state_->queue.front();
      state_->queue.pop_front();
      state_->cv.notify_all();  // room for the producer
      got = true;
    }
  }
  if (*interrupted) {
    interrupted_ = true;
    StopProducer();
  }
  if (saved != nullptr) PyEval_RestoreThread(saved);
  if (!got) return Status::Cancelled("the scan was cancelled by KeyboardInterrupt");
  if (item.end) {
    ended_ = true;
    final_status_ = item.status;
    if (producer_.joinable()) producer_.join();  // it returned after queueing the end
    return final_status_;
  }
  rows_ += item.batch.length;
  ++batches_;
  *out = item.batch;
  if (schema != nullptr) {
    *schema = item.schema;
  } else if (item.schema.release != nullptr) {
    item.schema.release(&item.schema);
  }
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
  Status st = Take(&batch, nullptr, /*gil_held=*/true, &interrupted);
  if (interrupted) throw nb::python_error();  // KeyboardInterrupt is set
  Check(st);
  if (batch.release == nullptr) return nb::none();
  return ArrayCapsule(&batch);
}

nb::object Reader::NextBatch() {
  Check(CheckNotExported());
  ArrowArray batch{};
  ArrowSchema schema{};
  bool interrupted = false;
  Status st = Take(&batch, &schema, /*gil_held=*/true, &interrupted);
  if (interrupted) throw nb::python_error();
  Check(st);
  if (batch.release == nullptr) return nb::none();
  nb::object array = ArrayCapsule(&batch);
  auto* owned = new ArrowSchema(schema);
  PyObject* capsule = PyCapsule_New(owned, "arrow_schema", DeleteSchemaCapsule);
  if (capsule == nullptr) {
    owned->release(owned);
    delete owned;
    throw nb::python_error();
  }
  return nb::make_tuple(nb::steal(capsule), array);
}

nb::object Reader::NextWithAddresses() {
  Check(CheckNotExported());
  ArrowArray batch{};
  bool interrupted = false;
  Status st = Take(&batch, nullptr, /*gil_held=*/true, &interrupted);
  if (interrupted) throw nb::python_error();
  Check(st);
  if (batch.release == nullptr) return nb::none();
  nb::list addresses;
  for (uintptr_t a : BufferAddresses(batch)) addresses.append(nb::int_(static_cast<uint64_t>(a)));
  nb::object capsule = ArrayCapsule(&batch);
  return nb::make_tuple(capsule, addresses);
}

nb::object Reader::SchemaCapsule() {
  if (closed_ || !state_) Raise(Status::InvalidArgument("this scan is closed"));
  auto* schema = new ArrowSchema();
  schema->release = nullptr;
  std::string error;
  int rc;
  {
    nb::gil_scoped_release release;  // the producer may be in get_next
    rc = SchemaForExport(schema, &error);
  }
  if (rc != 0) {
    delete schema;
    Raise(StatusFromStreamError(error.c_str()));
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
  if (closed_) Raise(Status::InvalidArgument("this scan is closed"));
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
  Status st = Take(out, nullptr, gil_held, &interrupted);
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
  if (closed_ || !state_) {
    *error = "InvalidArgument: this scan is closed";
    return EINVAL;
  }
  std::lock_guard<std::mutex> lock(state_->stream_mu);
  if (state_->stream.release == nullptr) {
    *error = "InvalidArgument: this scan is closed";
    return EINVAL;
  }
  int rc = state_->stream.get_schema(&state_->stream, out);
  if (rc != 0) {
    const char* text = state_->stream.get_last_error(&state_->stream);
    *error = text != nullptr ? text : "the stream failed";
  }
  return rc;
}

}  // namespace fluss_native::python
