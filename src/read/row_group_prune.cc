// Row groups by footer statistics (row_group_prune.h).
#include "read/row_group_prune.h"

#include <algorithm>

#include "common/type_builder.h"
#include "expr/bound_predicate.h"
#include "expr/may_match.h"

namespace fluss_native::read {
namespace {

using expr::ColumnStats;
using parquet::StatValue;

// A footer bound as a Literal of a column of `type`; nullopt when the
// physical value does not map onto the type's domain.
std::optional<Literal> BoundOf(const StatValue& v, const DataType& type) {
  switch (type.root) {
    case TypeRoot::kBoolean:
      if (auto* b = std::get_if<bool>(&v)) return Literal::Boolean(*b);
      return std::nullopt;
    case TypeRoot::kTinyInt:
    case TypeRoot::kSmallInt:
    case TypeRoot::kInt:
    case TypeRoot::kBigInt:
      if (auto* i = std::get_if<int64_t>(&v)) return Literal::Integer(*i);
      return std::nullopt;
    case TypeRoot::kDate:
      if (auto* i = std::get_if<int64_t>(&v)) {
        if (*i < INT32_MIN || *i > INT32_MAX) return std::nullopt;
        return Literal::Date(static_cast<int32_t>(*i));
      }
      return std::nullopt;
    case TypeRoot::kFloat:
    case TypeRoot::kDouble:
      if (auto* d = std::get_if<double>(&v)) return Literal::Double(*d);
      return std::nullopt;
    case TypeRoot::kChar:
    case TypeRoot::kString:
      if (auto* s = std::get_if<std::string>(&v)) return Literal::String(*s);
      return std::nullopt;
    case TypeRoot::kBinary:
    case TypeRoot::kBytes:
      if (auto* s = std::get_if<std::string>(&v)) return Literal::Bytes(*s);
      return std::nullopt;
    default:
      // DECIMAL, TIME and TIMESTAMP statistics are in units the footer's
      // logical type gives; not decoded here, so they never prune.
      return std::nullopt;
  }
}

ColumnStats StatsOf(const parquet::ChunkStats& c, const DataType& type) {
  ColumnStats s;
  s.row_count = c.num_rows;
  s.null_count = c.null_count;
  s.min = BoundOf(c.min, type);
  s.max = BoundOf(c.max, type);
  // Writers may truncate string statistics: bounds, not values.
  s.exact = !(type.root == TypeRoot::kString || type.root == TypeRoot::kChar || type.root == TypeRoot::kBinary ||
              type.root == TypeRoot::kBytes);
  return s;
}

}  // namespace

std::function<bool(const parquet::ParquetFileReader&, const lake::paimon::TableSchema&, int)> RowGroupFilter(
    const Predicate& predicate, const TableInfo& table,
    std::shared_ptr<const lake::paimon::TableSchema> snapshot_schema) {
  DataType row = MakeType(TypeRoot::kRow, false);
  for (const auto& c : table.columns) AddField(&row, c.name, c.type);
  auto bound = expr::Bind(predicate, row);
  if (!bound.ok() || !snapshot_schema) return {};
  auto shared = std::make_shared<const expr::BoundPredicate>(std::move(*bound));
  std::vector<std::string> usable;  // columns whose stats may prune
  for (const auto& c : table.columns) {
    if (!table.has_primary_key() ||
        std::find(table.primary_key.begin(), table.primary_key.end(), c.name) != table.primary_key.end()) {
      usable.push_back(c.name);
    }
  }
  auto columns = std::make_shared<const std::vector<Column>>(table.columns);
  return [shared, columns, usable, snapshot_schema](const parquet::ParquetFileReader& file,
                                                     const lake::paimon::TableSchema& file_schema, int rg) {
    std::vector<std::unique_ptr<ColumnStats>> held;
    auto lookup = [&](const expr::BoundColumn& c) -> const ColumnStats* {
      if (c.indexes.size() != 1 || c.indexes[0] < 0 || static_cast<size_t>(c.indexes[0]) >= columns->size()) {
        return nullptr;
      }
      const Column& col = (*columns)[static_cast<size_t>(c.indexes[0])];
      if (std::find(usable.begin(), usable.end(), col.name) == usable.end()) return nullptr;
      // The file names the column as its own schema did (renames): by id.
      int field = snapshot_schema->FieldIndex(col.name);
      if (field < 0) return nullptr;
      int in_file = file_schema.FieldIndexById(snapshot_schema->fields[static_cast<size_t>(field)].id);
      if (in_file < 0) return nullptr;
      const auto& file_field = file_schema.fields[static_cast<size_t>(in_file)];
      if (!(file_field.type.root == col.type.root)) return nullptr;  // a type change: no trust
      auto chunk = file.ColumnStats(rg, file_field.name);
      if (!chunk.found) return nullptr;
      held.push_back(std::make_unique<ColumnStats>(StatsOf(chunk, col.type)));
      return held.back().get();
    };
    return expr::MayMatch(*shared, lookup) != expr::MatchResult::kNever;
  };
}

}  // namespace fluss_native::read
