// Reads one leaf column chunk page by page and hands out whole top-level
// rows: their definition/repetition levels plus the dense non-null values.
// Memory held is one decompressed page plus the dictionary.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "format/parquet/page_reader.h"
#include "format/parquet/schema.h"
#include "format/parquet/value_decoder.h"
#include "format/parquet/values.h"

namespace fluss_native::parquet {

// Levels and values for some rows of one leaf. def/rep are empty when the
// leaf's max level is 0 (then every entry is a present value).
struct LeafBatch {
  std::vector<int16_t> def;
  std::vector<int16_t> rep;
  Values values;
  int64_t num_entries = 0;

  void Reset(const LeafColumn& leaf) {
    def.clear();
    rep.clear();
    values.Reset(leaf.out_width);
    num_entries = 0;
  }
};

// A data page of a chunk as its offset index places it: the byte offset of
// its header within the chunk's buffer and the rows it holds.
struct ChunkPage {
  int64_t offset = 0;
  int64_t first_row = 0;
  int64_t num_rows = 0;
  bool read = true;  // its bytes were read (else counted as skipped already)
};

class ColumnChunkReader {
 public:
  // `num_values` is the chunk's level-entry count from the footer.
  ColumnChunkReader(const LeafColumn& leaf, Buffer chunk, Codec codec, int64_t num_values)
      : leaf_(leaf), pages_(std::move(chunk), codec), chunk_values_(num_values) {}

  // Appends up to `rows` complete rows to out; *rows_read is how many.
  // Fewer than requested means the chunk is exhausted.
  Status ReadRows(int64_t rows, LeafBatch* out, int64_t* rows_read);
  int page_index() const { return pages_.page_index(); }

  // Reads pages by the offset index from now on (flat leaves only): pages
  // are found by offset, so SkipRows passes over whole pages without
  // touching their bytes, which need not have been read into the chunk
  // buffer. `dictionary_first`: a dictionary page starts the buffer.
  // `*skipped` counts the read pages SkipRows passes over whole.
  void UsePageIndex(std::vector<ChunkPage> pages, bool dictionary_first, int64_t* skipped) {
    index_ = std::move(pages);
    indexed_ = true;
    dictionary_first_ = dictionary_first;
    skipped_ = skipped;
  }
  // Passes over the next `rows` rows: whole pages unread where the page
  // index allows, else decoded and dropped.
  Status SkipRows(int64_t rows);

 private:
  Status LoadDataPage(bool* found);
  Status LoadIndexedPage(bool* found);
  Status StartDataPage(const Page& page);
  Status DecodeLevels(int encoding, const uint8_t* data, size_t size, int16_t max, std::vector<int16_t>* out);
  Status Consume(int64_t n, LeafBatch* out);

  const LeafColumn& leaf_;
  PageReader pages_;
  int64_t chunk_values_;
  int64_t values_seen_ = 0;  // level entries of all loaded pages
  bool have_dictionary_ = false;
  Values dictionary_;
  std::unique_ptr<ValueDecoder> decoder_;
  std::vector<int16_t> page_def_, page_rep_;
  int64_t page_entries_ = 0;
  int64_t page_pos_ = 0;
  bool started_ = false;
  // Reading by the offset index.
  bool indexed_ = false;
  bool dictionary_first_ = false;
  bool dictionary_checked_ = false;
  std::vector<ChunkPage> index_;
  size_t next_page_ = 0;  // of index_
  int64_t* skipped_ = nullptr;
  LeafBatch scratch_;     // rows decoded to be dropped
};

}  // namespace fluss_native::parquet
