#include "format/arrow/array_json.h"

#include <cmath>

#include <cstring>

#include <nlohmann/json.hpp>

namespace fluss_native::arrow {

namespace {

using json = nlohmann::json;

template <typename T>
T Load(const void* buffer, int64_t index) {
  T v;
  std::memcpy(&v, static_cast<const uint8_t*>(buffer) + index * sizeof(T), sizeof(T));
  return v;
}

bool Bit(const void* bits, int64_t i) {
  return (static_cast<const uint8_t*>(bits)[i / 8] >> (i % 8)) & 1;
}

std::string Hex(const uint8_t* p, int64_t n) {
  static const char kDigits[] = "0123456789abcdef";
  std::string s;
  for (int64_t i = 0; i < n; ++i) {
    s.push_back(kDigits[p[i] >> 4]);
    s.push_back(kDigits[p[i] & 15]);
  }
  return s;
}

std::string DecimalString(const uint8_t* p, int scale) {
  unsigned __int128 u;
  std::memcpy(&u, p, 16);
  const bool negative = static_cast<__int128>(u) < 0;
  if (negative) u = ~u + 1;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  } while (u != 0);
  if (scale > 0) {
    if (digits.size() <= static_cast<size_t>(scale)) {
      digits.insert(0, static_cast<size_t>(scale) + 1 - digits.size(), '0');
    }
    digits.insert(digits.size() - static_cast<size_t>(scale), ".");
  }
  return negative ? "-" + digits : digits;
}

// JSON has no NaN or infinities; they are spelled as strings, as Java's
// canonical dumps do, rather than silently becoming null.
json FloatingJson(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  return json(v);
}

Result<json> Value(const ArrowArray& a, const DataType& type, int64_t row);

Result<json> Range(const ArrowArray& child, const DataType& type, int64_t from, int64_t to) {
  json list = json::array();
  for (int64_t j = from; j < to; ++j) {
    FN_ASSIGN_OR_RETURN(json v, Value(child, type, j));
    list.push_back(std::move(v));
  }
  return list;
}

Result<json> Value(const ArrowArray& a, const DataType& type, int64_t row) {
  const int64_t i = a.offset + row;
  if (a.n_buffers > 0 && a.buffers[0] != nullptr && !Bit(a.buffers[0], i)) return json(nullptr);
  const void* data = a.n_buffers > 1 ? a.buffers[1] : nullptr;
  switch (type.root) {
    case TypeRoot::kBoolean: return json(Bit(data, i));
    case TypeRoot::kTinyInt: return json(Load<int8_t>(data, i));
    case TypeRoot::kSmallInt: return json(Load<int16_t>(data, i));
    case TypeRoot::kInt:
    case TypeRoot::kDate: return json(Load<int32_t>(data, i));
    case TypeRoot::kBigInt:
    case TypeRoot::kTimestamp:
    case TypeRoot::kTimestampLtz: return json(Load<int64_t>(data, i));
    case TypeRoot::kTime:
      return type.precision <= 3 ? json(Load<int32_t>(data, i)) : json(Load<int64_t>(data, i));
    case TypeRoot::kFloat: return FloatingJson(Load<float>(data, i));
    case TypeRoot::kDouble: return FloatingJson(Load<double>(data, i));
    case TypeRoot::kDecimal:
      return json(DecimalString(static_cast<const uint8_t*>(data) + 16 * i, type.scale));
    case TypeRoot::kBinary:
      return json(Hex(static_cast<const uint8_t*>(data) + type.length * i, type.length));
    case TypeRoot::kChar:
    case TypeRoot::kString:
    case TypeRoot::kBytes: {
      const int32_t begin = Load<int32_t>(data, i);
      const int32_t end = Load<int32_t>(data, i + 1);
      const auto* bytes = static_cast<const uint8_t*>(a.buffers[2]) + begin;
      if (type.root == TypeRoot::kBytes) return json(Hex(bytes, end - begin));
      return json(std::string(reinterpret_cast<const char*>(bytes), end - begin));
    }
    case TypeRoot::kArray:
      return Range(*a.children[0], type.children[0], Load<int32_t>(data, i),
                   Load<int32_t>(data, i + 1));
    case TypeRoot::kMap: {
      const ArrowArray& entries = *a.children[0];
      json list = json::array();
      for (int32_t j = Load<int32_t>(data, i); j < Load<int32_t>(data, i + 1); ++j) {
        const int64_t e = entries.offset + j;
        FN_ASSIGN_OR_RETURN(json k, Value(*entries.children[0], type.children[0], e));
        FN_ASSIGN_OR_RETURN(json v, Value(*entries.children[1], type.children[1], e));
        list.push_back(json::array({std::move(k), std::move(v)}));
      }
      return list;
    }
    case TypeRoot::kRow: {
      json obj = json::object();
      for (size_t f = 0; f < type.children.size(); ++f) {
        FN_ASSIGN_OR_RETURN(json v, Value(*a.children[f], type.children[f], i));
        obj[type.field_names[f]] = std::move(v);
      }
      return obj;
    }
  }
  return Status::Internal("unknown type root");
}

}  // namespace

Result<std::string> BatchToJson(const ArrowArray& batch, const DataType& row_type) {
  if (batch.release == nullptr) return Status::InvalidArgument("array is released");
  if (row_type.root != TypeRoot::kRow ||
      batch.n_children != static_cast<int64_t>(row_type.children.size())) {
    return Status::InvalidArgument("array does not match the row type");
  }
  json rows = json::array();
  for (int64_t r = 0; r < batch.length; ++r) {
    json obj = json::object();
    for (size_t f = 0; f < row_type.children.size(); ++f) {
      FN_ASSIGN_OR_RETURN(json v,
                          Value(*batch.children[f], row_type.children[f], batch.offset + r));
      obj[row_type.field_names[f]] = std::move(v);
    }
    rows.push_back(std::move(obj));
  }
  return rows.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace fluss_native::arrow
