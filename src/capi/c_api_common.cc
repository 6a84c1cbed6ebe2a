// Versions, codes and the memory the C ABI hands out.
#include <cstdlib>
#include <cstring>
#include <new>

#include "capi/handles.h"
#include "fluss_native/c_api.h"

namespace fluss_native::capi {

// The C codes are StatusCode's values: Report() casts one into the other.
static_assert(FLUSS_NATIVE_INVALID_ARGUMENT == static_cast<int>(StatusCode::kInvalidArgument));
static_assert(FLUSS_NATIVE_NETWORK == static_cast<int>(StatusCode::kNetwork));
static_assert(FLUSS_NATIVE_CANCELLED == static_cast<int>(StatusCode::kCancelled));
static_assert(FLUSS_NATIVE_INTERNAL == static_cast<int>(StatusCode::kInternal));
static_assert(FLUSS_NATIVE_RESOURCE_EXHAUSTED == static_cast<int>(StatusCode::kResourceExhausted));

char* MallocCopy(const std::string& text) noexcept {
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy == nullptr) return nullptr;
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  return copy;
}

fluss_native_code_t Report(const Status& status, char** errmsg) noexcept {
  if (!status.ok() && errmsg != nullptr) *errmsg = MallocCopy(status.ToString());
  return static_cast<fluss_native_code_t>(status.code());
}

Status CopyStrings(const std::vector<std::string>& names, char*** out, size_t* count) {
  // calloc: a partly filled array frees cleanly.
  char** array = static_cast<char**>(std::calloc(names.empty() ? 1 : names.size(), sizeof(char*)));
  if (array == nullptr) return Status::ResourceExhausted("out of memory copying " + std::to_string(names.size()) + " names");
  for (size_t i = 0; i < names.size(); ++i) {
    array[i] = MallocCopy(names[i]);
    if (array[i] == nullptr) {
      fluss_native_free_strings(array, i);
      return Status::ResourceExhausted("out of memory copying " + std::to_string(names.size()) + " names");
    }
  }
  *out = array;
  *count = names.size();
  return Status::OK();
}

}  // namespace fluss_native::capi

extern "C" {

const char* fluss_native_version(void) { return "0.1.0"; }

int fluss_native_abi_version(void) { return FLUSS_NATIVE_ABI_VERSION; }

const char* fluss_native_code_name(int code) {
  if (code < FLUSS_NATIVE_OK || code > FLUSS_NATIVE_RESOURCE_EXHAUSTED) return "Unknown";
  return fluss_native::StatusCodeName(static_cast<fluss_native::StatusCode>(code));
}

void fluss_native_free(void* pointer) { std::free(pointer); }

void fluss_native_free_strings(char** strings, size_t count) {
  if (strings == nullptr) return;
  for (size_t i = 0; i < count; ++i) std::free(strings[i]);
  std::free(strings);
}

void fluss_native_free_buffers(fluss_native_buffer_t* buffers, size_t count) {
  if (buffers == nullptr) return;
  for (size_t i = 0; i < count; ++i) std::free(buffers[i].data);
  std::free(buffers);
}

}  // extern "C"
