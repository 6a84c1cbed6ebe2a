#include "read/residual_filter.h"

#include <algorithm>

#include "expr/evaluate.h"
#include "format/arrow/array_take.h"
#include "format/arrow/arrow_compose.h"

namespace fluss_native::read {
namespace {

class ResidualFilter final : public BatchSource {
 public:
  ResidualFilter(std::unique_ptr<BatchSource> inner, expr::BoundPredicate bound, DataType type,
                 std::optional<int64_t> limit, std::string where)
      : inner_(std::move(inner)), bound_(std::move(bound)), type_(std::move(type)), limit_(limit),
        where_(std::move(where)) {}

  const DataType& output_type() const override { return type_; }

  Result<bool> Next(ArrowArray* out) override {
    while (true) {
      if (limit_ && emitted_ >= *limit_) return false;
      auto batch = std::make_shared<arrow::UniqueArrowArray>();
      FN_ASSIGN_OR_RETURN(bool got, inner_->Next(batch->get()));
      if (!got) return false;
      const ArrowArray& b = *batch->get();
      auto rows = expr::SelectRows(bound_, b);
      if (!rows.ok()) return rows.status().WithContext(where_);
      std::vector<int64_t>& keep = *rows;
      if (limit_ && static_cast<int64_t>(keep.size()) > *limit_ - emitted_) keep.resize(*limit_ - emitted_);
      if (keep.empty()) continue;
      emitted_ += static_cast<int64_t>(keep.size());
      const bool contiguous = keep.back() - keep.front() + 1 == static_cast<int64_t>(keep.size());
      arrow::ArrayNode node;
      if (contiguous) {
        // One run of rows: a slice of the batch, no copy.
        // The columns are sliced rather than the struct, as hosts expect
        // record batches at offset 0.
        node = BorrowArray(b, batch);
        node.children.resize(type_.children.size());
        const int64_t length = static_cast<int64_t>(keep.size());
        for (auto& child : node.children) SliceNode(&child, node.offset + keep.front(), length);
        node.offset = 0;
        node.length = length;
        node.null_count = 0;
        if (!node.buffers.empty()) node.buffers[0] = nullptr;
      } else {
        std::vector<RowRef> refs;
        refs.reserve(keep.size());
        for (int64_t r : keep) refs.push_back({&b, r});
        auto taken = Take(refs, type_);
        if (!taken.ok()) return taken.status().WithContext(where_);
        node = std::move(*taken);
      }
      arrow::ExportArray(std::move(node), out);
      return true;
    }
  }

 private:
  std::unique_ptr<BatchSource> inner_;
  expr::BoundPredicate bound_;
  DataType type_;
  std::optional<int64_t> limit_;
  std::string where_;
  int64_t emitted_ = 0;
};

void Collect(const Predicate& p, std::vector<std::string>* out) {
  if (!p.column().names.empty()) {
    const std::string& name = p.column().names[0];
    if (std::find(out->begin(), out->end(), name) == out->end()) out->push_back(name);
  }
  for (const auto& c : p.children()) Collect(c, out);
}

}  // namespace

std::vector<std::string> PredicateColumns(const Predicate& predicate) {
  std::vector<std::string> out;
  Collect(predicate, &out);
  return out;
}

Result<std::unique_ptr<BatchSource>> FilterRows(std::unique_ptr<BatchSource> inner, const Predicate& predicate,
                                                size_t output_columns, std::optional<int64_t> limit,
                                                std::string where) {
  const DataType& read_type = inner->output_type();
  auto bound = expr::Bind(predicate, read_type);
  if (!bound.ok()) return bound.status().WithContext(where);
  if (output_columns > read_type.children.size()) {
    return Status::Internal(where + ": the filter outputs more columns than it reads");
  }
  DataType out = read_type;
  out.children.resize(output_columns);
  out.field_names.resize(output_columns);
  out.field_ids.resize(std::min(out.field_ids.size(), output_columns));
  out.field_descriptions.resize(output_columns);
  return std::unique_ptr<BatchSource>(
      new ResidualFilter(std::move(inner), std::move(*bound), std::move(out), limit, std::move(where)));
}

}  // namespace fluss_native::read
