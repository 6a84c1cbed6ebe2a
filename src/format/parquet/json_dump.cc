#include "format/parquet/json_dump.h"

#include <cmath>
#include <cstring>

#include <nlohmann/json.hpp>

namespace fluss_native::parquet {
namespace {

using nlohmann::json;

bool IsValid(const ArrowArray& a, int64_t i) {
  const auto* bits = static_cast<const uint8_t*>(a.buffers[0]);
  if (bits == nullptr) return true;
  int64_t j = i + a.offset;
  return (bits[j >> 3] >> (j & 7)) & 1;
}

template <typename T>
T At(const ArrowArray& a, int buffer, int64_t i) {
  T v;
  std::memcpy(&v, static_cast<const uint8_t*>(a.buffers[buffer]) + (i + a.offset) * sizeof(T), sizeof(T));
  return v;
}

std::string Int128ToString(unsigned __int128 mag, bool neg) {
  if (mag == 0) return "0";
  std::string s;
  while (mag > 0) {
    s.push_back(static_cast<char>('0' + static_cast<int>(mag % 10)));
    mag /= 10;
  }
  if (neg) s.push_back('-');
  return std::string(s.rbegin(), s.rend());
}

std::string Hex(const uint8_t* p, size_t n) {
  static const char* kDigits = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < n; ++i) {
    s.push_back(kDigits[p[i] >> 4]);
    s.push_back(kDigits[p[i] & 15]);
  }
  return s;
}

Result<json> Value(const ArrowSchema& s, const ArrowArray& a, int64_t i) {
  if (!IsValid(a, i)) return json(nullptr);
  const std::string f = s.format;
  const int64_t j = i + a.offset;
  if (f == "b") {
    const auto* bits = static_cast<const uint8_t*>(a.buffers[1]);
    return json(static_cast<bool>((bits[j >> 3] >> (j & 7)) & 1));
  }
  if (f == "c") return json(At<int8_t>(a, 1, i));
  if (f == "C") return json(At<uint8_t>(a, 1, i));
  if (f == "s") return json(At<int16_t>(a, 1, i));
  if (f == "S") return json(At<uint16_t>(a, 1, i));
  if (f == "i" || f == "tdD" || f == "ttm") return json(At<int32_t>(a, 1, i));
  if (f == "I") return json(At<uint32_t>(a, 1, i));
  if (f == "l" || f == "ttu" || f == "ttn" || f.rfind("ts", 0) == 0) return json(At<int64_t>(a, 1, i));
  if (f == "L") return json(At<uint64_t>(a, 1, i));
  if (f == "f" || f == "g") {
    double v = f == "f" ? static_cast<double>(At<float>(a, 1, i)) : At<double>(a, 1, i);
    if (std::isnan(v)) return json("NaN");
    if (std::isinf(v)) return json(v > 0 ? "Infinity" : "-Infinity");
    return json(v);
  }
  if (f == "u" || f == "z") {
    const auto* off = static_cast<const int32_t*>(a.buffers[1]);
    const auto* data = static_cast<const uint8_t*>(a.buffers[2]);
    const uint8_t* p = data + off[j];
    size_t n = static_cast<size_t>(off[j + 1] - off[j]);
    if (f == "u") return json(std::string(reinterpret_cast<const char*>(p), n));
    return json(Hex(p, n));
  }
  if (f.rfind("w:", 0) == 0) {
    int w = std::stoi(f.substr(2));
    return json(Hex(static_cast<const uint8_t*>(a.buffers[1]) + j * w, static_cast<size_t>(w)));
  }
  if (f.rfind("d:", 0) == 0) {
    unsigned __int128 v;
    std::memcpy(&v, static_cast<const uint8_t*>(a.buffers[1]) + j * 16, 16);
    bool neg = static_cast<__int128>(v) < 0;
    return json(Int128ToString(neg ? ~v + 1 : v, neg));
  }
  if (f == "+l" || f == "+m") {
    const auto* off = static_cast<const int32_t*>(a.buffers[1]);
    json out = json::array();
    const ArrowSchema& cs = *s.children[0];
    const ArrowArray& ca = *a.children[0];
    for (int32_t k = off[j]; k < off[j + 1]; ++k) {
      if (f == "+l") {
        FN_ASSIGN_OR_RETURN(json v, Value(cs, ca, k));
        out.push_back(std::move(v));
      } else {
        FN_ASSIGN_OR_RETURN(json key, Value(*cs.children[0], *ca.children[0], k));
        FN_ASSIGN_OR_RETURN(json val, Value(*cs.children[1], *ca.children[1], k));
        out.push_back(json::array({std::move(key), std::move(val)}));
      }
    }
    return out;
  }
  if (f == "+s") {
    json out = json::object();
    for (int64_t c = 0; c < s.n_children; ++c) {
      FN_ASSIGN_OR_RETURN(json v, Value(*s.children[c], *a.children[c], i));
      out[s.children[c]->name] = std::move(v);
    }
    return out;
  }
  return Status::Unsupported("no JSON rendering for Arrow format '" + f + "'");
}

}  // namespace

Result<std::string> BatchToJson(const ArrowSchema& schema, const ArrowArray& batch) {
  if (schema.n_children != batch.n_children) return Status::InvalidArgument("schema and batch disagree");
  json doc = json::object();
  for (int64_t c = 0; c < schema.n_children; ++c) {
    json col = json::array();
    for (int64_t i = 0; i < batch.length; ++i) {
      FN_ASSIGN_OR_RETURN(json v, Value(*schema.children[c], *batch.children[c], i));
      col.push_back(std::move(v));
    }
    doc[schema.children[c]->name] = std::move(col);
  }
  // STRING values are not UTF-8 validated by the reader; replace bad bytes
  // rather than throw.
  return doc.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace fluss_native::parquet
