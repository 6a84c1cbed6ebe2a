// What the C ABI's opaque handles (include/fluss_native/c_api.h) are, and
// the helpers its functions share: turning a Status into a code and a
// malloc'd message, and copying strings out with malloc (the caller frees
// them with fluss_native_free, so they must come from malloc).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fluss_native/c_api.h"
#include "fluss_native/client.h"
#include "fluss_native/host.h"
#include "fluss_native/scan.h"
#include "fluss_native/status.h"

struct fluss_native_client_t {
  std::unique_ptr<fluss_native::Client> client;
};

// The predicate and tier stay text until fluss_native_plan, whose error
// then names what was wrong with them.
struct fluss_native_scan_spec_t {
  std::vector<std::string> columns;
  std::optional<std::string> predicate;
  std::optional<int64_t> limit;
  std::optional<int64_t> snapshot_id;
  std::string tier = "auto";
};

struct fluss_native_read_options_t {
  fluss_native::SplitReadOptions options;
};

// Streams hold the token by shared ownership, so the handle may go first.
struct fluss_native_cancel_t {
  std::shared_ptr<fluss_native::CancellationToken> token;
};

struct fluss_native_scan_metrics_t {
  std::shared_ptr<fluss_native::ScanMetrics> metrics;
};

namespace fluss_native::capi {

// A copy of `text` from malloc, or nullptr when out of memory.
char* MallocCopy(const std::string& text) noexcept;

// Returns `status`'s code; on an error also sets *errmsg (when errmsg is
// not null) to its malloc'd text. Never throws.
fluss_native_code_t Report(const Status& status, char** errmsg) noexcept;

// Copies `names` into a malloc'd array of malloc'd strings.
Status CopyStrings(const std::vector<std::string>& names, char*** out, size_t* count);

}  // namespace fluss_native::capi
