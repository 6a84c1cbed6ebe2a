#include "read/lake_scanner.h"

#include <algorithm>
#include <cstring>

#include "common/file_system.h"
#include "format/arrow/arrow_compose.h"

namespace fluss_native::read {
namespace {

using lake::paimon::BucketFiles;
using lake::paimon::DataFileMeta;
using lake::paimon::FileBatch;

constexpr const char* kBucketColumn = "__bucket";


}  // namespace

Result<std::unique_ptr<LakeScanner>> LakeScanner::Open(std::unique_ptr<lake::paimon::PaimonTable> table,
                                                       lake::paimon::ScanPlan plan, const LakeScanOptions& options,
                                                       lake::paimon::FileReadHooks hooks) {
  std::unique_ptr<LakeScanner> s(new LakeScanner());
  const auto& schema = *plan.schema;
  const std::string where = "lake table " + table->name();
  // Columns.
  std::vector<std::string> names = options.columns;
  if (names.empty()) {
    for (const auto& f : schema.fields) names.push_back(f.name);
  }
  s->output_type_.root = TypeRoot::kRow;
  s->output_type_.nullable = false;
  for (const auto& n : names) {
    const int f = schema.FieldIndex(n);
    if (f < 0) return Status::InvalidArgument(where + " has no column '" + n + "'");
    const auto& field = schema.fields[static_cast<size_t>(f)];
    s->read_fields_.push_back(f);
    s->output_type_.children.push_back(field.type);
    s->output_type_.field_names.push_back(field.name);
    s->output_type_.field_ids.push_back(field.id);
    s->output_type_.field_descriptions.push_back(field.description);
  }
  s->output_columns_ = s->read_fields_.size();
  auto read_column = [&s](int field) {
    auto at = std::find(s->read_fields_.begin(), s->read_fields_.end(), field);
    if (at != s->read_fields_.end()) return static_cast<int>(at - s->read_fields_.begin());
    s->read_fields_.push_back(field);
    return static_cast<int>(s->read_fields_.size()) - 1;
  };
  if (plan.primary_key) {
    for (const auto& k : schema.primary_keys) s->key_columns_.push_back(read_column(schema.FieldIndex(k)));
  }
  // Partitions and buckets.
  if (options.partitions) {
    if (schema.partition_keys.empty()) return Status::InvalidArgument(where + " is not partitioned");
    std::vector<BucketFiles> kept;
    for (auto& b : plan.buckets) {
      if (std::find(options.partitions->begin(), options.partitions->end(), b.partition_name) !=
          options.partitions->end()) {
        kept.push_back(std::move(b));
      }
    }
    plan.buckets = std::move(kept);
  }
  s->buckets_ = options.buckets;
  std::sort(s->buckets_.begin(), s->buckets_.end());
  if (!s->buckets_.empty()) {
    if (s->buckets_.front() < 0) return Status::InvalidArgument(where + ": bucket ids are not negative");
    if (schema.Option("bucket", "-1") == "-1") {
      // Bucket-unaware Paimon table (a Fluss log table without bucket keys):
      // every Fluss bucket shares Paimon's bucket 0, so filter rows by __bucket.
      const int f = schema.FieldIndex(kBucketColumn);
      if (f < 0) return Status::Unsupported(where + " has no __bucket column to select buckets by");
      s->bucket_column_ = read_column(f);
    } else {
      std::vector<BucketFiles> kept;
      for (auto& b : plan.buckets) {
        if (std::binary_search(s->buckets_.begin(), s->buckets_.end(), b.bucket)) kept.push_back(std::move(b));
      }
      plan.buckets = std::move(kept);
    }
  }
  if (options.batch_size <= 0) return Status::InvalidArgument("lake scan batch_size must be positive");
  if (options.merge_memory_bytes <= 0) return Status::InvalidArgument("lake scan merge_memory_bytes must be positive");
  if (options.limit && *options.limit < 0) return Status::InvalidArgument("lake scan limit must not be negative");
  s->table_ = std::move(table);
  s->plan_ = std::move(plan);
  s->options_ = options;
  s->hooks_ = std::move(hooks);
  return s;
}

Result<std::unique_ptr<lake::paimon::DataFileReader>> LakeScanner::OpenFile(const BucketFiles& bucket,
                                                                           const DataFileMeta& file) {
  const std::string path = file.external_path ? LocalPathOf(*file.external_path)
                                              : table_->DataFilePath(bucket.partition_path, bucket.bucket, file.file_name);
  FN_ASSIGN_OR_RETURN(auto file_schema, table_->ReadSchema(file.schema_id));
  std::shared_ptr<const lake::paimon::DeletionVector> deletions;
  auto dv = bucket.deletion_vectors.find(file.file_name);
  if (dv != bucket.deletion_vectors.end()) {
    auto& bytes = index_files_[dv->second.index_path];
    if (!bytes) {
      FN_ASSIGN_OR_RETURN(auto read, ReadWholeFile(dv->second.index_path, 1ll << 31));
      bytes = std::make_shared<const std::string>(std::move(read));
    }
    FN_ASSIGN_OR_RETURN(auto vec, lake::paimon::ReadDeletionVector(*bytes, dv->second.range, dv->second.index_path));
    deletions = std::make_shared<const lake::paimon::DeletionVector>(std::move(vec));
  }
  auto reader = lake::paimon::DataFileReader::Open(path, *plan_.schema, *file_schema, read_fields_,
                                                   plan_.primary_key, options_.batch_size, std::move(deletions), hooks_);
  if (!reader.ok()) {
    return reader.status().WithContext("lake table " + table_->name() + " partition '" + bucket.partition_name +
                                       "' bucket " + std::to_string(bucket.bucket));
  }
  return reader;
}

bool LakeScanner::KeepBucket(const FileBatch& batch, int64_t row) const {
  if (bucket_column_ < 0) return true;
  const ArrowArray& col = *batch.columns[static_cast<size_t>(bucket_column_)].get();
  if (!IsValid(RowRef{&col, row})) return false;
  return std::binary_search(buckets_.begin(), buckets_.end(), static_cast<int>(Int32At(col, row)));
}

std::vector<int64_t> LakeScanner::SelectRows(const FileBatch& batch) const {
  std::vector<int64_t> rows;
  for (int64_t i = 0; i < batch.length; ++i) {
    if (KeepBucket(batch, i)) rows.push_back(i);
  }
  return rows;
}

void LakeScanner::Emit(arrow::ArrayNode node, ArrowArray* out) {
  emitted_ += node.length;
  arrow::ExportArray(std::move(node), out);
}

Result<bool> LakeScanner::Next(ArrowArray* out) {
  for (;;) {
    if (options_.cancel && options_.cancel->cancelled()) {
      return Status::Cancelled("the read of lake table " + table_->name() + " was cancelled");
    }
    if (options_.limit && emitted_ >= *options_.limit) return false;
    if (merging_) {
      FN_ASSIGN_OR_RETURN(bool got, NextMergedRows(out));
      if (got) return true;
      merging_ = false;
      merge_.reset();  // and its spill files
      ++next_bucket_;
      continue;
    }
    if (next_bucket_ >= plan_.buckets.size()) return false;
    const BucketFiles& bucket = plan_.buckets[next_bucket_];
    if (plan_.primary_key && !IsOneRun(bucket)) {
      FN_RETURN_IF_ERROR(MergeBucket(bucket));
      merging_ = true;
      continue;
    }
    FN_ASSIGN_OR_RETURN(bool got, plan_.primary_key ? NextOneRunRows(out) : NextAppendRows(out));
    if (got) return true;
    ++next_bucket_;
    next_file_ = 0;
  }
}

bool LakeScanner::IsOneRun(const BucketFiles& bucket) {
  if (bucket.files.size() <= 1) return true;
  const int32_t level = bucket.files.front().level;
  if (level <= 0) return false;  // level 0 files overlap each other
  return std::all_of(bucket.files.begin(), bucket.files.end(), [&](const DataFileMeta& f) { return f.level == level; });
}

bool LakeScanner::EveryBucketIsOneRun() const {
  return std::all_of(plan_.buckets.begin(), plan_.buckets.end(), [](const BucketFiles& b) { return IsOneRun(b); });
}

Result<bool> LakeScanner::NextFileBatch(std::shared_ptr<FileBatch>* batch, std::string* file_name) {
  const BucketFiles& bucket = plan_.buckets[next_bucket_];
  for (;;) {
    if (options_.cancel && options_.cancel->cancelled()) {
      return Status::Cancelled("the read of lake table " + table_->name() + " was cancelled");
    }
    if (!current_) {
      if (next_file_ >= bucket.files.size()) return false;
      current_file_ = bucket.files[next_file_].file_name;
      FN_ASSIGN_OR_RETURN(current_, OpenFile(bucket, bucket.files[next_file_++]));
    }
    auto next = std::make_shared<FileBatch>();
    FN_ASSIGN_OR_RETURN(bool more, current_->Next(next.get()));
    if (!more) {
      current_.reset();
      continue;
    }
    *batch = std::move(next);
    *file_name = current_file_;
    return true;
  }
}

Result<arrow::ArrayNode> LakeScanner::OutputRows(const std::shared_ptr<FileBatch>& batch, std::vector<int64_t>* rows,
                                                 int64_t room) const {
  arrow::ArrayNode node;
  node.null_count = 0;
  node.buffers = {nullptr};
  if (rows == nullptr) {
    // Every row: the file's arrays as they are, no copy.
    node.length = std::min(batch->length, room);
    for (size_t c = 0; c < output_columns_; ++c) {
      auto child = BorrowArray(*batch->columns[c].get(), batch);
      SliceNode(&child, 0, node.length);
      node.children.push_back(std::move(child));
    }
    return node;
  }
  if (static_cast<int64_t>(rows->size()) > room) rows->resize(static_cast<size_t>(room));
  node.length = static_cast<int64_t>(rows->size());
  for (size_t c = 0; c < output_columns_; ++c) {
    std::vector<RowRef> refs;
    refs.reserve(rows->size());
    for (int64_t r : *rows) refs.push_back({batch->columns[c].get(), r});
    FN_ASSIGN_OR_RETURN(auto child, Take(refs, output_type_.children[c]));
    node.children.push_back(std::move(child));
  }
  return node;
}

Result<bool> LakeScanner::NextAppendRows(ArrowArray* out) {
  for (;;) {
    std::shared_ptr<FileBatch> batch;
    std::string file;
    FN_ASSIGN_OR_RETURN(bool more, NextFileBatch(&batch, &file));
    if (!more) return false;
    const int64_t room = options_.limit ? *options_.limit - emitted_ : batch->length;
    std::vector<int64_t> rows;
    if (bucket_column_ >= 0) {
      rows = SelectRows(*batch);
      if (rows.empty()) continue;
    }
    FN_ASSIGN_OR_RETURN(auto node, OutputRows(batch, bucket_column_ >= 0 ? &rows : nullptr, room));
    Emit(std::move(node), out);
    return true;
  }
}

Result<bool> LakeScanner::NextOneRunRows(ArrowArray* out) {
  for (;;) {
    std::shared_ptr<FileBatch> batch;
    std::string file;
    FN_ASSIGN_OR_RETURN(bool more, NextFileBatch(&batch, &file));
    if (!more) return false;
    const ArrowArray& kinds = *batch->value_kind.get();
    std::vector<int64_t> rows;
    rows.reserve(static_cast<size_t>(batch->length));
    for (int64_t i = 0; i < batch->length; ++i) {
      bool retract = false;
      if (!merge::DecodeChangeKind(merge::RowSource::kLake, Int8At(kinds, i), &retract)) {
        return Status::Corruption("lake table " + table_->name() + " file " + file + ": row " + std::to_string(i) +
                                  " has the value kind " + std::to_string(Int8At(kinds, i)));
      }
      if (!retract && KeepBucket(*batch, i)) rows.push_back(i);
    }
    if (rows.empty()) continue;
    const int64_t room = options_.limit ? *options_.limit - emitted_ : batch->length;
    const bool all = static_cast<int64_t>(rows.size()) == batch->length;
    FN_ASSIGN_OR_RETURN(auto node, OutputRows(batch, all ? nullptr : &rows, room));
    Emit(std::move(node), out);
    return true;
  }
}

Result<bool> LakeScanner::NextUnmerged(merge::MergeBatch* out, size_t output_columns) {
  if (!plan_.primary_key) return Status::Internal("lake table " + table_->name() + ": only primary-key files have versions to merge");
  if (output_columns > output_columns_) return Status::Internal("lake table " + table_->name() + ": more merge columns than read");
  for (;;) {
    if (next_bucket_ >= plan_.buckets.size()) return false;
    std::shared_ptr<FileBatch> batch;
    std::string file;
    FN_ASSIGN_OR_RETURN(bool more, NextFileBatch(&batch, &file));
    if (!more) {
      ++next_bucket_;
      next_file_ = 0;
      continue;
    }
    merge::MergeBatch in;
    in.source = merge::RowSource::kLake;
    in.length = batch->length;
    for (size_t c = 0; c < output_columns; ++c) in.columns.push_back(batch->columns[c].get());
    for (int c : key_columns_) in.keys.push_back(batch->columns[static_cast<size_t>(c)].get());
    in.versions = batch->sequence.get();
    in.kinds = batch->value_kind.get();
    if (bucket_column_ >= 0) in.rows = SelectRows(*batch);
    in.origin = "file " + file;
    in.owner = std::move(batch);
    *out = std::move(in);
    return true;
  }
}

Status LakeScanner::MergeBucket(const BucketFiles& bucket) {
  const auto& schema = *plan_.schema;
  merge::KeyedMergeOptions merge_options;
  merge_options.output_type = output_type_;
  for (int c : key_columns_) {
    merge_options.key_types.push_back(schema.fields[static_cast<size_t>(read_fields_[static_cast<size_t>(c)])].type);
  }
  merge_options.memory_budget = options_.merge_memory_bytes;
  merge_options.temp_dir = options_.spill_directory;
  merge_options.cancel = options_.cancel;
  merge_options.description = "lake table " + table_->name() +
                              (bucket.partition_name.empty() ? "" : " partition '" + bucket.partition_name + "'") +
                              " bucket " + std::to_string(bucket.bucket);
  FN_ASSIGN_OR_RETURN(merge_, merge::KeyedMerge::Create(std::move(merge_options)));
  return AddBucketRows(bucket, merge_.get(), output_columns_);
}

Status LakeScanner::AddBucketRows(const BucketFiles& bucket, merge::KeyedMerge* merge, size_t output_columns) {
  // Files come oldest first (plan order), and the merge gives a tie in
  // sequence number to the row added later: the newer file wins it.
  for (const auto& file : bucket.files) {
    FN_ASSIGN_OR_RETURN(auto reader, OpenFile(bucket, file));
    for (;;) {
      if (options_.cancel && options_.cancel->cancelled()) {
        return Status::Cancelled("the read of lake table " + table_->name() + " file " + file.file_name +
                                 " was cancelled");
      }
      auto batch = std::make_shared<FileBatch>();
      FN_ASSIGN_OR_RETURN(bool more, reader->Next(batch.get()));
      if (!more) break;
      merge::MergeBatch in;
      in.source = merge::RowSource::kLake;
      in.length = batch->length;
      for (size_t c = 0; c < output_columns; ++c) in.columns.push_back(batch->columns[c].get());
      for (int c : key_columns_) in.keys.push_back(batch->columns[static_cast<size_t>(c)].get());
      in.versions = batch->sequence.get();
      in.kinds = batch->value_kind.get();
      // A key lives in one bucket, so filtering rows before the merge keeps
      // exactly the keys a filter after it would.
      if (bucket_column_ >= 0) in.rows = SelectRows(*batch);
      in.origin = "file " + file.file_name;
      in.owner = std::move(batch);
      FN_RETURN_IF_ERROR(merge->Add(std::move(in)));
    }
  }
  return Status::OK();
}

Status LakeScanner::AddUnmergedRows(merge::KeyedMerge* merge, size_t output_columns) {
  if (!plan_.primary_key) return Status::Internal("lake table " + table_->name() + ": only primary-key files have versions to merge");
  if (output_columns > output_columns_) return Status::Internal("lake table " + table_->name() + ": more merge columns than read");
  for (const auto& bucket : plan_.buckets) FN_RETURN_IF_ERROR(AddBucketRows(bucket, merge, output_columns));
  return Status::OK();
}

Result<bool> LakeScanner::NextMergedRows(ArrowArray* out) {
  int64_t n = options_.batch_size;
  if (options_.limit) n = std::min(n, *options_.limit - emitted_);
  if (n <= 0) return false;
  FN_ASSIGN_OR_RETURN(bool got, merge_->Next(out, n));
  if (got) emitted_ += out->length;
  return got;
}

}  // namespace fluss_native::read
