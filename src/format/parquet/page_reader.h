// Walks the pages of one column chunk held in memory: parses each page
// header, checks its sizes against the chunk, and decompresses the body.
#pragma once

#include <cstdint>
#include <string>

#include "format/parquet/buffer.h"
#include "format/parquet/compression.h"
#include "fluss_native/status.h"

namespace fluss_native::parquet {

struct Page {
  enum class Kind { kDictionary, kDataV1, kDataV2 };
  Kind kind = Kind::kDataV1;
  int32_t num_values = 0;  // level entries (data) or dictionary entries
  int encoding = 0;
  int def_encoding = 3;    // v1 only
  int rep_encoding = 3;
  // v2 only: the uncompressed level sections.
  const uint8_t* rep = nullptr;
  size_t rep_size = 0;
  const uint8_t* def = nullptr;
  size_t def_size = 0;
  // Decompressed body: the whole v1 page (levels and values), the v2 values
  // section, or the dictionary values.
  const uint8_t* body = nullptr;
  size_t body_size = 0;
};

class PageReader {
 public:
  PageReader(Buffer chunk, Codec codec) : chunk_(std::move(chunk)), codec_(codec), decompressor_(codec) {}

  // Advances to the next dictionary or data page (index pages are skipped).
  // Returns false at the end of the chunk. The page's pointers stay valid
  // until the next call.
  Result<bool> Next(Page* page);
  int page_index() const { return page_index_; }
  // Moves to the page header at byte `pos` of the chunk (from the offset
  // index), which becomes page number `page` in messages.
  Status SeekTo(int64_t pos, int page) {
    if (pos < 0 || static_cast<uint64_t>(pos) >= chunk_.size()) {
      return Status::Corruption("page " + std::to_string(page) + " at chunk byte " + std::to_string(pos) +
                                " lies outside the column chunk of " + std::to_string(chunk_.size()) + " bytes");
    }
    pos_ = static_cast<size_t>(pos);
    page_index_ = page - 1;
    return Status::OK();
  }

 private:
  Buffer chunk_;
  Codec codec_;
  PageDecompressor decompressor_;
  size_t pos_ = 0;
  int page_index_ = -1;
  Buffer scratch_;
};

}  // namespace fluss_native::parquet
