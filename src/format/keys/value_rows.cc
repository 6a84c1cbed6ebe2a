#include "format/keys/value_rows.h"

#include <cstring>
#include <string>

namespace fluss_native::keys {
namespace {

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
    if (data_.size() - pos_ < n || pos_ > data_.size()) return false;
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
    if (!Varint32(&n) || n < 0 || static_cast<size_t>(n) > data_.size() - pos_) return false;
    *out = data_.substr(pos_, static_cast<size_t>(n));
    pos_ += static_cast<size_t>(n);
    return true;
  }

 private:
  std::string_view data_;
  size_t pos_;
};

// One output column being built: validity plus values (fixed width) or
// offsets plus bytes (variable width).
struct ColumnBuilder {
  DataType type;
  int width = 0;  // bytes per value; 0 for variable width, -1 for BOOLEAN bits
  std::vector<uint8_t> valid;  // one byte per row, packed at Finish
  std::string values;          // fixed-width values, or the concatenated bytes
  std::vector<int32_t> offsets{0};
  int64_t nulls = 0;

  void AppendNull() {
    valid.push_back(0);
    ++nulls;
    if (width > 0) values.append(static_cast<size_t>(width), '\0');
    if (width == -1) values.push_back('\0');
    if (width == 0) offsets.push_back(offsets.back());
  }
  template <typename T>
  void AppendFixed(T v) {
    valid.push_back(1);
    values.append(reinterpret_cast<const char*>(&v), sizeof(T));
  }
  void AppendBytes(std::string_view v) {
    valid.push_back(1);
    values.append(v);
    offsets.push_back(static_cast<int32_t>(values.size()));
  }
};

int FixedWidth(const DataType& t) {
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
    default: return 0;
  }
}

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// A timestamp in the Arrow unit of its precision (DataType::ToArrowFormat).
int64_t TimestampInUnit(int64_t millis, int32_t nanos, int precision) {
  if (precision == 0) return FloorDiv(millis, 1000);
  if (precision <= 3) return millis;
  if (precision <= 6) return millis * 1000 + nanos / 1000;
  return millis * 1000000 + nanos;
}

__int128 FromTwosComplement(std::string_view b) {
  __int128 v = (!b.empty() && (static_cast<uint8_t>(b[0]) & 0x80)) ? -1 : 0;
  for (char c : b) v = static_cast<__int128>((static_cast<unsigned __int128>(v) << 8) | static_cast<uint8_t>(c));
  return v;
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

ValueRowsBuilder::ValueRowsBuilder(std::unique_ptr<State> state) : state_(std::move(state)) {}
ValueRowsBuilder::ValueRowsBuilder() : state_(std::make_unique<State>()) { state_->row_type.root = TypeRoot::kRow; }
ValueRowsBuilder::ValueRowsBuilder(ValueRowsBuilder&&) noexcept = default;
ValueRowsBuilder& ValueRowsBuilder::operator=(ValueRowsBuilder&&) noexcept = default;
ValueRowsBuilder::~ValueRowsBuilder() = default;

Result<ValueRowsBuilder> ValueRowsBuilder::Make(const DataType& row_type, int schema_id, const std::string& kv_format,
                                                std::vector<int> columns) {
  if (!kv_format.empty() && kv_format != "COMPACTED" && kv_format != "compacted") {
    return Status::Unsupported("KV format " + kv_format + ": only COMPACTED rows are decoded");
  }
  auto state = std::make_unique<State>();
  state->row_type = row_type;
  state->schema_id = schema_id;
  state->output_of_field.assign(row_type.children.size(), -1);
  for (size_t i = 0; i < columns.size(); ++i) {
    int c = columns[i];
    if (c < 0 || static_cast<size_t>(c) >= row_type.children.size()) {
      return Status::InvalidArgument("column index " + std::to_string(c) + " out of range");
    }
    const DataType& t = row_type.children[c];
    if (t.root == TypeRoot::kArray || t.root == TypeRoot::kMap || t.root == TypeRoot::kRow) {
      return Status::Unsupported("lookup of column '" + row_type.field_names[c] + "' of type " + t.ToFlussString() +
                                 ": nested values are not decoded from KV rows yet");
    }
    state->output_of_field[c] = static_cast<int>(i);
    ColumnBuilder b;
    b.type = t;
    b.width = FixedWidth(t);
    state->builders.push_back(std::move(b));
  }
  state->columns = std::move(columns);
  return ValueRowsBuilder(std::move(state));
}

int64_t ValueRowsBuilder::rows() const { return state_->rows; }

Status ValueRowsBuilder::Append(std::string_view value, const std::string& where) {
  // A row that fails half-way must leave no trace: remember the builders' sizes.
  struct Mark {
    size_t valid, values, offsets;
    int64_t nulls;
  };
  std::vector<Mark> marks;
  for (const auto& b : state_->builders) marks.push_back({b.valid.size(), b.values.size(), b.offsets.size(), b.nulls});
  Status st = AppendRow(value, where);
  if (!st.ok()) {
    for (size_t i = 0; i < marks.size(); ++i) {
      auto& b = state_->builders[i];
      b.valid.resize(marks[i].valid);
      b.values.resize(marks[i].values);
      b.offsets.resize(marks[i].offsets);
      b.nulls = marks[i].nulls;
    }
  }
  return st;
}

Status ValueRowsBuilder::AppendRow(std::string_view value, const std::string& where) {
  State& s = *state_;
  auto bad = [&](const std::string& why) { return Status::Corruption("lookup value of " + where + ": " + why); };
  if (value.size() < 2) return bad("shorter than its schema id");
  int schema_id = static_cast<int16_t>(static_cast<uint8_t>(value[0]) | (static_cast<uint8_t>(value[1]) << 8));
  if (schema_id != s.schema_id) {
    return Status::Unsupported("lookup value of " + where + " was written with schema " + std::to_string(schema_id) +
                               " and the table is at schema " + std::to_string(s.schema_id) +
                               ": rows of older schemas are not decoded yet");
  }
  size_t fields = s.row_type.children.size();
  size_t null_bytes = (fields + 7) / 8;
  std::string_view row = value.substr(2);
  if (row.size() < null_bytes) return bad("shorter than its null bits");
  Cursor in(row, null_bytes);
  // Decode every field (a skipped one still has to be walked over), keeping the chosen ones.
  std::vector<bool> done(s.builders.size(), false);
  for (size_t f = 0; f < fields; ++f) {
    int out = s.output_of_field[f];
    ColumnBuilder* b = out >= 0 ? &s.builders[out] : nullptr;
    bool is_null = (static_cast<uint8_t>(row[f / 8]) >> (f % 8)) & 1;
    if (is_null) {
      if (b) b->AppendNull();
      continue;
    }
    const DataType& t = s.row_type.children[f];
    std::string field_name = s.row_type.field_names[f];
    auto truncated = [&] { return bad("field '" + field_name + "' is truncated or malformed"); };
    switch (t.root) {
      case TypeRoot::kBoolean: {
        uint8_t v;
        if (!in.Byte(&v)) return truncated();
        if (b) b->AppendFixed<uint8_t>(v != 0);
        break;
      }
      case TypeRoot::kTinyInt: {
        uint8_t v;
        if (!in.Byte(&v)) return truncated();
        if (b) b->AppendFixed<int8_t>(static_cast<int8_t>(v));
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
        if (b) {
          if (t.precision == 0) {
            b->AppendFixed<int32_t>(millis / 1000);
          } else if (t.precision <= 3) {
            b->AppendFixed<int32_t>(millis);
          } else if (t.precision <= 6) {
            b->AppendFixed<int64_t>(int64_t{millis} * 1000);
          } else {
            b->AppendFixed<int64_t>(int64_t{millis} * 1000000);
          }
        }
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
          if (bytes.size() > 16) return bad("decimal '" + field_name + "' has more than 16 bytes");
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
      case TypeRoot::kBinary:
      case TypeRoot::kArray:
      case TypeRoot::kMap:
      case TypeRoot::kRow: {
        std::string_view bytes;
        if (!in.Bytes(&bytes)) return truncated();
        if (!b) break;
        if (b->width > 0) {  // BINARY(n): exactly n bytes in Arrow's fixed-size layout
          if (bytes.size() != static_cast<size_t>(b->width)) {
            return bad("BINARY(" + std::to_string(b->width) + ") field '" + field_name + "' has " +
                       std::to_string(bytes.size()) + " bytes");
          }
          b->valid.push_back(1);
          b->values.append(bytes);
        } else {
          if (b->values.size() + bytes.size() > static_cast<size_t>(INT32_MAX)) {
            return Status::ResourceExhausted("lookup result column '" + field_name + "' exceeds 2 GiB");
          }
          b->AppendBytes(bytes);
        }
        break;
      }
    }
  }
  ++s.rows;
  return Status::OK();
}

Result<arrow::ArrayNode> ValueRowsBuilder::Finish() {
  State& s = *state_;
  arrow::ArrayNode batch;
  batch.length = s.rows;
  batch.null_count = 0;
  batch.buffers = {nullptr};
  auto copy = [](const void* data, size_t n, arrow::ArrayNode* node) -> Result<const void*> {
    FN_ASSIGN_OR_RETURN(auto buf, arrow::OwnedBuffer::Allocate(std::max<size_t>(n, 1)));
    if (n) std::memcpy(buf->data(), data, n);
    node->keep_alive.push_back(buf);
    return static_cast<const void*>(buf->data());
  };
  for (auto& b : s.builders) {
    arrow::ArrayNode node;
    node.length = s.rows;
    node.null_count = b.nulls;
    if (b.nulls == 0) {
      node.buffers.push_back(nullptr);
    } else {
      std::string bits((s.rows + 7) / 8, '\0');
      for (int64_t i = 0; i < s.rows; ++i) {
        if (b.valid[i]) bits[i / 8] = static_cast<char>(bits[i / 8] | (1 << (i % 8)));
      }
      FN_ASSIGN_OR_RETURN(const void* p, copy(bits.data(), bits.size(), &node));
      node.buffers.push_back(p);
    }
    if (b.width == -1) {
      std::string bits((s.rows + 7) / 8, '\0');
      for (int64_t i = 0; i < s.rows; ++i) {
        if (b.values[i]) bits[i / 8] = static_cast<char>(bits[i / 8] | (1 << (i % 8)));
      }
      FN_ASSIGN_OR_RETURN(const void* p, copy(bits.data(), bits.size(), &node));
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
    batch.children.push_back(std::move(node));
    ColumnBuilder fresh;
    fresh.type = b.type;
    fresh.width = b.width;
    b = std::move(fresh);
  }
  s.rows = 0;
  return batch;
}

}  // namespace fluss_native::keys
