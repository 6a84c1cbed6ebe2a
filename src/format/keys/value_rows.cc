#include "format/keys/value_rows.h"

#include <cstring>
#include <string>

namespace fluss_native::keys {
namespace {

constexpr int kMaxDepth = 64;

// Reads a compacted row field by field; every read is bounds-checked.
class Cursor {
 public:
  Cursor(std::string_view data, size_t pos) : data_(data), pos_(pos) {}

  bool Byte(uint8_t* out) {
    if (pos_ >= data_.size()) return false;
    *out = static_cast<uint8_t>(data_[pos_++]);
    return true;
  }
  bool Fixed(void* out, size_t n) {
    if (pos_ > data_.size() || data_.size() - pos_ < n) return false;
    std::memcpy(out, data_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  bool Varint32(int32_t* out) {
    uint32_t v = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      uint8_t b;
      if (!Byte(&b)) return false;
      v |= uint32_t{static_cast<uint8_t>(b & 0x7F)} << shift;
      if ((b & 0x80) == 0) {
        *out = static_cast<int32_t>(v);
        return true;
      }
    }
    return false;
  }
  bool Varint64(int64_t* out) {
    uint64_t v = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      uint8_t b;
      if (!Byte(&b)) return false;
      v |= uint64_t{static_cast<uint8_t>(b & 0x7F)} << shift;
      if ((b & 0x80) == 0) {
        *out = static_cast<int64_t>(v);
        return true;
      }
    }
    return false;
  }
  bool Bytes(std::string_view* out) {
    int32_t n;
    if (!Varint32(&n) || n < 0 || pos_ > data_.size() || static_cast<size_t>(n) > data_.size() - pos_) return false;
    *out = data_.substr(pos_, static_cast<size_t>(n));
    pos_ += static_cast<size_t>(n);
    return true;
  }

 private:
  std::string_view data_;
  size_t pos_;
};

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// A timestamp in the Arrow unit of its precision (DataType::ToArrowFormat).
int64_t TimestampInUnit(int64_t millis, int32_t nanos, int precision) {
  if (precision == 0) return FloorDiv(millis, 1000);
  if (precision <= 3) return millis;
  // Two's-complement wraparound, as Java's long arithmetic in Fluss's own
  // readers does, instead of signed overflow (undefined behaviour; found by
  // the fuzz soak in fuzz_lookup_values) for millis beyond the unit's range.
  if (precision <= 6) {
    return static_cast<int64_t>(static_cast<uint64_t>(millis) * 1000u + static_cast<uint64_t>(nanos / 1000));
  }
  return static_cast<int64_t>(static_cast<uint64_t>(millis) * 1000000u + static_cast<uint64_t>(nanos));
}

__int128 FromTwosComplement(std::string_view b) {
  __int128 v = (!b.empty() && (static_cast<uint8_t>(b[0]) & 0x80)) ? -1 : 0;
  for (char c : b) v = static_cast<__int128>((static_cast<unsigned __int128>(v) << 8) | static_cast<uint8_t>(c));
  return v;
}

template <typename T>
T LoadLe(const char* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

bool IsNested(const DataType& t) {
  return t.root == TypeRoot::kArray || t.root == TypeRoot::kMap || t.root == TypeRoot::kRow;
}

// Bytes per value in Arrow; 0 for offsets + data, -1 for bits, -2 for nested.
int ArrowWidth(const DataType& t) {
  switch (t.root) {
    case TypeRoot::kBoolean: return -1;
    case TypeRoot::kTinyInt: return 1;
    case TypeRoot::kSmallInt: return 2;
    case TypeRoot::kInt:
    case TypeRoot::kDate:
    case TypeRoot::kFloat: return 4;
    case TypeRoot::kTime: return t.precision <= 3 ? 4 : 8;
    case TypeRoot::kBigInt:
    case TypeRoot::kDouble:
    case TypeRoot::kTimestamp:
    case TypeRoot::kTimestampLtz: return 8;
    case TypeRoot::kDecimal: return 16;
    case TypeRoot::kBinary: return t.length;
    case TypeRoot::kArray:
    case TypeRoot::kMap:
    case TypeRoot::kRow: return -2;
    default: return 0;
  }
}

// One Arrow array being built, recursively: validity plus values (fixed
// width), offsets plus bytes (variable width), or offsets/children (nested).
struct ColumnBuilder {
  DataType type;
  int width = 0;
  std::vector<uint8_t> valid;  // one byte per row, packed at Finish
  std::string values;          // fixed-width values, or the concatenated bytes
  std::vector<int32_t> offsets{0};  // strings/bytes: into values; ARRAY/MAP: into the child
  std::vector<ColumnBuilder> children;  // ARRAY: element; MAP: one struct<key, value>; ROW: fields
  int64_t nulls = 0;

  explicit ColumnBuilder(const DataType& t) : type(t), width(ArrowWidth(t)) {
    if (t.root == TypeRoot::kArray) {
      children.emplace_back(t.children[0]);
    } else if (t.root == TypeRoot::kMap) {
      DataType entries;
      entries.root = TypeRoot::kRow;
      entries.nullable = false;
      entries.children = {t.children[0], t.children[1]};
      entries.field_names = {"key", "value"};
      entries.field_ids = {-1, -1};
      entries.field_descriptions = {std::nullopt, std::nullopt};
      children.emplace_back(entries);
    } else if (t.root == TypeRoot::kRow) {
      for (const auto& c : t.children) children.emplace_back(c);
    }
  }

  int64_t length() const { return static_cast<int64_t>(valid.size()); }

  void AppendNull() {
    valid.push_back(0);
    ++nulls;
    if (width > 0) values.append(static_cast<size_t>(width), '\0');
    if (width == -1) values.push_back('\0');
    if (width == 0 || type.root == TypeRoot::kArray || type.root == TypeRoot::kMap) offsets.push_back(offsets.back());
    if (type.root == TypeRoot::kRow) {
      for (auto& c : children) c.AppendNull();
    }
  }
  template <typename T>
  void AppendFixed(T v) {
    valid.push_back(1);
    values.append(reinterpret_cast<const char*>(&v), sizeof(T));
  }
  Status AppendBytes(std::string_view v, const std::string& where) {
    if (width > 0) {  // BINARY(n): exactly n bytes in Arrow's fixed-size layout
      if (v.size() != static_cast<size_t>(width)) {
        return Status::Corruption(where + ": BINARY(" + std::to_string(width) + ") value has " +
                                  std::to_string(v.size()) + " bytes");
      }
      valid.push_back(1);
      values.append(v);
      return Status::OK();
    }
    if (values.size() + v.size() > static_cast<size_t>(INT32_MAX)) {
      return Status::ResourceExhausted(where + ": a lookup result column exceeds 2 GiB");
    }
    valid.push_back(1);
    values.append(v);
    offsets.push_back(static_cast<int32_t>(values.size()));
    return Status::OK();
  }
  void AppendTime(int32_t millis) {
    if (type.precision == 0) {
      AppendFixed<int32_t>(millis / 1000);
    } else if (type.precision <= 3) {
      AppendFixed<int32_t>(millis);
    } else if (type.precision <= 6) {
      AppendFixed<int64_t>(int64_t{millis} * 1000);
    } else {
      AppendFixed<int64_t>(int64_t{millis} * 1000000);
    }
  }
  // Keeps the sizes, to undo a row that failed half-way.
  struct Mark {
    size_t valid, values, offsets;
    int64_t nulls;
    std::vector<Mark> children;
  };
  Mark Save() const {
    Mark m{valid.size(), values.size(), offsets.size(), nulls, {}};
    for (const auto& c : children) m.children.push_back(c.Save());
    return m;
  }
  void Restore(const Mark& m) {
    valid.resize(m.valid);
    values.resize(m.values);
    offsets.resize(m.offsets);
    nulls = m.nulls;
    for (size_t i = 0; i < children.size(); ++i) children[i].Restore(m.children[i]);
  }
};

Status Bad(const std::string& where, const std::string& why) {
  return Status::Corruption("lookup value of " + where + ": " + why);
}

Status AppendNestedBytes(ColumnBuilder* b, std::string_view bytes, const std::string& where, int depth);

// A compacted row (null bits, then each non-null field): into `builders`
// (one per field; null entries are decoded and dropped).
Status DecodeCompactedRow(std::string_view row, const DataType& type, const std::vector<ColumnBuilder*>& builders,
                          const std::string& where, int depth) {
  if (depth > kMaxDepth) return Bad(where, "nested too deep");
  size_t fields = type.children.size();
  size_t null_bytes = (fields + 7) / 8;
  if (row.size() < null_bytes) return Bad(where, "shorter than its null bits");
  Cursor in(row, null_bytes);
  for (size_t f = 0; f < fields; ++f) {
    ColumnBuilder* b = builders[f];
    if ((static_cast<uint8_t>(row[f / 8]) >> (f % 8)) & 1) {
      if (b) b->AppendNull();
      continue;
    }
    const DataType& t = type.children[f];
    auto truncated = [&] { return Bad(where, "field '" + type.field_names[f] + "' is truncated or malformed"); };
    switch (t.root) {
      case TypeRoot::kBoolean:
      case TypeRoot::kTinyInt: {
        uint8_t v;
        if (!in.Byte(&v)) return truncated();
        if (b) b->AppendFixed<uint8_t>(t.root == TypeRoot::kBoolean ? (v != 0) : v);
        break;
      }
      case TypeRoot::kSmallInt: {
        int16_t v;
        if (!in.Fixed(&v, 2)) return truncated();
        if (b) b->AppendFixed<int16_t>(v);
        break;
      }
      case TypeRoot::kInt:
      case TypeRoot::kDate: {
        int32_t v;
        if (!in.Varint32(&v)) return truncated();
        if (b) b->AppendFixed<int32_t>(v);
        break;
      }
      case TypeRoot::kTime: {
        int32_t millis;
        if (!in.Varint32(&millis)) return truncated();
        if (b) b->AppendTime(millis);
        break;
      }
      case TypeRoot::kBigInt: {
        int64_t v;
        if (!in.Varint64(&v)) return truncated();
        if (b) b->AppendFixed<int64_t>(v);
        break;
      }
      case TypeRoot::kFloat: {
        float v;
        if (!in.Fixed(&v, 4)) return truncated();
        if (b) b->AppendFixed<float>(v);
        break;
      }
      case TypeRoot::kDouble: {
        double v;
        if (!in.Fixed(&v, 8)) return truncated();
        if (b) b->AppendFixed<double>(v);
        break;
      }
      case TypeRoot::kDecimal: {
        __int128 v = 0;
        if (t.precision <= 18) {
          int64_t u;
          if (!in.Varint64(&u)) return truncated();
          v = u;
        } else {
          std::string_view bytes;
          if (!in.Bytes(&bytes)) return truncated();
          if (bytes.size() > 16) return Bad(where, "decimal '" + type.field_names[f] + "' has more than 16 bytes");
          v = FromTwosComplement(bytes);
        }
        if (b) b->AppendFixed<__int128>(v);
        break;
      }
      case TypeRoot::kTimestamp:
      case TypeRoot::kTimestampLtz: {
        int64_t millis;
        int32_t nanos = 0;
        if (!in.Varint64(&millis)) return truncated();
        if (t.precision > 3 && !in.Varint32(&nanos)) return truncated();
        if (b) b->AppendFixed<int64_t>(TimestampInUnit(millis, nanos, t.precision));
        break;
      }
      case TypeRoot::kChar:
      case TypeRoot::kString:
      case TypeRoot::kBytes:
      case TypeRoot::kBinary: {
        std::string_view bytes;
        if (!in.Bytes(&bytes)) return truncated();
        if (b) FN_RETURN_IF_ERROR(b->AppendBytes(bytes, where));
        break;
      }
      case TypeRoot::kArray:
      case TypeRoot::kMap:
      case TypeRoot::kRow: {
        std::string_view bytes;
        if (!in.Bytes(&bytes)) return truncated();
        if (b) FN_RETURN_IF_ERROR(AppendNestedBytes(b, bytes, where, depth + 1));
        break;
      }
    }
  }
  return Status::OK();
}

// Element `i` of Fluss's binary array `arr` (int32 count, null bits in 4-byte
// words, fixed-width slots, variable part addressed from the array's start).
Status AppendArrayElement(ColumnBuilder* b, std::string_view arr, size_t slots, size_t i, const std::string& where,
                          int depth) {
  const DataType& t = b->type;
  auto slot_width = [&]() -> size_t {
    switch (t.root) {
      case TypeRoot::kBoolean:
      case TypeRoot::kTinyInt: return 1;
      case TypeRoot::kSmallInt: return 2;
      case TypeRoot::kInt:
      case TypeRoot::kFloat:
      case TypeRoot::kDate:
      case TypeRoot::kTime: return 4;
      default: return 8;
    }
  }();
  size_t at = slots + i * slot_width;
  if (at + slot_width > arr.size()) return Bad(where, "array element beyond the array");
  const char* p = arr.data() + at;
  // The variable part an 8-byte slot points at: offset (from the array start) and length.
  auto var_part = [&](std::string_view* out) -> Status {
    auto word = LoadLe<uint64_t>(p);
    if (word & (uint64_t{1} << 63)) {  // up to 7 bytes inline, length in the high byte
      size_t len = (word >> 56) & 0x7f;
      if (len > 7) return Bad(where, "inline array element longer than 7 bytes");
      *out = arr.substr(at, len);
      return Status::OK();
    }
    uint64_t off = word >> 32, len = word & 0xffffffffu;
    if (off > arr.size() || len > arr.size() - off) return Bad(where, "array element outside the array");
    *out = arr.substr(off, len);
    return Status::OK();
  };
  switch (t.root) {
    case TypeRoot::kBoolean: b->AppendFixed<uint8_t>(*p != 0); return Status::OK();
    case TypeRoot::kTinyInt: b->AppendFixed<int8_t>(static_cast<int8_t>(*p)); return Status::OK();
    case TypeRoot::kSmallInt: b->AppendFixed<int16_t>(LoadLe<int16_t>(p)); return Status::OK();
    case TypeRoot::kInt:
    case TypeRoot::kDate: b->AppendFixed<int32_t>(LoadLe<int32_t>(p)); return Status::OK();
    case TypeRoot::kTime: b->AppendTime(LoadLe<int32_t>(p)); return Status::OK();
    case TypeRoot::kFloat: b->AppendFixed<float>(LoadLe<float>(p)); return Status::OK();
    case TypeRoot::kBigInt: b->AppendFixed<int64_t>(LoadLe<int64_t>(p)); return Status::OK();
    case TypeRoot::kDouble: b->AppendFixed<double>(LoadLe<double>(p)); return Status::OK();
    case TypeRoot::kDecimal: {
      if (t.precision <= 18) {
        b->AppendFixed<__int128>(LoadLe<int64_t>(p));
        return Status::OK();
      }
      std::string_view bytes;
      FN_RETURN_IF_ERROR(var_part(&bytes));
      if (bytes.size() > 16) return Bad(where, "array decimal of more than 16 bytes");
      b->AppendFixed<__int128>(FromTwosComplement(bytes));
      return Status::OK();
    }
    case TypeRoot::kTimestamp:
    case TypeRoot::kTimestampLtz: {
      if (t.precision <= 3) {
        b->AppendFixed<int64_t>(TimestampInUnit(LoadLe<int64_t>(p), 0, t.precision));
        return Status::OK();
      }
      auto word = LoadLe<uint64_t>(p);
      uint64_t off = word >> 32;
      if (off > arr.size() || arr.size() - off < 8) return Bad(where, "array timestamp outside the array");
      auto nanos = static_cast<int32_t>(word & 0xffffffffu);
      b->AppendFixed<int64_t>(TimestampInUnit(LoadLe<int64_t>(arr.data() + off), nanos, t.precision));
      return Status::OK();
    }
    case TypeRoot::kChar:
    case TypeRoot::kString:
    case TypeRoot::kBinary:
    case TypeRoot::kBytes: {
      std::string_view bytes;
      FN_RETURN_IF_ERROR(var_part(&bytes));
      return b->AppendBytes(bytes, where);
    }
    case TypeRoot::kArray:
    case TypeRoot::kMap:
    case TypeRoot::kRow: {
      auto word = LoadLe<uint64_t>(p);
      uint64_t off = word >> 32, len = word & 0xffffffffu;
      if (off > arr.size() || len > arr.size() - off) return Bad(where, "nested array element outside the array");
      return AppendNestedBytes(b, arr.substr(off, len), where, depth + 1);
    }
  }
  return Status::OK();
}

// A binary array's elements appended to `elements`; returns the count.
Result<int32_t> AppendArrayElements(ColumnBuilder* elements, std::string_view arr, const std::string& where,
                                    int depth) {
  if (arr.size() < 4) return Bad(where, "array shorter than its header");
  int32_t n = LoadLe<int32_t>(arr.data());
  if (n < 0) return Bad(where, "negative array size");
  size_t header = 4 + ((static_cast<size_t>(n) + 31) / 32) * 4;
  if (header > arr.size() || static_cast<size_t>(n) > arr.size()) return Bad(where, "array size beyond its bytes");
  for (int32_t i = 0; i < n; ++i) {
    bool is_null = (static_cast<uint8_t>(arr[4 + i / 8]) >> (i % 8)) & 1;
    if (is_null) {
      elements->AppendNull();
    } else {
      FN_RETURN_IF_ERROR(AppendArrayElement(elements, arr, header, static_cast<size_t>(i), where, depth));
    }
  }
  return n;
}

Status AppendNestedBytes(ColumnBuilder* b, std::string_view bytes, const std::string& where, int depth) {
  if (depth > kMaxDepth) return Bad(where, "nested too deep");
  switch (b->type.root) {
    case TypeRoot::kArray: {
      FN_ASSIGN_OR_RETURN(int32_t n, AppendArrayElements(&b->children[0], bytes, where, depth));
      b->valid.push_back(1);
      b->offsets.push_back(b->offsets.back() + n);
      return Status::OK();
    }
    case TypeRoot::kMap: {
      if (bytes.size() < 4) return Bad(where, "map shorter than its header");
      int32_t key_bytes = LoadLe<int32_t>(bytes.data());
      if (key_bytes < 0 || static_cast<size_t>(key_bytes) > bytes.size() - 4) return Bad(where, "map key array size");
      ColumnBuilder& entries = b->children[0];
      FN_ASSIGN_OR_RETURN(int32_t keys, AppendArrayElements(&entries.children[0], bytes.substr(4, key_bytes), where, depth));
      FN_ASSIGN_OR_RETURN(int32_t values,
                          AppendArrayElements(&entries.children[1], bytes.substr(4 + key_bytes), where, depth));
      if (keys != values) return Bad(where, "map with " + std::to_string(keys) + " keys and " + std::to_string(values) + " values");
      entries.valid.insert(entries.valid.end(), static_cast<size_t>(keys), 1);
      b->valid.push_back(1);
      b->offsets.push_back(b->offsets.back() + keys);
      return Status::OK();
    }
    case TypeRoot::kRow: {
      std::vector<ColumnBuilder*> fields;
      for (auto& c : b->children) fields.push_back(&c);
      FN_RETURN_IF_ERROR(DecodeCompactedRow(bytes, b->type, fields, where, depth));
      b->valid.push_back(1);
      return Status::OK();
    }
    default: return Bad(where, "not a nested type");
  }
}

Result<arrow::ArrayNode> FinishColumn(ColumnBuilder& b) {
  auto copy = [](const void* data, size_t n, arrow::ArrayNode* node) -> Result<const void*> {
    FN_ASSIGN_OR_RETURN(auto buf, arrow::OwnedBuffer::Allocate(std::max<size_t>(n, 1)));
    if (n) std::memcpy(buf->data(), data, n);
    node->keep_alive.push_back(buf);
    return static_cast<const void*>(buf->data());
  };
  auto bits = [](const std::vector<uint8_t>& v) {
    std::string out((v.size() + 7) / 8, '\0');
    for (size_t i = 0; i < v.size(); ++i) {
      if (v[i]) out[i / 8] = static_cast<char>(out[i / 8] | (1 << (i % 8)));
    }
    return out;
  };
  arrow::ArrayNode node;
  node.length = b.length();
  node.null_count = b.nulls;
  if (b.nulls == 0) {
    node.buffers.push_back(nullptr);
  } else {
    std::string v = bits(b.valid);
    FN_ASSIGN_OR_RETURN(const void* p, copy(v.data(), v.size(), &node));
    node.buffers.push_back(p);
  }
  switch (b.type.root) {
    case TypeRoot::kArray:
    case TypeRoot::kMap: {
      FN_ASSIGN_OR_RETURN(const void* o, copy(b.offsets.data(), b.offsets.size() * 4, &node));
      node.buffers.push_back(o);
      FN_ASSIGN_OR_RETURN(auto child, FinishColumn(b.children[0]));
      node.children.push_back(std::move(child));
      break;
    }
    case TypeRoot::kRow:
      for (auto& c : b.children) {
        FN_ASSIGN_OR_RETURN(auto child, FinishColumn(c));
        node.children.push_back(std::move(child));
      }
      break;
    default:
      if (b.width == -1) {
        std::vector<uint8_t> v(b.values.begin(), b.values.end());
        std::string packed = bits(v);
        FN_ASSIGN_OR_RETURN(const void* p, copy(packed.data(), packed.size(), &node));
        node.buffers.push_back(p);
      } else if (b.width > 0) {
        FN_ASSIGN_OR_RETURN(const void* p, copy(b.values.data(), b.values.size(), &node));
        node.buffers.push_back(p);
      } else {
        FN_ASSIGN_OR_RETURN(const void* o, copy(b.offsets.data(), b.offsets.size() * 4, &node));
        FN_ASSIGN_OR_RETURN(const void* d, copy(b.values.data(), b.values.size(), &node));
        node.buffers.push_back(o);
        node.buffers.push_back(d);
      }
  }
  return node;
}

}  // namespace

struct ValueRowsBuilder::State {
  DataType row_type;
  int schema_id = 0;
  std::vector<int> columns;
  std::vector<int> output_of_field;  // field index -> output position or -1
  std::vector<ColumnBuilder> builders;
  int64_t rows = 0;
};

ValueRowsBuilder::ValueRowsBuilder() : state_(std::make_unique<State>()) { state_->row_type.root = TypeRoot::kRow; }
ValueRowsBuilder::ValueRowsBuilder(std::unique_ptr<State> state) : state_(std::move(state)) {}
ValueRowsBuilder::ValueRowsBuilder(ValueRowsBuilder&&) noexcept = default;
ValueRowsBuilder& ValueRowsBuilder::operator=(ValueRowsBuilder&&) noexcept = default;
ValueRowsBuilder::~ValueRowsBuilder() = default;

Result<ValueRowsBuilder> ValueRowsBuilder::Make(const DataType& row_type, int schema_id, const std::string& kv_format,
                                                std::vector<int> columns) {
  if (!kv_format.empty() && kv_format != "COMPACTED" && kv_format != "compacted") {
    return Status::Unsupported("KV format " + kv_format + ": only COMPACTED rows are decoded");
  }
  FN_RETURN_IF_ERROR(arrow::ValidateType(row_type));
  auto state = std::make_unique<State>();
  state->row_type = row_type;
  state->schema_id = schema_id;
  state->output_of_field.assign(row_type.children.size(), -1);
  for (size_t i = 0; i < columns.size(); ++i) {
    int c = columns[i];
    if (c < 0 || static_cast<size_t>(c) >= row_type.children.size()) {
      return Status::InvalidArgument("column index " + std::to_string(c) + " out of range");
    }
    if (state->output_of_field[c] >= 0) {
      return Status::InvalidArgument("column '" + row_type.field_names[c] + "' asked for twice");
    }
    state->output_of_field[c] = static_cast<int>(i);
    state->builders.emplace_back(row_type.children[c]);
  }
  state->columns = std::move(columns);
  return ValueRowsBuilder(std::move(state));
}

int64_t ValueRowsBuilder::rows() const { return state_->rows; }

Status ValueRowsBuilder::Append(std::string_view value, const std::string& where) {
  // A row that fails half-way must leave no trace.
  std::vector<ColumnBuilder::Mark> marks;
  for (const auto& b : state_->builders) marks.push_back(b.Save());
  Status st = AppendRow(value, where);
  if (!st.ok()) {
    for (size_t i = 0; i < marks.size(); ++i) state_->builders[i].Restore(marks[i]);
  }
  return st;
}

Status ValueRowsBuilder::AppendRow(std::string_view value, const std::string& where) {
  State& s = *state_;
  if (value.size() < 2) return Bad(where, "shorter than its schema id");
  int schema_id = static_cast<int16_t>(static_cast<uint8_t>(value[0]) | (static_cast<uint8_t>(value[1]) << 8));
  if (schema_id != s.schema_id) {
    return Status::Unsupported("lookup value of " + where + " was written with schema " + std::to_string(schema_id) +
                               " and the table is at schema " + std::to_string(s.schema_id) +
                               ": rows of older schemas are not decoded yet");
  }
  std::vector<ColumnBuilder*> targets(s.row_type.children.size(), nullptr);
  for (size_t f = 0; f < targets.size(); ++f) {
    if (s.output_of_field[f] >= 0) targets[f] = &s.builders[s.output_of_field[f]];
  }
  FN_RETURN_IF_ERROR(DecodeCompactedRow(value.substr(2), s.row_type, targets, where, 0));
  ++s.rows;
  return Status::OK();
}

Result<arrow::ArrayNode> ValueRowsBuilder::Finish() {
  State& s = *state_;
  arrow::ArrayNode batch;
  batch.length = s.rows;
  batch.null_count = 0;
  batch.buffers = {nullptr};
  for (auto& b : s.builders) {
    FN_ASSIGN_OR_RETURN(auto node, FinishColumn(b));
    batch.children.push_back(std::move(node));
    b = ColumnBuilder(b.type);
  }
  s.rows = 0;
  return batch;
}

}  // namespace fluss_native::keys
