#include "format/parquet/page_reader.h"

#include "format/parquet/thrift_util.h"

namespace fluss_native::parquet {
namespace {
// No sane writer produces larger pages; refusing them bounds allocations
// driven by a header we cannot trust.
constexpr int64_t kMaxPageSize = int64_t{1} << 30;
}  // namespace

Result<bool> PageReader::Next(Page* page) {
  while (pos_ < chunk_.size()) {
    ++page_index_;
    format::PageHeader header;
    uint32_t header_size = 0;
    const size_t left = chunk_.size() - pos_;
    FN_RETURN_IF_ERROR(DecodePageHeader(chunk_.data() + pos_, static_cast<uint32_t>(left > 0xffffffffu ? 0xffffffffu : left),
                                        &header, &header_size));
    pos_ += header_size;
    const int64_t compressed = header.compressed_page_size;
    const int64_t uncompressed = header.uncompressed_page_size;
    if (compressed < 0 || uncompressed < 0 || uncompressed > kMaxPageSize) {
      return Status::Corruption("invalid page sizes (compressed " + std::to_string(compressed) + ", uncompressed " +
                                std::to_string(uncompressed) + ")");
    }
    if (static_cast<uint64_t>(compressed) > chunk_.size() - pos_) {
      return Status::Corruption("page of " + std::to_string(compressed) + " bytes overruns the column chunk (" +
                                std::to_string(chunk_.size() - pos_) + " bytes left)");
    }
    const uint8_t* src = chunk_.data() + pos_;
    pos_ += static_cast<size_t>(compressed);
    *page = Page();
    switch (header.type) {
      case format::PageType::DICTIONARY_PAGE: {
        if (!header.__isset.dictionary_page_header) return Status::Corruption("dictionary page without its header");
        const auto& h = header.dictionary_page_header;
        if (h.encoding != format::Encoding::PLAIN && h.encoding != format::Encoding::PLAIN_DICTIONARY) {
          return Status::Unsupported("dictionary page encoding " + std::to_string(static_cast<int>(h.encoding)));
        }
        page->kind = Page::Kind::kDictionary;
        page->num_values = h.num_values;
        break;
      }
      case format::PageType::DATA_PAGE: {
        if (!header.__isset.data_page_header) return Status::Corruption("data page without its header");
        const auto& h = header.data_page_header;
        page->kind = Page::Kind::kDataV1;
        page->num_values = h.num_values;
        page->encoding = h.encoding;
        page->def_encoding = h.definition_level_encoding;
        page->rep_encoding = h.repetition_level_encoding;
        break;
      }
      case format::PageType::DATA_PAGE_V2: {
        if (!header.__isset.data_page_header_v2) return Status::Corruption("data page v2 without its header");
        const auto& h = header.data_page_header_v2;
        page->kind = Page::Kind::kDataV2;
        page->num_values = h.num_values;
        page->encoding = h.encoding;
        int64_t rep_len = h.repetition_levels_byte_length, def_len = h.definition_levels_byte_length;
        if (rep_len < 0 || def_len < 0 || rep_len + def_len > compressed || rep_len + def_len > uncompressed) {
          return Status::Corruption("data page v2 level lengths exceed the page");
        }
        page->rep = src;
        page->rep_size = static_cast<size_t>(rep_len);
        page->def = src + rep_len;
        page->def_size = static_cast<size_t>(def_len);
        const size_t levels = static_cast<size_t>(rep_len + def_len);
        const uint8_t* values = src + levels;
        const size_t values_compressed = static_cast<size_t>(compressed) - levels;
        const size_t values_size = static_cast<size_t>(uncompressed) - levels;
        bool is_compressed = !h.__isset.is_compressed || h.is_compressed;
        if (page->num_values < 0) return Status::Corruption("negative value count in page header");
        if (!is_compressed || codec_ == Codec::kUncompressed) {
          if (values_compressed != values_size) return Status::Corruption("uncompressed v2 page sizes disagree");
          page->body = values;
          page->body_size = values_size;
        } else {
          scratch_.Reserve(1);
          scratch_.Resize(values_size);
          FN_RETURN_IF_ERROR(decompressor_.Decompress(values, values_compressed, scratch_.data(), values_size));
          page->body = scratch_.data();
          page->body_size = values_size;
        }
        return true;
      }
      default:
        continue;  // index pages and unknown page types carry nothing we need
    }
    if (page->num_values < 0) return Status::Corruption("negative value count in page header");
    if (codec_ == Codec::kUncompressed) {
      if (compressed != uncompressed) return Status::Corruption("uncompressed page sizes disagree");
      page->body = src;
      page->body_size = static_cast<size_t>(compressed);
    } else {
      scratch_.Reserve(1);
      scratch_.Resize(static_cast<size_t>(uncompressed));
      FN_RETURN_IF_ERROR(decompressor_.Decompress(src, static_cast<size_t>(compressed), scratch_.data(),
                                                  static_cast<size_t>(uncompressed)));
      page->body = scratch_.data();
      page->body_size = static_cast<size_t>(uncompressed);
    }
    return true;
  }
  return false;
}

}  // namespace fluss_native::parquet
