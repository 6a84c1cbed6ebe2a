#include "read/pk_state_reader.h"

#include <algorithm>
#include <unordered_map>

#include "read/array_take.h"

namespace fluss_native::read {
namespace {

constexpr size_t kOutputBatchRows = 8192;

}  // namespace

Result<std::unique_ptr<PrimaryKeyStateReader>> PrimaryKeyStateReader::Open(
    std::shared_ptr<client::Gateway> gateway, std::shared_ptr<Catalog> catalog, const TablePath& path,
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
  FN_ASSIGN_OR_RETURN(r->changelog_, LogScanner::Open(gateway, catalog, path, all));  // shares them
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
  return r;
}

Status PrimaryKeyStateReader::Merge() {
  const TableInfo& t = *table_;
  const int change_col = static_cast<int>(t.columns.size()) + 3;  // after __offset, __timestamp, __bucket
  std::unordered_map<std::string, RowRef> state;
  std::vector<std::string> order;  // first-seen order of keys, for a stable output
  while (true) {
    auto batch = std::make_shared<arrow::UniqueArrowArray>();
    FN_ASSIGN_OR_RETURN(bool more, changelog_->Next(batch->get()));
    if (!more) break;
    const ArrowArray& b = *batch->get();
    batches_.push_back(batch);
    const ArrowArray& changes = *b.children[change_col];
    const auto* coff = static_cast<const int32_t*>(changes.buffers[1]);
    const char* cdata = static_cast<const char*>(changes.buffers[2]);
    for (int64_t i = 0; i < b.length; ++i) {
      std::string key;
      for (int f : key_fields_) AppendKeyBytes(*b.children[f], t.columns[static_cast<size_t>(f)].type, i, &key);
      int64_t at = changes.offset + i;
      bool removes = cdata[coff[at]] == '-';  // -U or -D
      if (removes) {
        state.erase(key);
      } else {
        auto [it, inserted] = state.insert_or_assign(std::move(key), RowRef{&b, i});
        if (inserted) order.push_back(it->first);
      }
    }
  }
  for (const auto& key : order) {
    auto it = state.find(key);
    if (it == state.end()) continue;
    live_rows_.push_back(it->second);
    state.erase(it);  // a key re-inserted after a delete appears in `order` twice
  }
  if (options_.limit && live_rows_.size() > static_cast<size_t>(*options_.limit)) {
    live_rows_.resize(static_cast<size_t>(*options_.limit));
  }
  merged_ = true;
  return Status::OK();
}

Result<bool> PrimaryKeyStateReader::Next(ArrowArray* out) {
  if (!merged_) FN_RETURN_IF_ERROR(Merge());
  if (emitted_ >= live_rows_.size()) return false;
  size_t n = std::min(kOutputBatchRows, live_rows_.size() - emitted_);
  std::vector<RowRef> rows(live_rows_.begin() + static_cast<std::ptrdiff_t>(emitted_),
                           live_rows_.begin() + static_cast<std::ptrdiff_t>(emitted_ + n));
  arrow::ArrayNode node;
  node.length = static_cast<int64_t>(n);
  node.null_count = 0;
  node.buffers = {nullptr};
  for (size_t c = 0; c < output_fields_.size(); ++c) {
    std::vector<RowRef> column_rows;
    column_rows.reserve(n);
    for (const auto& r : rows) column_rows.push_back({r.array->children[output_fields_[c]], r.index});
    FN_ASSIGN_OR_RETURN(auto child, Take(column_rows, output_type_.children[c]));
    node.children.push_back(std::move(child));
  }
  arrow::ExportArray(std::move(node), out);
  emitted_ += n;
  return true;
}

}  // namespace fluss_native::read
