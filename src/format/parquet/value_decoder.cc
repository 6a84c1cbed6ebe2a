#include "format/parquet/value_decoder.h"

#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "format/parquet/delta.h"
#include "format/parquet/rle.h"

namespace fluss_native::parquet {
namespace {

Status Short(const char* what) { return Status::Corruption(std::string(what) + " page ends before all values are read"); }

// --- PLAIN ---------------------------------------------------------------

class PlainFixedDecoder final : public ValueDecoder {
 public:
  PlainFixedDecoder(const uint8_t* data, size_t size, int width) : p_(data), left_(size), width_(width) {}
  Status Decode(int64_t n, Values* out) override {
    size_t bytes = static_cast<size_t>(n) * width_;
    if (static_cast<uint64_t>(n) > left_ / width_) return Short("PLAIN");
    out->data.Append(p_, bytes);
    out->count += n;
    p_ += bytes;
    left_ -= bytes;
    return Status::OK();
  }

 private:
  const uint8_t* p_;
  size_t left_;
  int width_;
};

class PlainBooleanDecoder final : public ValueDecoder {
 public:
  PlainBooleanDecoder(const uint8_t* data, size_t size) : p_(data), bits_(static_cast<uint64_t>(size) * 8) {}
  Status Decode(int64_t n, Values* out) override {
    if (static_cast<uint64_t>(n) > bits_ - bit_) return Short("PLAIN BOOLEAN");
    uint8_t* o = out->data.Extend(n);
    for (int64_t i = 0; i < n; ++i, ++bit_) o[i] = (p_[bit_ >> 3] >> (bit_ & 7)) & 1;
    out->count += n;
    return Status::OK();
  }

 private:
  const uint8_t* p_;
  uint64_t bits_;
  uint64_t bit_ = 0;
};

class PlainByteArrayDecoder final : public ValueDecoder {
 public:
  PlainByteArrayDecoder(const uint8_t* data, size_t size) : p_(data), left_(size) {}
  Status Decode(int64_t n, Values* out) override {
    for (int64_t i = 0; i < n; ++i) {
      if (left_ < 4) return Short("PLAIN BYTE_ARRAY");
      uint32_t len;
      std::memcpy(&len, p_, 4);
      if (len > left_ - 4) return Status::Corruption("PLAIN BYTE_ARRAY value length " + std::to_string(len) +
                                                     " exceeds the page");
      FN_RETURN_IF_ERROR(out->AppendBinary(p_ + 4, len));
      p_ += 4 + len;
      left_ -= 4 + len;
    }
    return Status::OK();
  }

 private:
  const uint8_t* p_;
  size_t left_;
};

// --- dictionary indices -----------------------------------------------------

class DictionaryDecoder final : public ValueDecoder {
 public:
  DictionaryDecoder(const Values* dict, RleBitPackedDecoder rle) : dict_(dict), rle_(rle) {}
  Status Decode(int64_t n, Values* out) override {
    indices_.resize(static_cast<size_t>(n));
    FN_RETURN_IF_ERROR(rle_.GetBatch(indices_.data(), n));
    const uint64_t size = static_cast<uint64_t>(dict_->count);
    for (uint32_t idx : indices_) {
      if (idx >= size) return Status::Corruption("dictionary index " + std::to_string(idx) + " >= dictionary size " +
                                                 std::to_string(size));
    }
    if (dict_->width > 0) {
      const int w = dict_->width;
      uint8_t* o = out->data.Extend(static_cast<size_t>(n) * w);
      const uint8_t* d = dict_->data.data();
      switch (w) {
        case 4: for (int64_t i = 0; i < n; ++i) std::memcpy(o + i * 4, d + indices_[i] * 4ull, 4); break;
        case 8: for (int64_t i = 0; i < n; ++i) std::memcpy(o + i * 8, d + indices_[i] * 8ull, 8); break;
        default:
          for (int64_t i = 0; i < n; ++i) std::memcpy(o + i * w, d + static_cast<uint64_t>(indices_[i]) * w, w);
      }
      out->count += n;
      return Status::OK();
    }
    // Size the output once, then copy without per-value checks.
    const int32_t* off = dict_->offsets.as<int32_t>();
    uint64_t bytes = 0;
    for (uint32_t idx : indices_) bytes += static_cast<uint64_t>(off[idx + 1] - off[idx]);
    const uint64_t base = static_cast<uint64_t>(out->end_offset());
    if (base + bytes > static_cast<uint64_t>(std::numeric_limits<int32_t>::max())) {
      return Status::Unsupported("more than 2 GiB of binary data in one batch; use a smaller batch size");
    }
    uint8_t* data = out->data.Extend(bytes);
    int32_t* o = reinterpret_cast<int32_t*>(out->offsets.Extend(static_cast<size_t>(n) * sizeof(int32_t)));
    int32_t pos = static_cast<int32_t>(base);
    const uint8_t* d = dict_->data.data();
    for (int64_t i = 0; i < n; ++i) {
      const uint32_t idx = indices_[i];
      const int32_t len = off[idx + 1] - off[idx];
      if (len > 0) std::memcpy(data, d + off[idx], static_cast<size_t>(len));
      data += len;
      pos += len;
      o[i] = pos;
    }
    out->count += n;
    return Status::OK();
  }

 private:
  const Values* dict_;
  RleBitPackedDecoder rle_;
  std::vector<uint32_t> indices_;
};

// --- RLE booleans -------------------------------------------------------

class RleBooleanDecoder final : public ValueDecoder {
 public:
  explicit RleBooleanDecoder(RleBitPackedDecoder rle) : rle_(rle) {}
  Status Decode(int64_t n, Values* out) override {
    uint8_t* o = out->data.Extend(n);
    FN_RETURN_IF_ERROR(rle_.GetBatch(o, n));
    out->count += n;
    return Status::OK();
  }

 private:
  RleBitPackedDecoder rle_;
};

// --- BYTE_STREAM_SPLIT -----------------------------------------------------

class ByteStreamSplitDecoder final : public ValueDecoder {
 public:
  ByteStreamSplitDecoder(const uint8_t* data, size_t size, int width)
      : p_(data), width_(width), stream_len_(size / width) {}
  Status Decode(int64_t n, Values* out) override {
    if (static_cast<uint64_t>(n) > stream_len_ - next_) return Short("BYTE_STREAM_SPLIT");
    uint8_t* o = out->data.Extend(static_cast<size_t>(n) * width_);
    for (int k = 0; k < width_; ++k) {
      const uint8_t* s = p_ + k * stream_len_ + next_;
      for (int64_t i = 0; i < n; ++i) o[i * width_ + k] = s[i];
    }
    next_ += n;
    out->count += n;
    return Status::OK();
  }

 private:
  const uint8_t* p_;
  int width_;
  uint64_t stream_len_;
  uint64_t next_ = 0;
};

// --- DELTA_* ---------------------------------------------------------------

class DeltaIntDecoder final : public ValueDecoder {
 public:
  DeltaIntDecoder(std::vector<int64_t> values, int width) : values_(std::move(values)), width_(width) {}
  Status Decode(int64_t n, Values* out) override {
    if (static_cast<uint64_t>(n) > values_.size() - next_) return Short("DELTA_BINARY_PACKED");
    if (width_ == 8) {
      out->data.Append(values_.data() + next_, n * 8);
    } else {
      int32_t* o = reinterpret_cast<int32_t*>(out->data.Extend(n * 4));
      for (int64_t i = 0; i < n; ++i) o[i] = static_cast<int32_t>(values_[next_ + i]);
    }
    next_ += n;
    out->count += n;
    return Status::OK();
  }

 private:
  std::vector<int64_t> values_;
  int width_;
  size_t next_ = 0;
};

// Byte arrays given as lengths + concatenated bytes (DELTA_LENGTH_BYTE_ARRAY),
// optionally with prefixes shared with the previous value (DELTA_BYTE_ARRAY).
class DeltaBytesDecoder final : public ValueDecoder {
 public:
  DeltaBytesDecoder(std::vector<int64_t> prefixes, std::vector<int64_t> lengths, const uint8_t* data, size_t size,
                    int fixed_width)
      : prefixes_(std::move(prefixes)), lengths_(std::move(lengths)), p_(data), left_(size),
        fixed_width_(fixed_width) {}
  Status Decode(int64_t n, Values* out) override {
    if (static_cast<uint64_t>(n) > lengths_.size() - next_) return Short("DELTA byte array");
    for (int64_t i = 0; i < n; ++i, ++next_) {
      int64_t len = lengths_[next_];
      if (len < 0 || static_cast<uint64_t>(len) > left_) {
        return Status::Corruption("DELTA byte array length " + std::to_string(len) + " exceeds the page");
      }
      const uint8_t* value = p_;
      size_t value_len = static_cast<size_t>(len);
      if (!prefixes_.empty()) {
        int64_t prefix = prefixes_[next_];
        if (prefix < 0 || static_cast<uint64_t>(prefix) > last_.size()) {
          return Status::Corruption("DELTA_BYTE_ARRAY prefix " + std::to_string(prefix) + " longer than previous value");
        }
        last_.resize(static_cast<size_t>(prefix));
        last_.append(reinterpret_cast<const char*>(p_), value_len);
        value = reinterpret_cast<const uint8_t*>(last_.data());
        value_len = last_.size();
      }
      if (fixed_width_ > 0) {
        if (value_len != static_cast<size_t>(fixed_width_)) {
          return Status::Corruption("DELTA_BYTE_ARRAY value length does not match FIXED_LEN_BYTE_ARRAY width");
        }
        out->data.Append(value, value_len);
        ++out->count;
      } else {
        FN_RETURN_IF_ERROR(out->AppendBinary(value, value_len));
      }
      p_ += len;
      left_ -= static_cast<size_t>(len);
    }
    return Status::OK();
  }

 private:
  std::vector<int64_t> prefixes_;
  std::vector<int64_t> lengths_;
  const uint8_t* p_;
  size_t left_;
  int fixed_width_;
  std::string last_;
  size_t next_ = 0;
};

// Wraps a physical decoder when the output representation differs.
class ConvertingDecoder final : public ValueDecoder {
 public:
  ConvertingDecoder(const LeafColumn& leaf, std::unique_ptr<ValueDecoder> inner)
      : leaf_(leaf), inner_(std::move(inner)) {}
  Status Decode(int64_t n, Values* out) override {
    scratch_.Reset(leaf_.physical_width);
    FN_RETURN_IF_ERROR(inner_->Decode(n, &scratch_));
    return ConvertValues(leaf_, scratch_, out);
  }

 private:
  const LeafColumn& leaf_;
  std::unique_ptr<ValueDecoder> inner_;
  Values scratch_;
};

Status Unsupported(const LeafColumn& leaf, int encoding) {
  return Status::Unsupported(std::string("encoding ") + EncodingName(encoding) + " for column '" + leaf.path + "'");
}

Result<std::unique_ptr<ValueDecoder>> MakePhysicalDecoder(const LeafColumn& leaf, int encoding, const uint8_t* data,
                                                          size_t size, int64_t num_values) {
  const PhysicalType t = leaf.physical;
  switch (static_cast<Encoding>(encoding)) {
    case Encoding::kPlain:
      if (t == PhysicalType::kBoolean) return std::unique_ptr<ValueDecoder>(new PlainBooleanDecoder(data, size));
      if (t == PhysicalType::kByteArray) return std::unique_ptr<ValueDecoder>(new PlainByteArrayDecoder(data, size));
      return std::unique_ptr<ValueDecoder>(new PlainFixedDecoder(data, size, leaf.physical_width));
    case Encoding::kRle: {
      if (t != PhysicalType::kBoolean) return Unsupported(leaf, encoding);
      if (size < 4) return Status::Corruption("RLE boolean page too short");
      uint32_t len;
      std::memcpy(&len, data, 4);
      if (len > size - 4) return Status::Corruption("RLE boolean length exceeds the page");
      return std::unique_ptr<ValueDecoder>(new RleBooleanDecoder(RleBitPackedDecoder(data + 4, len, 1)));
    }
    case Encoding::kByteStreamSplit:
      if (t == PhysicalType::kBoolean || t == PhysicalType::kByteArray) return Unsupported(leaf, encoding);
      if (size % leaf.physical_width != 0) return Status::Corruption("BYTE_STREAM_SPLIT page size not a multiple of the value width");
      return std::unique_ptr<ValueDecoder>(new ByteStreamSplitDecoder(data, size, leaf.physical_width));
    case Encoding::kDeltaBinaryPacked: {
      if (t != PhysicalType::kInt32 && t != PhysicalType::kInt64) return Unsupported(leaf, encoding);
      std::vector<int64_t> v;
      size_t used;
      FN_RETURN_IF_ERROR(DecodeDeltaBinaryPacked(data, size, num_values, &v, &used));
      return std::unique_ptr<ValueDecoder>(new DeltaIntDecoder(std::move(v), leaf.physical_width));
    }
    case Encoding::kDeltaLengthByteArray: {
      if (t != PhysicalType::kByteArray) return Unsupported(leaf, encoding);
      std::vector<int64_t> lengths;
      size_t used;
      FN_RETURN_IF_ERROR(DecodeDeltaBinaryPacked(data, size, num_values, &lengths, &used));
      return std::unique_ptr<ValueDecoder>(new DeltaBytesDecoder({}, std::move(lengths), data + used, size - used, 0));
    }
    case Encoding::kDeltaByteArray: {
      if (t != PhysicalType::kByteArray && t != PhysicalType::kFixedLenByteArray) return Unsupported(leaf, encoding);
      std::vector<int64_t> prefixes, suffixes;
      size_t used1, used2;
      FN_RETURN_IF_ERROR(DecodeDeltaBinaryPacked(data, size, num_values, &prefixes, &used1));
      FN_RETURN_IF_ERROR(DecodeDeltaBinaryPacked(data + used1, size - used1, num_values, &suffixes, &used2));
      if (prefixes.size() != suffixes.size()) {
        return Status::Corruption("DELTA_BYTE_ARRAY prefix and suffix counts differ");
      }
      size_t used = used1 + used2;
      int fixed = t == PhysicalType::kFixedLenByteArray ? leaf.type_length : 0;
      return std::unique_ptr<ValueDecoder>(
          new DeltaBytesDecoder(std::move(prefixes), std::move(suffixes), data + used, size - used, fixed));
    }
    default: return Unsupported(leaf, encoding);
  }
}

inline void SignExtendTo128(int64_t v, uint8_t* out) {
  int64_t hi = v < 0 ? -1 : 0;
  std::memcpy(out, &v, 8);
  std::memcpy(out + 8, &hi, 8);
}

Status BigEndianToDecimal128(const uint8_t* p, size_t len, uint8_t* out) {
  if (len > 16) return Status::Corruption("decimal value wider than 16 bytes");
  uint8_t fill = (len > 0 && (p[0] & 0x80)) ? 0xff : 0x00;
  std::memset(out, fill, 16);
  for (size_t i = 0; i < len; ++i) out[i] = p[len - 1 - i];
  return Status::OK();
}

}  // namespace

const char* EncodingName(int encoding) {
  switch (encoding) {
    case 0: return "PLAIN";
    case 2: return "PLAIN_DICTIONARY";
    case 3: return "RLE";
    case 4: return "BIT_PACKED";
    case 5: return "DELTA_BINARY_PACKED";
    case 6: return "DELTA_LENGTH_BYTE_ARRAY";
    case 7: return "DELTA_BYTE_ARRAY";
    case 8: return "RLE_DICTIONARY";
    case 9: return "BYTE_STREAM_SPLIT";
    default: return "UNKNOWN";
  }
}

Status ConvertValues(const LeafColumn& leaf, const Values& in, Values* out) {
  const int64_t n = in.count;
  const uint8_t* src = in.data.data();
  switch (leaf.conversion) {
    case Conversion::kNone:
      return out->AppendRange(in, 0, n);
    case Conversion::kNarrow8: {
      uint8_t* o = out->data.Extend(n);
      for (int64_t i = 0; i < n; ++i) o[i] = src[i * 4];
      break;
    }
    case Conversion::kNarrow16: {
      uint8_t* o = out->data.Extend(n * 2);
      for (int64_t i = 0; i < n; ++i) std::memcpy(o + i * 2, src + i * 4, 2);
      break;
    }
    case Conversion::kDecimalFromInt32: {
      uint8_t* o = out->data.Extend(n * 16);
      for (int64_t i = 0; i < n; ++i) {
        int32_t v;
        std::memcpy(&v, src + i * 4, 4);
        SignExtendTo128(v, o + i * 16);
      }
      break;
    }
    case Conversion::kDecimalFromInt64: {
      uint8_t* o = out->data.Extend(n * 16);
      for (int64_t i = 0; i < n; ++i) {
        int64_t v;
        std::memcpy(&v, src + i * 8, 8);
        SignExtendTo128(v, o + i * 16);
      }
      break;
    }
    case Conversion::kDecimalFromBytes: {
      uint8_t* o = out->data.Extend(n * 16);
      if (in.width > 0) {
        for (int64_t i = 0; i < n; ++i) FN_RETURN_IF_ERROR(BigEndianToDecimal128(src + i * in.width, in.width, o + i * 16));
      } else {
        const int32_t* off = in.offsets.as<int32_t>();
        for (int64_t i = 0; i < n; ++i) {
          FN_RETURN_IF_ERROR(BigEndianToDecimal128(src + off[i], off[i + 1] - off[i], o + i * 16));
        }
      }
      break;
    }
    case Conversion::kInt96ToNanos: {
      constexpr int64_t kJulianEpoch = 2440588;
      constexpr uint64_t kNanosPerDay = 86400ull * 1000000000ull;
      uint8_t* o = out->data.Extend(n * 8);
      for (int64_t i = 0; i < n; ++i) {
        uint64_t nanos;
        uint32_t day;
        std::memcpy(&nanos, src + i * 12, 8);
        std::memcpy(&day, src + i * 12 + 8, 4);
        // Wraps like other readers for out-of-range years.
        uint64_t v = static_cast<uint64_t>(static_cast<int64_t>(day) - kJulianEpoch) * kNanosPerDay + nanos;
        std::memcpy(o + i * 8, &v, 8);
      }
      break;
    }
  }
  out->count += n;
  return Status::OK();
}

Result<std::unique_ptr<ValueDecoder>> MakeValueDecoder(const LeafColumn& leaf, int encoding, const uint8_t* data,
                                                       size_t size, int64_t num_values, const Values* dictionary) {
  if (encoding == static_cast<int>(Encoding::kRleDictionary) ||
      encoding == static_cast<int>(Encoding::kPlainDictionary)) {
    if (dictionary == nullptr) {
      return Status::Corruption("column '" + leaf.path + "': dictionary-encoded page without a dictionary page");
    }
    if (size < 1) return Status::Corruption("dictionary-encoded page has no bit width");
    int bw = data[0];
    if (bw > 32) return Status::Corruption("dictionary index bit width " + std::to_string(bw));
    return std::unique_ptr<ValueDecoder>(new DictionaryDecoder(dictionary, RleBitPackedDecoder(data + 1, size - 1, bw)));
  }
  FN_ASSIGN_OR_RETURN(auto inner, MakePhysicalDecoder(leaf, encoding, data, size, num_values));
  if (leaf.conversion == Conversion::kNone) return inner;
  return std::unique_ptr<ValueDecoder>(new ConvertingDecoder(leaf, std::move(inner)));
}

Status DecodeDictionaryPage(const LeafColumn& leaf, const uint8_t* data, size_t size, int64_t num_values,
                            Values* out) {
  if (num_values < 0) return Status::Corruption("negative dictionary size");
  out->Reset(leaf.out_width);
  FN_ASSIGN_OR_RETURN(auto decoder,
                      MakeValueDecoder(leaf, static_cast<int>(Encoding::kPlain), data, size, num_values, nullptr));
  return decoder->Decode(num_values, out);
}

}  // namespace fluss_native::parquet
