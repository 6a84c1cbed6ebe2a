#include "format/logbatch/batch_statistics.h"

#include <cmath>
#include <cstring>
#include <string>

#include "format/logbatch/aligned_row.h"

namespace fluss_native::logbatch {

namespace {

template <typename T>
T ReadLe(const uint8_t* p) {
  uint64_t v = 0;
  for (size_t i = sizeof(T); i-- > 0;) v = (v << 8) | p[i];
  return static_cast<T>(v);
}

// The bound stored in field `pos` of `row` for a column of `type`; nullopt
// when it is NULL or the type is one Fluss collects no statistics for.
Result<std::optional<Literal>> BoundAt(const AlignedRowView& row, int pos, const DataType& type) {
  if (row.IsNull(pos)) return std::optional<Literal>();
  const uint64_t slot = row.Slot(pos);
  switch (type.root) {
    case TypeRoot::kBoolean:
      return std::optional<Literal>(Literal::Boolean((slot & 0xff) != 0));
    case TypeRoot::kTinyInt:
      return std::optional<Literal>(Literal::Integer(static_cast<int8_t>(slot)));
    case TypeRoot::kSmallInt:
      return std::optional<Literal>(Literal::Integer(static_cast<int16_t>(slot)));
    case TypeRoot::kInt:
      return std::optional<Literal>(Literal::Integer(static_cast<int32_t>(slot)));
    case TypeRoot::kBigInt:
      return std::optional<Literal>(Literal::Integer(static_cast<int64_t>(slot)));
    case TypeRoot::kDate:
      return std::optional<Literal>(Literal::Date(static_cast<int32_t>(slot)));
    case TypeRoot::kTime:  // millis of the day
      return std::optional<Literal>(Literal::Time(int64_t{static_cast<int32_t>(slot)} * 1000000));
    case TypeRoot::kFloat: {
      float f;
      const uint32_t bits = static_cast<uint32_t>(slot);
      std::memcpy(&f, &bits, sizeof f);
      return std::optional<Literal>(Literal::Double(f));
    }
    case TypeRoot::kDouble: {
      double d;
      std::memcpy(&d, &slot, sizeof d);
      return std::optional<Literal>(Literal::Double(d));
    }
    case TypeRoot::kString: {
      FN_ASSIGN_OR_RETURN(std::string s, row.VarBytes(pos));
      return std::optional<Literal>(Literal::String(std::move(s)));
    }
    case TypeRoot::kDecimal: {
      std::string digits;
      if (type.precision <= 18) {
        digits = std::to_string(static_cast<int64_t>(slot));
      } else {
        FN_ASSIGN_OR_RETURN(digits, row.BigDecimalDigits(pos));
      }
      FN_ASSIGN_OR_RETURN(Literal lit, Literal::Decimal(digits, type.scale));
      return std::optional<Literal>(std::move(lit));
    }
    case TypeRoot::kTimestamp:
    case TypeRoot::kTimestampLtz: {
      if (type.precision <= 3) return std::optional<Literal>(Literal::Timestamp(static_cast<int64_t>(slot)));
      FN_ASSIGN_OR_RETURN(auto ts, row.WideTimestamp(pos));
      return std::optional<Literal>(Literal::Timestamp(ts.first, ts.second));
    }
    default:
      return std::optional<Literal>();
  }
}

}  // namespace

const ColumnStatistics* BatchStatistics::Find(int column) const {
  for (const auto& c : columns) {
    if (c.column == column) return &c;
  }
  return nullptr;
}

Result<std::optional<BatchStatistics>> ParseBatchStatistics(const uint8_t* data, size_t size,
                                                            const DataType& row_type) {
  if (size < 3) return Status::Corruption("batch statistics of " + std::to_string(size) + " bytes");
  if (static_cast<int8_t>(data[0]) != kStatisticsVersion) return std::optional<BatchStatistics>();
  if (row_type.root != TypeRoot::kRow) {
    return Status::InvalidArgument("row type must be ROW, got " + row_type.ToFlussString());
  }
  const int count = ReadLe<int16_t>(data + 1);
  if (count <= 0) return Status::Corruption("batch statistics for " + std::to_string(count) + " columns");
  const size_t n = static_cast<size_t>(count);
  size_t pos = 3;
  // Column indexes, null counts and the min row's size must all fit.
  if (size - pos < n * 6 + 4) {
    return Status::Corruption("batch statistics of " + std::to_string(size) + " bytes are too short for " +
                              std::to_string(n) + " columns");
  }
  BatchStatistics out;
  out.columns.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const int column = ReadLe<int16_t>(data + pos + 2 * i);
    if (column < 0 || static_cast<size_t>(column) >= row_type.children.size()) {
      return Status::Corruption("batch statistics name column " + std::to_string(column) + " of a row of " +
                                std::to_string(row_type.children.size()) + " columns");
    }
    out.columns[i].column = column;
  }
  pos += 2 * n;
  for (size_t i = 0; i < n; ++i) {
    const int32_t nulls = ReadLe<int32_t>(data + pos + 4 * i);
    if (nulls < 0) return Status::Corruption("batch statistics null count " + std::to_string(nulls));
    out.columns[i].null_count = nulls;
  }
  pos += 4 * n;
  for (int which = 0; which < 2; ++which) {
    const char* name = which == 0 ? "minimum" : "maximum";
    if (size - pos < 4) return Status::Corruption(std::string("batch statistics end before the ") + name + " row");
    const int32_t row_size = ReadLe<int32_t>(data + pos);
    pos += 4;
    if (row_size < 0 || static_cast<size_t>(row_size) > size - pos) {
      return Status::Corruption(std::string("batch statistics ") + name + " row of " + std::to_string(row_size) +
                                " bytes overruns the " + std::to_string(size) + " statistics bytes");
    }
    if (row_size > 0) {
      auto row = AlignedRowView::Make(data + pos, static_cast<size_t>(row_size), count);
      if (!row.ok()) return row.status().WithContext(std::string("batch statistics ") + name + " row");
      for (size_t i = 0; i < n; ++i) {
        ColumnStatistics& c = out.columns[i];
        auto bound = BoundAt(*row, static_cast<int>(i), row_type.children[static_cast<size_t>(c.column)]);
        if (!bound.ok()) {
          return bound.status().WithContext(std::string("batch statistics ") + name + " of column " +
                                            std::to_string(c.column));
        }
        (which == 0 ? c.min : c.max) = std::move(*bound);
      }
    }
    pos += static_cast<size_t>(row_size);
  }
  for (ColumnStatistics& c : out.columns) {
    const TypeRoot root = row_type.children[static_cast<size_t>(c.column)].root;
    if (root != TypeRoot::kFloat && root != TypeRoot::kDouble) continue;
    auto is_nan = [](const std::optional<Literal>& b) { return b && b->kind == LiteralKind::kDouble && std::isnan(b->real); };
    if (is_nan(c.min)) c.min.reset();
    if (is_nan(c.max)) {
      c.max.reset();
    } else if (c.max) {
      c.nan_count = 0;
    }
  }
  return std::optional<BatchStatistics>(std::move(out));
}

}  // namespace fluss_native::logbatch
