// Fuzz target: WHERE text as a user, a host or a split (field 33) could give
// it. A predicate that parses must print as text that parses back to an
// equal predicate, and binding it to a table of every scalar type (and a
// ROW) must either succeed or fail cleanly; a bound predicate is evaluated
// over a batch of zero rows and one of four rows with NULLs and edge values
// (NaN, -0.0, extreme integers and decimals, empty and multi-byte strings).
#include "common/type_builder.h"
#include "expr/bound_predicate.h"
#include "expr/evaluate.h"
#include "format/arrow/c_export.h"
#include "fluss_native/predicate.h"
#include "fuzz_target.h"
#include "unit/arrow_builders.h"

using namespace fluss_native;

namespace {

DataType FuzzRow() {
  DataType row = MakeType(TypeRoot::kRow, false);
  const std::pair<const char*, TypeRoot> cols[] = {
      {"b", TypeRoot::kBoolean}, {"i8", TypeRoot::kTinyInt}, {"i", TypeRoot::kInt},
      {"l", TypeRoot::kBigInt},  {"f", TypeRoot::kFloat},    {"d", TypeRoot::kDouble},
      {"s", TypeRoot::kString},  {"y", TypeRoot::kBytes},    {"dt", TypeRoot::kDate},
  };
  for (const auto& [name, root] : cols) AddField(&row, name, MakeType(root, true));
  DataType dec = MakeType(TypeRoot::kDecimal, true, 38);
  dec.scale = 10;
  AddField(&row, "dec", dec);
  AddField(&row, "t", MakeType(TypeRoot::kTime, true, 9));
  AddField(&row, "ts", MakeType(TypeRoot::kTimestamp, true, 6));
  DataType bin = MakeType(TypeRoot::kBinary, true);
  bin.length = 4;
  AddField(&row, "bin", bin);
  DataType nested = MakeType(TypeRoot::kRow, true);
  AddField(&nested, "x", MakeType(TypeRoot::kInt, true));
  AddField(&row, "r", nested);
  return row;
}

ArrowArray FourRows() {
  using namespace testing_arrow;
  using Int128 = __int128;
  const double nan = __builtin_nan("");
  arrow::ArrayNode b;
  b.length = 4;
  b.buffers = {nullptr};
  b.children.push_back(Bools({true, false, std::nullopt, true}));
  b.children.push_back(Fixed<int8_t>({127, -128, std::nullopt, 0}));
  b.children.push_back(Fixed<int32_t>({INT32_MAX, INT32_MIN, 0, std::nullopt}));
  b.children.push_back(Fixed<int64_t>({INT64_MAX, INT64_MIN, std::nullopt, -1}));
  b.children.push_back(Fixed<float>({static_cast<float>(nan), -0.0f, 1.5f, std::nullopt}));
  b.children.push_back(Fixed<double>({nan, -0.0, -__builtin_inf(), std::nullopt}));
  b.children.push_back(Var({"", "h\xc3\xa9llo", std::nullopt, "a%b_"}));
  b.children.push_back(Var({std::string("\0", 1), "\xff", "", std::nullopt}));
  b.children.push_back(Fixed<int32_t>({0, -719162, 2932896, std::nullopt}));
  Int128 big = 1;
  for (int i = 0; i < 38; ++i) big *= 10;
  b.children.push_back(Fixed<Int128>({big - 1, 1 - big, 0, std::nullopt}));
  b.children.push_back(Fixed<int64_t>({0, 86399999999999, std::nullopt, 1}));
  b.children.push_back(Fixed<int64_t>({INT64_MAX, INT64_MIN, 0, std::nullopt}));
  b.children.push_back(FixedBinary({std::string(4, '\0'), "\xff\xff\xff\xff", std::nullopt, "abcd"}, 4));
  arrow::ArrayNode r;
  r.length = 4;
  r.buffers = {nullptr};
  r.children.push_back(Fixed<int32_t>({1, std::nullopt, 3, 4}));
  SetValidity(&r, {true, true, false, true});
  b.children.push_back(std::move(r));
  ArrowArray out;
  arrow::ExportArray(std::move(b), &out);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto p = ParsePredicate(text);
  if (!p.ok()) return 0;
  auto again = ParsePredicate(p->ToString());
  if (!again.ok() || !(*again == *p)) __builtin_trap();
  static const DataType row = FuzzRow();  // immutable after first use
  auto bound = expr::Bind(*p, row);
  if (!bound.ok()) return 0;
  ArrowArray empty;
  arrow::ExportArray(arrow::MakeEmptyArrayNode(row), &empty);
  auto rows = expr::SelectRows(*bound, empty);
  empty.release(&empty);
  if (rows.ok() && !rows->empty()) __builtin_trap();
  ArrowArray four = FourRows();
  auto truth = expr::Evaluate(*bound, four);
  four.release(&four);
  if (truth.ok()) {
    if (truth->size() != 4) __builtin_trap();
    for (uint8_t t : *truth) {
      if (t > expr::kTrue) __builtin_trap();
    }
  }
  return 0;
}

std::vector<std::string> FuzzSeeds() {
  return {"id = 1",
          "i > 0 AND s LIKE 'a%' OR NOT (d IS NULL)",
          "l BETWEEN -9223372036854775808 AND 9223372036854775807",
          "dec IN (1.5, -0.0000000001, NULL) AND f <> 1.5E0",
          "s NOT LIKE 'a!%_' ESCAPE '!' -- comment",
          "dt = DATE '2024-01-01' AND ts > TIMESTAMP '2024-01-01 00:00:00.123456789'",
          "t < TIME '12:00:00.5' OR y = X'00FF' OR bin = X'01020304'",
          "\"r\".x = 1 AND `s` >= 'it''s' AND b = TRUE",
          "d = CAST('NaN' AS DOUBLE) OR 5 > i8"};
}
