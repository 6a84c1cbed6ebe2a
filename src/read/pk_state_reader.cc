#include "read/pk_state_reader.h"

#include "format/arrow/arrow_compose.h"

#include <algorithm>
#include <cstring>

namespace fluss_native::read {
namespace {

constexpr int64_t kOutputBatchRows = 8192;



}  // namespace

Result<std::unique_ptr<PrimaryKeyStateReader>> PrimaryKeyStateReader::Open(
    std::shared_ptr<cluster::Gateway> gateway, std::shared_ptr<Catalog> catalog, const TablePath& path,
    const LogScanOptions& options) {
  std::unique_ptr<PrimaryKeyStateReader> r(new PrimaryKeyStateReader());
  FN_ASSIGN_OR_RETURN(r->table_, catalog->GetTable(path));
  const TableInfo& t = *r->table_;
  if (!t.has_primary_key()) {
    return Status::InvalidArgument("table '" + path.ToString() + "' has no primary key; read its log instead");
  }
  if (options.start.kind != OffsetQuery::Kind::kEarliest || options.metadata_columns) {
    return Status::InvalidArgument("the current state of table '" + path.ToString() +
                                   "' is read from the earliest offset and has no metadata columns");
  }
  r->options_ = options;
  for (const auto& k : t.primary_key) r->key_fields_.push_back(t.ColumnIndex(k));
  // Resolve the output columns (and their errors) the way a log scan does.
  LogScanOptions probe = options;
  probe.limit.reset();
  FN_ASSIGN_OR_RETURN(auto shape, LogScanner::Open(gateway, catalog, path, probe));
  r->output_type_ = shape->output_type();
  for (const auto& name : r->output_type_.field_names) r->output_fields_.push_back(t.ColumnIndex(name));

  LogScanOptions all = options;
  all.columns.clear();
  all.limit.reset();
  all.metadata_columns = true;
  LogScanInternalOptions internal;
  internal.change_kind_column = true;
  FN_ASSIGN_OR_RETURN(r->changelog_, LogScanner::Open(gateway, catalog, path, all, internal));  // shares them
  auto earliest = catalog->ListOffsets(path, OffsetQuery::Earliest());
  if (!earliest.ok()) return earliest.status();
  for (const auto& c : r->changelog_->cursors()) {
    for (const auto& e : *earliest) {
      if (e.bucket == c.bucket && e.partition_name == c.partition_name && e.offset > 0) {
        return Status::Unsupported(c.Describe(path) + " keeps its changelog only from offset " +
                                   std::to_string(e.offset) +
                                   " (log TTL); its current state needs the KV snapshot, which "
                                   "fluss-native cannot read yet");
      }
    }
  }
  merge::KeyedMergeOptions merge_options;
  merge_options.output_type = r->output_type_;
  for (int f : r->key_fields_) merge_options.key_types.push_back(t.columns[static_cast<size_t>(f)].type);
  merge_options.memory_budget = options.merge_memory_bytes;
  merge_options.temp_dir = options.spill_directory;
  merge_options.cancel = options.cancel;
  merge_options.description = "the current state of table '" + path.ToString() + "'";
  FN_ASSIGN_OR_RETURN(r->merge_, merge::KeyedMerge::Create(std::move(merge_options)));
  return r;
}

Status PrimaryKeyStateReader::Merge() {
  const TableInfo& t = *table_;
  const size_t columns = t.columns.size();
  const size_t offset_col = columns;         // __offset, then __timestamp, __bucket, __change_type
  const size_t bucket_col = columns + 2;
  const size_t kind_col = columns + 4;       // __change_kind
  while (true) {
    auto batch = std::make_shared<arrow::UniqueArrowArray>();
    FN_ASSIGN_OR_RETURN(bool more, changelog_->Next(batch->get()));
    if (!more) break;
    const ArrowArray& b = *batch->get();
    if (b.length == 0) continue;
    if (b.n_children != static_cast<int64_t>(kind_col + 1)) {
      return Status::Internal("changelog batch of table '" + t.path.ToString() + "' has " +
                              std::to_string(b.n_children) + " columns");
    }
    merge::MergeBatch in;
    in.source = merge::RowSource::kLog;
    in.length = b.length;
    for (int f : output_fields_) in.columns.push_back(b.children[f]);
    for (int f : key_fields_) in.keys.push_back(b.children[f]);
    in.versions = b.children[offset_col];
    in.kinds = b.children[kind_col];
    const ArrowArray& offsets = *b.children[offset_col];
    const ArrowArray& buckets = *b.children[bucket_col];
    // One batch is one bucket's offsets (the scanner emits per bucket).
    in.origin = "bucket " + std::to_string(Int32At(buckets, 0)) + " offsets " + std::to_string(Int64At(offsets, 0)) +
                "-" + std::to_string(Int64At(offsets, b.length - 1));
    in.owner = batch;
    FN_RETURN_IF_ERROR(merge_->Add(std::move(in)));
  }
  merged_ = true;
  return Status::OK();
}

Result<bool> PrimaryKeyStateReader::Next(ArrowArray* out) {
  if (!merged_) FN_RETURN_IF_ERROR(Merge());
  int64_t room = kOutputBatchRows;
  if (options_.limit) room = std::min(room, *options_.limit - emitted_);
  if (room <= 0) return false;
  FN_ASSIGN_OR_RETURN(bool got, merge_->Next(out, room));
  if (got) emitted_ += out->length;
  return got;
}

}  // namespace fluss_native::read
