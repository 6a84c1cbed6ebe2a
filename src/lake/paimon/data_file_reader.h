// Reads one Paimon data file in the shape of the snapshot's schema.
//
// Columns are matched by field id through the schema the file was written
// with, so renamed columns are found and columns added later read as null.
// Rows marked in the file's deletion vector are dropped here, which needs
// every row group in order: a file with deletions never skips row groups;
// others skip those the hooks' keep_row_group rejects.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "format/arrow/c_export.h"
#include "format/parquet/file_reader.h"
#include "lake/paimon/deletion_vector.h"
#include "lake/paimon/table_schema.h"
#include "obs/metrics.h"
#include "fluss_native/scan.h"

namespace fluss_native::lake::paimon {

// Rows of one file: one exported column per requested field, typed as the
// snapshot schema says.
struct FileBatch {
  int64_t length = 0;
  std::vector<arrow::UniqueArrowArray> columns;
  // Primary-key files only: Paimon's _SEQUENCE_NUMBER (BIGINT) and
  // _VALUE_KIND (TINYINT: 0 +I, 1 -U, 2 +U, 3 -D) of each row.
  arrow::UniqueArrowArray sequence;
  arrow::UniqueArrowArray value_kind;
};

// Of row group `row_group` of `file`, the rows that may be wanted: nullopt
// all, empty none (parquet::ReadOptions::select_rows).
using RowSelectionHook = std::function<std::optional<std::vector<parquet::RowRange>>(
    const parquet::ParquetFileReader& file, const TableSchema& file_schema, int row_group)>;

// Late materialisation: snapshot-schema fields a batch is tested on first,
// and the test, given a struct of just those columns (in this order, typed
// as the snapshot schema says): false when no row of the batch can be
// wanted. Used only where the file stores each field in that very layout
// (else every column is decoded), never with deletions or key-value files.
struct LateFilter {
  std::vector<int> fields;
  std::function<bool(const ArrowArray& batch)> may_match;
};

// What a reader of many files asks of each one, and where it counts.
struct FileReadHooks {
  // Whether row group `row_group` of `file` may hold wanted rows; unset:
  // all. `file_schema` is the schema the file was written with.
  std::function<bool(const parquet::ParquetFileReader& file, const TableSchema& file_schema, int row_group)>
      keep_row_group;
  // Finer than keep_row_group, which it replaces when set: rows within the
  // row group, whose other pages are skipped. Unused for a file with
  // deletions, like keep_row_group.
  RowSelectionHook select_rows;
  std::shared_ptr<const LateFilter> late_filter;  // null: off
  std::shared_ptr<ScanMetrics> metrics;  // null: not counted
  // The client's counters (rows and bytes read from the lake); null: not
  // counted. Must outlive the reader (the client core does).
  obs::Metrics* client_metrics = nullptr;
};

class DataFileReader {
 public:
  // `fields` index into `table_schema`. `key_value` also reads the sequence
  // and value-kind columns. `deletions` may be null.
  static Result<std::unique_ptr<DataFileReader>> Open(const std::string& path,
                                                      const TableSchema& table_schema,
                                                      const TableSchema& file_schema,
                                                      const std::vector<int>& fields, bool key_value,
                                                      int64_t batch_size,
                                                      std::shared_ptr<const DeletionVector> deletions,
                                                      const FileReadHooks& hooks = {});
  // Fills *out with the next non-empty batch, or returns false at the end.
  Result<bool> Next(FileBatch* out);

 private:
  DataFileReader() = default;
  Status DropDeleted(FileBatch* batch, int64_t first_row);
  void CountSkipped();

  std::string path_;
  std::vector<DataType> types_;      // per requested field
  std::vector<int> source_;          // per requested field: child of the read batch, or -1 (null)
  bool key_value_ = false;
  int sequence_child_ = -1;
  int kind_child_ = -1;
  std::vector<std::string> names_;   // per requested field, for messages
  std::shared_ptr<const DeletionVector> deletions_;
  std::shared_ptr<ScanMetrics> metrics_;
  obs::Metrics* client_metrics_ = nullptr;
  std::shared_ptr<parquet::ParquetFileReader> file_;
  std::unique_ptr<parquet::BatchReader> batches_;
  arrow::UniqueArrowSchema read_schema_;
  int64_t rows_without_columns_ = 0;  // when no column is read at all
  int64_t batch_size_ = 0;
  int64_t next_row_ = 0;              // file row position of the next batch
  int64_t pages_skipped_ = 0;         // of batches_, counted into metrics_ so far
  int64_t rows_skipped_ = 0;
};

}  // namespace fluss_native::lake::paimon
