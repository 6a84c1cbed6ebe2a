#include "plan/lake_snapshot_choice.h"

#include <algorithm>

#include "lake/paimon/lake_table_resolver.h"

namespace fluss_native::plan {
namespace {

std::string Quote(const TableInfo& t) { return "table '" + t.path.ToString() + "'"; }

// True when every bucket offset of `snap` is at or below the stop offset of
// the same bucket (a bucket the stop offsets do not name cannot be checked).
bool CoveredBy(const LakeSnapshot& snap, const std::vector<BucketOffset>& stop) {
  for (const auto& b : snap.buckets) {
    if (b.log_offset < 0) continue;
    auto it = std::find_if(stop.begin(), stop.end(), [&](const BucketOffset& o) {
      return o.bucket == b.bucket && o.partition_name == b.partition_name;
    });
    if (it == stop.end()) {
      // A partition that is gone from Fluss: nothing newer can be written to it.
      continue;
    }
    if (b.log_offset > it->offset) return false;
  }
  return true;
}

}  // namespace

Result<LakeSnapshot> ChooseLakeSnapshot(Catalog* catalog, const TableInfo& table, const ScanSpec& spec,
                                        const std::map<std::string, std::string>& lake_overrides,
                                        std::optional<std::vector<BucketOffset>>* as_of_stop) {
  if (spec.snapshot_id) {
    if (spec.tier == ScanTier::kLake) {
      // A lake-only read needs no log offsets: any Paimon snapshot will do.
      LakeSnapshot s;
      s.table_id = table.table_id;
      s.snapshot_id = *spec.snapshot_id;
      return s;
    }
    FN_ASSIGN_OR_RETURN(auto s, catalog->GetLakeSnapshotById(table.path, *spec.snapshot_id));
    if (!s) {
      return Status::NotFound(Quote(table) + " has no lake snapshot " + std::to_string(*spec.snapshot_id) +
                              " that Fluss knows the log offsets of");
    }
    return std::move(*s);
  }
  FN_ASSIGN_OR_RETURN(auto readable, catalog->GetLakeSnapshot(table.path, /*readable=*/true));
  if (!readable) return Status::NotFound(Quote(table) + " has no readable lake snapshot yet");
  if (!spec.as_of_timestamp_ms) return std::move(*readable);

  FN_ASSIGN_OR_RETURN(auto stop, catalog->ListOffsets(table.path, OffsetQuery::AtTimestamp(*spec.as_of_timestamp_ms)));
  *as_of_stop = stop;
  if (CoveredBy(*readable, stop)) return std::move(*readable);
  // Older snapshots, newest first: the Paimon table lists the ids still on disk.
  FN_ASSIGN_OR_RETURN(auto paimon, lake::paimon::OpenPaimonTable(table, lake_overrides));
  FN_ASSIGN_OR_RETURN(auto ids, paimon->ListSnapshotIds());
  std::sort(ids.rbegin(), ids.rend());
  for (int64_t id : ids) {
    if (id >= readable->snapshot_id) continue;
    auto s = catalog->GetLakeSnapshotById(table.path, id);
    if (!s.ok()) {
      if (s.status().code() == StatusCode::kNotFound) continue;
      return s.status();
    }
    if (*s && CoveredBy(**s, stop)) return std::move(**s);
  }
  return Status::NotFound(Quote(table) + " has no lake snapshot at or before timestamp " +
                          std::to_string(*spec.as_of_timestamp_ms) +
                          " whose log offsets Fluss still records (0.9 keeps them for its latest lake snapshot)");
}

}  // namespace fluss_native::plan
