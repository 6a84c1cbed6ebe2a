#include "plan/scan_planner.h"

#include <algorithm>
#include <set>

#include "cluster/gateway.h"
#include "common/type_builder.h"
#include "expr/bound_predicate.h"
#include "plan/pinned_keys.h"
#include "lake/paimon/lake_table_resolver.h"
#include "lake/paimon/scan_plan.h"
#include "plan/lake_snapshot_choice.h"
#include "plan/prune.h"

namespace fluss_native::plan {
namespace {

using lake::paimon::BucketFiles;

// One Fluss bucket the plan reads: (partition, bucket) with its offsets.
struct BucketKey {
  std::string partition_name;
  int bucket = 0;
  bool operator<(const BucketKey& o) const {
    return partition_name < o.partition_name || (partition_name == o.partition_name && bucket < o.bucket);
  }
};

struct Offsets {
  std::map<BucketKey, int64_t> by_bucket;
  std::map<std::string, int64_t> partition_ids;  // partition name -> id
};

Offsets Index(const std::vector<BucketOffset>& offsets) {
  Offsets out;
  for (const auto& o : offsets) {
    out.by_bucket[{o.partition_name, o.bucket}] = o.offset;
    if (o.partition_id) out.partition_ids[o.partition_name] = *o.partition_id;
  }
  return out;
}

std::string Where(const TablePath& t, const std::string& partition, int bucket) {
  std::string s = "table '" + t.ToString() + "'";
  if (!partition.empty()) s += " partition '" + partition + "'";
  return s + " bucket " + std::to_string(bucket);
}

// What every split of this plan shares.
Split SplitTemplate(const PlannerEnv& env, const TableInfo& info, const ScanSpec& spec,
                    const std::vector<std::string>& columns) {
  Split s;
  s.database_name = info.path.database;
  s.table_name = info.path.table;
  s.table_id = info.table_id;
  s.bootstrap_servers = env.bootstrap_servers;
  s.schema_id = info.schema_id;
  s.columns = columns;
  s.primary_key = info.primary_key;
  s.bucket_key = info.bucket_keys;
  s.partition_keys = info.partition_keys;
  s.limit = spec.limit;
  s.predicate = spec.predicate;
  return s;
}

struct LakePart {
  std::unique_ptr<lake::paimon::PaimonTable> table;
  lake::paimon::ScanPlan files;
  bool bucket_unaware = false;
  std::string file_format;
  std::string merge_engine;
  std::map<BucketKey, int64_t> offsets;  // the lake snapshot's log offset per bucket
};

void FillLake(const LakePart& lake, Split* s) {
  s->lake_snapshot_id = lake.files.snapshot.id;
  s->snapshot_id = lake.files.snapshot.id;
  s->file_format = lake.file_format;
  s->lake_table_location = lake.table->root();
  s->lake_schema_id = lake.files.snapshot.schema_id;
  s->lake_deletion_vectors = lake.files.deletion_vectors;
  s->lake_merge_engine = lake.merge_engine;
}

LakeFileRef FileRef(const LakePart& lake, const BucketFiles& b, const lake::paimon::DataFileMeta& f) {
  LakeFileRef r;
  r.path = f.external_path ? *f.external_path : lake.table->DataFilePath(b.partition_path, b.bucket, f.file_name);
  r.size_bytes = f.file_size;
  r.row_count = f.row_count;
  r.schema_id = f.schema_id;
  r.level = f.level;
  r.min_sequence_number = f.min_sequence_number;
  r.max_sequence_number = f.max_sequence_number;
  auto dv = b.deletion_vectors.find(f.file_name);
  if (dv != b.deletion_vectors.end()) {
    r.deletion_vector = DeletionVectorRef{dv->second.index_path, dv->second.range.offset, dv->second.range.length,
                                          dv->second.range.cardinality};
  }
  return r;
}

class Planner {
 public:
  Planner(const PlannerEnv& env, const ScanSpec& spec) : env_(env), spec_(spec) {}

  Result<ScanPlan> Run(const TablePath& path) {
    FN_ASSIGN_OR_RETURN(info_, env_.catalog->GetTable(path));
    const TableInfo& t = *info_;
    plan_.table = path;
    plan_.table_id = t.table_id;
    plan_.primary_key = t.has_primary_key();
    plan_.requested_tier = spec_.tier;
    plan_.limit = spec_.limit;
    plan_.predicate = spec_.predicate;
    FN_RETURN_IF_ERROR(CheckSpec());
    FN_RETURN_IF_ERROR(BindForPruning());
    FN_RETURN_IF_ERROR(ChooseTier());
    FN_RETURN_IF_ERROR(ListFlussPartitions());
    FN_RETURN_IF_ERROR(PinOffsets());
    if (lake_) FN_RETURN_IF_ERROR(PlanLakeFiles());
    FN_RETURN_IF_ERROR(MakeSplits());
    CountFromMetadata();
    NoteKeyStateSource();
    return std::move(plan_);
  }

 private:
  Status CheckSpec() {
    const TableInfo& t = *info_;
    for (const auto& c : spec_.columns) {
      if (t.ColumnIndex(c) < 0) {
        return Status::InvalidArgument("table '" + t.path.ToString() + "' has no column '" + c + "'");
      }
    }
    if (spec_.columns.empty()) {
      for (const auto& c : t.columns) plan_.columns.push_back(c.name);
    } else {
      plan_.columns = spec_.columns;
    }
    for (int b : spec_.buckets) {
      if (b < 0 || b >= t.bucket_count) {
        return Status::InvalidArgument("table '" + t.path.ToString() + "' has buckets 0.." +
                                       std::to_string(t.bucket_count - 1) + "; there is no bucket " +
                                       std::to_string(b));
      }
    }
    if (spec_.partitions && !t.is_partitioned()) {
      return Status::InvalidArgument("table '" + t.path.ToString() + "' is not partitioned");
    }
    if (spec_.snapshot_id && spec_.as_of_timestamp_ms) {
      return Status::InvalidArgument("a scan reads one version: give a lake snapshot id or a timestamp, not both");
    }
    if (spec_.limit && *spec_.limit < 0) return Status::InvalidArgument("a scan's limit must not be negative");
    if (spec_.target_split_bytes <= 0) return Status::InvalidArgument("target_split_bytes must be positive");
    if (spec_.predicate) {
      // Type-checked here, so a wrong column or literal fails the plan, not a read.
      DataType row = MakeType(TypeRoot::kRow, false);
      for (const auto& c : t.columns) AddField(&row, c.name, c.type);
      auto bound = expr::Bind(*spec_.predicate, row);
      if (!bound.ok()) {
        return Status::InvalidArgument("table '" + t.path.ToString() + "': " + bound.status().message());
      }
    }
    if (spec_.snapshot_id && spec_.tier == ScanTier::kLog) {
      return Status::InvalidArgument("a lake snapshot id needs the lake tier; the log tier has no snapshots");
    }
    return Status::OK();
  }

  // The predicate bound against the table's row, for the pruners.
  Status BindForPruning() {
    if (!spec_.predicate) {
      pruner_ = std::make_unique<ScanPruner>(*info_, nullptr);
      return Status::OK();
    }
    const TableInfo& t = *info_;
    DataType row = MakeType(TypeRoot::kRow, false);
    for (const auto& c : t.columns) AddField(&row, c.name, c.type);
    auto bound = expr::Bind(*spec_.predicate, row);
    if (!bound.ok()) return Status::InvalidArgument("table '" + t.path.ToString() + "': " + bound.status().message());
    bound_ = std::move(*bound);
    pruner_ = std::make_unique<ScanPruner>(t, &*bound_);
    // Bucket keys pinned by = / IN: only their buckets can hold a match.
    pinned_buckets_ = PinnedBuckets(t, *bound_);
    // The whole primary key pinned, reading the current state: a lookup.
    if (spec_.tier == ScanTier::kAuto && !spec_.snapshot_id && !spec_.as_of_timestamp_ms) {
      plan_.lookup_keys = PinnedPrimaryKeys(t, *bound_);
    }
    return Status::OK();
  }

  // COUNT(*) from metadata where it is exact (see ScanPlan::metadata_row_count).
  void CountFromMetadata() {
    if (info_->has_primary_key() || spec_.predicate) return;
    int64_t n = 0;
    for (const auto& s : plan_.splits) {
      if (s.tier == SplitTier::kHybrid || s.lake_bucket_unaware && !spec_.buckets.empty()) return;
      for (const auto& f : s.lake_files) {
        if (f.row_count < 0) return;
        int64_t deleted = 0;
        if (f.deletion_vector) {
          if (!f.deletion_vector->cardinality) return;
          deleted = *f.deletion_vector->cardinality;
        }
        n += f.row_count - deleted;
      }
      if (s.tier == SplitTier::kLogOnly && s.log_start_offset && s.log_end_offset) {
        n += std::max<int64_t>(0, *s.log_end_offset - *s.log_start_offset);
      }
    }
    if (spec_.limit) n = std::min(n, *spec_.limit);
    plan_.metadata_row_count = n;
  }

  // A primary-key table read from the log alone gets its current state from
  // the changelog merge (read/pk_state_reader.h). Fluss 1.0's SCAN_KV
  // (FIP-17) would read it from the KV store; whether the servers offer it
  // comes from their ApiVersions, and the plan says which applies.
  void NoteKeyStateSource() {
    if (!env_.gateway) return;
    const bool key_state = info_->has_primary_key() && plan_.tier == ScanTier::kLog;
    bool log_rows = false;
    for (const auto& s : plan_.splits) log_rows = log_rows || s.tier != SplitTier::kLakeOnly;
    const bool filter = spec_.predicate.has_value() && log_rows;
    if (!key_state && !filter) return;
    std::vector<int> without_scan_kv, without_filter;
    int asked = 0;
    for (const auto& server : env_.gateway->cluster().tablet_servers) {
      auto features = env_.gateway->ServerFeaturesOf(server.id);
      if (!features.ok()) continue;
      ++asked;
      if (!features->scan_kv) without_scan_kv.push_back(server.id);
      if (!features->fetch_log_filter) without_filter.push_back(server.id);
    }
    auto ids = [](const std::vector<int>& v) {
      std::string out;
      for (int id : v) out += (out.empty() ? "" : ", ") + std::to_string(id);
      return out;
    };
    if (key_state) {
      const std::string scope = "primary-key state";
      if (asked == 0) {
        Fallback(scope, "changelog merge (no tablet server answered ApiVersions)");
      } else if (!without_scan_kv.empty()) {
        Fallback(scope, "changelog merge: tablet server(s) " + ids(without_scan_kv) +
                            " announce no SCAN_KV (Fluss 0.9 protocol)");
      } else {
        Fallback(scope,
                 "changelog merge: the servers announce SCAN_KV (Fluss 1.0), which fluss-native does not read yet");
      }
    }
    if (filter) {
      const std::string scope = "server-side log filter";
      if (asked == 0) {
        Fallback(scope, "decided per fetch from the leader's ApiVersions (no tablet server answered yet)");
      } else if (!without_filter.empty()) {
        Fallback(scope, "not sent to tablet server(s) " + ids(without_filter) +
                            " (Fluss 0.9 protocol: FetchLog takes no filter); rows filtered after decoding");
      } else {
        Fallback(scope, "FetchLog filter_predicate sent (Fluss 1.0); rows still filtered after decoding");
      }
    }
  }

  void Fallback(std::string scope, std::string reason) {
    plan_.fallbacks.push_back(PlanFallback{std::move(scope), std::move(reason)});
  }

  // Which tiers to read and, for the lake, which snapshot with which offsets.
  Status ChooseTier() {
    const TableInfo& t = *info_;
    const std::string table = "table '" + t.path.ToString() + "'";
    if (spec_.tier == ScanTier::kLog) {
      plan_.tier = ScanTier::kLog;
      return Status::OK();
    }
    if (!t.datalake_enabled()) {
      if (spec_.tier != ScanTier::kAuto) {
        return Status::InvalidArgument(table + " is not lake-enabled (table.datalake.enabled); it has no " +
                                       ScanTierName(spec_.tier) + " tier to read");
      }
      if (spec_.as_of_timestamp_ms) return PinTimestampWithoutLake();
      plan_.tier = ScanTier::kLog;
      Fallback(t.path.ToString(), "not lake-enabled: read from the log alone");
      return Status::OK();
    }
    auto chosen = ChooseLakeSnapshot(env_.catalog, t, spec_, env_.lake_overrides, &as_of_stop_);
    if (!chosen.ok()) {
      if (chosen.status().code() != StatusCode::kNotFound || spec_.tier != ScanTier::kAuto ||
          spec_.snapshot_id) {
        return chosen.status();
      }
      plan_.tier = ScanTier::kLog;
      Fallback(t.path.ToString(), chosen.status().message() + ": read from the log alone");
      return Status::OK();
    }
    lake_snapshot_ = std::move(*chosen);
    plan_.lake_snapshot_id = lake_snapshot_.snapshot_id;
    plan_.tier = spec_.tier == ScanTier::kLake ? ScanTier::kLake : ScanTier::kUnion;
    lake_ = std::make_unique<LakePart>();
    for (const auto& b : lake_snapshot_.buckets) {
      if (b.log_offset >= 0) lake_->offsets[{b.partition_name, b.bucket}] = b.log_offset;
    }
    return Status::OK();
  }

  Status PinTimestampWithoutLake() {
    plan_.tier = ScanTier::kLog;
    FN_ASSIGN_OR_RETURN(auto at, env_.catalog->ListOffsets(info_->path, OffsetQuery::AtTimestamp(*spec_.as_of_timestamp_ms)));
    as_of_stop_ = std::move(at);
    Fallback(info_->path.ToString(), "not lake-enabled: the log alone, up to the offsets of the timestamp");
    return Status::OK();
  }

  bool PartitionWanted(const std::string& name) const {
    return !spec_.partitions ||
           std::find(spec_.partitions->begin(), spec_.partitions->end(), name) != spec_.partitions->end();
  }
  bool BucketWanted(int bucket) const {
    if (pinned_buckets_ && pinned_buckets_->count(bucket) == 0) return false;
    return spec_.buckets.empty() || std::find(spec_.buckets.begin(), spec_.buckets.end(), bucket) != spec_.buckets.end();
  }

  Status ListFlussPartitions() {
    if (!info_->is_partitioned()) return Status::OK();
    FN_ASSIGN_OR_RETURN(auto partitions, env_.catalog->ListPartitions(info_->path));
    for (const auto& p : partitions) {
      fluss_partitions_[p.name] = p.id;
      fluss_specs_[p.name] = p.spec;
    }
    return Status::OK();
  }

  Status PinOffsets() {
    // The lake snapshot was chosen first, so its offsets never pass the stop
    // offsets pinned here.
    if (as_of_stop_) {
      stop_ = Index(*as_of_stop_);
    } else {
      FN_ASSIGN_OR_RETURN(auto latest, env_.catalog->ListOffsets(info_->path, OffsetQuery::Latest()));
      stop_ = Index(latest);
    }
    FN_ASSIGN_OR_RETURN(auto earliest, env_.catalog->ListOffsets(info_->path, OffsetQuery::Earliest()));
    earliest_ = Index(earliest);
    return Status::OK();
  }

  Status PlanLakeFiles() {
    const TableInfo& t = *info_;
    FN_ASSIGN_OR_RETURN(lake_->table, lake::paimon::OpenPaimonTable(t, env_.lake_overrides));
    FN_ASSIGN_OR_RETURN(lake_->files, lake::paimon::PlanScan(lake_->table.get(), lake_snapshot_.snapshot_id));
    const auto& schema = *lake_->files.schema;
    lake_->bucket_unaware = schema.Option("bucket", "-1") == "-1";
    lake_->file_format = schema.Option("file.format", "parquet");
    lake_->merge_engine = schema.Option("merge-engine", "");
    return Status::OK();
  }

  // The partitions the spec asks for: Fluss's and the lake's, each once.
  std::vector<std::string> WantedPartitionNames() const {
    std::set<std::string> names;
    if (!info_->is_partitioned()) return {""};
    for (const auto& [name, id] : fluss_partitions_) names.insert(name);
    if (lake_) {
      for (const auto& b : lake_->files.buckets) names.insert(b.partition_name);
    }
    std::vector<std::string> out;
    for (const auto& n : names) {
      if (PartitionWanted(n)) out.push_back(n);
    }
    return out;
  }

  // Whether a partition's values may satisfy the predicate: by its lake
  // BinaryRow (typed) when the lake has it, else by Fluss's value text.
  bool PartitionMayMatch(const std::string& name) const {
    if (!pruner_->active()) return true;
    if (lake_) {
      for (const auto& b : lake_->files.buckets) {
        if (b.partition_name == name) return pruner_->LakePartitionMayMatch(b, *lake_->files.schema);
      }
    }
    auto spec = fluss_specs_.find(name);
    if (spec != fluss_specs_.end()) return pruner_->PartitionMayMatch(spec->second);
    return true;
  }

  // The partitions to read: the wanted ones the predicate does not exclude.
  std::vector<std::string> PartitionNames() {
    std::vector<std::string> out;
    for (const auto& n : WantedPartitionNames()) {
      if (PartitionMayMatch(n)) out.push_back(n);
    }
    return out;
  }

  // The lake files of one bucket the predicate does not exclude.
  std::vector<const lake::paimon::DataFileMeta*> KeptFiles(const BucketFiles& b) {
    std::vector<const lake::paimon::DataFileMeta*> out;
    for (const auto& f : b.files) {
      if (pruner_->LakeFileMayMatch(f, *lake_->files.schema)) out.push_back(&f);
    }
    return out;
  }

  Status MakeSplits() {
    const TableInfo& t = *info_;
    if (spec_.partitions) {
      for (const auto& want : *spec_.partitions) {
        auto names = WantedPartitionNames();
        if (std::find(names.begin(), names.end(), want) == names.end()) {
          return Status::NotFound("table '" + t.path.ToString() + "' has no partition '" + want + "'" +
                                  (lake_ ? " in Fluss or in its lake" : ""));
        }
      }
    }
    const std::vector<std::string> partitions = PartitionNames();
    if (t.is_partitioned()) {
      plan_.pruning.partitions.total = static_cast<int64_t>(WantedPartitionNames().size());
      plan_.pruning.partitions.kept = static_cast<int64_t>(partitions.size());
    }
    if (lake_) {
      for (const auto& b : lake_->files.buckets) plan_.pruning.lake_files.total += static_cast<int64_t>(b.files.size());
    }
    for (const auto& partition : partitions) {
      plan_.pruning.buckets.total += t.bucket_count;
      for (int bucket = 0; bucket < t.bucket_count; ++bucket) plan_.pruning.buckets.kept += BucketWanted(bucket) ? 1 : 0;
      const bool in_fluss = !t.is_partitioned() || fluss_partitions_.count(partition) > 0;
      std::optional<int64_t> partition_id;
      if (t.is_partitioned() && in_fluss) partition_id = fluss_partitions_.at(partition);
      std::map<int, const BucketFiles*> lake_buckets;
      if (lake_) {
        for (const auto& b : lake_->files.buckets) {
          if (b.partition_name == partition) lake_buckets[b.bucket] = &b;
        }
      }
      if (!in_fluss) {
        Fallback("table '" + t.path.ToString() + "' partition '" + partition + "'",
                 "the partition exists only in the lake (expired in Fluss): read from the lake alone");
      }
      if (plan_.tier == ScanTier::kLake || !in_fluss) {
        FN_RETURN_IF_ERROR(LakeOnlySplits(partition, partition_id, lake_buckets));
        continue;
      }
      if (!t.has_primary_key() && lake_) FN_RETURN_IF_ERROR(LakeOnlySplits(partition, partition_id, lake_buckets));
      for (int bucket = 0; bucket < t.bucket_count; ++bucket) {
        if (!BucketWanted(bucket)) continue;
        FN_RETURN_IF_ERROR(LogPart(partition, partition_id, bucket, lake_buckets));
      }
    }
    return Status::OK();
  }

  // LAKE_ONLY splits of one partition. A primary-key bucket is one split (a
  // key merge); a log table's bucket is cut by files near the target size.
  Status LakeOnlySplits(const std::string& partition, std::optional<int64_t> partition_id,
                        const std::map<int, const BucketFiles*>& buckets) {
    if (!lake_) return Status::OK();
    const TableInfo& t = *info_;
    for (const auto& [paimon_bucket, files] : buckets) {
      if (files->files.empty()) continue;
      const auto kept = KeptFiles(*files);
      Split base = SplitTemplate(env_, t, spec_, plan_.columns);
      FillLake(*lake_, &base);
      base.tier = SplitTier::kLakeOnly;
      if (t.is_partitioned()) base.partition_name = partition;
      base.partition_id = partition_id;
      if (lake_->bucket_unaware) {
        // Every Fluss bucket shares Paimon's one bucket: a bucket selection
        // becomes a row filter on __bucket, one split per chosen bucket.
        if (!spec_.buckets.empty()) {
          plan_.pruning.lake_files.kept += static_cast<int64_t>(kept.size());
          for (int b : spec_.buckets) {
            Split s = base;
            s.bucket_id = b;
            s.lake_bucket_unaware = true;
            for (const auto* f : kept) s.lake_files.push_back(FileRef(*lake_, *files, *f));
            if (!kept.empty()) plan_.splits.push_back(std::move(s));
          }
          continue;
        }
      } else if (!BucketWanted(paimon_bucket)) {
        continue;
      }
      base.bucket_id = paimon_bucket;
      plan_.pruning.lake_files.kept += static_cast<int64_t>(kept.size());
      if (kept.empty()) continue;
      if (t.has_primary_key()) {
        Split s = base;
        for (const auto* f : kept) s.lake_files.push_back(FileRef(*lake_, *files, *f));
        plan_.splits.push_back(std::move(s));
        continue;
      }
      Split s = base;
      int64_t bytes = 0;
      for (const auto* f : kept) {
        if (!s.lake_files.empty() && bytes + f->file_size > spec_.target_split_bytes) {
          plan_.splits.push_back(std::move(s));
          s = base;
          bytes = 0;
        }
        s.lake_files.push_back(FileRef(*lake_, *files, *f));
        bytes += f->file_size;
      }
      if (!s.lake_files.empty()) plan_.splits.push_back(std::move(s));
    }
    return Status::OK();
  }

  // The log part of one Fluss bucket: LOG_ONLY for a log table, HYBRID (with
  // the bucket's lake files) for a primary-key table.
  Status LogPart(const std::string& partition, std::optional<int64_t> partition_id, int bucket,
                 const std::map<int, const BucketFiles*>& lake_buckets) {
    const TableInfo& t = *info_;
    const BucketKey key{partition, bucket};
    auto stop_it = stop_.by_bucket.find(key);
    if (stop_it == stop_.by_bucket.end()) {
      return Status::NotFound(Where(t.path, partition, bucket) + " has no log offsets (is it being created?)");
    }
    PlannedLogRange range;
    range.partition_id = partition_id;
    range.partition_name = partition;
    range.bucket = bucket;
    range.stop_offset = stop_it->second;
    if (lake_) {
      auto lo = lake_->offsets.find(key);
      if (lo != lake_->offsets.end()) range.lake_offset = lo->second;
    }
    const int64_t needed = range.lake_offset >= 0 ? range.lake_offset : 0;
    auto e = earliest_.by_bucket.find(key);
    const int64_t earliest = e == earliest_.by_bucket.end() ? 0 : e->second;
    range.start_offset = needed;
    if (earliest > needed && needed < range.stop_offset) {
      const std::string gap = "log offsets [" + std::to_string(needed) + ", " + std::to_string(earliest) +
                              ") were removed by the log TTL" +
                              (range.lake_offset >= 0 ? " before they were tiered (the lake ends at offset " +
                                                            std::to_string(range.lake_offset) + ")"
                                                      : " and the lake holds none of them");
      const std::string where = Where(t.path, partition, bucket);
      if (plan_.requested_tier == ScanTier::kUnion) return Status::NotFound(where + ": " + gap);
      if (plan_.tier == ScanTier::kLog && t.has_primary_key()) {
        return Status::Unsupported(where + ": " + gap +
                                   "; the current state needs them (read the lake tier, or a KV snapshot)");
      }
      Fallback(where, gap + "; those rows are missing from this read");
      range.start_offset = std::min(earliest, range.stop_offset);
    }
    range.start_offset = std::min(range.start_offset, range.stop_offset);
    plan_.log_ranges.push_back(range);

    Split s = SplitTemplate(env_, t, spec_, plan_.columns);
    if (t.is_partitioned()) s.partition_name = partition;
    s.partition_id = partition_id;
    s.bucket_id = bucket;
    s.log_start_offset = range.start_offset;
    s.log_end_offset = range.stop_offset;
    if (!t.has_primary_key()) {
      if (range.start_offset >= range.stop_offset) return Status::OK();  // nothing past the lake
      s.tier = SplitTier::kLogOnly;
      // A union read's tail names the lake snapshot it follows (profiles
      // count its time as FlussUnionTailReadTime).
      if (lake_) s.lake_snapshot_id = lake_->files.snapshot.id;
      plan_.splits.push_back(std::move(s));
      return Status::OK();
    }
    s.tier = SplitTier::kHybrid;
    if (lake_) {
      FillLake(*lake_, &s);
      auto files = lake_buckets.find(bucket);
      if (files != lake_buckets.end() && range.lake_offset >= 0) {
        const auto kept = KeptFiles(*files->second);
        plan_.pruning.lake_files.kept += static_cast<int64_t>(kept.size());
        for (const auto* f : kept) s.lake_files.push_back(FileRef(*lake_, *files->second, *f));
      }
    }
    plan_.splits.push_back(std::move(s));
    return Status::OK();
  }

  const PlannerEnv& env_;
  const ScanSpec& spec_;
  std::shared_ptr<const TableInfo> info_;
  ScanPlan plan_;
  LakeSnapshot lake_snapshot_;
  std::unique_ptr<LakePart> lake_;
  std::optional<std::vector<BucketOffset>> as_of_stop_;
  std::map<std::string, int64_t> fluss_partitions_;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> fluss_specs_;
  std::optional<expr::BoundPredicate> bound_;
  std::unique_ptr<ScanPruner> pruner_;
  std::optional<std::set<int>> pinned_buckets_;
  Offsets stop_;
  Offsets earliest_;
};

}  // namespace

Result<ScanPlan> PlanScan(const PlannerEnv& env, const TablePath& table, const ScanSpec& spec) {
  if (!env.catalog) return Status::Internal("scan planner without a catalog");
  return Planner(env, spec).Run(table);
}

}  // namespace fluss_native::plan
