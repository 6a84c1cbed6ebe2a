#include "errors.h"

#include <cstring>

namespace nb = nanobind;

namespace fluss_native::python {

nb::str Utf8(const std::string& bytes) {
  PyObject* s = PyUnicode_DecodeUTF8(bytes.data(), static_cast<Py_ssize_t>(bytes.size()), "replace");
  if (s == nullptr) throw nb::python_error();
  return nb::steal<nb::str>(s);
}

void Raise(const Status& status) {
  nb::object errors = nb::module_::import_("fluss_native._errors");
  nb::object cls = errors.attr("error_class")(StatusCodeName(status.code()));
  nb::object exc = cls(Utf8(status.message()));
  exc.attr("code") = nb::str(StatusCodeName(status.code()));
  exc.attr("retriable") = nb::bool_(status.retriable());
  exc.attr("server_error_code") = nb::int_(status.server_error_code());
  PyErr_SetObject(cls.ptr(), exc.ptr());
  throw nb::python_error();
}

Status StatusFromStreamError(const char* text) {
  if (text == nullptr) return Status::Internal("the stream failed without an error message");
  for (int c = static_cast<int>(StatusCode::kInvalidArgument); c <= static_cast<int>(StatusCode::kResourceExhausted);
       ++c) {
    const char* name = StatusCodeName(static_cast<StatusCode>(c));
    const size_t n = std::strlen(name);
    if (std::strncmp(text, name, n) == 0 && text[n] == ':') {
      const char* rest = text + n + 1;
      while (*rest == ' ') ++rest;
      return Status(static_cast<StatusCode>(c), rest);
    }
  }
  return Status::Internal(text);
}

}  // namespace fluss_native::python
