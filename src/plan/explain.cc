// EXPLAIN's text for a scan plan. The first line mirrors Doris's
// `flussScan:` node line so an operator sees the same shape in both.
#include <map>
#include <sstream>

#include "fluss_native/scan.h"

namespace fluss_native {
namespace {

std::string Bytes(int64_t n) {
  std::ostringstream s;
  if (n >= (1ll << 30)) {
    s.precision(3);
    s << static_cast<double>(n) / (1ll << 30) << " GiB";
  } else if (n >= (1ll << 20)) {
    s.precision(3);
    s << static_cast<double>(n) / (1ll << 20) << " MiB";
  } else if (n >= 1024) {
    s.precision(3);
    s << static_cast<double>(n) / 1024 << " KiB";
  } else {
    s << n << " B";
  }
  return s.str();
}

std::string KeptOf(const PruneCount& c) { return std::to_string(c.kept) + "/" + std::to_string(c.total); }

}  // namespace

const char* ScanTierName(ScanTier tier) {
  switch (tier) {
    case ScanTier::kAuto: return "auto";
    case ScanTier::kLog: return "log";
    case ScanTier::kLake: return "lake";
    case ScanTier::kUnion: return "union";
  }
  return "unknown";
}

int64_t ScanPlan::lake_files() const {
  int64_t n = 0;
  for (const auto& s : splits) n += static_cast<int64_t>(s.lake_files.size());
  return n;
}

int64_t ScanPlan::lake_bytes() const {
  int64_t n = 0;
  for (const auto& s : splits) {
    for (const auto& f : s.lake_files) n += f.size_bytes > 0 ? f.size_bytes : 0;
  }
  return n;
}

std::string ScanPlan::Explain() const {
  std::map<SplitTier, int> per_tier;
  for (const auto& s : splits) ++per_tier[s.tier];
  std::ostringstream out;
  out << "flussScan: " << table.ToString() << " (table id " << table_id << ", "
      << (primary_key ? "primary-key" : "log") << " table), tier=" << ScanTierName(tier)
      << ", splits=" << splits.size() << "\n";
  out << "  requested tier: " << ScanTierName(requested_tier) << "\n";
  out << "  lake snapshot: ";
  if (lake_snapshot_id) {
    out << *lake_snapshot_id << "\n";
  } else {
    out << "none\n";
  }
  out << "  splits: LAKE_ONLY " << per_tier[SplitTier::kLakeOnly] << ", LOG_ONLY " << per_tier[SplitTier::kLogOnly]
      << ", HYBRID " << per_tier[SplitTier::kHybrid] << "\n";
  out << "  lake files: " << lake_files() << " (" << Bytes(lake_bytes()) << ")\n";
  out << "  columns: ";
  for (size_t i = 0; i < columns.size(); ++i) out << (i ? ", " : "") << columns[i];
  out << "\n";
  if (predicate) out << "  predicates: " << predicate->ToString() << "\n";
  if (limit) out << "  limit: " << *limit << "\n";
  out << "  pruned (kept/total): partitions " << KeptOf(pruning.partitions) << ", buckets "
      << KeptOf(pruning.buckets) << ", lake files " << KeptOf(pruning.lake_files)
      << " (row groups and pages: counted when read, EXPLAIN ANALYZE)\n";
  if (predicate) {
    out << "  pushed: partitions by their values, buckets by pinned bucket keys, lake files by manifest stats"
        << (primary_key ? " (primary-key columns only)" : "") << ", lake row groups by footer stats"
        << (primary_key ? " (primary-key columns only)" : "")
        << "; every tier filtered exactly after decoding (residual filter)\n";
  }
  if (lookup_keys) {
    out << "  lookup: " << lookup_keys->size()
        << " primary key(s) answered by Fluss's Lookup RPC, the predicate applied to the rows found"
        << " (the splits below are for hosts that read splits)\n";
  }
  if (metadata_row_count) {
    out << "  count(*): " << *metadata_row_count << " from metadata (lake row counts and log offsets; no read)\n";
  } else {
    out << "  count(*): needs a read\n";
  }
  out << "  log offsets (pinned):";
  if (log_ranges.empty()) out << " none";
  out << "\n";
  for (const auto& r : log_ranges) {
    out << "    ";
    if (!r.partition_name.empty()) out << "partition " << r.partition_name << " ";
    out << "bucket " << r.bucket << ": lake offset ";
    if (r.lake_offset >= 0) {
      out << r.lake_offset;
    } else {
      out << "-";
    }
    out << ", log [" << r.start_offset << ", " << r.stop_offset << ")\n";
  }
  out << "  fallbacks:";
  if (fallbacks.empty()) out << " none";
  out << "\n";
  for (const auto& f : fallbacks) out << "    " << f.scope << ": " << f.reason << "\n";
  return out.str();
}

}  // namespace fluss_native
