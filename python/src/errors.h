// Status → Python exception. The classes live in fluss_native/_errors.py,
// one per StatusCode named as StatusCodeName names it (NotFound, ...), all
// subclasses of fluss_native.FlussError; the message is the library's own.
#pragma once

#include <nanobind/nanobind.h>

#include <string>

#include "fluss_native/status.h"

namespace fluss_native::python {

// Sets the Python error for `status` (not OK) and throws nb::python_error,
// which nanobind turns back into that error at the binding's boundary.
[[noreturn]] void Raise(const Status& status);

// Raises when `status` is not OK.
inline void Check(const Status& status) {
  if (!status.ok()) Raise(status);
}

// The Status that a stream's get_last_error text stands for: the text
// starts with the code's name ("Cancelled: ..."); Internal when it names
// none.
Status StatusFromStreamError(const char* text);

// A Python str from bytes that should be UTF-8 but come from a server or a
// file: invalid sequences become U+FFFD instead of failing.
nanobind::str Utf8(const std::string& bytes);

}  // namespace fluss_native::python
