#include "read/lookup/lookup_reader.h"

#include <algorithm>
#include <utility>

#include "read/residual_filter.h"

namespace fluss_native::read {
namespace {

// The looked-up rows as one batch (or none).
class LookupRowsSource final : public BatchSource {
 public:
  explicit LookupRowsSource(LookupRows rows) : rows_(std::move(rows)) {}
  const DataType& output_type() const override { return rows_.row_type; }
  Result<bool> Next(ArrowArray* out) override {
    if (done_ || rows_.batch.length == 0) return false;
    done_ = true;
    arrow::ExportArray(std::move(rows_.batch), out);
    return true;
  }

 private:
  LookupRows rows_;
  bool done_ = false;
};

}  // namespace

Result<std::unique_ptr<BatchSource>> OpenLookupReader(const LookupEnv& env, const ScanPlan& plan) {
  if (!plan.lookup_keys) return Status::Internal("table '" + plan.table.ToString() + "': a lookup plan without keys");
  // The output columns, then what the predicate reads besides them.
  std::vector<std::string> columns = plan.columns;
  if (plan.predicate) {
    for (const auto& c : PredicateColumns(*plan.predicate)) {
      if (std::find(columns.begin(), columns.end(), c) == columns.end()) columns.push_back(c);
    }
  }
  LookupRows rows;
  if (!plan.lookup_keys->empty()) {
    FN_ASSIGN_OR_RETURN(rows, LookupByKeys(env, plan.table, LookupKind::kPrimaryKey, *plan.lookup_keys, columns));
  } else {
    // No key can exist (e.g. `id = 1.5` on an INT key): no rows, the plan's type.
    FN_ASSIGN_OR_RETURN(auto info, env.catalog->GetTable(plan.table));
    rows.row_type = RowOf(*info, columns);
    rows.batch.length = 0;
  }
  std::unique_ptr<BatchSource> inner = std::make_unique<LookupRowsSource>(std::move(rows));
  if (!plan.predicate) return inner;
  return FilterRows(std::move(inner), *plan.predicate, plan.columns.size(), plan.limit,
                    "table '" + plan.table.ToString() + "' lookup of " + std::to_string(plan.lookup_keys->size()) +
                        " key(s)");
}

}  // namespace fluss_native::read
