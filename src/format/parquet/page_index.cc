// Reading a column chunk's page index (page_index.h).
#include "format/parquet/page_index.h"

#include "format/parquet/buffer.h"
#include "format/parquet/file_reader.h"
#include "format/parquet/parquet_types.h"
#include "format/parquet/thrift_util.h"

namespace fluss_native::parquet {
namespace {

// Reads [offset, offset + length) of `file` after checking it lies inside
// the file and under `max_bytes`.
Status ReadRange(RandomAccessFile& file, int64_t offset, int64_t length, int64_t max_bytes, const char* what,
                 Buffer* out) {
  if (offset < 0 || length <= 0 || length > max_bytes || length > 0x7fffffff || offset > file.size() - length) {
    return Status::Corruption(std::string(what) + " at " + std::to_string(offset) + " of " + std::to_string(length) +
                              " bytes does not fit the file of " + std::to_string(file.size()) +
                              " bytes (or the cap of " + std::to_string(max_bytes) + ")");
  }
  out->Resize(static_cast<size_t>(length));
  return file.ReadAt(offset, length, out->data());
}

}  // namespace

Result<std::optional<ColumnPageIndex>> ParquetFileReader::LeafOffsetIndex(int row_group, int leaf_id,
                                                                          int64_t max_bytes) const {
  using None = std::optional<ColumnPageIndex>;
  if (row_group < 0 || static_cast<size_t>(row_group) >= meta_->row_groups.size()) return None();
  if (leaf_id < 0 || static_cast<size_t>(leaf_id) >= schema_.leaves.size()) return None();
  const auto& rg = meta_->row_groups[static_cast<size_t>(row_group)];
  const LeafColumn& leaf = schema_.leaves[static_cast<size_t>(leaf_id)];
  // Pages of a repeated leaf need not start at row boundaries we could use.
  if (leaf.max_rep != 0 || static_cast<size_t>(leaf.index) >= rg.columns.size()) return None();
  const auto& chunk = rg.columns[static_cast<size_t>(leaf.index)];
  if (!chunk.__isset.offset_index_offset || !chunk.__isset.offset_index_length) return None();
  const std::string where = "parquet file '" + name() + "', row group " + std::to_string(row_group) +
                            ", column '" + leaf.path + "'";

  Buffer bytes;
  FN_RETURN_IF_ERROR(ReadRange(*file_, chunk.offset_index_offset, chunk.offset_index_length, max_bytes,
                               "offset index", &bytes)
                         .WithContext(where));
  format::OffsetIndex offsets;
  FN_RETURN_IF_ERROR(DecodeOffsetIndex(bytes.data(), static_cast<uint32_t>(bytes.size()), &offsets)
                         .WithContext(where + ": offset index"));
  const auto& locations = offsets.page_locations;
  if (locations.empty() && rg.num_rows > 0) return Status::Corruption(where + ": offset index lists no page");
  ColumnPageIndex out;
  out.pages.resize(locations.size());
  for (size_t i = 0; i < locations.size(); ++i) {
    const auto& loc = locations[i];
    const int64_t end = i + 1 < locations.size() ? locations[i + 1].first_row_index : rg.num_rows;
    // Pages start at row 0, in row order, each with at least one row.
    if ((i == 0 && loc.first_row_index != 0) || loc.first_row_index < 0 || end <= loc.first_row_index ||
        end > rg.num_rows) {
      return Status::Corruption(where + ": page " + std::to_string(i) + " starts at row " +
                                std::to_string(loc.first_row_index) + ", out of order in a row group of " +
                                std::to_string(rg.num_rows) + " rows");
    }
    if (loc.offset < 0 || loc.compressed_page_size <= 0 || loc.offset > file_->size() - loc.compressed_page_size) {
      return Status::Corruption(where + ": page " + std::to_string(i) + " at " + std::to_string(loc.offset) +
                                " does not fit the file");
    }
    IndexedPage& page = out.pages[i];
    page.first_row = loc.first_row_index;
    page.num_rows = end - loc.first_row_index;
    page.offset = loc.offset;
    page.compressed_size = loc.compressed_page_size;
  }
  return std::optional(std::move(out));
}

Result<std::optional<ColumnPageIndex>> ParquetFileReader::PageIndex(int row_group, const std::string& column,
                                                                    int64_t max_bytes) const {
  using None = std::optional<ColumnPageIndex>;
  if (row_group < 0 || static_cast<size_t>(row_group) >= meta_->row_groups.size()) return None();
  const auto& rg = meta_->row_groups[static_cast<size_t>(row_group)];
  const SchemaNode* node = nullptr;
  for (const SchemaNode& c : schema_.columns) {
    if (c.name == column && c.kind == SchemaNode::Kind::kLeaf) node = &c;
  }
  if (node == nullptr) return None();
  const LeafColumn& leaf = schema_.leaves[static_cast<size_t>(node->leaf)];
  if (leaf.max_rep != 0 || static_cast<size_t>(leaf.index) >= rg.columns.size()) return None();
  const auto& chunk = rg.columns[static_cast<size_t>(leaf.index)];
  const std::string where = "parquet file '" + name() + "', row group " + std::to_string(row_group) +
                            ", column '" + column + "'";
  FN_ASSIGN_OR_RETURN(auto located, LeafOffsetIndex(row_group, node->leaf, max_bytes));
  if (!located) return None();
  ColumnPageIndex out = std::move(*located);
  out.arrow_format = node->arrow_format;
  Buffer bytes;
  if (!chunk.__isset.column_index_offset || !chunk.__isset.column_index_length) return std::optional(std::move(out));
  FN_RETURN_IF_ERROR(ReadRange(*file_, chunk.column_index_offset, chunk.column_index_length, max_bytes,
                               "column index", &bytes)
                         .WithContext(where));
  format::ColumnIndex index;
  FN_RETURN_IF_ERROR(DecodeColumnIndex(bytes.data(), static_cast<uint32_t>(bytes.size()), &index)
                         .WithContext(where + ": column index"));
  const size_t n = out.pages.size();
  if (index.null_pages.size() != n || index.min_values.size() != n || index.max_values.size() != n) {
    return Status::Corruption(where + ": column index describes " + std::to_string(index.null_pages.size()) +
                              " pages, the offset index " + std::to_string(n));
  }
  const bool counts = index.__isset.null_counts && index.null_counts.size() == n;
  for (size_t i = 0; i < n; ++i) {
    IndexedPage& page = out.pages[i];
    page.all_null = index.null_pages[i];
    if (counts && index.null_counts[i] >= 0 && index.null_counts[i] <= page.num_rows) {
      page.null_count = index.null_counts[i];
    }
    if (page.all_null) continue;
    page.min = DecodeBound(leaf, index.min_values[i]);
    page.max = DecodeBound(leaf, index.max_values[i]);
    if (std::holds_alternative<std::monostate>(page.min) || std::holds_alternative<std::monostate>(page.max)) {
      page.min = page.max = StatValue();
    }
  }
  out.has_bounds = true;
  return std::optional(std::move(out));
}

}  // namespace fluss_native::parquet
