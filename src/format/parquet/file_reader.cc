#include "format/parquet/file_reader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <new>

#include "format/parquet/arrow_export.h"
#include "format/parquet/assemble.h"
#include "format/parquet/column_reader.h"
#include "format/parquet/parquet_types.h"
#include "format/parquet/statistics.h"
#include "format/parquet/thrift_util.h"

namespace fluss_native::parquet {
namespace {

constexpr char kMagic[4] = {'P', 'A', 'R', '1'};
constexpr char kEncryptedMagic[4] = {'P', 'A', 'R', 'E'};

void CollectLeaves(const SchemaNode& node, std::vector<int>* out) {
  if (node.kind == SchemaNode::Kind::kLeaf) {
    out->push_back(node.leaf);
    return;
  }
  for (const SchemaNode& c : node.children) CollectLeaves(c, out);
}

}  // namespace

// ---------------------------------------------------------------------------
// Footer

ParquetFileReader::~ParquetFileReader() = default;

Result<std::shared_ptr<ParquetFileReader>> ParquetFileReader::Open(std::shared_ptr<RandomAccessFile> file) {
  std::shared_ptr<ParquetFileReader> reader(new ParquetFileReader());
  reader->file_ = std::move(file);
  Status st;
  try {
    st = reader->Init();
  } catch (const std::bad_alloc&) {
    st = Status::ResourceExhausted("out of memory while reading the footer");
  }
  if (!st.ok()) return st.WithContext("parquet file '" + reader->file_->name() + "'");
  return reader;
}

Status ParquetFileReader::Init() {
  const int64_t size = file_->size();
  if (size < 12) return Status::Corruption("file of " + std::to_string(size) + " bytes is too small for Parquet");
  uint8_t head[4], tail[8];
  FN_RETURN_IF_ERROR(file_->ReadAt(0, 4, head));
  FN_RETURN_IF_ERROR(file_->ReadAt(size - 8, 8, tail));
  if (std::memcmp(tail + 4, kEncryptedMagic, 4) == 0) {
    return Status::Unsupported("encrypted Parquet footers are not supported");
  }
  if (std::memcmp(head, kMagic, 4) != 0 || std::memcmp(tail + 4, kMagic, 4) != 0) {
    return Status::Corruption("missing PAR1 magic; not a Parquet file");
  }
  uint32_t footer_len;
  std::memcpy(&footer_len, tail, 4);
  if (footer_len == 0 || footer_len > static_cast<uint64_t>(size) - 12) {
    return Status::Corruption("footer length " + std::to_string(footer_len) + " does not fit in a file of " +
                              std::to_string(size) + " bytes");
  }
  Buffer footer;
  footer.Resize(footer_len);
  FN_RETURN_IF_ERROR(file_->ReadAt(size - 8 - footer_len, footer_len, footer.data()));
  meta_ = std::make_unique<format::FileMetaData>();
  FN_RETURN_IF_ERROR(DecodeFileMetaData(footer.data(), footer_len, meta_.get()).WithContext("footer"));
  FN_ASSIGN_OR_RETURN(schema_, BuildSchema(meta_->schema));
  if (meta_->num_rows < 0) return Status::Corruption("negative row count in footer");
  int64_t total = 0;
  for (size_t i = 0; i < meta_->row_groups.size(); ++i) {
    const auto& rg = meta_->row_groups[i];
    std::string where = "row group " + std::to_string(i);
    if (rg.num_rows < 0 || rg.num_rows > meta_->num_rows - total) {
      return Status::Corruption(where + ": row count " + std::to_string(rg.num_rows) +
                                " disagrees with the file's " + std::to_string(meta_->num_rows));
    }
    total += rg.num_rows;
    if (rg.columns.size() != schema_.leaves.size()) {
      return Status::Corruption(where + " has " + std::to_string(rg.columns.size()) + " column chunks, schema has " +
                                std::to_string(schema_.leaves.size()) + " columns");
    }
  }
  if (total != meta_->num_rows) {
    return Status::Corruption("row groups hold " + std::to_string(total) + " rows, footer says " +
                              std::to_string(meta_->num_rows));
  }
  return Status::OK();
}

int64_t ParquetFileReader::num_rows() const { return meta_->num_rows; }
int ParquetFileReader::num_row_groups() const { return static_cast<int>(meta_->row_groups.size()); }
int64_t ParquetFileReader::row_group_num_rows(int i) const {
  if (i < 0 || i >= num_row_groups()) return 0;
  return meta_->row_groups[i].num_rows;
}

std::vector<int> ParquetFileReader::SelectRowGroups(const std::vector<ColumnPredicate>& predicates) const {
  std::vector<int> out;
  for (int i = 0; i < num_row_groups(); ++i) {
    if (RowGroupMayMatch(schema_, meta_->row_groups[i], predicates)) out.push_back(i);
  }
  return out;
}

Result<std::vector<int>> ParquetFileReader::ResolveColumns(const std::vector<std::string>& names) const {
  std::vector<int> out;
  if (names.empty()) {
    for (size_t i = 0; i < schema_.columns.size(); ++i) out.push_back(static_cast<int>(i));
    return out;
  }
  for (const std::string& n : names) {
    auto it = std::find_if(schema_.columns.begin(), schema_.columns.end(),
                           [&](const SchemaNode& c) { return c.name == n; });
    if (it == schema_.columns.end()) {
      return Status::InvalidArgument("parquet file '" + name() + "' has no column '" + n + "'");
    }
    out.push_back(static_cast<int>(it - schema_.columns.begin()));
  }
  return out;
}

ChunkStats ParquetFileReader::ColumnStats(int row_group, const std::string& column) const {
  if (row_group < 0 || static_cast<size_t>(row_group) >= meta_->row_groups.size()) return {};
  return ColumnChunkStats(schema_, meta_->row_groups[static_cast<size_t>(row_group)], column);
}

namespace {

void LeavesOf(const SchemaNode& node, std::vector<int>* out) {
  if (node.kind == SchemaNode::Kind::kLeaf) {
    out->push_back(node.leaf);
    return;
  }
  for (const auto& child : node.children) LeavesOf(child, out);
}

}  // namespace

int64_t ParquetFileReader::UncompressedBytes(int row_group, const std::vector<std::string>& columns) const {
  if (row_group < 0 || static_cast<size_t>(row_group) >= meta_->row_groups.size()) return 0;
  const auto& rg = meta_->row_groups[static_cast<size_t>(row_group)];
  std::vector<int> leaves;
  for (const SchemaNode& col : schema_.columns) {
    if (std::find(columns.begin(), columns.end(), col.name) != columns.end()) LeavesOf(col, &leaves);
  }
  int64_t total = 0;
  for (int leaf : leaves) {
    if (leaf < 0 || static_cast<size_t>(leaf) >= schema_.leaves.size()) continue;
    const size_t index = static_cast<size_t>(schema_.leaves[static_cast<size_t>(leaf)].index);
    if (index >= rg.columns.size() || !rg.columns[index].__isset.meta_data) continue;
    const int64_t n = rg.columns[index].meta_data.total_uncompressed_size;
    if (n > 0 && total <= INT64_MAX - n) total += n;  // hostile footers: never overflow
  }
  return total;
}

Result<std::optional<std::vector<StatValue>>> ParquetFileReader::DictionaryValues(int row_group,
                                                                                  const std::string& column,
                                                                                  int64_t max_bytes) const {
  using None = std::optional<std::vector<StatValue>>;
  if (row_group < 0 || static_cast<size_t>(row_group) >= meta_->row_groups.size()) return None();
  const auto& rg = meta_->row_groups[static_cast<size_t>(row_group)];
  const LeafColumn* leaf = nullptr;
  for (const SchemaNode& col : schema_.columns) {
    if (col.name == column && col.kind == SchemaNode::Kind::kLeaf) leaf = &schema_.leaves[col.leaf];
  }
  if (!leaf || leaf->max_rep != 0 || static_cast<size_t>(leaf->index) >= rg.columns.size()) return None();
  const auto& chunk = rg.columns[static_cast<size_t>(leaf->index)];
  if (!chunk.__isset.meta_data || chunk.__isset.file_path) return None();
  const auto& md = chunk.meta_data;
  if (!md.__isset.encoding_stats || !md.__isset.dictionary_page_offset) return None();
  bool dictionary_only = false;
  for (const auto& e : md.encoding_stats) {
    const bool data_page = e.page_type == static_cast<int>(format::PageType::DATA_PAGE) ||
                           e.page_type == static_cast<int>(format::PageType::DATA_PAGE_V2);
    if (!data_page || e.count <= 0) continue;
    if (e.encoding != static_cast<int>(format::Encoding::PLAIN_DICTIONARY) &&
        e.encoding != static_cast<int>(format::Encoding::RLE_DICTIONARY)) {
      return None();
    }
    dictionary_only = true;
  }
  if (!dictionary_only) return None();
  // The dictionary page is what lies before the first data page.
  const int64_t start = md.dictionary_page_offset, end = md.data_page_offset;
  const int64_t data_end = file_->size() - 8;
  if (start < 4 || end <= start || end > data_end || end - start > max_bytes) return None();
  if (static_cast<int>(md.type) != static_cast<int>(leaf->physical)) {
    return Status::Corruption("parquet file '" + name() + "': column chunk type differs from the schema");
  }
  auto codec = static_cast<Codec>(static_cast<int>(md.codec));
  FN_RETURN_IF_ERROR(CheckCodecSupported(codec));
  Buffer bytes;
  bytes.Resize(static_cast<size_t>(end - start));
  FN_RETURN_IF_ERROR(file_->ReadAt(start, end - start, bytes.data()));
  PageReader pages(std::move(bytes), codec);
  Page page;
  FN_ASSIGN_OR_RETURN(bool got, pages.Next(&page));
  if (!got || page.kind != Page::Kind::kDictionary) return None();
  Values values;
  FN_RETURN_IF_ERROR(DecodeDictionaryPage(*leaf, page.body, page.body_size, page.num_values, &values));
  std::vector<StatValue> out;
  out.reserve(static_cast<size_t>(values.count));
  const uint8_t* data = values.data.data();
  for (int64_t i = 0; i < values.count; ++i) {
    const size_t at = static_cast<size_t>(i);
    switch (leaf->physical) {
      case PhysicalType::kInt32: {
        if (leaf->conversion == Conversion::kNarrow8) {
          int8_t v;
          std::memcpy(&v, data + at, 1);
          out.emplace_back(static_cast<int64_t>(v));
        } else if (leaf->conversion == Conversion::kNarrow16) {
          int16_t v;
          std::memcpy(&v, data + at * 2, 2);
          out.emplace_back(static_cast<int64_t>(v));
        } else if (leaf->conversion == Conversion::kNone && leaf->sign_sorted_stats) {
          int32_t v;
          std::memcpy(&v, data + at * 4, 4);
          out.emplace_back(static_cast<int64_t>(v));
        } else {
          return None();
        }
        break;
      }
      case PhysicalType::kInt64: {
        if (leaf->conversion != Conversion::kNone || !leaf->sign_sorted_stats) return None();
        int64_t v;
        std::memcpy(&v, data + at * 8, 8);
        out.emplace_back(v);
        break;
      }
      case PhysicalType::kDouble: {
        double v;
        std::memcpy(&v, data + at * 8, 8);
        out.emplace_back(v);
        break;
      }
      case PhysicalType::kFloat: {
        float v;
        std::memcpy(&v, data + at * 4, 4);
        out.emplace_back(static_cast<double>(v));
        break;
      }
      case PhysicalType::kByteArray: {
        int32_t from, to;
        std::memcpy(&from, values.offsets.data() + at * 4, 4);
        std::memcpy(&to, values.offsets.data() + (at + 1) * 4, 4);
        if (from < 0 || to < from || static_cast<size_t>(to) > values.data.size()) {
          return Status::Corruption("parquet file '" + name() + "': dictionary offsets out of range");
        }
        out.emplace_back(std::string(reinterpret_cast<const char*>(data) + from, static_cast<size_t>(to - from)));
        break;
      }
      default: return None();
    }
  }
  return std::optional<std::vector<StatValue>>(std::move(out));
}

Status ParquetFileReader::GetArrowSchema(const std::vector<std::string>& columns, ArrowSchema* out) const {
  FN_ASSIGN_OR_RETURN(auto ids, ResolveColumns(columns));
  std::vector<const SchemaNode*> nodes;
  for (int i : ids) nodes.push_back(&schema_.columns[i]);
  try {
    ExportStructSchema(nodes, out);
  } catch (const std::bad_alloc&) {
    return Status::ResourceExhausted("out of memory exporting the schema");
  }
  return Status::OK();
}

Result<std::unique_ptr<BatchReader>> ParquetFileReader::NewBatchReader(const ReadOptions& options) {
  if (options.batch_size <= 0) return Status::InvalidArgument("batch_size must be positive");
  FN_ASSIGN_OR_RETURN(auto ids, ResolveColumns(options.columns));
  std::unique_ptr<BatchReader> br(new BatchReader());
  br->reader_ = shared_from_this();
  for (int i : ids) {
    br->columns_.push_back(&schema_.columns[i]);
    CollectLeaves(schema_.columns[i], &br->leaf_ids_);
  }
  br->row_groups_ = SelectRowGroups(options.predicates);
  if (options.keep_row_group) {
    std::vector<int> kept;
    for (int rg : br->row_groups_) {
      if (options.keep_row_group(rg)) kept.push_back(rg);
    }
    br->row_groups_ = std::move(kept);
  }
  br->row_ranges_.assign(br->row_groups_.size(), std::nullopt);
  if (options.select_rows) {
    std::vector<int> kept;
    std::vector<std::optional<std::vector<RowRange>>> ranges;
    for (int rg : br->row_groups_) {
      auto selected = options.select_rows(rg);
      if (selected) {
        // Sorted, clipped to the row group, overlaps merged.
        const int64_t rows = row_group_num_rows(rg);
        std::vector<RowRange> clean;
        std::sort(selected->begin(), selected->end(),
                  [](const RowRange& a, const RowRange& b) { return a.first < b.first; });
        for (RowRange r : *selected) {
          r.first = std::max<int64_t>(r.first, 0);
          r.end = std::min(r.end, rows);
          if (r.end <= r.first) continue;
          if (!clean.empty() && r.first <= clean.back().end) {
            clean.back().end = std::max(clean.back().end, r.end);
          } else {
            clean.push_back(r);
          }
        }
        if (clean.empty()) continue;
        if (clean.size() == 1 && clean[0].first == 0 && clean[0].end == rows) {
          selected.reset();
        } else {
          selected = std::move(clean);
        }
      }
      kept.push_back(rg);
      ranges.push_back(std::move(selected));
    }
    br->row_groups_ = std::move(kept);
    br->row_ranges_ = std::move(ranges);
  }
  br->batch_size_ = options.batch_size;
  br->filter_column_.assign(br->columns_.size(), false);
  if (options.batch_may_match && !options.filter_columns.empty()) {
    for (const std::string& name : options.filter_columns) {
      auto it = std::find_if(br->columns_.begin(), br->columns_.end(),
                             [&](const SchemaNode* c) { return c->name == name; });
      if (it == br->columns_.end()) {
        return Status::InvalidArgument("parquet file '" + this->name() + "': filter column '" + name +
                                       "' is not projected");
      }
      const size_t at = static_cast<size_t>(it - br->columns_.begin());
      br->filter_column_[at] = true;
      br->filter_order_.push_back(at);
    }
    for (size_t c = 0; c < br->columns_.size(); ++c) {
      std::vector<int> leaves;
      CollectLeaves(*br->columns_[c], &leaves);
      for (size_t k = 0; k < leaves.size(); ++k) br->filter_leaf_.push_back(br->filter_column_[c]);
    }
    br->batch_may_match_ = options.batch_may_match;
  }
  return br;
}

// ---------------------------------------------------------------------------
// Batches

namespace {

// A column chunk's data pages as its offset index places them, relative to
// the chunk's first byte, and which of them overlap the rows to read.
struct IndexedChunk {
  std::vector<ChunkPage> pages;
  std::vector<int64_t> sizes;  // bytes of each page, header included
  std::vector<bool> needed;
  bool dictionary_first = false;  // bytes before the first page: the dictionary
};

// nullopt when the leaf has no usable offset index: one that fails to
// decode or does not lie inside the chunk [start, start + len) page after
// page is not trusted, and the chunk is read whole (its pages then say
// what is wrong with them).
std::optional<IndexedChunk> IndexChunk(const ParquetFileReader& file, int rg, int leaf, int64_t start, int64_t len,
                                       const std::vector<RowRange>& ranges) {
  constexpr int64_t kMaxOffsetIndexBytes = 4 << 20;
  auto located = file.LeafOffsetIndex(rg, leaf, kMaxOffsetIndexBytes);
  if (!located.ok() || !*located || (*located)->pages.empty()) return std::nullopt;
  IndexedChunk out;
  int64_t previous_end = 0;
  size_t range = 0;
  for (const IndexedPage& page : (*located)->pages) {
    const int64_t from = page.offset - start;
    if (from < previous_end || from > len || page.compressed_size > len - from) return std::nullopt;
    if (out.pages.empty()) out.dictionary_first = from > 0;
    previous_end = from + page.compressed_size;
    out.pages.push_back({from, page.first_row, page.num_rows});
    out.sizes.push_back(page.compressed_size);
    const int64_t page_end = page.first_row + page.num_rows;
    while (range < ranges.size() && ranges[range].end <= page.first_row) ++range;
    out.needed.push_back(range < ranges.size() && ranges[range].first < page_end);
  }
  return out;
}

}  // namespace

struct BatchReader::RowGroupState {
  int64_t rows_left = 0;
  std::vector<RowRange> ranges;  // the rows to read, in order
  size_t range = 0;              // of ranges: the one being read
  int64_t row = 0;               // the next row position of every reader
  std::vector<std::unique_ptr<ColumnChunkReader>> readers;  // parallel to leaf_ids_
  std::vector<LeafBatch> batches;
};

BatchReader::~BatchReader() = default;

Status BatchReader::StartRowGroup(int rg_index, const std::optional<std::vector<RowRange>>& ranges) {
  const ParquetFileReader& r = *reader_;
  const auto& rg = r.meta_->row_groups[rg_index];
  const int64_t file_size = r.file_->size();
  auto state = std::make_unique<RowGroupState>();
  if (ranges) {
    state->ranges = *ranges;
  } else {
    state->ranges.push_back({0, rg.num_rows});
  }
  for (const RowRange& range : state->ranges) state->rows_left += range.end - range.first;
  rows_skipped_ += rg.num_rows - state->rows_left;
  state->batches.resize(leaf_ids_.size());
  for (int leaf_id : leaf_ids_) {
    const LeafColumn& leaf = r.schema_.leaves[leaf_id];
    const auto& chunk = rg.columns[leaf_id];
    auto ctx = [&](Status s) { return s.WithContext("column '" + leaf.path + "'"); };
    if (chunk.__isset.file_path) return ctx(Status::Unsupported("column chunk stored in another file"));
    if (!chunk.__isset.meta_data) return ctx(Status::Unsupported("encrypted column chunk"));
    const auto& md = chunk.meta_data;
    if (static_cast<int>(md.type) != static_cast<int>(leaf.physical)) {
      return ctx(Status::Corruption("column chunk type differs from the schema"));
    }
    auto codec = static_cast<Codec>(static_cast<int>(md.codec));
    FN_RETURN_IF_ERROR(ctx(CheckCodecSupported(codec)));
    int64_t start = md.data_page_offset;
    if (md.__isset.dictionary_page_offset && md.dictionary_page_offset > 0 && md.dictionary_page_offset < start) {
      start = md.dictionary_page_offset;
    }
    const int64_t len = md.total_compressed_size;
    const int64_t data_end = file_size - 8;  // footer length and magic follow
    if (start < 4 || len < 0 || start > data_end || len > data_end - start) {
      return ctx(Status::Corruption("column chunk bytes [" + std::to_string(start) + ", +" + std::to_string(len) +
                                    ") lie outside the file's data"));
    }
    if (md.num_values < 0) return ctx(Status::Corruption("negative value count"));
    if (leaf.max_rep == 0 && md.num_values != rg.num_rows) {
      return ctx(Status::Corruption("column chunk has " + std::to_string(md.num_values) + " values for " +
                                    std::to_string(rg.num_rows) + " rows"));
    }
    Buffer bytes;
    bytes.Resize(static_cast<size_t>(len));
    std::optional<IndexedChunk> indexed;
    // By the offset index: to read only some rows, or to skip whole pages of
    // a column late materialisation may not need.
    const size_t position = state->readers.size();
    const bool late = batch_may_match_ && position < filter_leaf_.size() && !filter_leaf_[position];
    if (ranges || late) indexed = IndexChunk(r, rg_index, leaf_id, start, len, state->ranges);
    if (!indexed) {
      FN_RETURN_IF_ERROR(ctx(r.file_->ReadAt(start, len, bytes.data())));
    } else {
      // Only the dictionary and the pages overlapping the ranges are read:
      // the reader seeks to them by offset and never looks at the rest.
      std::vector<RowRange> spans;  // byte spans of the chunk, merged
      if (indexed->dictionary_first) spans.push_back({0, indexed->pages.front().offset});
      for (size_t k = 0; k < indexed->pages.size(); ++k) {
        if (!indexed->needed[k]) {
          ++pages_skipped_;
          indexed->pages[k].read = false;
          continue;
        }
        const int64_t from = indexed->pages[k].offset, to = from + indexed->sizes[k];
        if (!spans.empty() && spans.back().end == from) {
          spans.back().end = to;
        } else {
          spans.push_back({from, to});
        }
      }
      for (const RowRange& span : spans) {
        FN_RETURN_IF_ERROR(ctx(r.file_->ReadAt(start + span.first, span.end - span.first, bytes.data() + span.first)));
      }
    }
    auto reader = std::make_unique<ColumnChunkReader>(leaf, std::move(bytes), codec, md.num_values);
    if (indexed) reader->UsePageIndex(std::move(indexed->pages), indexed->dictionary_first, &pages_skipped_);
    state->readers.push_back(std::move(reader));
  }
  state_ = std::move(state);
  return Status::OK();
}

namespace {

std::unique_ptr<ArrayData> CloneArray(const ArrayData& a) {
  auto out = std::make_unique<ArrayData>();
  out->length = a.length;
  out->null_count = a.null_count;
  for (const Buffer& b : a.buffers) {
    Buffer copy;
    copy.Resize(b.size());
    if (b.size() > 0) std::memcpy(copy.data(), b.data(), b.size());
    out->buffers.push_back(std::move(copy));
  }
  for (const auto& c : a.children) out->children.push_back(CloneArray(*c));
  return out;
}

}  // namespace

Result<bool> BatchReader::NextImpl(ArrowArray* out) {
  const ParquetFileReader& r = *reader_;
  for (;;) {
    while (state_ == nullptr || state_->rows_left == 0) {
      state_.reset();
      if (next_row_group_ >= row_groups_.size()) return false;
      const size_t at = next_row_group_++;
      current_row_group_ = row_groups_[at];
      if (r.meta_->row_groups[current_row_group_].num_rows == 0) continue;
      FN_RETURN_IF_ERROR(StartRowGroup(current_row_group_, row_ranges_[at]));
    }
    const RowRange range = state_->ranges[state_->range];
    auto skip = [&](size_t i, int64_t rows) -> Status {
      ColumnChunkReader& cr = *state_->readers[i];
      Status st = cr.SkipRows(rows);
      if (!st.ok()) {
        return st.WithContext("column '" + r.schema_.leaves[leaf_ids_[i]].path + "' page " +
                              std::to_string(cr.page_index()));
      }
      return Status::OK();
    };
    if (state_->row < range.first) {
      for (size_t i = 0; i < leaf_ids_.size(); ++i) FN_RETURN_IF_ERROR(skip(i, range.first - state_->row));
      state_->row = range.first;
    }
    const int64_t n = std::min(batch_size_, range.end - state_->row);
    std::vector<LeafBatch*> by_leaf(r.schema_.leaves.size(), nullptr);
    auto read = [&](size_t i) -> Status {
      const LeafColumn& leaf = r.schema_.leaves[leaf_ids_[i]];
      LeafBatch& batch = state_->batches[i];
      batch.Reset(leaf);
      int64_t got = 0;
      ColumnChunkReader& cr = *state_->readers[i];
      Status st = cr.ReadRows(n, &batch, &got);
      if (st.ok() && got != n) {
        st = Status::Corruption("column chunk ends after " + std::to_string(got) + " of " + std::to_string(n) +
                                " rows");
      }
      if (!st.ok()) return st.WithContext("column '" + leaf.path + "' page " + std::to_string(cr.page_index()));
      by_leaf[leaf_ids_[i]] = &batch;
      return Status::OK();
    };
    auto advance = [&]() {
      state_->rows_left -= n;
      state_->row += n;
      if (state_->row == range.end) ++state_->range;
    };
    std::vector<std::unique_ptr<ArrayData>> columns(columns_.size());
    if (batch_may_match_) {
      // Late materialisation: the tested columns first.
      for (size_t i = 0; i < leaf_ids_.size(); ++i) {
        if (filter_leaf_[i]) FN_RETURN_IF_ERROR(read(i));
      }
      auto probe = std::make_unique<ArrayData>();
      probe->length = n;
      probe->buffers.resize(1);
      for (size_t c : filter_order_) {
        FN_ASSIGN_OR_RETURN(columns[c], AssembleColumn(*columns_[c], r.schema_.leaves, by_leaf, n));
        probe->children.push_back(CloneArray(*columns[c]));
      }
      ArrowArray probe_array;
      ExportArray(std::move(probe), &probe_array);
      const bool may = batch_may_match_(probe_array);
      if (probe_array.release) probe_array.release(&probe_array);
      if (!may) {
        for (size_t i = 0; i < leaf_ids_.size(); ++i) {
          if (!filter_leaf_[i]) FN_RETURN_IF_ERROR(skip(i, n));
        }
        rows_skipped_ += n;
        rows_filtered_early_ += n;
        advance();
        continue;
      }
    }
    for (size_t i = 0; i < leaf_ids_.size(); ++i) {
      if (!batch_may_match_ || !filter_leaf_[i]) FN_RETURN_IF_ERROR(read(i));
    }
    auto root = std::make_unique<ArrayData>();
    root->length = n;
    root->buffers.resize(1);
    for (size_t c = 0; c < columns_.size(); ++c) {
      if (!columns[c]) {
        FN_ASSIGN_OR_RETURN(columns[c], AssembleColumn(*columns_[c], r.schema_.leaves, by_leaf, n));
      }
      root->children.push_back(std::move(columns[c]));
    }
    advance();
    ExportArray(std::move(root), out);
    return true;
  }
}

Result<bool> BatchReader::Next(ArrowArray* out) {
  if (failed_) return Status::Cancelled("parquet reader already failed");
  Result<bool> result = Status::Internal("unset");
  try {
    result = NextImpl(out);
  } catch (const std::bad_alloc&) {
    result = Status::ResourceExhausted("out of memory decoding a batch");
  }
  if (!result.ok()) {
    failed_ = true;
    std::string where = "parquet file '" + reader_->name() + "'";
    if (current_row_group_ >= 0) where += " row group " + std::to_string(current_row_group_);
    return result.status().WithContext(where);
  }
  return result;
}

// ---------------------------------------------------------------------------
// C stream

namespace {

struct StreamPrivate {
  std::unique_ptr<BatchReader> batches;
  std::shared_ptr<ParquetFileReader> reader;
  std::string last_error;
};

int StreamGetSchema(ArrowArrayStream* stream, ArrowSchema* out) {
  auto* p = static_cast<StreamPrivate*>(stream->private_data);
  try {
    ExportStructSchema(p->batches->columns(), out);
  } catch (const std::bad_alloc&) {
    p->last_error = "out of memory";
    return ENOMEM;
  }
  return 0;
}

int StreamGetNext(ArrowArrayStream* stream, ArrowArray* out) {
  auto* p = static_cast<StreamPrivate*>(stream->private_data);
  Result<bool> more = p->batches->Next(out);
  if (!more.ok()) {
    p->last_error = more.status().ToString();  // ToString never throws
    return more.status().code() == StatusCode::kResourceExhausted ? ENOMEM : EIO;
  }
  if (!*more) out->release = nullptr;  // end of stream
  return 0;
}

const char* StreamLastError(ArrowArrayStream* stream) {
  auto* p = static_cast<StreamPrivate*>(stream->private_data);
  return p->last_error.empty() ? nullptr : p->last_error.c_str();
}

void StreamRelease(ArrowArrayStream* stream) {
  if (stream->release == nullptr) return;
  delete static_cast<StreamPrivate*>(stream->private_data);
  stream->release = nullptr;
}

}  // namespace

Status ParquetFileReader::NewStream(const ReadOptions& options, ArrowArrayStream* out) {
  FN_ASSIGN_OR_RETURN(auto batches, NewBatchReader(options));
  auto* p = new StreamPrivate{std::move(batches), shared_from_this(), {}};
  out->get_schema = &StreamGetSchema;
  out->get_next = &StreamGetNext;
  out->get_last_error = &StreamLastError;
  out->release = &StreamRelease;
  out->private_data = p;
  return Status::OK();
}

Status OpenLakeFileStream(const std::string& path, const ReadOptions& options, ArrowArrayStream* out) {
  auto ends_with = [&](const char* suffix) {
    size_t n = std::strlen(suffix);
    if (path.size() < n) return false;
    for (size_t i = 0; i < n; ++i) {
      if (std::tolower(static_cast<unsigned char>(path[path.size() - n + i])) != suffix[i]) return false;
    }
    return true;
  };
  const Status orc = Status::Unsupported("ORC lake files are not supported yet: " + path);
  if (ends_with(".orc")) return orc;
  FN_ASSIGN_OR_RETURN(auto file, OpenLocalFile(path));
  if (file->size() >= 3) {
    char head[3];
    FN_RETURN_IF_ERROR(file->ReadAt(0, 3, reinterpret_cast<uint8_t*>(head)));
    if (std::memcmp(head, "ORC", 3) == 0) return orc;
  }
  FN_ASSIGN_OR_RETURN(auto reader, ParquetFileReader::Open(std::move(file)));
  return reader->NewStream(options, out);
}

}  // namespace fluss_native::parquet
