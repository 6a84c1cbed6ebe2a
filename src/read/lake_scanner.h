// Streams one planned Paimon snapshot as Arrow batches: file by file for an
// append table, bucket by bucket through a merge for a primary-key table.
//
// The primary-key merge keeps, per key, the row with the highest sequence
// number (files are visited oldest first, so a tie goes to the newer file)
// and drops keys whose winning row is a retraction (-U, -D): Paimon's
// deduplicate merge, done by merge::KeyedMerge (a hash merge within the
// memory budget, sorted runs spilled beyond it); a bucket comes out in key
// order.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "lake/paimon/data_file_reader.h"
#include "lake/paimon/deletion_vector.h"
#include "lake/paimon/paimon_table.h"
#include "lake/paimon/scan_plan.h"
#include "format/arrow/array_take.h"
#include "read/merge/keyed_merge.h"
#include "fluss_native/lake_scan.h"

namespace fluss_native::read {

class LakeScanner {
 public:
  // Applies the options' partitions, buckets and columns to `plan` (the
  // plan fixes the snapshot; options.snapshot_id was used to make it).
  // Unknown columns, partitions or buckets are InvalidArgument errors.
  static Result<std::unique_ptr<LakeScanner>> Open(std::unique_ptr<lake::paimon::PaimonTable> table,
                                                   lake::paimon::ScanPlan plan, const LakeScanOptions& options,
                                                   lake::paimon::FileReadHooks hooks = {});
  const DataType& output_type() const { return output_type_; }
  Result<bool> Next(ArrowArray* out);
  // A primary-key table's rows as the files hold them, unmerged: every
  // bucket's rows go into `merge` (RowSource::kLake, with their sequence
  // numbers and value kinds), its first `output_columns` read columns as the
  // merge's columns. For a caller that merges the lake with more input (the
  // union read's changelog tail) in one merge instead of two. Next() is not
  // used afterwards.
  Status AddUnmergedRows(merge::KeyedMerge* merge, size_t output_columns);
  // Whether every bucket of the plan is one sorted run of Paimon's LSM tree:
  // one data file, or files all on one level above 0 (Paimon keeps a level
  // above 0 as one run of files with disjoint keys, and a file holds a key at
  // most once). A bucket's rows are then its state without a merge, once its
  // retractions are dropped.
  bool EveryBucketIsOneRun() const;
  // A primary-key table's rows as the files hold them, one file batch at a
  // time, bucket by bucket (RowSource::kLake: sequence numbers and value
  // kinds, the first `output_columns` read columns as columns, the bucket
  // filter in `rows`); false at the end. For a caller that applies newer rows
  // to a lake whose buckets are one run each. Next() is not used afterwards.
  Result<bool> NextUnmerged(merge::MergeBatch* out, size_t output_columns);

 private:
  LakeScanner() = default;
  Result<std::unique_ptr<lake::paimon::DataFileReader>> OpenFile(const lake::paimon::BucketFiles& bucket,
                                                                 const lake::paimon::DataFileMeta& file);
  Status MergeBucket(const lake::paimon::BucketFiles& bucket);
  Status AddBucketRows(const lake::paimon::BucketFiles& bucket, merge::KeyedMerge* merge, size_t output_columns);
  static bool IsOneRun(const lake::paimon::BucketFiles& bucket);
  // The next batch of the bucket being read (next_bucket_), file after file;
  // false after its last file. `file_name` names the batch's file.
  Result<bool> NextFileBatch(std::shared_ptr<lake::paimon::FileBatch>* batch, std::string* file_name);
  // `rows` of `batch` (all when null), at most `room`, as an output batch.
  Result<arrow::ArrayNode> OutputRows(const std::shared_ptr<lake::paimon::FileBatch>& batch,
                                      std::vector<int64_t>* rows, int64_t room) const;
  Result<bool> NextAppendRows(ArrowArray* out);
  // A one-run primary-key bucket: its rows less the retractions.
  Result<bool> NextOneRunRows(ArrowArray* out);
  Result<bool> NextMergedRows(ArrowArray* out);
  // Rows of `batch` that pass the bucket filter (all when there is none).
  std::vector<int64_t> SelectRows(const lake::paimon::FileBatch& batch) const;
  bool KeepBucket(const lake::paimon::FileBatch& batch, int64_t row) const;
  void Emit(arrow::ArrayNode node, ArrowArray* out);

  std::unique_ptr<lake::paimon::PaimonTable> table_;
  // Deletion-vector index files by path: one holds the vectors of many data
  // files of a bucket, so it is read once per scan.
  std::map<std::string, std::shared_ptr<const std::string>> index_files_;
  lake::paimon::ScanPlan plan_;
  LakeScanOptions options_;
  lake::paimon::FileReadHooks hooks_;
  DataType output_type_;
  std::vector<int> read_fields_;     // snapshot schema field per read column
  size_t output_columns_ = 0;        // the first read columns are the output
  std::vector<int> key_columns_;     // read column per primary-key field
  int bucket_column_ = -1;           // read column of __bucket when filtering rows by it
  std::vector<int> buckets_;         // the bucket filter (Fluss buckets), sorted
  size_t next_bucket_ = 0;
  size_t next_file_ = 0;
  std::unique_ptr<lake::paimon::DataFileReader> current_;
  std::string current_file_;  // the name of current_'s file
  // The merge of the primary-key bucket being emitted.
  std::unique_ptr<merge::KeyedMerge> merge_;
  bool merging_ = false;
  int64_t emitted_ = 0;
};

}  // namespace fluss_native::read
