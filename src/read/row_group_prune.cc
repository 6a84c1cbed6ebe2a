// Row groups by footer statistics (row_group_prune.h).
#include "read/row_group_prune.h"

#include <algorithm>
#include <climits>
#include <cstdint>
#include <map>

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
    std::shared_ptr<const lake::paimon::TableSchema> snapshot_schema, std::shared_ptr<ScanMetrics> metrics) {
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
  const bool dictionaries = !table.has_primary_key();
  const bool key_columns = table.has_primary_key();
  return [shared, columns, usable, snapshot_schema, dictionaries, key_columns, metrics](
             const parquet::ParquetFileReader& file, const lake::paimon::TableSchema& file_schema, int rg) {
    // Per referenced column: its name in the file and footer stats (null: none).
    std::map<size_t, std::pair<std::string, ColumnStats>> known;
    auto resolve = [&](const expr::BoundColumn& c) -> std::pair<std::string, ColumnStats>* {
      if (c.indexes.size() != 1 || c.indexes[0] < 0 || static_cast<size_t>(c.indexes[0]) >= columns->size()) {
        return nullptr;
      }
      const size_t index = static_cast<size_t>(c.indexes[0]);
      auto it = known.find(index);
      if (it != known.end()) return &it->second;
      const Column& col = (*columns)[index];
      if (std::find(usable.begin(), usable.end(), col.name) == usable.end()) return nullptr;
      // The file names the column as its own schema did (renames): by id.
      int field = snapshot_schema->FieldIndex(col.name);
      if (field < 0) return nullptr;
      int in_file = file_schema.FieldIndexById(snapshot_schema->fields[static_cast<size_t>(field)].id);
      if (in_file < 0) return nullptr;
      const auto& file_field = file_schema.fields[static_cast<size_t>(in_file)];
      if (!(file_field.type.root == col.type.root)) return nullptr;  // a type change: no trust
      // A primary-key file's key columns are `_KEY_<name>`: every record
      // (a delete too) carries its key there, while its value columns may
      // not describe a delete.
      const std::string stored = key_columns ? "_KEY_" + file_field.name : file_field.name;
      auto chunk = file.ColumnStats(rg, stored);
      if (!chunk.found) return nullptr;
      return &known.emplace(index, std::make_pair(stored, StatsOf(chunk, col.type))).first->second;
    };
    // One column may be pinned to a value (a dictionary entry) while the
    // others keep their footer stats.
    size_t pinned_index = SIZE_MAX;
    ColumnStats pinned;
    auto lookup = [&](const expr::BoundColumn& c) -> const ColumnStats* {
      if (c.indexes.size() == 1 && static_cast<size_t>(c.indexes[0]) == pinned_index) return &pinned;
      auto* r = resolve(c);
      return r ? &r->second : nullptr;
    };
    if (expr::MayMatch(*shared, lookup) == expr::MatchResult::kNever) return false;
    if (!dictionaries) return true;
    // Dictionaries: a row group whose every value of some column fails the
    // predicate (with the other columns as their stats say) has no match.
    for (const auto& [index, entry] : std::map<size_t, std::pair<std::string, ColumnStats>>(known)) {
      constexpr int64_t kMaxDictionaryBytes = 1 << 20;
      constexpr size_t kMaxDictionaryValues = 4096;
      auto values = file.DictionaryValues(rg, entry.first, kMaxDictionaryBytes);
      if (!values.ok() || !*values || (*values)->size() > kMaxDictionaryValues) continue;
      const DataType& type = (*columns)[index].type;
      bool any = false;
      pinned_index = index;
      if (!(entry.second.null_count && *entry.second.null_count == 0)) {
        pinned = ColumnStats::Constant(Literal::Null());
        any = expr::MayMatch(*shared, lookup) != expr::MatchResult::kNever;
      }
      for (const auto& v : **values) {
        if (any) break;
        auto lit = BoundOf(v, type);
        if (!lit) {
          any = true;
          break;
        }
        pinned = ColumnStats::Constant(*lit);
        any = expr::MayMatch(*shared, lookup) != expr::MatchResult::kNever;
      }
      pinned_index = SIZE_MAX;
      if (!any) {
        if (metrics) metrics->row_groups_pruned_by_dictionary.fetch_add(1, std::memory_order_relaxed);
        return false;
      }
    }
    return true;
  };
}

}  // namespace fluss_native::read
