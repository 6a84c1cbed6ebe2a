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

// Floor division and its non-negative remainder.
std::pair<int64_t, int64_t> FloorDivMod(int64_t v, int64_t d) {
  int64_t q = v / d, r = v % d;
  if (r < 0) {
    q -= 1;
    r += d;
  }
  return {q, r};
}

// The unit suffix of an Arrow time or timestamp format ("tsu:UTC" -> 'u',
// "ttm" -> 'm'); 0 when `format` is not of that `kind` ("ts" or "tt").
char UnitOf(const std::string& format, const char* kind) {
  if (format.size() < 3 || format.compare(0, 2, kind) != 0) return 0;
  const char u = format[2];
  return (u == 's' || u == 'm' || u == 'u' || u == 'n') ? u : 0;
}

// A footer bound as a Literal of a column of `type`; nullopt when the
// physical value does not map onto the type's domain. `format` is the file
// column's Arrow format: the unit of TIME and TIMESTAMP bounds, the scale of
// DECIMAL ones.
std::optional<Literal> BoundOf(const StatValue& v, const DataType& type, const std::string& format) {
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
      if (format != "tdD") return std::nullopt;
      if (auto* i = std::get_if<int64_t>(&v)) {
        if (*i < INT32_MIN || *i > INT32_MAX) return std::nullopt;
        return Literal::Date(static_cast<int32_t>(*i));
      }
      return std::nullopt;
    case TypeRoot::kTime: {
      auto* i = std::get_if<int64_t>(&v);
      if (!i) return std::nullopt;
      int64_t per_unit = 0;  // nanoseconds per unit
      switch (UnitOf(format, "tt")) {
        case 'm': per_unit = 1000000; break;
        case 'u': per_unit = 1000; break;
        case 'n': per_unit = 1; break;
        default: return std::nullopt;
      }
      constexpr int64_t kNanosPerDay = 86400LL * 1000000000LL;
      if (*i < 0 || *i > kNanosPerDay / per_unit) return std::nullopt;
      return Literal::Time(*i * per_unit);
    }
    case TypeRoot::kTimestamp:
    case TypeRoot::kTimestampLtz: {
      auto* i = std::get_if<int64_t>(&v);
      if (!i) return std::nullopt;
      switch (UnitOf(format, "ts")) {
        case 'm': return Literal::Timestamp(*i, 0);
        case 'u': {
          auto [ms, us] = FloorDivMod(*i, 1000);
          return Literal::Timestamp(ms, static_cast<int32_t>(us * 1000));
        }
        case 'n': {
          auto [ms, ns] = FloorDivMod(*i, 1000000);
          return Literal::Timestamp(ms, static_cast<int32_t>(ns));
        }
        default: return std::nullopt;
      }
    }
    case TypeRoot::kDecimal: {
      auto* digits = std::get_if<std::string>(&v);
      const auto comma = format.find(',');
      if (!digits || format.compare(0, 2, "d:") != 0 || comma == std::string::npos) return std::nullopt;
      int scale = 0;
      for (size_t k = comma + 1; k < format.size(); ++k) {
        if (format[k] < '0' || format[k] > '9' || scale > 38) return std::nullopt;
        scale = scale * 10 + (format[k] - '0');
      }
      auto lit = Literal::Decimal(*digits, scale);
      if (!lit.ok()) return std::nullopt;
      return std::move(*lit);
    }
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
    default: return std::nullopt;
  }
}

ColumnStats StatsOf(const parquet::ChunkStats& c, const DataType& type) {
  ColumnStats s;
  s.row_count = c.num_rows;
  s.null_count = c.null_count;
  s.min = BoundOf(c.min, type, c.arrow_format);
  s.max = BoundOf(c.max, type, c.arrow_format);
  // Writers may truncate string statistics: bounds, not values.
  s.exact = !(type.root == TypeRoot::kString || type.root == TypeRoot::kChar || type.root == TypeRoot::kBinary ||
              type.root == TypeRoot::kBytes);
  return s;
}

// The column references of `p`, leaves first to last.
void CollectColumns(const expr::BoundPredicate& p, std::vector<const expr::BoundColumn*>* out) {
  if (p.op == PredicateOp::kAnd || p.op == PredicateOp::kOr || p.op == PredicateOp::kNot) {
    for (const auto& c : p.children) CollectColumns(c, out);
    return;
  }
  out->push_back(&p.column);
}

// Statistics that hold for every row range inside `page`: its bounds, and a
// null count only where it says something of every sub-range (none, or all).
ColumnStats PageStats(const parquet::IndexedPage& page, const DataType& type, const std::string& format) {
  if (page.all_null) return ColumnStats::Constant(Literal::Null());
  ColumnStats s;
  auto lo = BoundOf(page.min, type, format);
  auto hi = BoundOf(page.max, type, format);
  if (lo && hi) {
    s.min = std::move(lo);
    s.max = std::move(hi);
  }
  if (page.null_count && *page.null_count == 0) s.null_count = 0;
  // Column-index bounds may be truncated (strings) and need not be values.
  s.exact = false;
  return s;
}

using ResolvedColumn = std::pair<std::string, ColumnStats>;

// The page index step for a row group its footer statistics keep: the row
// group is cut at every page boundary of the predicate's columns, and each
// piece is kept unless MayMatch over the pages covering it (the chunk's stats
// for columns without a page index) says no row matches. False when no piece
// is kept. Counts the predicate columns' pages and those overlapping a kept
// piece (pages the reader would need). Returns the kept pieces, merged
// (empty: none), or nullopt when no predicate column has a page index.
std::optional<std::vector<parquet::RowRange>> PagesMayMatch(const parquet::ParquetFileReader& file, int rg, const expr::BoundPredicate& predicate,
                   const std::function<ResolvedColumn*(const expr::BoundColumn&)>& resolve,
                   const std::shared_ptr<ScanMetrics>& metrics) {
  constexpr int64_t kMaxPageIndexBytes = 4 << 20;
  std::vector<const expr::BoundColumn*> refs;
  CollectColumns(predicate, &refs);
  struct Indexed {
    parquet::ColumnPageIndex index;
    std::vector<ColumnStats> stats;  // per page
  };
  std::map<size_t, Indexed> indexed;  // by table column
  for (const expr::BoundColumn* c : refs) {
    ResolvedColumn* r = resolve(*c);
    if (r == nullptr || indexed.count(static_cast<size_t>(c->indexes[0]))) continue;
    auto index = file.PageIndex(rg, r->first, kMaxPageIndexBytes);
    // A corrupt page index prunes nothing; reading the pages reports it.
    if (!index.ok() || !*index || !(*index)->has_bounds) continue;
    Indexed entry{std::move(**index), {}};
    for (const auto& page : entry.index.pages) {
      entry.stats.push_back(PageStats(page, c->type, entry.index.arrow_format));
    }
    indexed.emplace(static_cast<size_t>(c->indexes[0]), std::move(entry));
  }
  if (indexed.empty()) return std::nullopt;
  const int64_t rows = file.row_group_num_rows(rg);
  std::vector<int64_t> cuts = {0, rows};
  for (const auto& [_, e] : indexed) {
    for (const auto& page : e.index.pages) cuts.push_back(page.first_row);
  }
  std::sort(cuts.begin(), cuts.end());
  cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
  // Per column, the page covering the current piece; pages are in row order.
  std::map<size_t, size_t> at;
  for (const auto& [column, _] : indexed) at[column] = 0;
  std::map<size_t, std::vector<bool>> page_kept;
  for (const auto& [column, e] : indexed) page_kept[column].assign(e.index.pages.size(), false);
  std::vector<parquet::RowRange> kept_rows;
  for (size_t k = 0; k + 1 < cuts.size(); ++k) {
    const int64_t from = cuts[k];
    for (auto& [column, page] : at) {
      const auto& pages = indexed.at(column).index.pages;
      while (page + 1 < pages.size() && pages[page + 1].first_row <= from) ++page;
    }
    auto lookup = [&](const expr::BoundColumn& c) -> const ColumnStats* {
      if (c.indexes.size() == 1) {
        auto it = indexed.find(static_cast<size_t>(c.indexes[0]));
        if (it != indexed.end()) return &it->second.stats[at.at(it->first)];
      }
      ResolvedColumn* r = resolve(c);
      return r ? &r->second : nullptr;
    };
    if (expr::MayMatch(predicate, lookup) == expr::MatchResult::kNever) continue;
    if (!kept_rows.empty() && kept_rows.back().end == from) {
      kept_rows.back().end = cuts[k + 1];
    } else {
      kept_rows.push_back({from, cuts[k + 1]});
    }
    for (const auto& [column, page] : at) page_kept[column][page] = true;
  }
  if (metrics) {
    int64_t total = 0, kept = 0;
    for (const auto& [_, flags] : page_kept) {
      total += static_cast<int64_t>(flags.size());
      kept += std::count(flags.begin(), flags.end(), true);
    }
    metrics->pages_total.fetch_add(total, std::memory_order_relaxed);
    metrics->pages_kept.fetch_add(kept, std::memory_order_relaxed);
  }
  return kept_rows;
}

}  // namespace

std::function<bool(const parquet::ParquetFileReader&, const lake::paimon::TableSchema&, int)> RowGroupFilter(
    const Predicate& predicate, const TableInfo& table,
    std::shared_ptr<const lake::paimon::TableSchema> snapshot_schema, std::shared_ptr<ScanMetrics> metrics) {
  auto ranges = RowRangeFilter(predicate, table, std::move(snapshot_schema), std::move(metrics));
  if (!ranges) return {};
  return [ranges](const parquet::ParquetFileReader& file, const lake::paimon::TableSchema& file_schema, int rg) {
    auto kept = ranges(file, file_schema, rg);
    return !kept || !kept->empty();
  };
}

RowRangeHook RowRangeFilter(const Predicate& predicate, const TableInfo& table,
                            std::shared_ptr<const lake::paimon::TableSchema> snapshot_schema,
                            std::shared_ptr<ScanMetrics> metrics) {
  using Ranges = std::optional<std::vector<parquet::RowRange>>;
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
             const parquet::ParquetFileReader& file, const lake::paimon::TableSchema& file_schema, int rg) -> Ranges {
    // Per referenced column: its name in the file and footer stats (null: none).
    std::map<size_t, std::pair<std::string, ColumnStats>> known;
    std::map<size_t, std::string> formats;  // the file column's Arrow format
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
      formats[index] = chunk.arrow_format;
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
    if (expr::MayMatch(*shared, lookup) == expr::MatchResult::kNever) return Ranges(std::in_place);
    if (dictionaries) {
      // Dictionaries: a row group whose every value of some column fails the
      // predicate (with the other columns as their stats say) has no match.
      for (const auto& [index, entry] : std::map<size_t, std::pair<std::string, ColumnStats>>(known)) {
        // Dictionary entries of byte decimals are raw two's complement, not
        // the digits BoundOf takes.
        if ((*columns)[index].type.root == TypeRoot::kDecimal) continue;
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
          auto lit = BoundOf(v, type, formats[index]);
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
          return Ranges(std::in_place);
        }
      }
    }
    return PagesMayMatch(file, rg, *shared, resolve, metrics);
  };
}

}  // namespace fluss_native::read
