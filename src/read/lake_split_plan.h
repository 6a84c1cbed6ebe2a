// Turns the lake part of a split back into what the lake reader reads: the
// Paimon table (by the directory the split names) and a one-bucket plan of
// exactly the split's files, with their deletion vectors. Nothing comes
// from the planner's memory; the schema files are read from the table.
#pragma once

#include <memory>
#include <utility>

#include "fluss_native/split.h"
#include "lake/paimon/paimon_table.h"
#include "lake/paimon/scan_plan.h"

namespace fluss_native::read {

struct LakeSplitPlan {
  std::unique_ptr<lake::paimon::PaimonTable> table;
  lake::paimon::ScanPlan plan;
};

// InvalidArgument naming the field when the split lacks what a lake read
// needs (table location, snapshot, schema); NotFound when the directory or
// schema is gone.
Result<LakeSplitPlan> LakePlanOfSplit(const Split& split);

}  // namespace fluss_native::read
