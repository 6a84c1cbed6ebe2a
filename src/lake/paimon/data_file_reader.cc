#include "lake/paimon/data_file_reader.h"

#include <algorithm>

#include "lake/paimon/column_conform.h"
#include "format/arrow/array_take.h"
#include "format/arrow/arrow_compose.h"

namespace fluss_native::lake::paimon {
namespace {

constexpr const char* kSequenceColumn = "_SEQUENCE_NUMBER";
constexpr const char* kValueKindColumn = "_VALUE_KIND";

DataType Flat(TypeRoot root) {
  DataType t;
  t.root = root;
  t.nullable = false;
  return t;
}

Status ExportColumn(Result<arrow::ArrayNode> node, arrow::UniqueArrowArray* out) {
  if (!node.ok()) return node.status();
  arrow::ExportArray(std::move(*node), out->get());
  return Status::OK();
}

// Counts the bytes read through it.
class CountingFile final : public parquet::RandomAccessFile {
 public:
  CountingFile(std::shared_ptr<parquet::RandomAccessFile> inner, std::shared_ptr<ScanMetrics> metrics,
               obs::Metrics* client_metrics)
      : inner_(std::move(inner)), metrics_(std::move(metrics)), client_metrics_(client_metrics) {}
  const std::string& name() const override { return inner_->name(); }
  int64_t size() const override { return inner_->size(); }
  Status ReadAt(int64_t offset, int64_t n, uint8_t* out) override {
    FN_RETURN_IF_ERROR(inner_->ReadAt(offset, n, out));
    if (metrics_) metrics_->lake_bytes_read.fetch_add(n, std::memory_order_relaxed);
    if (client_metrics_) client_metrics_->AddRead(obs::ReadTier::kLake, 0, n);
    return Status::OK();
  }

 private:
  std::shared_ptr<parquet::RandomAccessFile> inner_;
  std::shared_ptr<ScanMetrics> metrics_;
  obs::Metrics* client_metrics_;
};

}  // namespace

Result<std::unique_ptr<DataFileReader>> DataFileReader::Open(const std::string& path,
                                                             const TableSchema& table_schema,
                                                             const TableSchema& file_schema,
                                                             const std::vector<int>& fields, bool key_value,
                                                             int64_t batch_size,
                                                             std::shared_ptr<const DeletionVector> deletions,
                                                             const FileReadHooks& hooks) {
  std::unique_ptr<DataFileReader> r(new DataFileReader());
  r->path_ = path;
  r->key_value_ = key_value;
  r->deletions_ = std::move(deletions);
  r->batch_size_ = std::max<int64_t>(1, batch_size);
  std::vector<std::string> read_names;
  for (int f : fields) {
    if (f < 0 || static_cast<size_t>(f) >= table_schema.fields.size()) return Status::Internal("bad field index");
    const SchemaField& field = table_schema.fields[static_cast<size_t>(f)];
    r->types_.push_back(field.type);
    r->names_.push_back(field.name);
    const int in_file = file_schema.FieldIndexById(field.id);
    if (in_file < 0) {
      r->source_.push_back(-1);
      continue;
    }
    const std::string& name = file_schema.fields[static_cast<size_t>(in_file)].name;
    auto at = std::find(read_names.begin(), read_names.end(), name);
    r->source_.push_back(static_cast<int>(at - read_names.begin()));
    if (at == read_names.end()) read_names.push_back(name);
  }
  if (key_value) {
    r->sequence_child_ = static_cast<int>(read_names.size());
    read_names.push_back(kSequenceColumn);
    r->kind_child_ = static_cast<int>(read_names.size());
    read_names.push_back(kValueKindColumn);
  }
  FN_ASSIGN_OR_RETURN(auto file, parquet::OpenLocalFile(path));
  if (hooks.metrics || hooks.client_metrics) {
    file = std::make_shared<CountingFile>(std::move(file), hooks.metrics, hooks.client_metrics);
    if (hooks.metrics) hooks.metrics->lake_files_opened.fetch_add(1, std::memory_order_relaxed);
  }
  FN_ASSIGN_OR_RETURN(r->file_, parquet::ParquetFileReader::Open(file));
  r->metrics_ = hooks.metrics;
  r->client_metrics_ = hooks.client_metrics;
  if (read_names.empty()) {
    r->rows_without_columns_ = r->file_->num_rows();
    return r;
  }
  FN_RETURN_IF_ERROR(r->file_->GetArrowSchema(read_names, r->read_schema_.get()));
  parquet::ReadOptions options;
  options.columns = read_names;
  options.batch_size = r->batch_size_;
  const int64_t row_groups = r->file_->num_row_groups();
  int64_t kept = row_groups;
  std::shared_ptr<std::vector<bool>> kept_groups;
  if (hooks.select_rows && !r->deletions_) {
    auto selections = std::make_shared<std::vector<std::optional<std::vector<parquet::RowRange>>>>();
    for (int rg = 0; rg < row_groups; ++rg) selections->push_back(hooks.select_rows(*r->file_, file_schema, rg));
    kept_groups = std::make_shared<std::vector<bool>>();
    for (const auto& s : *selections) kept_groups->push_back(!s || !s->empty());
    kept = std::count(kept_groups->begin(), kept_groups->end(), true);
    options.select_rows = [selections](int rg) -> std::optional<std::vector<parquet::RowRange>> {
      if (rg < 0 || static_cast<size_t>(rg) >= selections->size()) return std::vector<parquet::RowRange>();
      return (*selections)[static_cast<size_t>(rg)];
    };
  } else if (hooks.keep_row_group && !r->deletions_) {
    // Deletion vectors address rows by position in the file, which needs
    // every row group read in order (see the top of data_file_reader.h).
    auto keep = std::make_shared<std::vector<bool>>();
    for (int rg = 0; rg < row_groups; ++rg) keep->push_back(hooks.keep_row_group(*r->file_, file_schema, rg));
    kept = std::count(keep->begin(), keep->end(), true);
    kept_groups = keep;
    options.keep_row_group = [keep](int rg) {
      return rg >= 0 && static_cast<size_t>(rg) < keep->size() && (*keep)[static_cast<size_t>(rg)];
    };
  }
  if (hooks.metrics) {
    hooks.metrics->row_groups_total.fetch_add(row_groups, std::memory_order_relaxed);
    hooks.metrics->row_groups_kept.fetch_add(kept, std::memory_order_relaxed);
    int64_t uncompressed = 0;
    for (int rg = 0; rg < row_groups; ++rg) {
      if (!kept_groups || (*kept_groups)[static_cast<size_t>(rg)]) uncompressed += r->file_->UncompressedBytes(rg, read_names);
    }
    hooks.metrics->bytes_decompressed.fetch_add(uncompressed, std::memory_order_relaxed);
  }
  if (hooks.late_filter && !r->deletions_ && !key_value) {
    // Each tested field read, stored in the file as the snapshot types it.
    const ArrowSchema& schema = *r->read_schema_.get();
    std::vector<std::string> tested;
    for (int f : hooks.late_filter->fields) {
      auto at = std::find(fields.begin(), fields.end(), f);
      if (at == fields.end()) break;
      const int child = r->source_[static_cast<size_t>(at - fields.begin())];
      if (child < 0 || child >= schema.n_children) break;
      if (r->types_[static_cast<size_t>(at - fields.begin())].ToArrowFormat() != schema.children[child]->format) break;
      tested.push_back(read_names[static_cast<size_t>(child)]);
    }
    if (!tested.empty() && tested.size() == hooks.late_filter->fields.size()) {
      options.filter_columns = std::move(tested);
      auto late = hooks.late_filter;
      options.batch_may_match = [late](const ArrowArray& batch) { return late->may_match(batch); };
    }
  }
  FN_ASSIGN_OR_RETURN(r->batches_, r->file_->NewBatchReader(options));
  if (key_value) {
    const ArrowSchema& s = *r->read_schema_.get();
    if (std::string_view(s.children[r->sequence_child_]->format) != "l" ||
        std::string_view(s.children[r->kind_child_]->format) != "c") {
      return Status::Corruption(path + ": " + kSequenceColumn + "/" + kValueKindColumn +
                                " are not BIGINT/TINYINT as a primary-key data file needs");
    }
  }
  return r;
}

Result<bool> DataFileReader::Next(FileBatch* out) {
  for (;;) {
    FileBatch batch;
    const int64_t first_row = next_row_;
    if (!batches_) {
      if (rows_without_columns_ <= 0) return false;
      batch.length = std::min(rows_without_columns_, batch_size_);
      rows_without_columns_ -= batch.length;
      for (const auto& type : types_) {
        batch.columns.emplace_back();
        FN_RETURN_IF_ERROR(ExportColumn(NullColumn(type, batch.length), &batch.columns.back()));
      }
    } else {
      auto owner = std::make_shared<arrow::UniqueArrowArray>();
      auto more = batches_->Next(owner->get());
      CountSkipped();
      if (!more.ok()) return more.status();
      if (!*more) return false;
      const ArrowArray& read = *owner->get();
      const ArrowSchema& schema = *read_schema_.get();
      batch.length = read.length;
      for (size_t i = 0; i < types_.size(); ++i) {
        batch.columns.emplace_back();
        if (source_[i] < 0) {
          FN_RETURN_IF_ERROR(ExportColumn(NullColumn(types_[i], batch.length), &batch.columns.back()));
          continue;
        }
        const int c = source_[i];
        FN_RETURN_IF_ERROR(ExportColumn(ConformColumn(*read.children[c], *schema.children[c], types_[i], owner,
                                                      path_ + " column '" + names_[i] + "'"),
                                        &batch.columns.back()));
      }
      if (key_value_) {
        arrow::ExportArray(read::BorrowArray(*read.children[sequence_child_], owner), batch.sequence.get());
        arrow::ExportArray(read::BorrowArray(*read.children[kind_child_], owner), batch.value_kind.get());
      }
    }
    next_row_ += batch.length;
    if (metrics_) metrics_->lake_rows.fetch_add(batch.length, std::memory_order_relaxed);
    if (client_metrics_) client_metrics_->AddRead(obs::ReadTier::kLake, batch.length, 0);
    if (deletions_) FN_RETURN_IF_ERROR(DropDeleted(&batch, first_row));
    if (batch.length == 0) continue;
    *out = std::move(batch);
    return true;
  }
}

void DataFileReader::CountSkipped() {
  if (!metrics_ || !batches_) return;
  const int64_t pages = batches_->pages_skipped(), rows = batches_->rows_skipped();
  metrics_->pages_skipped.fetch_add(pages - pages_skipped_, std::memory_order_relaxed);
  metrics_->rows_skipped.fetch_add(rows - rows_skipped_, std::memory_order_relaxed);
  pages_skipped_ = pages;
  rows_skipped_ = rows;
}

Status DataFileReader::DropDeleted(FileBatch* batch, int64_t first_row) {
  std::vector<int64_t> keep;
  keep.reserve(static_cast<size_t>(batch->length));
  for (int64_t i = 0; i < batch->length; ++i) {
    if (!deletions_->IsDeleted(first_row + i)) keep.push_back(i);
  }
  if (static_cast<int64_t>(keep.size()) == batch->length) return Status::OK();
  auto take = [&keep](arrow::UniqueArrowArray* col, const DataType& type) -> Status {
    std::vector<read::RowRef> rows;
    rows.reserve(keep.size());
    for (int64_t i : keep) rows.push_back({col->get(), i});
    FN_ASSIGN_OR_RETURN(auto node, read::Take(rows, type));
    arrow::UniqueArrowArray taken;
    arrow::ExportArray(std::move(node), taken.get());
    *col = std::move(taken);
    return Status::OK();
  };
  for (size_t i = 0; i < batch->columns.size(); ++i) FN_RETURN_IF_ERROR(take(&batch->columns[i], types_[i]));
  if (key_value_) {
    FN_RETURN_IF_ERROR(take(&batch->sequence, Flat(TypeRoot::kBigInt)));
    FN_RETURN_IF_ERROR(take(&batch->value_kind, Flat(TypeRoot::kTinyInt)));
  }
  batch->length = static_cast<int64_t>(keep.size());
  return Status::OK();
}

}  // namespace fluss_native::lake::paimon
