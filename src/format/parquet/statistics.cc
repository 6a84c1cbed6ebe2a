#include "format/parquet/statistics.h"

#include <cmath>
#include <cstring>
#include <optional>
#include <string>

#include "format/parquet/parquet_types.h"

namespace fluss_native::parquet {
namespace {

// A statistic decoded into a comparable form.
using Stat = std::variant<std::monostate, bool, int64_t, double, std::string>;

Stat DecodeStat(const LeafColumn& leaf, const std::string& raw) {
  // Unsigned and decimal columns order differently from their bytes as we
  // decode them here.
  if (leaf.conversion != Conversion::kNone && leaf.conversion != Conversion::kNarrow8 &&
      leaf.conversion != Conversion::kNarrow16) {
    return {};
  }
  const bool is_int = leaf.physical == PhysicalType::kInt32 || leaf.physical == PhysicalType::kInt64;
  if (is_int && !leaf.sign_sorted_stats) return {};
  switch (leaf.physical) {
    case PhysicalType::kBoolean:
      if (raw.size() != 1) return {};
      return raw[0] != 0;
    case PhysicalType::kInt32: {
      if (raw.size() != 4) return {};
      int32_t v;
      std::memcpy(&v, raw.data(), 4);
      return static_cast<int64_t>(v);
    }
    case PhysicalType::kInt64: {
      if (raw.size() != 8) return {};
      int64_t v;
      std::memcpy(&v, raw.data(), 8);
      return v;
    }
    case PhysicalType::kFloat: {
      if (raw.size() != 4) return {};
      float v;
      std::memcpy(&v, raw.data(), 4);
      if (std::isnan(v)) return {};
      return static_cast<double>(v);
    }
    case PhysicalType::kDouble: {
      if (raw.size() != 8) return {};
      double v;
      std::memcpy(&v, raw.data(), 8);
      if (std::isnan(v)) return {};
      return v;
    }
    case PhysicalType::kByteArray: return raw;
    default: return {};
  }
}

// Brings the literal to the statistic's kind, if they are comparable.
std::optional<Stat> Coerce(const Literal& lit, const Stat& like) {
  if (std::holds_alternative<double>(like)) {
    if (auto* i = std::get_if<int64_t>(&lit)) return Stat(static_cast<double>(*i));
    if (auto* d = std::get_if<double>(&lit)) {
      if (std::isnan(*d)) return std::nullopt;
      return Stat(*d);
    }
    return std::nullopt;
  }
  if (lit.index() != like.index()) return std::nullopt;
  return Stat(lit);
}

// -1, 0, 1; std::string compares bytes as unsigned char, which is the
// Parquet order for UTF8 and binary.
int Compare(const Stat& a, const Stat& b) {
  if (auto* x = std::get_if<std::string>(&a)) {
    int c = x->compare(std::get<std::string>(b));
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  return a < b ? -1 : (b < a ? 1 : 0);
}

bool MayMatch(const LeafColumn& leaf, const format::ColumnMetaData& md, int64_t num_rows,
              const ColumnPredicate& p) {
  if (!md.__isset.statistics) return true;
  const auto& st = md.statistics;
  const bool has_nulls_count = st.__isset.null_count && st.null_count >= 0;
  if (p.op == CompareOp::kIsNull) return !(has_nulls_count && st.null_count == 0);
  if (p.op == CompareOp::kIsNotNull) return !(has_nulls_count && st.null_count >= num_rows);
  // Comparisons never match a null; an all-null row group can go.
  if (has_nulls_count && num_rows > 0 && st.null_count >= num_rows) return false;
  const std::string* min_raw = nullptr;
  const std::string* max_raw = nullptr;
  if (st.__isset.min_value && st.__isset.max_value) {
    min_raw = &st.min_value;
    max_raw = &st.max_value;
  } else if (st.__isset.min && st.__isset.max && leaf.sign_sorted_stats) {
    // The deprecated fields were written with signed comparison; trust them
    // only where that is the column's order.
    min_raw = &st.min;
    max_raw = &st.max;
  } else {
    return true;
  }
  Stat lo = DecodeStat(leaf, *min_raw), hi = DecodeStat(leaf, *max_raw);
  if (std::holds_alternative<std::monostate>(lo) || std::holds_alternative<std::monostate>(hi)) return true;
  auto lit = Coerce(p.value, lo);
  if (!lit) return true;
  switch (p.op) {
    case CompareOp::kEq: return Compare(*lit, lo) >= 0 && Compare(*lit, hi) <= 0;
    case CompareOp::kLt: return Compare(lo, *lit) < 0;
    case CompareOp::kLe: return Compare(lo, *lit) <= 0;
    case CompareOp::kGt: return Compare(hi, *lit) > 0;
    case CompareOp::kGe: return Compare(hi, *lit) >= 0;
    default: return true;
  }
}

std::string Int128Digits(__int128 v) {
  if (v == 0) return "0";
  const bool negative = v < 0;
  // Work on the magnitude as unsigned so that the most negative value works.
  unsigned __int128 m = negative ? static_cast<unsigned __int128>(-(v + 1)) + 1 : static_cast<unsigned __int128>(v);
  std::string out;
  while (m != 0) {
    out.push_back(static_cast<char>('0' + static_cast<int>(m % 10)));
    m /= 10;
  }
  if (negative) out.push_back('-');
  return std::string(out.rbegin(), out.rend());
}

}  // namespace

std::optional<std::string> DecimalStatDigits(const LeafColumn& leaf, const std::string& raw) {
  switch (leaf.conversion) {
    case Conversion::kDecimalFromInt32: {
      if (raw.size() != 4) return std::nullopt;
      int32_t v;
      std::memcpy(&v, raw.data(), 4);
      return Int128Digits(v);
    }
    case Conversion::kDecimalFromInt64: {
      if (raw.size() != 8) return std::nullopt;
      int64_t v;
      std::memcpy(&v, raw.data(), 8);
      return Int128Digits(v);
    }
    case Conversion::kDecimalFromBytes: {
      // Big-endian two's complement, 1..16 bytes.
      if (raw.empty() || raw.size() > 16) return std::nullopt;
      if (leaf.physical == PhysicalType::kFixedLenByteArray && static_cast<int>(raw.size()) != leaf.type_length) {
        return std::nullopt;
      }
      unsigned __int128 u = (static_cast<unsigned char>(raw[0]) & 0x80) ? ~static_cast<unsigned __int128>(0) : 0;
      for (char c : raw) u = (u << 8) | static_cast<unsigned char>(c);
      return Int128Digits(static_cast<__int128>(u));
    }
    default: return std::nullopt;
  }
}

StatValue DecodeBound(const LeafColumn& leaf, const std::string& raw) {
  if (leaf.conversion == Conversion::kDecimalFromInt32 || leaf.conversion == Conversion::kDecimalFromInt64 ||
      leaf.conversion == Conversion::kDecimalFromBytes) {
    auto digits = DecimalStatDigits(leaf, raw);
    if (!digits) return {};
    return *digits;
  }
  return DecodeStat(leaf, raw);
}

ChunkStats ColumnChunkStats(const FileSchema& schema, const format::RowGroup& rg, const std::string& column) {
  ChunkStats out;
  for (const SchemaNode& col : schema.columns) {
    if (col.name != column || col.kind != SchemaNode::Kind::kLeaf) continue;
    const LeafColumn& leaf = schema.leaves[col.leaf];
    if (leaf.max_rep != 0 || static_cast<size_t>(leaf.index) >= rg.columns.size()) return out;
    const auto& chunk = rg.columns[leaf.index];
    if (!chunk.__isset.meta_data) return out;
    out.found = true;
    out.num_rows = rg.num_rows;
    out.arrow_format = col.arrow_format;
    const auto& md = chunk.meta_data;
    if (!md.__isset.statistics) return out;
    const auto& st = md.statistics;
    if (st.__isset.null_count && st.null_count >= 0) out.null_count = st.null_count;
    const bool decimal = leaf.conversion == Conversion::kDecimalFromInt32 ||
                         leaf.conversion == Conversion::kDecimalFromInt64 ||
                         leaf.conversion == Conversion::kDecimalFromBytes;
    if (decimal) {
      if (st.__isset.min_value && st.__isset.max_value) {
        auto lo = DecimalStatDigits(leaf, st.min_value);
        auto hi = DecimalStatDigits(leaf, st.max_value);
        if (lo && hi) {
          out.min = *lo;
          out.max = *hi;
        }
      }
      return out;
    }
    if (st.__isset.min_value && st.__isset.max_value) {
      out.min = DecodeStat(leaf, st.min_value);
      out.max = DecodeStat(leaf, st.max_value);
    } else if (st.__isset.min && st.__isset.max && leaf.sign_sorted_stats &&
               leaf.physical != PhysicalType::kByteArray) {
      // The deprecated fields compared bytes as signed: not a string order.
      out.min = DecodeStat(leaf, st.min);
      out.max = DecodeStat(leaf, st.max);
    }
    return out;
  }
  return out;
}

bool RowGroupMayMatch(const FileSchema& schema, const format::RowGroup& rg,
                      const std::vector<ColumnPredicate>& predicates) {
  for (const ColumnPredicate& p : predicates) {
    for (const SchemaNode& col : schema.columns) {
      if (col.name != p.column || col.kind != SchemaNode::Kind::kLeaf) continue;
      const LeafColumn& leaf = schema.leaves[col.leaf];
      if (leaf.max_rep != 0 || static_cast<size_t>(leaf.index) >= rg.columns.size()) continue;
      const auto& chunk = rg.columns[leaf.index];
      if (!chunk.__isset.meta_data) continue;
      if (!MayMatch(leaf, chunk.meta_data, rg.num_rows, p)) return false;
    }
  }
  return true;
}

}  // namespace fluss_native::parquet
