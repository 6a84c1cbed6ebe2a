// Waiting for the library without hanging the interpreter.
//
// A scan's get_next blocks (a fetch, a retry backoff, a merge) on the thread
// that calls it. Python runs signal handlers only on its main thread, and
// only between bytecodes, so a thread blocked in C++ never sees Ctrl-C. The
// work therefore runs on a helper thread while the calling thread waits in
// short slices, taking the GIL in each to run PyErr_CheckSignals. On a
// signal the caller's `on_interrupt` cancels the work (a CancellationToken:
// get_next then returns within 100 ms) and the wait goes on until the work
// has returned, for at most `grace` after the signal: work that ignores the
// cancellation past that is left running on its thread (which owns what
// the work needs: capture it by shared_ptr) rather than hang the caller.
#pragma once

#include <Python.h>

#include <chrono>
#include <functional>

namespace fluss_native::python {

// Whether the calling thread holds the GIL when it calls RunInterruptibly.
enum class Gil { kHeld, kNotHeld };

enum class WaitOutcome {
  kDone,         // the work returned, no signal
  kInterrupted,  // a signal handler raised; the work returned after on_interrupt
  kAbandoned,    // a signal handler raised; the work is still running
};

// Runs `work` (copied to the helper thread). With kInterrupted and
// kAbandoned the Python error (KeyboardInterrupt) is set on this thread
// when `gil` is kHeld; with kNotHeld it is re-raised at the interpreter's
// next check instead. With Gil::kHeld the GIL is released while waiting
// and held again on return.
WaitOutcome RunInterruptibly(std::function<void()> work, const std::function<void()>& on_interrupt, Gil gil,
                             std::chrono::milliseconds grace = std::chrono::milliseconds(5000));

}  // namespace fluss_native::python
