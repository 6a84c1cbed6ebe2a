// Reads a whole scan plan as one stream: its splits one after another, each
// opened only when the previous one is drained (so at most one split's
// readers and merge are alive), with the plan's limit over all of them.
#pragma once

#include <memory>

#include "read/split_reader.h"

namespace fluss_native::read {

// `type` is the plan's output row (the table's types of the plan's columns).
Result<std::unique_ptr<BatchSource>> OpenPlanReader(SplitReaderEnv env, ScanPlan plan, DataType type,
                                                    SplitReadOptions options);

}  // namespace fluss_native::read
