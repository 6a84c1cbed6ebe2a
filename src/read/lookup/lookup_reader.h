// A plan answered by a point lookup (ScanPlan::lookup_keys): the rows of the
// pinned primary keys, fetched with Fluss's Lookup RPC, then the plan's
// predicate and limit applied to them by the residual filter, so the result
// equals the filtered scan's.
#pragma once

#include <memory>

#include "read/lookup/key_lookup.h"
#include "read/split_reader.h"
#include "fluss_native/scan.h"

namespace fluss_native::read {

// `plan.lookup_keys` must be set. Outputs ROW of plan.columns.
Result<std::unique_ptr<BatchSource>> OpenLookupReader(const LookupEnv& env, const ScanPlan& plan);

}  // namespace fluss_native::read
