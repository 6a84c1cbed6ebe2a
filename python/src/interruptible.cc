#include "interruptible.h"

#include <condition_variable>
#include <memory>
#include <mutex>
#include <system_error>
#include <thread>

namespace fluss_native::python {

namespace {

// Short enough that Ctrl-C feels immediate, long enough that the waiting
// thread costs nothing next to a batch's decoding.
constexpr std::chrono::milliseconds kSlice{50};

// What the waiting thread and the helper share; the helper's copy keeps it
// alive when the waiter gives up.
struct Job {
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
};

// True when a Python signal handler raised; takes the GIL here when needed.
bool CheckSignals(Gil gil) {
  if (gil == Gil::kHeld) return PyErr_CheckSignals() != 0;
  PyGILState_STATE state = PyGILState_Ensure();
  const bool raised = PyErr_CheckSignals() != 0;
  if (raised) {
    // The caller returns to C code that knows nothing of Python errors;
    // it reports the cancellation and KeyboardInterrupt is raised again
    // at the interpreter's next check.
    PyErr_Clear();
    PyErr_SetInterrupt();
  }
  PyGILState_Release(state);
  return raised;
}

}  // namespace

WaitOutcome RunInterruptibly(std::function<void()> work, const std::function<void()>& on_interrupt, Gil gil,
                             std::chrono::milliseconds grace) {
  auto job = std::make_shared<Job>();
  std::thread worker;
  try {
    worker = std::thread([job, work = std::move(work)] {
      work();
      std::lock_guard<std::mutex> lock(job->mu);
      job->done = true;
      job->cv.notify_one();
    });
  } catch (const std::system_error&) {
    // No thread to be had: do the work here, uninterruptibly, rather than fail.
    PyThreadState* saved = gil == Gil::kHeld ? PyEval_SaveThread() : nullptr;
    work();
    if (saved != nullptr) PyEval_RestoreThread(saved);
    return WaitOutcome::kDone;
  }
  bool interrupted = false;
  std::chrono::steady_clock::time_point give_up{};
  PyThreadState* saved = gil == Gil::kHeld ? PyEval_SaveThread() : nullptr;
  std::unique_lock<std::mutex> lock(job->mu);
  while (!job->done) {
    if (job->cv.wait_for(lock, kSlice, [&] { return job->done; })) break;
    if (interrupted) {
      if (std::chrono::steady_clock::now() >= give_up) break;
      continue;  // cancelled: wait for the work to return
    }
    lock.unlock();
    bool raised;
    if (saved != nullptr) {
      PyEval_RestoreThread(saved);
      raised = CheckSignals(Gil::kHeld);
      saved = PyEval_SaveThread();
    } else {
      raised = CheckSignals(Gil::kNotHeld);
    }
    if (raised) {
      interrupted = true;
      give_up = std::chrono::steady_clock::now() + grace;
      on_interrupt();
    }
    lock.lock();
  }
  const bool finished = job->done;
  lock.unlock();
  if (finished) {
    worker.join();
  } else {
    worker.detach();
  }
  if (saved != nullptr) PyEval_RestoreThread(saved);
  if (!interrupted) return WaitOutcome::kDone;
  return finished ? WaitOutcome::kInterrupted : WaitOutcome::kAbandoned;
}

}  // namespace fluss_native::python
