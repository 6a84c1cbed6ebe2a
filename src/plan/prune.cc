// Partition and lake-file pruning (prune.h).
#include "plan/prune.h"

#include <algorithm>
#include <map>

#include "expr/may_match.h"
#include "lake/paimon/binary_row.h"
#include "plan/stats_literal.h"

namespace fluss_native::plan {
namespace {

using expr::ColumnStats;
using StatsByName = std::map<std::string, ColumnStats>;

bool MayMatch(const TableInfo& table, const expr::BoundPredicate& p, const StatsByName& stats) {
  auto lookup = [&](const expr::BoundColumn& c) -> const ColumnStats* {
    // Stats describe top-level columns; a ROW field has none.
    if (c.indexes.size() != 1 || c.indexes[0] < 0 || static_cast<size_t>(c.indexes[0]) >= table.columns.size()) {
      return nullptr;
    }
    auto it = stats.find(table.columns[static_cast<size_t>(c.indexes[0])].name);
    return it == stats.end() ? nullptr : &it->second;
  };
  return expr::MayMatch(p, lookup) != expr::MatchResult::kNever;
}

const DataType* TypeOf(const TableInfo& table, const std::string& name) {
  int i = table.ColumnIndex(name);
  return i < 0 ? nullptr : &table.columns[static_cast<size_t>(i)].type;
}

// Per-column stats of `names` (in stats order) from a SimpleStats, typed by
// the Paimon schema. A column we cannot read is left out (unknown).
StatsByName DecodeStats(const lake::paimon::SimpleStats& stats, const std::vector<std::string>& names,
                        const lake::paimon::TableSchema& schema, int64_t row_count) {
  StatsByName out;
  auto min = lake::paimon::BinaryRowView::Parse(stats.min_values);
  auto max = lake::paimon::BinaryRowView::Parse(stats.max_values);
  // Rows of another shape than the columns they claim to cover say nothing.
  const int arity = static_cast<int>(names.size());
  if ((min.ok() && min->arity() != arity) || (max.ok() && max->arity() != arity)) return out;
  for (size_t i = 0; i < names.size(); ++i) {
    int field = schema.FieldIndex(names[i]);
    if (field < 0) continue;
    const DataType& type = schema.fields[static_cast<size_t>(field)].type;
    ColumnStats s;
    s.row_count = row_count;
    if (i < stats.null_counts.size() && stats.null_counts[i] && *stats.null_counts[i] >= 0) {
      s.null_count = stats.null_counts[i];
    }
    const int pos = static_cast<int>(i);
    if (min.ok()) {
      auto v = BinaryRowLiteral(*min, pos, type);
      if (v && v->kind != LiteralKind::kNull) s.min = v;
    }
    if (max.ok()) {
      auto v = BinaryRowLiteral(*max, pos, type);
      if (v && v->kind != LiteralKind::kNull) s.max = v;
    }
    // Paimon's default stats mode truncates strings (min a prefix, max
    // rounded up): bounds, not values.
    const bool text = type.root == TypeRoot::kString || type.root == TypeRoot::kChar ||
                      type.root == TypeRoot::kBinary || type.root == TypeRoot::kBytes;
    s.exact = !text;
    out.emplace(names[i], std::move(s));
  }
  return out;
}

}  // namespace

bool ScanPruner::PartitionMayMatch(const std::vector<std::pair<std::string, std::string>>& spec) const {
  if (!predicate_) return true;
  StatsByName stats;
  for (const auto& [key, value] : spec) {
    const DataType* type = TypeOf(table_, key);
    if (!type) continue;
    auto lit = PartitionValueLiteral(value, *type);
    if (lit) stats.emplace(key, ColumnStats::Constant(*lit));
  }
  return MayMatch(table_, *predicate_, stats);
}

bool ScanPruner::LakePartitionMayMatch(const lake::paimon::BucketFiles& partition,
                                       const lake::paimon::TableSchema& schema) const {
  if (!predicate_ || schema.partition_keys.empty()) return true;
  auto row = lake::paimon::BinaryRowView::Parse(partition.partition);
  if (!row.ok()) return true;
  StatsByName stats;
  for (size_t i = 0; i < schema.partition_keys.size(); ++i) {
    int field = schema.FieldIndex(schema.partition_keys[i]);
    if (field < 0) continue;
    auto lit = BinaryRowLiteral(*row, static_cast<int>(i), schema.fields[static_cast<size_t>(field)].type);
    if (lit) stats.emplace(schema.partition_keys[i], ColumnStats::Constant(*lit));
  }
  return MayMatch(table_, *predicate_, stats);
}

bool ScanPruner::LakeFileMayMatch(const lake::paimon::DataFileMeta& file,
                                  const lake::paimon::TableSchema& schema) const {
  if (!predicate_) return true;
  // Stats are laid out by the schema the file was written with.
  if (file.schema_id != schema.id) return true;
  if (!schema.primary_keys.empty()) {
    // The trimmed primary key: the key without the partition keys.
    std::vector<std::string> key;
    for (const auto& k : schema.primary_keys) {
      if (std::find(schema.partition_keys.begin(), schema.partition_keys.end(), k) == schema.partition_keys.end()) {
        key.push_back(k);
      }
    }
    return MayMatch(table_, *predicate_, DecodeStats(file.key_stats, key, schema, file.row_count));
  }
  std::vector<std::string> names;
  if (file.value_stats_cols) {
    names = *file.value_stats_cols;
  } else {
    for (const auto& f : schema.fields) names.push_back(f.name);
  }
  return MayMatch(table_, *predicate_, DecodeStats(file.value_stats, names, schema, file.row_count));
}

}  // namespace fluss_native::plan
