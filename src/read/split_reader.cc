#include "read/split_reader.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>

#include "catalog/catalog_impl.h"
#include "common/type_builder.h"
#include "expr/bound_predicate.h"
#include "expr/evaluate.h"
#include "format/arrow/arrow_compose.h"
#include "read/lake_scanner.h"
#include "read/lake_split_plan.h"
#include "common/memory_budget.h"
#include "read/log_scanner.h"
#include "read/residual_filter.h"
#include "read/row_group_prune.h"
#include "read/merge/key_bytes.h"
#include "read/merge/keyed_merge.h"

namespace fluss_native::read {
namespace {

constexpr int64_t kOutputBatchRows = 8192;

using ProfileClock = std::chrono::steady_clock;

int64_t NanosSince(ProfileClock::time_point start) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(ProfileClock::now() - start).count();
}

// Raises `gauge` to `value` if it is lower (a high-water mark shared by
// several splits' readers).
void RaiseTo(std::atomic<int64_t>* gauge, int64_t value) {
  int64_t seen = gauge->load(std::memory_order_relaxed);
  while (seen < value && !gauge->compare_exchange_weak(seen, value, std::memory_order_relaxed)) {
  }
}

std::string Describe(const Split& s) {
  std::string d = "split " + std::string(SplitTierName(s.tier)) + " of table '" + s.database_name + "." +
                  s.table_name + "'";
  if (s.partition_name) d += " partition '" + *s.partition_name + "'";
  return d + " bucket " + std::to_string(s.bucket_id);
}

// Two types whose Arrow arrays have the same layout (names, ids and
// nullability aside): batches of one may go out under the other's schema.
bool SameLayout(const DataType& a, const DataType& b) {
  if (a.ToArrowFormat() != b.ToArrowFormat() || a.children.size() != b.children.size()) return false;
  for (size_t i = 0; i < a.children.size(); ++i) {
    if (!SameLayout(a.children[i], b.children[i])) return false;
  }
  return true;
}

// The table the split names, checked against the split's table id (a
// table dropped and re-created since planning has another id).
Result<std::shared_ptr<const TableInfo>> SplitTable(Catalog* catalog, const Split& split) {
  FN_ASSIGN_OR_RETURN(auto info, catalog->GetTable(TablePath{split.database_name, split.table_name}));
  if (split.table_id && *split.table_id != info->table_id) {
    return Status::NotFound(Describe(split) + ": the table now has id " + std::to_string(info->table_id) +
                            ", not the split's " + std::to_string(*split.table_id) +
                            " (dropped and re-created since planning)");
  }
  return info;
}

// The output columns: the split's, or every column of the table.
Result<std::vector<std::string>> OutputColumns(const TableInfo& t, const Split& split) {
  std::vector<std::string> cols = split.columns;
  if (cols.empty()) {
    for (const auto& c : t.columns) cols.push_back(c.name);
  }
  for (const auto& c : cols) {
    if (t.ColumnIndex(c) < 0) {
      return Status::InvalidArgument(Describe(split) + ": table has no column '" + c + "'");
    }
  }
  return cols;
}


LogScanOptions LogOptionsOf(const Split& split, std::vector<std::string> columns) {
  LogScanOptions o;
  o.columns = std::move(columns);
  if (split.partition_name) o.partitions = std::vector<std::string>{*split.partition_name};
  o.buckets = {split.bucket_id};
  return o;
}

LogScanInternalOptions RangeOf(const Split& split) {
  LogScanInternalOptions r;
  r.fixed_start = split.log_start_offset.value_or(0);
  r.fixed_stop = split.log_end_offset.value_or(0);
  return r;
}

// Late materialisation for an append table's files: the predicate over just
// its columns (bound to them, in first-use order); null when it cannot be.
std::shared_ptr<const lake::paimon::LateFilter> LateFilterOf(const Predicate& predicate, const TableInfo& t,
                                                             const lake::paimon::TableSchema& schema) {
  auto filter = std::make_shared<lake::paimon::LateFilter>();
  DataType row = MakeType(TypeRoot::kRow, false);
  for (const auto& name : PredicateColumns(predicate)) {
    auto column = std::find_if(t.columns.begin(), t.columns.end(), [&](const Column& c) { return c.name == name; });
    const int field = schema.FieldIndex(name);
    if (column == t.columns.end() || field < 0) return nullptr;
    AddField(&row, column->name, column->type);
    filter->fields.push_back(field);
  }
  if (filter->fields.empty()) return nullptr;
  auto bound = expr::Bind(predicate, row);
  if (!bound.ok()) return nullptr;
  auto shared = std::make_shared<const expr::BoundPredicate>(std::move(*bound));
  // Conservative: an evaluation error keeps the batch (the exact filter
  // after reports it).
  filter->may_match = [shared](const ArrowArray& batch) {
    auto rows = expr::SelectRows(*shared, batch);
    return !rows.ok() || !rows->empty();
  };
  return filter;
}

// What lake files of a split are read with: the row-group filter of the
// predicate the split is filtered by (when there is one) and the counters.
lake::paimon::FileReadHooks LakeHooks(const TableInfo& t, const lake::paimon::ScanPlan& plan,
                                      const SplitReadOptions& read, const Predicate* predicate,
                                      obs::Metrics* client_metrics) {
  lake::paimon::FileReadHooks hooks;
  hooks.metrics = read.metrics;
  hooks.client_metrics = client_metrics;
  if (predicate) hooks.select_rows = RowRangeFilter(*predicate, t, plan.schema, read.metrics);
  if (predicate && !t.has_primary_key() && plan.schema) hooks.late_filter = LateFilterOf(*predicate, t, *plan.schema);
  return hooks;
}

class LogSplitSource final : public BatchSource {
 public:
  // `prune_by`: the predicate the rows are filtered by afterwards, whose
  // batches' statistics may skip them; null: none.
  static Result<std::unique_ptr<BatchSource>> Open(const SplitReaderEnv& env, const Split& split,
                                                   const SplitReadOptions& read, const Predicate* prune_by) {
    FN_ASSIGN_OR_RETURN(auto info, SplitTable(env.catalog.get(), split));
    FN_ASSIGN_OR_RETURN(auto cols, OutputColumns(*info, split));
    LogScanOptions options = LogOptionsOf(split, cols);
    options.limit = split.limit;
    options.cancel = read.cancel;
    LogScanInternalOptions internal = RangeOf(split);
    internal.metrics = read.metrics;
    internal.budget = MemoryBudget::Create(read.memory_budget_bytes, read.memory_hook);
    if (!internal.budget) return Status::ResourceExhausted(Describe(split) + ": out of memory for its budget");
    internal.scan_description = Describe(split);
    if (prune_by) internal.prune_by = std::make_shared<const Predicate>(*prune_by);
    auto scanner = LogScanner::Open(env.gateway, env.catalog, info->path, options, internal);
    if (!scanner.ok()) return scanner.status().WithContext(Describe(split));
    auto s = std::unique_ptr<LogSplitSource>(new LogSplitSource());
    s->scanner_ = std::move(*scanner);
    s->budget_ = internal.budget;
    s->metrics_ = read.metrics;
    return std::unique_ptr<BatchSource>(std::move(s));
  }
  ~LogSplitSource() override { BookHighWater(); }
  const DataType& output_type() const override { return scanner_->output_type(); }
  Result<bool> Next(ArrowArray* out) override {
    Result<bool> r = scanner_->Next(out);
    if (r.ok() && !*r) BookHighWater();
    return r;
  }

 private:
  void BookHighWater() {
    if (metrics_ && budget_) RaiseTo(&metrics_->memory_high_water_bytes, budget_->peak());
  }

  std::unique_ptr<LogScanner> scanner_;
  std::shared_ptr<MemoryBudget> budget_;
  std::shared_ptr<ScanMetrics> metrics_;
};

// The part of a split's memory budget its keyed merge may hold. A lake
// file's reader holds the column chunks of the row group it reads whole (at
// most the file's size), beside the merge, so the largest lake file's size
// is kept back for it; the merge keeps at least a quarter of the budget.
int64_t MergeShareOfBudget(const Split& split, int64_t budget) {
  int64_t largest = 0;
  for (const auto& f : split.lake_files) largest = std::max(largest, f.size_bytes);
  return std::max(budget / 4, budget - largest);
}

class LakeSplitSource final : public BatchSource {
 public:
  static Result<std::unique_ptr<BatchSource>> Open(const SplitReaderEnv& env, const Split& split,
                                                   const SplitReadOptions& read, const Predicate* predicate) {
    FN_ASSIGN_OR_RETURN(auto info, SplitTable(env.catalog.get(), split));
    FN_ASSIGN_OR_RETURN(auto cols, OutputColumns(*info, split));
    FN_ASSIGN_OR_RETURN(auto lake, LakePlanOfSplit(split));
    auto hooks = LakeHooks(*info, lake.plan, read, predicate, env.gateway->metrics());
    LakeScanOptions options;
    options.columns = cols;
    options.limit = split.limit;
    options.merge_memory_bytes = MergeShareOfBudget(split, read.memory_budget_bytes);
    options.spill_directory = read.spill_directory;
    options.cancel = read.cancel;
    if (split.lake_bucket_unaware) options.buckets = {split.bucket_id};
    auto scanner = LakeScanner::Open(std::move(lake.table), std::move(lake.plan), options, std::move(hooks));
    if (!scanner.ok()) return scanner.status().WithContext(Describe(split));
    auto s = std::unique_ptr<LakeSplitSource>(new LakeSplitSource());
    s->type_ = RowOf(*info, cols);
    if (!SameLayout(s->type_, (*scanner)->output_type())) {
      return Status(StatusCode::kSchema, Describe(split) + ": the lake files' columns " + (*scanner)->output_type().ToFlussString() +
                            " do not match the table's " + s->type_.ToFlussString());
    }
    s->scanner_ = std::move(*scanner);
    s->gateway_ = env.gateway;
    return std::unique_ptr<BatchSource>(std::move(s));
  }
  // The table's types: lake types with the same layout can differ in
  // nullability and names of nested fields.
  const DataType& output_type() const override { return type_; }
  Result<bool> Next(ArrowArray* out) override { return scanner_->Next(out); }

 private:
  DataType type_;
  std::unique_ptr<LakeScanner> scanner_;
  std::shared_ptr<cluster::Gateway> gateway_;  // keeps the client's metrics (the hooks') alive
};

// A primary-key bucket: the lake files' rows, unmerged, then the changelog
// tail. Every log row is newer than every lake row (the lake holds the state
// up to the offset where the tail starts), so the tail goes into a keyed
// merge first. Then, when the tail stayed in memory and the lake bucket is
// one sorted run (each key at most once: LakeScanner::EveryBucketIsOneRun),
// the lake streams past the merge: a lake row is out when the tail has its
// key (the tail's winner decides) or it is a retraction, and is emitted
// as read otherwise; the tail's winners follow. Memory is then the tail's
// and one lake batch's, whatever the lake's size, and the lake's rows are
// never hashed into the merge. Otherwise the lake's rows join the tail in
// the same merge (ordered among themselves by Paimon's sequence numbers),
// which spills sorted runs past the budget. One merge, so the split's
// whole memory budget is its.
class HybridSplitSource final : public BatchSource {
 public:
  static Result<std::unique_ptr<BatchSource>> Open(const SplitReaderEnv& env, const Split& split,
                                                   const SplitReadOptions& read, const Predicate* predicate) {
    FN_ASSIGN_OR_RETURN(auto info, SplitTable(env.catalog.get(), split));
    const TableInfo& t = *info;
    if (!t.has_primary_key()) {
      return Status::InvalidArgument(Describe(split) + ": a HYBRID split is for a primary-key table");
    }
    auto s = std::unique_ptr<HybridSplitSource>(new HybridSplitSource());
    s->where_ = Describe(split);
    s->limit_ = split.limit;
    FN_ASSIGN_OR_RETURN(s->output_columns_, OutputColumns(t, split));
    s->type_ = RowOf(t, s->output_columns_);
    // Read the output columns and any key column they leave out.
    s->read_columns_ = s->output_columns_;
    for (const auto& k : t.primary_key) {
      auto at = std::find(s->read_columns_.begin(), s->read_columns_.end(), k);
      s->key_positions_.push_back(static_cast<int>(at - s->read_columns_.begin()));
      if (at == s->read_columns_.end()) s->read_columns_.push_back(k);
    }
    const int64_t budget = MergeShareOfBudget(split, read.memory_budget_bytes);
    if (!split.lake_files.empty()) {
      FN_ASSIGN_OR_RETURN(auto lake, LakePlanOfSplit(split));
      LakeScanOptions options;
      options.columns = s->read_columns_;
      options.merge_memory_bytes = budget;
      options.spill_directory = read.spill_directory;
      options.cancel = read.cancel;
      auto hooks = LakeHooks(t, lake.plan, read, predicate, env.gateway->metrics());
      auto scanner = LakeScanner::Open(std::move(lake.table), std::move(lake.plan), options, std::move(hooks));
      if (!scanner.ok()) return scanner.status().WithContext(s->where_);
      if (!SameLayout(RowOf(t, s->read_columns_), (*scanner)->output_type())) {
        return Status(StatusCode::kSchema, s->where_ + ": the lake files' columns " + (*scanner)->output_type().ToFlussString() +
                              " do not match the table's " + RowOf(t, s->read_columns_).ToFlussString());
      }
      s->lake_ = std::move(*scanner);
    }
    if (split.log_start_offset.value_or(0) < split.log_end_offset.value_or(0)) {
      LogScanOptions options = LogOptionsOf(split, s->read_columns_);
      options.metadata_columns = true;  // __offset, __timestamp, __bucket, __change_type
      options.cancel = read.cancel;
      LogScanInternalOptions internal = RangeOf(split);
      internal.change_kind_column = true;  // then __change_kind
      internal.metrics = read.metrics;
      // Not in a MemoryBudget (yet): that refuses a batch larger than the
      // budget, while the tail must spill past the budget instead (issue
      // 11); the merge below counts and spills what it holds.
      auto scanner = LogScanner::Open(env.gateway, env.catalog, t.path, options, internal);
      if (!scanner.ok()) return scanner.status().WithContext(s->where_);
      s->log_ = std::move(*scanner);
    }
    merge::KeyedMergeOptions m;
    m.output_type = s->type_;
    for (const auto& k : t.primary_key) m.key_types.push_back(t.columns[static_cast<size_t>(t.ColumnIndex(k))].type);
    m.memory_budget = budget;
    m.temp_dir = read.spill_directory;
    m.description = s->where_;
    m.cancel = read.cancel;
    s->key_types_ = m.key_types;
    FN_ASSIGN_OR_RETURN(s->merge_, merge::KeyedMerge::Create(std::move(m)));
    s->metrics_ = read.metrics;
    s->client_metrics_ = env.gateway->metrics();
    s->gateway_ = env.gateway;
    return std::unique_ptr<BatchSource>(std::move(s));
  }

  ~HybridSplitSource() override { Finish(); }

  const DataType& output_type() const override { return type_; }

  // The lake files' part of the time is FlussLakeReadTime; the changelog
  // tail and the merge are FlussUnionTailReadTime.
  Result<bool> Next(ArrowArray* out) override {
    const auto started = ProfileClock::now();
    int64_t lake_ns = 0;
    Result<bool> r = NextRows(out, &lake_ns);
    if (metrics_) {
      metrics_->lake_read_time_ns.fetch_add(lake_ns, std::memory_order_relaxed);
      metrics_->union_tail_read_time_ns.fetch_add(NanosSince(started) - lake_ns, std::memory_order_relaxed);
    }
    if (r.ok() && !*r) Finish();
    return r;
  }

 private:
  Result<bool> NextRows(ArrowArray* out, int64_t* lake_ns) {
    if (!merged_) {
      FN_RETURN_IF_ERROR(FeedLog());
      if (lake_ && !merge_->spilled() && lake_->EveryBucketIsOneRun()) {
        streaming_lake_ = true;
      } else {
        const auto lake_started = ProfileClock::now();
        FN_RETURN_IF_ERROR(FeedLake());
        *lake_ns = NanosSince(lake_started);
      }
      merged_ = true;
    }
    int64_t room = kOutputBatchRows;
    if (limit_) room = std::min(room, *limit_ - emitted_);
    if (room <= 0) return false;
    if (streaming_lake_) {
      const auto lake_started = ProfileClock::now();
      Result<bool> got = NextLakeRows(out, room);
      *lake_ns = NanosSince(lake_started);
      FN_RETURN_IF_ERROR(got.status());
      if (*got) {
        emitted_ += out->length;
        return true;
      }
      streaming_lake_ = false;
      lake_.reset();
    }
    FN_ASSIGN_OR_RETURN(bool got, merge_->Next(out, room));
    if (got) emitted_ += out->length;
    return got;
  }

  // The next lake rows whose keys the tail does not have, less retractions
  // (at most `room`), as read: a batch kept whole is passed on without a copy.
  Result<bool> NextLakeRows(ArrowArray* out, int64_t room) {
    std::string key;
    for (;;) {
      merge::MergeBatch b;
      FN_ASSIGN_OR_RETURN(bool more, lake_->NextUnmerged(&b, output_columns_.size()));
      if (!more) return false;
      const int64_t count = b.rows ? static_cast<int64_t>(b.rows->size()) : b.length;
      std::vector<int64_t> keep;
      keep.reserve(static_cast<size_t>(count));
      for (int64_t n = 0; n < count; ++n) {
        const int64_t row = b.rows ? (*b.rows)[static_cast<size_t>(n)] : n;
        bool retract = false;
        if (!merge::DecodeChangeKind(merge::RowSource::kLake, Int8At(*b.kinds, row), &retract)) {
          return Status::Corruption(where_ + ": " + b.origin + " row " + std::to_string(row) + " has the value kind " +
                                    std::to_string(Int8At(*b.kinds, row)));
        }
        if (retract) continue;
        key.clear();
        for (size_t k = 0; k < b.keys.size(); ++k) merge::AppendKeyBytes(*b.keys[k], key_types_[k], row, &key);
        if (!merge_->HasKey(key)) keep.push_back(row);
      }
      if (keep.empty()) continue;
      if (static_cast<int64_t>(keep.size()) > room) keep.resize(static_cast<size_t>(room));
      arrow::ArrayNode node;
      node.null_count = 0;
      node.buffers = {nullptr};
      node.length = static_cast<int64_t>(keep.size());
      const bool prefix = keep.back() == node.length - 1;  // rows 0..n-1, all kept
      for (size_t c = 0; c < output_columns_.size(); ++c) {
        if (prefix) {
          auto child = BorrowArray(*b.columns[c], b.owner);
          SliceNode(&child, 0, node.length);
          node.children.push_back(std::move(child));
          continue;
        }
        std::vector<RowRef> refs;
        refs.reserve(keep.size());
        for (int64_t r : keep) refs.push_back({b.columns[c], r});
        FN_ASSIGN_OR_RETURN(auto child, Take(refs, type_.children[c]));
        node.children.push_back(std::move(child));
      }
      arrow::ExportArray(std::move(node), out);
      return true;
    }
  }

  // Books the merge's memory high-water mark and whether it spilled, once.
  void Finish() {
    if (finished_ || !merge_) return;
    finished_ = true;
    const merge::KeyedMergeStats& stats = merge_->stats();
    if (metrics_) RaiseTo(&metrics_->memory_high_water_bytes, stats.peak_held_bytes);
    if (client_metrics_ && stats.spill_runs > 0) client_metrics_->union_spills.fetch_add(1, std::memory_order_relaxed);
  }

  Status FeedLake() {
    if (!lake_) return Status::OK();
    FN_RETURN_IF_ERROR(lake_->AddUnmergedRows(merge_.get(), output_columns_.size()));
    lake_.reset();
    return Status::OK();
  }

  Status FeedLog() {
    if (!log_) return Status::OK();
    const size_t n = read_columns_.size();
    const size_t offset_col = n;        // then __timestamp, __bucket, __change_type
    const size_t kind_col = n + 4;      // __change_kind
    for (;;) {
      auto batch = std::make_shared<arrow::UniqueArrowArray>();
      FN_ASSIGN_OR_RETURN(bool more, log_->Next(batch->get()));
      if (!more) break;
      const ArrowArray& b = *batch->get();
      if (b.length == 0) continue;
      if (b.n_children != static_cast<int64_t>(kind_col + 1)) {
        return Status::Internal(where_ + ": changelog batch has " + std::to_string(b.n_children) + " columns");
      }
      merge::MergeBatch in;
      in.source = merge::RowSource::kLog;
      in.length = b.length;
      for (size_t c = 0; c < output_columns_.size(); ++c) in.columns.push_back(b.children[c]);
      for (int p : key_positions_) in.keys.push_back(b.children[p]);
      in.versions = b.children[offset_col];
      in.kinds = b.children[kind_col];
      in.owner = batch;
      in.origin = "the changelog tail";
      FN_RETURN_IF_ERROR(merge_->Add(std::move(in)));
    }
    log_.reset();
    return Status::OK();
  }

  std::string where_;
  std::optional<int64_t> limit_;
  std::vector<std::string> output_columns_;
  std::vector<std::string> read_columns_;  // output columns, then missing key columns
  std::vector<int> key_positions_;         // per key column: its read column
  DataType type_;
  std::unique_ptr<LakeScanner> lake_;
  std::unique_ptr<LogScanner> log_;
  std::unique_ptr<merge::KeyedMerge> merge_;
  std::vector<DataType> key_types_;  // per primary-key column
  bool merged_ = false;
  bool streaming_lake_ = false;  // the lake streams past the tail's merge (NextLakeRows)
  int64_t emitted_ = 0;
  std::shared_ptr<ScanMetrics> metrics_;
  obs::Metrics* client_metrics_ = nullptr;
  std::shared_ptr<cluster::Gateway> gateway_;  // keeps client_metrics_ alive
  bool finished_ = false;
};

}  // namespace

DataType RowOf(const TableInfo& t, const std::vector<std::string>& cols) {
  DataType row;
  row.root = TypeRoot::kRow;
  row.nullable = false;
  for (const auto& c : cols) {
    const Column& col = t.columns[static_cast<size_t>(t.ColumnIndex(c))];
    row.children.push_back(col.type);
    row.field_names.push_back(col.name);
    row.field_ids.push_back(col.id);
    row.field_descriptions.push_back(col.comment);
  }
  return row;
}

namespace {

// A split's reader that answers Cancelled, naming the split, once the
// host's token is cancelled; the readers inside look at the token too
// wherever they block (a fetch, a backoff, a merge).
class CancellableSource final : public BatchSource {
 public:
  CancellableSource(std::unique_ptr<BatchSource> inner, std::shared_ptr<CancellationToken> cancel, std::string where)
      : inner_(std::move(inner)), cancel_(std::move(cancel)), where_(std::move(where)) {}
  const DataType& output_type() const override { return inner_->output_type(); }
  Result<bool> Next(ArrowArray* out) override {
    if (cancel_->cancelled()) return Status::Cancelled(where_ + " was cancelled");
    Result<bool> r = inner_->Next(out);
    if (!r.ok() && r.status().code() == StatusCode::kCancelled) return r.status().WithContext(where_);
    return r;
  }

 private:
  std::unique_ptr<BatchSource> inner_;
  std::shared_ptr<CancellationToken> cancel_;
  std::string where_;
};

// Counts a split's rows returned and (but for HYBRID splits, which book
// their own two parts) its read time into the scan's profile; at its end, a
// split with lake files is kept or suppressed (see ScanMetrics).
class ProfiledSource final : public BatchSource {
 public:
  ProfiledSource(std::unique_ptr<BatchSource> inner, const Split& split, std::shared_ptr<ScanMetrics> metrics)
      : inner_(std::move(inner)), tier_(split.tier), metrics_(std::move(metrics)) {
    has_lake_files_ = !split.lake_files.empty();
    // A LOG_ONLY split that follows a lake snapshot is a union read's tail.
    union_tail_ = split.tier == SplitTier::kLogOnly && split.lake_snapshot_id.has_value();
  }
  const DataType& output_type() const override { return inner_->output_type(); }
  Result<bool> Next(ArrowArray* out) override {
    const auto started = ProfileClock::now();
    Result<bool> r = inner_->Next(out);
    const int64_t ns = NanosSince(started);
    switch (tier_) {
      case SplitTier::kLogOnly:
        (union_tail_ ? metrics_->union_tail_read_time_ns : metrics_->log_read_time_ns)
            .fetch_add(ns, std::memory_order_relaxed);
        break;
      case SplitTier::kLakeOnly:
        metrics_->lake_read_time_ns.fetch_add(ns, std::memory_order_relaxed);
        break;
      case SplitTier::kHybrid:
        break;
    }
    if (!r.ok()) return r;
    if (*r) {
      rows_ += out->length;
      RowsOf(tier_).fetch_add(out->length, std::memory_order_relaxed);
    } else if (!finished_) {
      finished_ = true;
      if (has_lake_files_) {
        (rows_ > 0 ? metrics_->lake_splits_kept : metrics_->lake_splits_suppressed).fetch_add(1, std::memory_order_relaxed);
      }
    }
    return r;
  }

 private:
  std::atomic<int64_t>& RowsOf(SplitTier tier) {
    switch (tier) {
      case SplitTier::kLogOnly: return metrics_->rows_returned_log_only;
      case SplitTier::kLakeOnly: return metrics_->rows_returned_lake_only;
      case SplitTier::kHybrid: break;
    }
    return metrics_->rows_returned_hybrid;
  }

  std::unique_ptr<BatchSource> inner_;
  SplitTier tier_;
  std::shared_ptr<ScanMetrics> metrics_;
  bool has_lake_files_ = false;
  bool union_tail_ = false;
  bool finished_ = false;
  int64_t rows_ = 0;
};

// The split's reader, without the check above; defined below.
Result<std::unique_ptr<BatchSource>> OpenUncancellable(const SplitReaderEnv& env, const Split& split,
                                                       const SplitReadOptions& options);

// `prune_by`: the predicate the caller filters by, which lake readers may
// use to skip row groups; null: none.
Result<std::unique_ptr<BatchSource>> OpenUnfiltered(const SplitReaderEnv& env, const Split& split,
                                                    const SplitReadOptions& options, const Predicate* prune_by) {
  switch (split.tier) {
    case SplitTier::kLogOnly:
      return LogSplitSource::Open(env, split, options, prune_by);
    case SplitTier::kLakeOnly:
      return LakeSplitSource::Open(env, split, options, prune_by);
    case SplitTier::kHybrid:
      return HybridSplitSource::Open(env, split, options, prune_by);
  }
  return Status::InvalidArgument(Describe(split) + ": unknown tier");
}

}  // namespace

Result<std::unique_ptr<BatchSource>> OpenSplitReader(const SplitReaderEnv& env, const Split& split,
                                                     const SplitReadOptions& options) {
  // The split's metadata calls (its table at open, its leaders on a
  // failover) wait on the host's token too, retry backoffs included.
  SplitReaderEnv cancellable = env;
  if (options.cancel) cancellable.catalog = catalog::CatalogImpl::CancellableBy(env.catalog, options.cancel);
  auto opened = OpenUncancellable(cancellable, split, options);
  if (!opened.ok()) {
    if (opened.status().code() == StatusCode::kCancelled) return opened.status().WithContext(Describe(split));
    return opened.status();
  }
  auto source = std::move(opened).value();
  if (options.metrics) source = std::make_unique<ProfiledSource>(std::move(source), split, options.metrics);
  if (!options.cancel) return source;
  return std::unique_ptr<BatchSource>(new CancellableSource(std::move(source), options.cancel, Describe(split)));
}

namespace {

Result<std::unique_ptr<BatchSource>> OpenUncancellable(const SplitReaderEnv& env, const Split& split,
                                                       const SplitReadOptions& options) {
  FN_RETURN_IF_ERROR(split.Validate());
  if (!env.gateway || !env.catalog) return Status::Internal("split reader without a client");
  if (options.memory_budget_bytes <= 0) return Status::InvalidArgument("memory_budget_bytes must be positive");
  if (!split.predicate) return OpenUnfiltered(env, split, options, nullptr);
  // Read the projection plus the predicate's columns, unlimited: the filter
  // drops the extra columns and applies the limit to the rows it keeps.
  Split inner = split;
  inner.predicate.reset();
  inner.limit.reset();
  size_t output_columns = split.columns.size();
  if (!inner.columns.empty()) {
    for (const auto& name : PredicateColumns(*split.predicate)) {
      if (std::find(inner.columns.begin(), inner.columns.end(), name) == inner.columns.end()) {
        inner.columns.push_back(name);
      }
    }
  }
  FN_ASSIGN_OR_RETURN(auto source, OpenUnfiltered(env, inner, options, &*split.predicate));
  if (split.columns.empty()) output_columns = source->output_type().children.size();
  return FilterRows(std::move(source), *split.predicate, output_columns, split.limit, Describe(split));
}

}  // namespace

}  // namespace fluss_native::read
