// Entry point of the Parquet reader: opens a file, validates its footer,
// and streams projected columns as Arrow struct batches.
//
//   FN_ASSIGN_OR_RETURN(auto file, OpenLocalFile(path));
//   FN_ASSIGN_OR_RETURN(auto reader, ParquetFileReader::Open(file));
//   ReadOptions opts{.columns = {"id", "name"}, .batch_size = 8192};
//   FN_RETURN_IF_ERROR(reader->NewStream(opts, &stream));
//
// Batches never span row groups, so the last batch of a row group may be
// shorter than batch_size. Errors name the file and, where known, the row
// group, column and page.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "format/parquet/file.h"
#include "format/parquet/predicate.h"
#include "format/parquet/schema.h"
#include "format/parquet/page_index.h"
#include "format/parquet/statistics.h"
#include "fluss_native/arrow_c_abi.h"
#include "fluss_native/status.h"

namespace fluss_native::parquet {

namespace format {
class FileMetaData;
}

// Rows [first, end) of a row group.
struct RowRange {
  int64_t first = 0;
  int64_t end = 0;
};

struct ReadOptions {
  // Top-level column names, in output order; empty reads every column.
  std::vector<std::string> columns;
  int64_t batch_size = 64 * 1024;
  // ANDed; used to skip row groups only (see predicate.h).
  std::vector<ColumnPredicate> predicates;
  // Asked once per row group `predicates` keep: false skips it (a caller's
  // own pruning, e.g. by ColumnStats of each row group). Unset: keep.
  std::function<bool(int row_group)> keep_row_group;
  // Asked once per row group kept so far: the rows of it to read (nullopt:
  // all; empty: none, the row group is skipped). Columns with an offset
  // index read only the pages overlapping those rows; others decode the
  // rows between and drop them. Batches never span two ranges.
  std::function<std::optional<std::vector<RowRange>>(int row_group)> select_rows;
  // Late materialisation: projected top-level columns each batch is tested
  // on first, and the test (a struct of just those columns, in this order,
  // for the batch's rows): false when no row of the batch can be wanted.
  // The other columns of such a batch are then skipped (whole pages unread
  // where their offset index allows), and the batch is not returned. A test
  // must be conservative: rows are filtered exactly later. Unset: off.
  std::vector<std::string> filter_columns;
  std::function<bool(const ArrowArray& filter_batch)> batch_may_match;
};

class BatchReader;

class ParquetFileReader : public std::enable_shared_from_this<ParquetFileReader> {
 public:
  static Result<std::shared_ptr<ParquetFileReader>> Open(std::shared_ptr<RandomAccessFile> file);
  ~ParquetFileReader();

  const std::string& name() const { return file_->name(); }
  int64_t num_rows() const;
  int num_row_groups() const;
  int64_t row_group_num_rows(int row_group) const;
  const FileSchema& schema() const { return schema_; }

  // Row groups whose statistics do not rule out `predicates`, ascending.
  std::vector<int> SelectRowGroups(const std::vector<ColumnPredicate>& predicates) const;

  // The footer statistics of top-level column `column` in `row_group`.
  ChunkStats ColumnStats(int row_group, const std::string& column) const;

  // The uncompressed bytes (total_uncompressed_size, page headers
  // included) of the chunks of top-level columns `columns` in `row_group`:
  // what reading them decompresses. 0 for an unknown row group or column.
  int64_t UncompressedBytes(int row_group, const std::vector<std::string>& columns) const;

  // Every distinct non-null value of top-level column `column` in
  // `row_group`, from its dictionary page, when the footer's encoding stats
  // show every data page dictionary-encoded (so the dictionary covers every
  // value); nullopt when not (no stats, a fallback to plain pages, a
  // dictionary over `max_bytes`, a type whose values we do not decode here).
  Result<std::optional<std::vector<StatValue>>> DictionaryValues(int row_group, const std::string& column,
                                                                 int64_t max_bytes) const;

  // The page index of top-level leaf column `column` in `row_group`
  // (page_index.h); nullopt when the chunk has none. Fails (Corruption)
  // when its offsets or contents disagree with the file or the row group,
  // or when either structure is over `max_bytes`.
  Result<std::optional<ColumnPageIndex>> PageIndex(int row_group, const std::string& column,
                                                   int64_t max_bytes) const;
  // The offset index alone (pages' offsets and first rows, no bounds) of
  // leaf `leaf_id` in `row_group`; nullopt when it has none or is repeated.
  Result<std::optional<ColumnPageIndex>> LeafOffsetIndex(int row_group, int leaf_id, int64_t max_bytes) const;

  // The struct schema of the projection (all columns when empty).
  Status GetArrowSchema(const std::vector<std::string>& columns, ArrowSchema* out) const;

  // Pull-style reading for C++ callers.
  Result<std::unique_ptr<BatchReader>> NewBatchReader(const ReadOptions& options);

  // C stream over the same batches. The stream keeps this reader alive.
  Status NewStream(const ReadOptions& options, ArrowArrayStream* out);

 private:
  friend class BatchReader;
  ParquetFileReader() = default;
  Status Init();
  Result<std::vector<int>> ResolveColumns(const std::vector<std::string>& names) const;

  std::shared_ptr<RandomAccessFile> file_;
  std::unique_ptr<format::FileMetaData> meta_;
  FileSchema schema_;
};

class BatchReader {
 public:
  ~BatchReader();
  // Fills *out with the next struct batch and returns true, or returns
  // false at the end (out untouched).
  Result<bool> Next(ArrowArray* out);
  // The projected top-level columns, in output order.
  const std::vector<const SchemaNode*>& columns() const { return columns_; }
  // What select_rows saved so far: pages of the projected leaves not read
  // (by their offset index), and rows of kept row groups not returned.
  int64_t pages_skipped() const { return pages_skipped_; }
  int64_t rows_skipped() const { return rows_skipped_; }
  // Rows of batches the late-materialisation test ruled out (their other
  // columns not decoded); also counted in rows_skipped.
  int64_t rows_filtered_early() const { return rows_filtered_early_; }

 private:
  friend class ParquetFileReader;
  struct RowGroupState;
  BatchReader() = default;
  Status StartRowGroup(int row_group, const std::optional<std::vector<RowRange>>& ranges);
  Result<bool> NextImpl(ArrowArray* out);

  std::shared_ptr<ParquetFileReader> reader_;
  std::vector<const SchemaNode*> columns_;
  std::vector<int> leaf_ids_;  // leaves under the projected columns
  std::vector<int> row_groups_;
  std::vector<std::optional<std::vector<RowRange>>> row_ranges_;  // parallel to row_groups_
  size_t next_row_group_ = 0;
  int current_row_group_ = -1;
  int64_t batch_size_ = 0;
  std::unique_ptr<RowGroupState> state_;
  bool failed_ = false;
  int64_t pages_skipped_ = 0;
  int64_t rows_skipped_ = 0;
  int64_t rows_filtered_early_ = 0;
  std::vector<bool> filter_column_;  // per columns_: tested first
  std::vector<bool> filter_leaf_;    // per leaf_ids_: under a tested column
  std::vector<size_t> filter_order_;  // of columns_, in the test's order
  std::function<bool(const ArrowArray&)> batch_may_match_;
};

// Opens a lake data file by path and streams it. Parquet only: ORC files
// (".orc" or ORC magic) fail with Unsupported.
Status OpenLakeFileStream(const std::string& path, const ReadOptions& options, ArrowArrayStream* out);

}  // namespace fluss_native::parquet
