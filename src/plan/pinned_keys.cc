#include "plan/pinned_keys.h"

#include <algorithm>
#include <map>
#include <string>

#include "format/keys/bucketing.h"
#include "format/keys/key_encoder.h"
#include "format/keys/key_value.h"

namespace fluss_native::plan {
namespace {

// Top-level column index -> the values it is pinned to (the smallest set
// when several conjuncts pin it: each one must hold anyway).
std::map<int, std::vector<Literal>> PinnedColumns(const expr::BoundPredicate& predicate) {
  std::vector<const expr::BoundPredicate*> conjuncts;
  if (predicate.op == PredicateOp::kAnd) {
    for (const auto& c : predicate.children) conjuncts.push_back(&c);
  } else {
    conjuncts.push_back(&predicate);
  }
  std::map<int, std::vector<Literal>> pinned;
  for (const auto* c : conjuncts) {
    if (c->op != PredicateOp::kEq && c->op != PredicateOp::kIn) continue;
    if (c->column.indexes.size() != 1 || c->literals.empty()) continue;
    bool has_null = std::any_of(c->literals.begin(), c->literals.end(),
                                [](const Literal& l) { return l.kind == LiteralKind::kNull; });
    // `c IN (1, NULL)` is TRUE only for 1, but keep it simple: a NULL pins nothing.
    if (has_null) continue;
    std::vector<Literal> values;
    for (const auto& l : c->literals) {
      if (std::find(values.begin(), values.end(), l) == values.end()) values.push_back(l);
    }
    auto it = pinned.find(c->column.indexes[0]);
    if (it == pinned.end() || values.size() < it->second.size()) pinned[c->column.indexes[0]] = std::move(values);
  }
  return pinned;
}

// Every combination of one value per column (in `columns` order), or
// nullopt when a column is not pinned or there are too many.
std::optional<std::vector<std::vector<Literal>>> Tuples(const TableInfo& table, const std::vector<std::string>& columns,
                                                        const expr::BoundPredicate& predicate) {
  auto pinned = PinnedColumns(predicate);
  std::vector<std::vector<Literal>> out{{}};
  for (const auto& name : columns) {
    auto it = pinned.find(table.ColumnIndex(name));
    if (it == pinned.end()) return std::nullopt;
    if (out.size() * it->second.size() > kMaxPinnedKeys) return std::nullopt;
    std::vector<std::vector<Literal>> next;
    for (const auto& prefix : out) {
      for (const auto& v : it->second) {
        next.push_back(prefix);
        next.back().push_back(v);
      }
    }
    out = std::move(next);
  }
  return out;
}

const DataType* TypeOf(const TableInfo& table, const std::string& column) {
  int i = table.ColumnIndex(column);
  return i < 0 ? nullptr : &table.columns[static_cast<size_t>(i)].type;
}

bool PaimonLake(const TableInfo& table) {
  auto f = table.properties.find("table.datalake.format");
  if (f == table.properties.end()) return false;
  std::string v = f->second;
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return v == "paimon";
}

}  // namespace

std::optional<std::set<int>> PinnedBuckets(const TableInfo& table, const expr::BoundPredicate& predicate) {
  if (table.bucket_count <= 0) return std::nullopt;
  // The bucket key: as declared, else (primary-key tables) the primary key
  // without the partition columns. A log table without one spreads rows
  // over buckets by no key.
  std::vector<std::string> bucket_key = table.bucket_keys;
  if (bucket_key.empty() && table.has_primary_key()) {
    for (const auto& c : table.primary_key) {
      if (std::find(table.partition_keys.begin(), table.partition_keys.end(), c) == table.partition_keys.end()) {
        bucket_key.push_back(c);
      }
    }
  }
  if (bucket_key.empty()) return std::nullopt;
  // As the Java writers do (KeyEncoder.ofBucketKeyEncoder, BucketingFunction.of):
  // the lake format picks the encoding and the hash, Paimon's when it is paimon.
  const bool paimon = PaimonLake(table);
  auto format = table.properties.find("table.datalake.format");
  if (format != table.properties.end() && !paimon) {
    std::string v = format->second;
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (v != "lance") return std::nullopt;  // a bucketing we do not know: read every bucket
  }
  const keys::KeyEncoding encoding = paimon ? keys::KeyEncoding::kPaimon : keys::KeyEncoding::kCompacted;
  const keys::BucketingFunction function = paimon ? keys::BucketingFunction::kPaimon : keys::BucketingFunction::kFluss;
  std::vector<DataType> types;
  for (const auto& c : bucket_key) {
    const DataType* t = TypeOf(table, c);
    if (!t || !keys::IsKeyType(*t)) return std::nullopt;
    types.push_back(*t);
  }
  auto tuples = Tuples(table, bucket_key, predicate);
  if (!tuples) return std::nullopt;
  std::set<int> buckets;
  for (const auto& tuple : *tuples) {
    std::vector<keys::KeyValue> values;
    bool possible = true;
    for (size_t i = 0; i < tuple.size() && possible; ++i) {
      auto v = keys::CoerceKeyLiteral(tuple[i], types[i], bucket_key[i]);
      if (!v.ok()) {
        possible = false;  // not a value of the column: no row has it
      } else {
        values.push_back(std::move(*v));
      }
    }
    if (!possible) continue;
    buckets.insert(keys::BucketOf(function, keys::EncodeKey(encoding, types, values), table.bucket_count));
  }
  return buckets;
}

std::optional<std::vector<std::vector<Literal>>> PinnedPrimaryKeys(const TableInfo& table,
                                                                   const expr::BoundPredicate& predicate) {
  if (!table.has_primary_key()) return std::nullopt;
  std::vector<DataType> types;
  for (const auto& c : table.primary_key) {
    const DataType* t = TypeOf(table, c);
    if (!t || !keys::IsKeyType(*t)) return std::nullopt;
    types.push_back(*t);
  }
  auto tuples = Tuples(table, table.primary_key, predicate);
  if (!tuples) return std::nullopt;
  std::vector<std::vector<Literal>> keys;
  for (auto& tuple : *tuples) {
    bool possible = true;
    for (size_t i = 0; i < tuple.size() && possible; ++i) {
      possible = keys::CoerceKeyLiteral(tuple[i], types[i], table.primary_key[i]).ok();
    }
    if (possible) keys.push_back(std::move(tuple));
  }
  return keys;
}

}  // namespace fluss_native::plan
