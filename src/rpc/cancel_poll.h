// How often a blocked wait of the rpc layer (a call in flight, a retry
// backoff) looks at a scan's CancellationToken: well within the 100 ms a
// host is promised between Cancel() and the blocked call returning.
#pragma once

#include <chrono>

namespace fluss_native::rpc {

inline constexpr std::chrono::milliseconds kCancelPollInterval{10};

}  // namespace fluss_native::rpc
