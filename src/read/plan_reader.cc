#include "read/plan_reader.h"

namespace fluss_native::read {
namespace {

class PlanReader final : public BatchSource {
 public:
  PlanReader(SplitReaderEnv env, ScanPlan plan, DataType type, SplitReadOptions options)
      : env_(std::move(env)), plan_(std::move(plan)), type_(std::move(type)), options_(std::move(options)) {}

  const DataType& output_type() const override { return type_; }

  Result<bool> Next(ArrowArray* out) override {
    for (;;) {
      if (plan_.limit && emitted_ >= *plan_.limit) {
        SuppressUnread();
        return false;
      }
      if (!current_) {
        if (next_split_ >= plan_.splits.size()) return false;
        Split split = plan_.splits[next_split_++];
        if (plan_.limit) split.limit = *plan_.limit - emitted_;
        FN_ASSIGN_OR_RETURN(current_, OpenSplitReader(env_, split, options_));
      }
      FN_ASSIGN_OR_RETURN(bool got, current_->Next(out));
      if (!got) {
        current_.reset();
        continue;
      }
      if (plan_.limit && emitted_ + out->length > *plan_.limit) {
        // A split's own limit already bounds it; this keeps the total exact.
        out->length = *plan_.limit - emitted_;
      }
      emitted_ += out->length;
      return true;
    }
  }

 private:
  // Lake splits the limit left unread are suppressed (ScanMetrics).
  void SuppressUnread() {
    if (!options_.metrics) return;
    current_.reset();  // ends the open split (its own kept/suppressed is booked only when it ran out)
    for (; next_split_ < plan_.splits.size(); ++next_split_) {
      if (!plan_.splits[next_split_].lake_files.empty()) {
        options_.metrics->lake_splits_suppressed.fetch_add(1, std::memory_order_relaxed);
      }
    }
  }

  SplitReaderEnv env_;
  ScanPlan plan_;
  DataType type_;
  SplitReadOptions options_;
  size_t next_split_ = 0;
  std::unique_ptr<BatchSource> current_;
  int64_t emitted_ = 0;
};

}  // namespace

Result<std::unique_ptr<BatchSource>> OpenPlanReader(SplitReaderEnv env, ScanPlan plan, DataType type,
                                                    SplitReadOptions options) {
  return std::unique_ptr<BatchSource>(new PlanReader(std::move(env), std::move(plan), std::move(type), std::move(options)));
}

}  // namespace fluss_native::read
