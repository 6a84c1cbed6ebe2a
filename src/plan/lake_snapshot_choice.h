// Which lake snapshot a scan reads, with the log offset it covers per bucket.
//  - default: the readable lake snapshot (the newest one whose offsets Fluss
//    guarantees; for deletion-vector tables this can lag the latest);
//  - a snapshot id: that one, with its offsets as the server records them;
//  - a timestamp: the log's offsets at that time become the stop offsets
//    (`*as_of_stop`), and the lake part is the newest snapshot, not newer
//    than the readable one, whose offsets are all at or below them.
// NotFound when there is no such snapshot; the caller decides on a fallback.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fluss_native/catalog.h"
#include "fluss_native/scan.h"

namespace fluss_native::plan {

Result<LakeSnapshot> ChooseLakeSnapshot(Catalog* catalog, const TableInfo& table, const ScanSpec& spec,
                                        const std::map<std::string, std::string>& lake_overrides,
                                        std::optional<std::vector<BucketOffset>>* as_of_stop);

}  // namespace fluss_native::plan
