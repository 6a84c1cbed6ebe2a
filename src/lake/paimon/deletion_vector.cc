#include "lake/paimon/deletion_vector.h"

#include <zlib.h>

#include <algorithm>
#include <bit>

#include "common/endian.h"

namespace fluss_native::lake::paimon {

namespace {

constexpr uint8_t kIndexFileVersion = 1;
constexpr int32_t kBitmap32Magic = 1581511376;  // written big-endian
constexpr int32_t kBitmap64Magic = 1681511377;  // written little-endian
// RoaringBitmap portable format (RoaringFormatSpec).
constexpr uint32_t kCookieNoRuns = 12346;
constexpr uint32_t kCookieRuns = 12347;
constexpr uint32_t kNoOffsetThreshold = 4;
constexpr uint32_t kMaxArrayCardinality = 4096;
constexpr size_t kBitmapWords = 1024;

template <typename T>
T LoadLE(const char* p) {
  std::make_unsigned_t<T> v = 0;
  for (int i = sizeof(T) - 1; i >= 0; --i) v = static_cast<std::make_unsigned_t<T>>((v << 8) | static_cast<uint8_t>(p[i]));
  return static_cast<T>(v);
}

}  // namespace

// Decodes Roaring bitmaps into a DeletionVector's containers.
class DeletionVectorBuilder {
 public:
  DeletionVectorBuilder(std::string_view bytes, const std::string& where) : bytes_(bytes), where_(where) {}

  Status Fail(const std::string& what) const {
    return Status::Corruption("deletion vector in '" + where_ + ": " + what + " at bitmap byte " +
                              std::to_string(pos_));
  }

  Result<const char*> Take(size_t n) {
    if (n > bytes_.size() - pos_) {
      return Fail("needs " + std::to_string(n) + " bytes, " + std::to_string(bytes_.size() - pos_) + " left");
    }
    const char* p = bytes_.data() + pos_;
    pos_ += n;
    return p;
  }

  bool AtEnd() const { return pos_ == bytes_.size(); }

  // One 32-bit RoaringBitmap in portable format; its values get `high` as
  // bits 32..63.
  Status ReadRoaring(uint64_t high) {
    FN_ASSIGN_OR_RETURN(const char* p, Take(4));
    const uint32_t cookie = LoadLE<uint32_t>(p);
    uint32_t count = 0;
    bool has_runs = false;
    std::string_view run_flags;
    if (cookie == kCookieNoRuns) {
      FN_ASSIGN_OR_RETURN(p, Take(4));
      count = LoadLE<uint32_t>(p);
      if (count > 65536) return Fail("container count " + std::to_string(count) + " exceeds 65536");
    } else if ((cookie & 0xffff) == kCookieRuns) {
      has_runs = true;
      count = (cookie >> 16) + 1;
      FN_ASSIGN_OR_RETURN(p, Take((count + 7) / 8));
      run_flags = std::string_view(p, (count + 7) / 8);
    } else {
      return Fail("unknown Roaring cookie " + std::to_string(cookie));
    }
    FN_ASSIGN_OR_RETURN(const char* header, Take(size_t{4} * count));
    if (!has_runs || count >= kNoOffsetThreshold) {
      FN_RETURN_IF_ERROR(Take(size_t{4} * count).status());  // offsets: we read sequentially
    }
    int64_t last_key = -1;
    for (uint32_t i = 0; i < count; ++i) {
      const uint16_t key = LoadLE<uint16_t>(header + 4 * i);
      const uint32_t card = uint32_t{LoadLE<uint16_t>(header + 4 * i + 2)} + 1;
      if (static_cast<int64_t>(key) <= last_key) return Fail("container keys not ascending");
      last_key = key;
      const bool is_run = has_runs && ((static_cast<uint8_t>(run_flags[i / 8]) >> (i % 8)) & 1);
      DeletionVector::Container c{(high << 16) | key, DeletionVector::Kind::kArray, 0, 0};
      if (is_run) {
        FN_RETURN_IF_ERROR(ReadRuns(card, &c));
      } else if (card > kMaxArrayCardinality) {
        FN_RETURN_IF_ERROR(ReadBitmap(card, &c));
      } else {
        FN_RETURN_IF_ERROR(ReadArray(card, &c));
      }
      out_.containers_.push_back(c);
      out_.cardinality_ += card;
    }
    return Status::OK();
  }

  DeletionVector Finish() { return std::move(out_); }

 private:
  Status ReadArray(uint32_t card, DeletionVector::Container* c) {
    FN_ASSIGN_OR_RETURN(const char* p, Take(size_t{2} * card));
    c->kind = DeletionVector::Kind::kArray;
    c->begin = static_cast<uint32_t>(out_.values_.size());
    c->size = card;
    int32_t last = -1;
    for (uint32_t i = 0; i < card; ++i) {
      const uint16_t v = LoadLE<uint16_t>(p + 2 * i);
      if (static_cast<int32_t>(v) <= last) return Fail("array container values not ascending");
      last = v;
      out_.values_.push_back(v);
    }
    return Status::OK();
  }

  Status ReadBitmap(uint32_t card, DeletionVector::Container* c) {
    FN_ASSIGN_OR_RETURN(const char* p, Take(8 * kBitmapWords));
    c->kind = DeletionVector::Kind::kBitmap;
    c->begin = static_cast<uint32_t>(out_.words_.size());
    c->size = kBitmapWords;
    uint32_t bits = 0;
    for (size_t i = 0; i < kBitmapWords; ++i) {
      const uint64_t w = LoadLE<uint64_t>(p + 8 * i);
      bits += static_cast<uint32_t>(std::popcount(w));
      out_.words_.push_back(w);
    }
    if (bits != card) return Fail("bitmap container holds " + std::to_string(bits) + " values, header says " + std::to_string(card));
    return Status::OK();
  }

  Status ReadRuns(uint32_t card, DeletionVector::Container* c) {
    FN_ASSIGN_OR_RETURN(const char* p, Take(2));
    const uint16_t n = LoadLE<uint16_t>(p);
    FN_ASSIGN_OR_RETURN(p, Take(size_t{4} * n));
    c->kind = DeletionVector::Kind::kRun;
    c->begin = static_cast<uint32_t>(out_.values_.size());
    c->size = n;
    int32_t next_free = 0;  // runs must not overlap or touch out of order
    uint32_t total = 0;
    for (uint16_t i = 0; i < n; ++i) {
      const uint32_t start = LoadLE<uint16_t>(p + 4 * i);
      const uint32_t last = start + LoadLE<uint16_t>(p + 4 * i + 2);
      if (last > 0xffff) return Fail("run container run ends past 65535");
      if (static_cast<int32_t>(start) < next_free) return Fail("run container runs overlap or are not ascending");
      next_free = static_cast<int32_t>(last) + 1;
      total += last - start + 1;
      out_.values_.push_back(static_cast<uint16_t>(start));
      out_.values_.push_back(static_cast<uint16_t>(last));
    }
    if (total != card) return Fail("run container holds " + std::to_string(total) + " values, header says " + std::to_string(card));
    return Status::OK();
  }

  std::string_view bytes_;
  size_t pos_ = 0;
  const std::string& where_;
  DeletionVector out_;
};

bool DeletionVector::IsDeleted(int64_t row) const {
  if (row < 0) return false;
  const uint64_t key = static_cast<uint64_t>(row) >> 16;
  const uint16_t low = static_cast<uint16_t>(row & 0xffff);
  auto it = std::lower_bound(containers_.begin(), containers_.end(), key,
                             [](const Container& c, uint64_t k) { return c.key < k; });
  if (it == containers_.end() || it->key != key) return false;
  switch (it->kind) {
    case Kind::kArray: {
      auto b = values_.begin() + it->begin;
      return std::binary_search(b, b + it->size, low);
    }
    case Kind::kBitmap: return (words_[it->begin + low / 64] >> (low % 64)) & 1;
    case Kind::kRun: {
      // Runs are (start, last) pairs, ascending: find the last start <= low.
      uint32_t lo = 0, hi = it->size;
      while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (values_[it->begin + 2 * mid] <= low) lo = mid + 1;
        else hi = mid;
      }
      return lo > 0 && low <= values_[it->begin + 2 * (lo - 1) + 1];
    }
  }
  return false;
}

std::vector<int64_t> DeletionVector::ToPositions() const {
  std::vector<int64_t> out;
  out.reserve(static_cast<size_t>(cardinality_));
  for (const Container& c : containers_) {
    const int64_t base = static_cast<int64_t>(c.key << 16);
    switch (c.kind) {
      case Kind::kArray:
        for (uint32_t i = 0; i < c.size; ++i) out.push_back(base + values_[c.begin + i]);
        break;
      case Kind::kBitmap:
        for (uint32_t w = 0; w < c.size; ++w) {
          for (uint64_t bits = words_[c.begin + w]; bits != 0; bits &= bits - 1) {
            out.push_back(base + w * 64 + std::countr_zero(bits));
          }
        }
        break;
      case Kind::kRun:
        for (uint32_t r = 0; r < c.size; ++r) {
          for (int64_t v = values_[c.begin + 2 * r]; v <= values_[c.begin + 2 * r + 1]; ++v) out.push_back(base + v);
        }
        break;
    }
  }
  return out;
}

Result<DeletionVector> ReadDeletionVector(std::string_view file_bytes, const DeletionVectorRange& range,
                                          const std::string& file_name) {
  const std::string where = file_name + "' range [" + std::to_string(range.offset) + ", +" +
                            std::to_string(range.length) + ")";
  auto fail = [&](const std::string& what) {
    return Status::Corruption("deletion vector in '" + where + ": " + what);
  };
  if (file_bytes.empty()) return fail("index file is empty");
  if (static_cast<uint8_t>(file_bytes[0]) != kIndexFileVersion) {
    return Status::Unsupported("deletion vector index file '" + file_name + "' has version " +
                               std::to_string(static_cast<uint8_t>(file_bytes[0])) + ", expected 1");
  }
  const uint64_t size = file_bytes.size();
  if (range.offset < 1 || range.length < 0 || static_cast<uint64_t>(range.offset) > size ||
      size - static_cast<uint64_t>(range.offset) < 8) {
    return fail("range is outside the " + std::to_string(size) + "-byte file");
  }
  const char* p = file_bytes.data() + range.offset;
  const int32_t data_len = GetBigEndian<int32_t>(p);
  const int32_t magic_be = GetBigEndian<int32_t>(p + 4);
  const int32_t magic_le = LoadLE<int32_t>(p + 4);
  bool bitmap64;
  if (magic_be == kBitmap32Magic) {
    bitmap64 = false;
    if (data_len != range.length) {
      return fail("length field " + std::to_string(data_len) + " differs from the recorded length");
    }
  } else if (magic_le == kBitmap64Magic) {
    bitmap64 = true;
    if (static_cast<int64_t>(data_len) + 8 != range.length) {
      return fail("length field " + std::to_string(data_len) + " + 8 differs from the recorded length");
    }
  } else {
    return fail("unknown magic number " + std::to_string(magic_be));
  }
  // Bitmap data, then its CRC, must lie in the file.
  if (data_len < 4 || static_cast<uint64_t>(data_len) + 4 > size - static_cast<uint64_t>(range.offset) - 4) {
    return fail("bitmap of " + std::to_string(data_len) + " bytes runs past the end of the file");
  }
  std::string_view data(p + 4, static_cast<size_t>(data_len));
  const uint32_t want_crc = GetBigEndian<uint32_t>(p + 4 + data_len);
  const uint32_t got_crc =
      static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size())));
  if (want_crc != got_crc) return fail("CRC-32 mismatch");

  DeletionVectorBuilder b(data.substr(4), where);
  if (!bitmap64) {
    FN_RETURN_IF_ERROR(b.ReadRoaring(0));
  } else {
    FN_ASSIGN_OR_RETURN(const char* q, b.Take(8));
    const int64_t count = LoadLE<int64_t>(q);
    if (count < 0 || count > INT32_MAX) return b.Fail("bad bitmap count " + std::to_string(count));
    int64_t last_key = -1;
    for (int64_t i = 0; i < count; ++i) {
      FN_ASSIGN_OR_RETURN(q, b.Take(4));
      const int32_t key = LoadLE<int32_t>(q);
      if (key < 0 || key <= last_key) return b.Fail("bitmap key " + std::to_string(key) + " negative or not ascending");
      last_key = key;
      FN_RETURN_IF_ERROR(b.ReadRoaring(static_cast<uint64_t>(key)));
    }
  }
  if (!b.AtEnd()) return b.Fail("bytes left over after the bitmap");
  DeletionVector dv = b.Finish();
  if (range.cardinality && *range.cardinality != dv.cardinality()) {
    return fail("holds " + std::to_string(dv.cardinality()) + " positions, the index manifest says " +
                std::to_string(*range.cardinality));
  }
  return dv;
}

}  // namespace fluss_native::lake::paimon
