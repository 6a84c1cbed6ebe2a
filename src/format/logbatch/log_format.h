// Enumerations of the Fluss log format, with their wire values.
#pragma once

#include <cstdint>

namespace fluss_native::logbatch {

// A table's "table.log.format". It is a table property, not stored in the
// batch, so the reader learns it from table metadata.
enum class LogFormat { kArrow, kIndexed, kCompacted };

inline const char* LogFormatName(LogFormat f) {
  switch (f) {
    case LogFormat::kArrow: return "ARROW";
    case LogFormat::kIndexed: return "INDEXED";
    case LogFormat::kCompacted: return "COMPACTED";
  }
  return "UNKNOWN";
}

// Fluss ChangeType; the value is the byte stored per record in the change
// type vector of non-append-only batches.
enum class ChangeType : uint8_t {
  kAppendOnly = 0,    // +A
  kInsert = 1,        // +I
  kUpdateBefore = 2,  // -U
  kUpdateAfter = 3,   // +U
  kDelete = 4,        // -D
};

inline const char* ChangeTypeShortString(ChangeType c) {
  switch (c) {
    case ChangeType::kAppendOnly: return "+A";
    case ChangeType::kInsert: return "+I";
    case ChangeType::kUpdateBefore: return "-U";
    case ChangeType::kUpdateAfter: return "+U";
    case ChangeType::kDelete: return "-D";
  }
  return "?";
}

}  // namespace fluss_native::logbatch
