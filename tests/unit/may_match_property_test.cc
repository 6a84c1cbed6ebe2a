// The interval evaluator against the row evaluator (expr/evaluate.h, written
// separately): over random small row sets (NULLs, NaN, -0.0, empty strings)
// and random predicates, statistics computed from the rows must never make
// MayMatch say kNever when some row is TRUE, nor kAlways when some row is
// not. Bounds are sometimes loosened (as truncated strings are) and NaN
// counts sometimes unknown.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

#include "common/type_builder.h"
#include "expr/bound_predicate.h"
#include "expr/evaluate.h"
#include "expr/literal_compare.h"
#include "expr/may_match.h"
#include "format/arrow/c_export.h"
#include "unit/arrow_builders.h"

namespace fluss_native::expr {
namespace {

using namespace testing_arrow;

struct Rows {
  std::vector<std::optional<int32_t>> i;
  std::vector<std::optional<double>> d;
  std::vector<std::optional<std::string>> s;
};

DataType RowType() {
  DataType row = MakeType(TypeRoot::kRow, false);
  AddField(&row, "i", MakeType(TypeRoot::kInt, true));
  AddField(&row, "d", MakeType(TypeRoot::kDouble, true));
  AddField(&row, "s", MakeType(TypeRoot::kString, true));
  return row;
}

const double kNaN = std::nan("");

class Gen {
 public:
  explicit Gen(uint32_t seed) : rng_(seed) {}
  int Pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  Literal IntLit() { return Pick(8) == 0 ? Literal::Null() : Literal::Integer(Pick(7) - 3); }
  Literal DoubleLit() {
    static const double v[] = {-1.0, 0.0, -0.0, 1.5, 2.0, HUGE_VAL, -HUGE_VAL};
    int k = Pick(9);
    if (k == 7) return Literal::Double(kNaN);
    if (k == 8) return Literal::Integer(1);
    return Literal::Double(v[k]);
  }
  Literal StringLit() {
    static const char* v[] = {"", "a", "ab", "abc", "b", "ba", "c"};
    return Literal::String(v[Pick(7)]);
  }

  Rows MakeRows() {
    Rows r;
    const int n = 1 + Pick(6);
    for (int k = 0; k < n; ++k) {
      r.i.push_back(Pick(5) == 0 ? std::nullopt : std::optional<int32_t>(Pick(7) - 3));
      std::optional<double> d;
      switch (Pick(8)) {
        case 0: break;
        case 1: d = kNaN; break;
        case 2: d = -0.0; break;
        case 3: d = 0.0; break;
        default: d = (Pick(7) - 3) * 0.5;
      }
      r.d.push_back(d);
      static const char* sv[] = {"", "a", "ab", "abc", "b", "ba", "c"};
      r.s.push_back(Pick(5) == 0 ? std::nullopt : std::optional<std::string>(sv[Pick(7)]));
    }
    return r;
  }

  Predicate Leaf() {
    static const PredicateOp cmp[] = {PredicateOp::kEq, PredicateOp::kNe, PredicateOp::kLt,
                                      PredicateOp::kLe, PredicateOp::kGt, PredicateOp::kGe};
    const int col = Pick(3);
    const ColumnPath path{{col == 0 ? "i" : col == 1 ? "d" : "s"}};
    auto lit = [&]() { return col == 0 ? IntLit() : col == 1 ? DoubleLit() : StringLit(); };
    switch (Pick(7)) {
      case 0:
      case 1: return Predicate::Compare(path, cmp[Pick(6)], lit());
      case 2: return Predicate::Between(path, lit(), lit());
      case 3: {
        std::vector<Literal> in;
        for (int k = 0, n = 1 + Pick(3); k < n; ++k) in.push_back(Pick(6) == 0 ? Literal::Null() : lit());
        return Predicate::In(path, in, Pick(2) == 0);
      }
      case 4: return Predicate::IsNull(path, Pick(2) == 0);
      case 5:
        if (col == 2) {
          static const char* pats[] = {"a%", "ab%", "b_", "%", "abc", "a%c", "_"};
          return Predicate::Like(path, pats[Pick(7)]);
        }
        return Predicate::IsNull(path, true);
      default: return Predicate::Compare(path, cmp[Pick(6)], lit());
    }
  }

  Predicate Tree(int depth) {
    if (depth == 0 || Pick(3) == 0) return Leaf();
    switch (Pick(3)) {
      case 0: return Predicate::And({Tree(depth - 1), Tree(depth - 1)});
      case 1: return Predicate::Or({Tree(depth - 1), Tree(depth - 1)});
      default: return Predicate::Not(Tree(depth - 1));
    }
  }

 private:
  std::mt19937 rng_;
};

// Statistics as a writer keeps them: min/max of the non-null, non-NaN values.
template <typename T>
ColumnStats StatsOf(const std::vector<std::optional<T>>& values, const DataType& type, bool know_nan) {
  ColumnStats s;
  s.row_count = static_cast<int64_t>(values.size());
  int64_t nulls = 0, nans = 0;
  for (const auto& v : values) {
    if (!v) {
      ++nulls;
      continue;
    }
    Literal lit;
    if constexpr (std::is_same_v<T, double>) {
      if (std::isnan(*v)) {
        ++nans;
        continue;
      }
      lit = Literal::Double(*v);
    } else if constexpr (std::is_same_v<T, std::string>) {
      lit = Literal::String(*v);
    } else {
      lit = Literal::Integer(*v);
    }
    if (!s.min || *CompareLiterals(lit, *s.min, type) < 0) s.min = lit;
    if (!s.max || *CompareLiterals(lit, *s.max, type) > 0) s.max = lit;
  }
  s.null_count = nulls;
  s.exact = true;
  if (std::is_same_v<T, double> && know_nan) s.nan_count = nans;
  return s;
}

TEST(MayMatchProperty, NeverContradictsTheRowEvaluator) {
  const DataType row = RowType();
  int never = 0, always = 0, checked = 0;
  for (uint32_t seed = 1; seed <= 3000; ++seed) {
    Gen g(seed);
    Rows rows = g.MakeRows();
    std::map<std::string, ColumnStats> stats;
    const bool know_nan = g.Pick(2) == 0;
    stats["i"] = StatsOf(rows.i, row.children[0], know_nan);
    stats["d"] = StatsOf(rows.d, row.children[1], know_nan);
    stats["s"] = StatsOf(rows.s, row.children[2], know_nan);
    if (g.Pick(3) == 0 && stats["s"].min) {
      // A truncated lower bound (a prefix) and a widened upper one.
      stats["s"].min = Literal::String(stats["s"].min->text.substr(0, stats["s"].min->text.size() / 2));
      stats["s"].max = Literal::String(stats["s"].max->text + "z");
      stats["s"].exact = false;
    }
    if (g.Pick(4) == 0) stats.erase("i");           // no stats at all
    if (g.Pick(5) == 0) stats["d"].null_count.reset();

    arrow::ArrayNode batch;
    batch.length = static_cast<int64_t>(rows.i.size());
    batch.buffers = {nullptr};
    batch.children.push_back(Fixed<int32_t>(rows.i));
    batch.children.push_back(Fixed<double>(rows.d));
    batch.children.push_back(Var(rows.s));
    ArrowArray array{};
    arrow::ExportArray(std::move(batch), &array);

    for (int q = 0; q < 10; ++q) {
      Predicate p = g.Tree(2);
      auto bound = Bind(p, row);
      ASSERT_TRUE(bound.ok()) << p.ToString() << ": " << bound.status().ToString();
      auto truth = Evaluate(*bound, array);
      ASSERT_TRUE(truth.ok()) << truth.status().ToString();
      const MatchResult m = MayMatch(*bound, [&](const BoundColumn& c) -> const ColumnStats* {
        auto it = stats.find(c.path.ToString());
        return it == stats.end() ? nullptr : &it->second;
      });
      bool any_true = false, all_true = true;
      for (uint8_t t : *truth) {
        any_true = any_true || t == kTrue;
        all_true = all_true && t == kTrue;
      }
      ++checked;
      if (m == MatchResult::kNever) {
        ++never;
        EXPECT_FALSE(any_true) << "seed " << seed << ": " << p.ToString() << " said never";
      }
      if (m == MatchResult::kAlways) {
        ++always;
        EXPECT_TRUE(all_true) << "seed " << seed << ": " << p.ToString() << " said always";
      }
    }
    array.release(&array);
  }
  // The evaluator must also prune something, or the property is vacuous.
  EXPECT_GT(never, checked / 20);
  EXPECT_GT(always, checked / 50);
  std::cerr << checked << " checks: never " << never << ", always " << always << "\n";
}

}  // namespace
}  // namespace fluss_native::expr
