// Log batches by their statistics (log_batch_prune.h).
#include "read/log_batch_prune.h"

#include <map>

#include "common/type_builder.h"

namespace fluss_native::read {

expr::MatchResult BatchMayMatch(const expr::BoundPredicate& predicate, const logbatch::BatchStatistics& statistics,
                                int64_t record_count) {
  std::map<int, expr::ColumnStats> known;
  auto lookup = [&](const expr::BoundColumn& c) -> const expr::ColumnStats* {
    // Statistics describe top-level columns; a ROW field path has none.
    if (c.indexes.size() != 1) return nullptr;
    const int index = c.indexes[0];
    auto it = known.find(index);
    if (it != known.end()) return &it->second;
    const logbatch::ColumnStatistics* s = statistics.Find(index);
    if (!s) return nullptr;
    expr::ColumnStats stats;
    stats.null_count = s->null_count;
    stats.row_count = record_count;
    stats.min = s->min;
    stats.max = s->max;
    stats.nan_count = s->nan_count;
    // Fluss's collector keeps whole values, but exactness only lets a
    // reader skip the residual filter, which a log read never does.
    stats.exact = false;
    return &known.emplace(index, std::move(stats)).first->second;
  };
  return expr::MayMatch(predicate, lookup);
}

std::function<bool(const logbatch::LogBatchHeader&, const logbatch::BatchStatistics&)> LogBatchFilter(
    const Predicate& predicate, const TableInfo& table) {
  DataType row = MakeType(TypeRoot::kRow, false);
  for (const auto& c : table.columns) AddField(&row, c.name, c.type);
  auto bound = expr::Bind(predicate, row);
  if (!bound.ok()) return {};
  auto shared = std::make_shared<const expr::BoundPredicate>(std::move(*bound));
  const int32_t schema_id = table.schema_id;
  return [shared, schema_id](const logbatch::LogBatchHeader& header, const logbatch::BatchStatistics& statistics) {
    if (schema_id < 0 || header.schema_id != schema_id) return true;
    return BatchMayMatch(*shared, statistics, header.record_count) != expr::MatchResult::kNever;
  };
}

}  // namespace fluss_native::read
