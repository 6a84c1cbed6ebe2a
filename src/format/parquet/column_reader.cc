#include "format/parquet/column_reader.h"

#include <algorithm>
#include <cstring>

#include "format/parquet/rle.h"

namespace fluss_native::parquet {

Status ColumnChunkReader::DecodeLevels(int encoding, const uint8_t* data, size_t size, int16_t max,
                                       std::vector<int16_t>* out) {
  if (encoding != static_cast<int>(Encoding::kRle)) {
    return Status::Unsupported(std::string("level encoding ") + EncodingName(encoding));
  }
  out->resize(static_cast<size_t>(page_entries_));
  RleBitPackedDecoder rle(data, size, BitWidthFor(static_cast<uint64_t>(max)));
  FN_RETURN_IF_ERROR(rle.GetBatch(out->data(), page_entries_));
  for (int16_t v : *out) {
    if (v < 0 || v > max) return Status::Corruption("level " + std::to_string(v) + " exceeds maximum " + std::to_string(max));
  }
  return Status::OK();
}

Status ColumnChunkReader::LoadDataPage(bool* found) {
  *found = false;
  Page page;
  while (true) {
    FN_ASSIGN_OR_RETURN(bool more, pages_.Next(&page));
    if (!more) {
      if (values_seen_ != chunk_values_) {
        return Status::Corruption("column chunk holds " + std::to_string(values_seen_) + " values, footer says " +
                                  std::to_string(chunk_values_));
      }
      return Status::OK();
    }
    if (page.kind == Page::Kind::kDictionary) {
      if (have_dictionary_) return Status::Corruption("second dictionary page in a column chunk");
      FN_RETURN_IF_ERROR(DecodeDictionaryPage(leaf_, page.body, page.body_size, page.num_values, &dictionary_));
      have_dictionary_ = true;
      continue;
    }
    if (page.num_values == 0) continue;
    // Levels are decoded a page at a time; this bounds what a header can make
    // us allocate (writers cut pages at ~20k rows or 1 MiB).
    constexpr int32_t kMaxPageValues = 1 << 26;
    if (page.num_values > kMaxPageValues) {
      return Status::Corruption("data page claims " + std::to_string(page.num_values) + " values");
    }
    if (page.num_values > chunk_values_ - values_seen_) {
      return Status::Corruption("data pages hold more values than the footer's " + std::to_string(chunk_values_));
    }
    FN_RETURN_IF_ERROR(StartDataPage(page));
    *found = true;
    return Status::OK();
  }
}

Status ColumnChunkReader::LoadIndexedPage(bool* found) {
  *found = false;
  Page page;
  if (!dictionary_checked_) {
    dictionary_checked_ = true;
    if (dictionary_first_) {
      FN_RETURN_IF_ERROR(pages_.SeekTo(0, 0));
      FN_ASSIGN_OR_RETURN(bool got, pages_.Next(&page));
      if (!got || page.kind != Page::Kind::kDictionary) {
        return Status::Corruption("the bytes before the first indexed page are not a dictionary page");
      }
      FN_RETURN_IF_ERROR(DecodeDictionaryPage(leaf_, page.body, page.body_size, page.num_values, &dictionary_));
      have_dictionary_ = true;
    }
  }
  if (next_page_ >= index_.size()) return Status::OK();
  const ChunkPage& at = index_[next_page_];
  FN_RETURN_IF_ERROR(pages_.SeekTo(at.offset, static_cast<int>(next_page_)));
  ++next_page_;
  FN_ASSIGN_OR_RETURN(bool got, pages_.Next(&page));
  if (!got || page.kind == Page::Kind::kDictionary) {
    return Status::Corruption("the offset index points at no data page");
  }
  // A flat leaf has one level entry per row.
  constexpr int32_t kMaxPageValues = 1 << 26;
  if (page.num_values != at.num_rows || page.num_values > kMaxPageValues) {
    return Status::Corruption("data page holds " + std::to_string(page.num_values) + " values, the offset index " +
                              std::to_string(at.num_rows) + " rows");
  }
  if (page.num_values > chunk_values_ - values_seen_) {
    return Status::Corruption("data pages hold more values than the footer's " + std::to_string(chunk_values_));
  }
  FN_RETURN_IF_ERROR(StartDataPage(page));
  *found = true;
  return Status::OK();
}

Status ColumnChunkReader::StartDataPage(const Page& page) {
  page_entries_ = page.num_values;
  values_seen_ += page.num_values;
  page_pos_ = 0;
  const uint8_t* body = page.body;
  size_t body_size = page.body_size;
  if (page.kind == Page::Kind::kDataV1) {
    // v1 level sections are each prefixed by their 4-byte length.
    auto section = [&](int encoding, int16_t max, std::vector<int16_t>* out) -> Status {
      if (max == 0) return Status::OK();
      if (body_size < 4) return Status::Corruption("level section truncated");
      uint32_t len;
      std::memcpy(&len, body, 4);
      if (len > body_size - 4) return Status::Corruption("level section length exceeds the page");
      FN_RETURN_IF_ERROR(DecodeLevels(encoding, body + 4, len, max, out));
      body += 4 + len;
      body_size -= 4 + len;
      return Status::OK();
    };
    FN_RETURN_IF_ERROR(section(page.rep_encoding, leaf_.max_rep, &page_rep_));
    FN_RETURN_IF_ERROR(section(page.def_encoding, leaf_.max_def, &page_def_));
  } else {
    if (leaf_.max_rep > 0) {
      FN_RETURN_IF_ERROR(DecodeLevels(static_cast<int>(Encoding::kRle), page.rep, page.rep_size, leaf_.max_rep, &page_rep_));
    }
    if (leaf_.max_def > 0) {
      FN_RETURN_IF_ERROR(DecodeLevels(static_cast<int>(Encoding::kRle), page.def, page.def_size, leaf_.max_def, &page_def_));
    }
  }
  FN_ASSIGN_OR_RETURN(decoder_, MakeValueDecoder(leaf_, page.encoding, body, body_size, page.num_values,
                                                 have_dictionary_ ? &dictionary_ : nullptr));
  return Status::OK();
}

Status ColumnChunkReader::Consume(int64_t n, LeafBatch* out) {
  int64_t present = n;
  if (leaf_.max_def > 0) {
    const int16_t* d = page_def_.data() + page_pos_;
    out->def.insert(out->def.end(), d, d + n);
    present = 0;
    for (int64_t i = 0; i < n; ++i) present += d[i] == leaf_.max_def;
  }
  if (leaf_.max_rep > 0) {
    const int16_t* r = page_rep_.data() + page_pos_;
    out->rep.insert(out->rep.end(), r, r + n);
  }
  if (present > 0) FN_RETURN_IF_ERROR(decoder_->Decode(present, &out->values));
  page_pos_ += n;
  out->num_entries += n;
  return Status::OK();
}

Status ColumnChunkReader::ReadRows(int64_t rows, LeafBatch* out, int64_t* rows_read) {
  int64_t done = 0;
  while (done < rows || leaf_.max_rep > 0) {
    if (page_pos_ == page_entries_) {
      bool found;
      FN_RETURN_IF_ERROR(indexed_ ? LoadIndexedPage(&found) : LoadDataPage(&found));
      if (!found) break;
      if (!started_ && leaf_.max_rep > 0 && page_rep_[0] != 0) {
        return Status::Corruption("column chunk starts in the middle of a row");
      }
      started_ = true;
    }
    if (leaf_.max_rep == 0) {
      int64_t n = std::min(rows - done, page_entries_ - page_pos_);
      FN_RETURN_IF_ERROR(Consume(n, out));
      done += n;
      continue;
    }
    // A row starts at every repetition level 0 and may span pages.
    const int16_t* r = page_rep_.data();
    int64_t i = page_pos_;
    bool full = false;
    for (; i < page_entries_; ++i) {
      if (r[i] == 0) {
        if (done == rows) {
          full = true;
          break;
        }
        ++done;
      }
    }
    FN_RETURN_IF_ERROR(Consume(i - page_pos_, out));
    if (full) break;
  }
  *rows_read = done;
  return Status::OK();
}

Status ColumnChunkReader::SkipRows(int64_t rows) {
  if (!indexed_) {
    // No offset index: decode and drop, a bounded number of rows at a time.
    constexpr int64_t kStep = 4096;
    while (rows > 0) {
      scratch_.Reset(leaf_);
      const int64_t want = std::min(rows, kStep);
      int64_t got = 0;
      FN_RETURN_IF_ERROR(ReadRows(want, &scratch_, &got));
      if (got != want) return Status::Corruption("column chunk ends " + std::to_string(rows - got) + " rows early");
      rows -= want;
    }
    return Status::OK();
  }
  while (rows > 0) {
    if (page_pos_ == page_entries_) {
      // Whole pages inside the skipped rows are passed over unread.
      while (next_page_ < index_.size() && index_[next_page_].num_rows <= rows) {
        rows -= index_[next_page_].num_rows;
        values_seen_ += index_[next_page_].num_rows;
        if (skipped_ && index_[next_page_].read) ++*skipped_;
        ++next_page_;
      }
      if (rows == 0) break;
      bool found;
      FN_RETURN_IF_ERROR(LoadIndexedPage(&found));
      if (!found) return Status::Corruption("column chunk ends " + std::to_string(rows) + " rows early");
    }
    const int64_t n = std::min(rows, page_entries_ - page_pos_);
    scratch_.Reset(leaf_);
    FN_RETURN_IF_ERROR(Consume(n, &scratch_));
    rows -= n;
  }
  return Status::OK();
}

}  // namespace fluss_native::parquet
