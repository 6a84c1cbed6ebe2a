// KeyedMerge against a naive reference (a std::map by the raw bytes of the
// key values, the way Fluss and Paimon compare keys): random batches with
// every key type the readers use, both version policies and their union,
// deletes and re-inserts, nulls in value columns; spilling under a tiny
// budget gives the same rows as the in-memory merge; the spill directory
// is private and gone after destruction; spill and temp-dir failures are
// errors that name what failed.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "format/arrow/array_take.h"
#include "read/merge/keyed_merge.h"
#include "read/merge/key_bytes.h"

namespace fluss_native::read::merge {
namespace {

using Value = std::optional<std::string>;  // raw Arrow bytes of one value (little-endian), nullopt = null
using Row = std::vector<Value>;

DataType Type(TypeRoot root, bool nullable, int precision = 0, int scale = 0) {
  DataType t;
  t.root = root;
  t.nullable = nullable;
  t.precision = precision;
  t.scale = scale;
  return t;
}

DataType RowType(const std::vector<DataType>& fields) {
  DataType row = Type(TypeRoot::kRow, false);
  for (size_t i = 0; i < fields.size(); ++i) {
    row.children.push_back(fields[i]);
    row.field_names.push_back("c" + std::to_string(i));
    row.field_ids.push_back(-1);
    row.field_descriptions.push_back(std::nullopt);
  }
  return row;
}

bool Variable(const DataType& t) {
  return t.root == TypeRoot::kString || t.root == TypeRoot::kBytes || t.root == TypeRoot::kChar;
}

template <typename T>
Value Bytes(T v) {
  return std::string(reinterpret_cast<const char*>(&v), sizeof(v));
}

// One column of `values` in Arrow's layout.
arrow::ArrayNode Column(const DataType& t, const std::vector<Value>& values) {
  const size_t n = values.size();
  arrow::ArrayNode node;
  node.length = static_cast<int64_t>(n);
  auto bits = *arrow::OwnedBuffer::Allocate((n + 7) / 8 + 1);
  int64_t nulls = 0;
  for (size_t i = 0; i < n; ++i) {
    if (values[i]) bits->data()[i / 8] |= static_cast<uint8_t>(1u << (i % 8));
    else ++nulls;
  }
  node.null_count = nulls;
  node.buffers.push_back(nulls ? bits->data() : nullptr);
  node.keep_alive.push_back(bits);
  if (Variable(t)) {
    auto offsets = *arrow::OwnedBuffer::Allocate((n + 1) * 4);
    std::string data;
    auto* off = reinterpret_cast<int32_t*>(offsets->data());
    for (size_t i = 0; i < n; ++i) {
      off[i] = static_cast<int32_t>(data.size());
      if (values[i]) data += *values[i];
    }
    off[n] = static_cast<int32_t>(data.size());
    auto body = *arrow::OwnedBuffer::Allocate(std::max<size_t>(1, data.size()));
    std::memcpy(body->data(), data.data(), data.size());
    node.buffers.push_back(offsets->data());
    node.buffers.push_back(body->data());
    node.keep_alive.push_back(offsets);
    node.keep_alive.push_back(body);
  } else {
    const size_t width = static_cast<size_t>(FixedWidthBytes(t));
    auto body = *arrow::OwnedBuffer::Allocate(std::max<size_t>(1, n * width));
    for (size_t i = 0; i < n; ++i) {
      if (values[i]) std::memcpy(body->data() + i * width, values[i]->data(), width);
    }
    node.buffers.push_back(body->data());
    node.keep_alive.push_back(body);
  }
  return node;
}

Value ValueAt(const ArrowArray& a, const DataType& t, int64_t row) {
  if (!IsValid(RowRef{&a, row})) return std::nullopt;
  const int64_t at = a.offset + row;
  if (Variable(t)) {
    const auto* off = static_cast<const int32_t*>(a.buffers[1]);
    return std::string(static_cast<const char*>(a.buffers[2]) + off[at], static_cast<size_t>(off[at + 1] - off[at]));
  }
  const int width = FixedWidthBytes(t);
  return std::string(static_cast<const char*>(a.buffers[1]) + at * width, static_cast<size_t>(width));
}

// One input row as the test generates it.
struct InputRow {
  Row columns;  // the output columns
  Row keys;     // the key columns (some may repeat output columns)
  int64_t version = 0;
  int8_t kind = 0;
};

struct InputBatch {
  RowSource source = RowSource::kLog;
  std::vector<InputRow> rows;
};

struct Shape {
  std::vector<DataType> columns;   // output columns
  std::vector<DataType> keys;      // key column types
  std::vector<int> key_in_output;  // per key column: its output column, or -1 (a column outside the output)
};

// The merge's input arrays for one batch: one struct array whose children
// are the output columns, then the key columns outside the output, then
// versions and kinds.
MergeBatch ToMergeBatch(const Shape& shape, const InputBatch& in, const std::string& origin) {
  std::vector<DataType> all = shape.columns;
  for (size_t k = 0; k < shape.keys.size(); ++k) {
    if (shape.key_in_output[k] < 0) all.push_back(shape.keys[k]);
  }
  all.push_back(Type(TypeRoot::kBigInt, false));
  all.push_back(Type(TypeRoot::kTinyInt, false));
  arrow::ArrayNode node;
  node.length = static_cast<int64_t>(in.rows.size());
  node.buffers = {nullptr};
  size_t c = 0;
  auto column = [&](auto value_of) {
    std::vector<Value> values;
    for (const auto& r : in.rows) values.push_back(value_of(r));
    node.children.push_back(Column(all[c++], values));
  };
  for (size_t i = 0; i < shape.columns.size(); ++i) column([&](const InputRow& r) { return r.columns[i]; });
  for (size_t k = 0; k < shape.keys.size(); ++k) {
    if (shape.key_in_output[k] < 0) column([&](const InputRow& r) { return r.keys[k]; });
  }
  column([](const InputRow& r) { return Bytes(r.version); });
  column([](const InputRow& r) { return Bytes(r.kind); });
  auto owned = std::make_shared<arrow::UniqueArrowArray>();
  arrow::ExportArray(std::move(node), owned->get());
  const ArrowArray& a = *owned->get();
  MergeBatch b;
  b.source = in.source;
  b.length = a.length;
  for (size_t i = 0; i < shape.columns.size(); ++i) b.columns.push_back(a.children[i]);
  size_t extra = shape.columns.size();
  for (size_t k = 0; k < shape.keys.size(); ++k) {
    b.keys.push_back(shape.key_in_output[k] >= 0 ? a.children[shape.key_in_output[k]] : a.children[extra++]);
  }
  b.versions = a.children[extra];
  b.kinds = a.children[extra + 1];
  b.owner = owned;
  b.origin = origin;
  return b;
}

bool Retracts(RowSource source, int8_t kind) {
  return source == RowSource::kLake ? (kind == 1 || kind == 3) : (kind == 2 || kind == 4);
}

// The reference: per key (raw bytes of each key value), the max of
// (source, version, arrival); keys whose winner retracts are dropped.
std::vector<Row> Reference(const std::vector<InputBatch>& batches) {
  struct W {
    std::tuple<int, int64_t, int64_t> version;
    bool retract;
    Row columns;
  };
  std::map<Row, W> state;
  int64_t arrival = 0;
  for (const auto& b : batches) {
    for (const auto& r : b.rows) {
      W w{{static_cast<int>(b.source), r.version, arrival++}, Retracts(b.source, r.kind), r.columns};
      auto [it, inserted] = state.try_emplace(r.keys, w);
      if (!inserted && it->second.version < w.version) it->second = w;
    }
  }
  std::vector<Row> out;
  for (const auto& [k, w] : state) {
    if (!w.retract) out.push_back(w.columns);
  }
  std::sort(out.begin(), out.end());
  return out;
}

struct MergeResult {
  Status status;
  std::vector<Row> rows;  // in output order
  KeyedMergeStats stats;
  std::string spill_dir;
};

MergeResult RunMerge(const Shape& shape, const std::vector<InputBatch>& batches, int64_t budget,
                     const std::string& temp_dir, int64_t max_rows = 1000) {
  MergeResult result;
  KeyedMergeOptions options;
  options.output_type = RowType(shape.columns);
  options.key_types = shape.keys;
  options.memory_budget = budget;
  options.temp_dir = temp_dir;
  options.description = "test table bucket 0";
  auto merge = KeyedMerge::Create(options);
  if (!merge.ok()) {
    result.status = merge.status();
    return result;
  }
  for (size_t i = 0; i < batches.size(); ++i) {
    Status st = (*merge)->Add(ToMergeBatch(shape, batches[i], "batch " + std::to_string(i)));
    if (!st.ok()) {
      result.status = st;
      return result;
    }
  }
  result.spill_dir = (*merge)->spill_directory();
  for (;;) {
    arrow::UniqueArrowArray out;
    auto got = (*merge)->Next(out.get(), max_rows);
    if (!got.ok()) {
      result.status = got.status();
      return result;
    }
    if (!*got) break;
    EXPECT_LE(out->length, max_rows);
    EXPECT_EQ(out->n_children, static_cast<int64_t>(shape.columns.size()));
    for (int64_t r = 0; r < out->length; ++r) {
      Row row;
      for (size_t c = 0; c < shape.columns.size(); ++c) row.push_back(ValueAt(*out->children[c], shape.columns[c], r));
      result.rows.push_back(std::move(row));
    }
  }
  result.stats = (*merge)->stats();
  return result;
}

std::vector<Row> Sorted(std::vector<Row> rows) {
  std::sort(rows.begin(), rows.end());
  return rows;
}

// Random values of a type, from a small domain so keys collide often.
class Values {
 public:
  explicit Values(uint32_t seed) : rng_(seed) {}

  Value Key(const DataType& t) {
    switch (t.root) {
      case TypeRoot::kInt: return Bytes(static_cast<int32_t>(Pick(40)) - 20);
      case TypeRoot::kFloat: {
        // -0.0 and 0.0 differ, two NaNs with different payloads differ.
        static const uint32_t bits[] = {0x00000000u, 0x80000000u, 0x7fc00000u, 0x7fc00001u, 0xffc00000u,
                                        0x3fc00000u, 0xbfc00000u, 0x7f800000u, 0xff800000u, 0x00000001u};
        return Bytes(bits[Pick(10)]);
      }
      case TypeRoot::kDouble: {
        static const uint64_t bits[] = {0x0ull, 0x8000000000000000ull, 0x7ff8000000000000ull, 0x7ff8000000000001ull,
                                        0x3ff8000000000000ull, 0xbff8000000000000ull, 0x7ff0000000000000ull,
                                        0x0000000000000001ull};
        return Bytes(bits[Pick(8)]);
      }
      case TypeRoot::kTimestamp:  // TIMESTAMP(9): nanoseconds, negative ones too
        return Bytes(static_cast<int64_t>(Pick(30)) * 999'999'937 - 7'000'000'000);
      case TypeRoot::kDecimal: {  // DECIMAL128, sign-extended
        int64_t lo = static_cast<int64_t>(Pick(30)) - 15;
        if (Pick(5) == 0) lo *= 100'000'000'000'000'000;
        int64_t hi = lo < 0 ? -1 : 0;
        std::string v = *Bytes(lo);
        v += *Bytes(hi);
        return v;
      }
      case TypeRoot::kBytes:
      case TypeRoot::kString: {
        // Short strings over {0x00, 'a', 0xff}: escapes, prefixes, empties.
        std::string s;
        size_t len = Pick(4);
        for (size_t i = 0; i < len; ++i) s.push_back("\0a\xff"[Pick(3)]);
        return s;
      }
      default: ADD_FAILURE() << "no key values for " << static_cast<int>(t.root); return std::nullopt;
    }
  }

  Value Payload(const DataType& t) {
    if (t.nullable && Pick(4) == 0) return std::nullopt;
    if (Variable(t)) return std::string(Pick(12), static_cast<char>('a' + Pick(26)));
    std::string v(static_cast<size_t>(FixedWidthBytes(t)), '\0');
    for (auto& c : v) c = static_cast<char>(Pick(256));
    return v;
  }

  size_t Pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

 private:
  std::mt19937 rng_;
};

// Random batches for `shape`. Log rows get increasing offsets and Fluss
// change types; lake rows random sequence numbers (ties included) and
// Paimon row kinds.
std::vector<InputBatch> RandomInput(const Shape& shape, uint32_t seed, const std::vector<RowSource>& sources,
                                    int rows_per_source) {
  Values v(seed);
  std::vector<InputBatch> batches;
  int64_t offset = 0;
  for (RowSource source : sources) {
    int left = rows_per_source;
    while (left > 0) {
      InputBatch b;
      b.source = source;
      int n = std::min<int>(left, 1 + static_cast<int>(v.Pick(60)));
      left -= n;
      for (int i = 0; i < n; ++i) {
        InputRow r;
        r.keys.resize(shape.keys.size());
        for (size_t k = 0; k < shape.keys.size(); ++k) r.keys[k] = v.Key(shape.keys[k]);
        for (size_t c = 0; c < shape.columns.size(); ++c) r.columns.push_back(v.Payload(shape.columns[c]));
        for (size_t k = 0; k < shape.keys.size(); ++k) {
          if (shape.key_in_output[k] >= 0) r.columns[static_cast<size_t>(shape.key_in_output[k])] = r.keys[k];
        }
        if (source == RowSource::kLog) {
          r.version = offset++;
          static const int8_t kinds[] = {1, 1, 3, 3, 2, 4, 0};  // +I +I +U +U -U -D +A
          r.kind = kinds[v.Pick(7)];
        } else {
          r.version = static_cast<int64_t>(v.Pick(50));
          static const int8_t kinds[] = {0, 0, 2, 2, 1, 3};  // +I +I +U +U -U -D
          r.kind = kinds[v.Pick(6)];
        }
        b.rows.push_back(std::move(r));
      }
      batches.push_back(std::move(b));
    }
  }
  return batches;
}

// Every key type, alone and composite. Value columns include nullable ones.
std::vector<std::pair<std::string, Shape>> Shapes() {
  const DataType value_str = Type(TypeRoot::kString, true);
  const DataType value_long = Type(TypeRoot::kBigInt, true);
  const DataType value_dec = Type(TypeRoot::kDecimal, true, 20, 4);
  auto single = [&](DataType key) {
    key.nullable = false;
    return Shape{{key, value_str, value_long, value_dec}, {key}, {0}};
  };
  std::vector<std::pair<std::string, Shape>> shapes = {
      {"int", single(Type(TypeRoot::kInt, false))},
      {"float", single(Type(TypeRoot::kFloat, false))},
      {"double", single(Type(TypeRoot::kDouble, false))},
      {"timestamp9", single(Type(TypeRoot::kTimestamp, false, 9))},
      {"decimal38", single(Type(TypeRoot::kDecimal, false, 38, 10))},
      {"bytes", single(Type(TypeRoot::kBytes, false))},
      {"string", single(Type(TypeRoot::kString, false))},
  };
  // Composite: (STRING, DOUBLE, DECIMAL), the DOUBLE key outside the output
  // columns (as the lake scanner reads key columns it does not output).
  Shape composite{{Type(TypeRoot::kString, false), value_long, Type(TypeRoot::kDecimal, false, 18, 2), value_str},
                  {Type(TypeRoot::kString, false), Type(TypeRoot::kDouble, false), Type(TypeRoot::kDecimal, false, 18, 2)},
                  {0, -1, 2}};
  shapes.emplace_back("composite", composite);
  Shape composite2{{Type(TypeRoot::kInt, false), Type(TypeRoot::kTimestamp, false, 9), value_str},
                   {Type(TypeRoot::kInt, false), Type(TypeRoot::kTimestamp, false, 9)},
                   {0, 1}};
  shapes.emplace_back("int_timestamp9", composite2);
  return shapes;
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = ::testing::TempDir() + "keyed_merge_test-XXXXXX";
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    path_ = mkdtemp(name.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  const std::string& path() const { return path_; }
  bool Empty() const { return std::filesystem::is_empty(path_); }

 private:
  std::string path_;
};

constexpr int64_t kHuge = int64_t{1} << 40;

TEST(KeyedMergeTest, MatchesTheReferenceForEveryPolicyAndKeyType) {
  TempDir tmp;
  const std::vector<std::pair<std::string, std::vector<RowSource>>> policies = {
      {"log offsets", {RowSource::kLog}},
      {"lake sequence numbers", {RowSource::kLake}},
      {"lake then log (union)", {RowSource::kLake, RowSource::kLog}},
  };
  for (const auto& [name, shape] : Shapes()) {
    for (const auto& [policy, sources] : policies) {
      for (uint32_t seed = 1; seed <= 3; ++seed) {
        SCOPED_TRACE(name + ", " + policy + ", seed " + std::to_string(seed));
        auto input = RandomInput(shape, seed * 7919 + static_cast<uint32_t>(name.size()), sources, 600);
        auto expected = Reference(input);
        ASSERT_FALSE(expected.empty());
        MergeResult memory = RunMerge(shape, input, kHuge, tmp.path());
        ASSERT_TRUE(memory.status.ok()) << memory.status.ToString();
        EXPECT_EQ(memory.stats.spill_runs, 0);
        EXPECT_EQ(memory.spill_dir, "");
        EXPECT_EQ(Sorted(memory.rows), expected);
        // A budget of 1 KiB spills many runs; the rows come out the same
        // and in the same order.
        MergeResult spilled = RunMerge(shape, input, 1024, tmp.path());
        ASSERT_TRUE(spilled.status.ok()) << spilled.status.ToString();
        EXPECT_GE(spilled.stats.spill_runs, 3);
        EXPECT_EQ(spilled.rows, memory.rows);
        EXPECT_TRUE(tmp.Empty()) << "spill directory left behind";
      }
    }
  }
}

// The merge's key equality is bit equality: 0.0 and -0.0 are two keys,
// one NaN pattern is one key.
TEST(KeyedMergeTest, FloatKeysCompareByBits) {
  TempDir tmp;
  Shape shape{{Type(TypeRoot::kDouble, false), Type(TypeRoot::kInt, true)}, {Type(TypeRoot::kDouble, false)}, {0}};
  auto row = [](double key, int32_t value, int64_t offset, int8_t kind) {
    return InputRow{{Bytes(key), Bytes(value)}, {Bytes(key)}, offset, kind};
  };
  const double nan = std::numeric_limits<double>::quiet_NaN();
  InputBatch b;
  b.source = RowSource::kLog;
  b.rows = {row(0.0, 1, 0, 1), row(-0.0, 2, 1, 1), row(nan, 3, 2, 1), row(nan, 4, 3, 3), row(1.0, 5, 4, 1),
            row(1.0, 5, 5, 4)};
  MergeResult r = RunMerge(shape, {b}, kHuge, tmp.path());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  ASSERT_EQ(r.rows.size(), 3u);
  std::map<std::string, int32_t> by_key;
  for (const auto& row : r.rows) {
    int32_t v;
    std::memcpy(&v, row[1]->data(), 4);
    by_key[*row[0]] = v;
  }
  EXPECT_EQ(by_key.at(*Bytes(0.0)), 1);
  EXPECT_EQ(by_key.at(*Bytes(-0.0)), 2);
  EXPECT_EQ(by_key.at(*Bytes(nan)), 4);
}

// Delete, re-insert, delete again: the last change decides, in memory and
// across spill runs (a key's rows spread over many runs).
TEST(KeyedMergeTest, DeletesAndReinsertsAcrossRuns) {
  TempDir tmp;
  Shape shape{{Type(TypeRoot::kInt, false), Type(TypeRoot::kString, true)}, {Type(TypeRoot::kInt, false)}, {0}};
  std::vector<InputBatch> batches;
  int64_t offset = 0;
  for (int round = 0; round < 40; ++round) {
    InputBatch b;
    b.source = RowSource::kLog;
    for (int32_t k = 0; k < 20; ++k) {
      // Key k is deleted in rounds where (round + k) % 3 == 2, else upserted.
      const int8_t kind = (round + k) % 3 == 2 ? 4 : (round == 0 ? 1 : 3);
      b.rows.push_back(InputRow{{Bytes(k), std::string("r" + std::to_string(round))}, {Bytes(k)}, offset++, kind});
    }
    batches.push_back(std::move(b));
  }
  const auto expected = Reference(batches);
  for (int64_t budget : {kHuge, int64_t{2048}}) {
    MergeResult r = RunMerge(shape, batches, budget, tmp.path());
    ASSERT_TRUE(r.status.ok()) << r.status.ToString();
    EXPECT_EQ(Sorted(r.rows), expected) << "budget " << budget;
    if (budget != kHuge) {
      EXPECT_GE(r.stats.spill_runs, 5);
    }
  }
  // Round 39: keys with (39 + k) % 3 == 2, i.e. k % 3 == 2, are deleted.
  EXPECT_EQ(expected.size(), 14u);
}

// Lake rows: the higher sequence number wins whatever the file order, a
// tie goes to the row added later; any log row beats any lake row.
TEST(KeyedMergeTest, LakeSequenceTiesAndLogOverLake) {
  TempDir tmp;
  Shape shape{{Type(TypeRoot::kInt, false), Type(TypeRoot::kInt, true)}, {Type(TypeRoot::kInt, false)}, {0}};
  auto row = [](int32_t key, int32_t value, int64_t version, int8_t kind) {
    return InputRow{{Bytes(key), Bytes(value)}, {Bytes(key)}, version, kind};
  };
  InputBatch older{RowSource::kLake, {row(1, 10, 5, 0), row(2, 20, 5, 0), row(3, 30, 9, 0), row(4, 40, 1, 0)}};
  InputBatch newer{RowSource::kLake, {row(1, 11, 4, 2), row(2, 21, 5, 2), row(3, 31, 8, 3), row(4, 41, 2, 3)}};
  InputBatch log{RowSource::kLog, {row(4, 42, 0, 1), row(3, 0, 1, 4)}};
  MergeResult r = RunMerge(shape, {older, newer, log}, kHuge, tmp.path());
  ASSERT_TRUE(r.status.ok()) << r.status.ToString();
  std::map<int32_t, int32_t> got;
  for (const auto& row : r.rows) {
    int32_t k, v;
    std::memcpy(&k, row[0]->data(), 4);
    std::memcpy(&v, row[1]->data(), 4);
    got[k] = v;
  }
  // 1: seq 5 beats 4; 2: tie, the newer file; 3: lake seq 9 put, then a log
  // delete; 4: lake delete (seq 2), then a log insert.
  EXPECT_EQ(got, (std::map<int32_t, int32_t>{{1, 10}, {2, 21}, {4, 42}}));
}

// Output comes in key order (the encoding sorts like the values).
TEST(KeyedMergeTest, OutputIsInKeyOrder) {
  TempDir tmp;
  Shape shape{{Type(TypeRoot::kBigInt, false)}, {Type(TypeRoot::kBigInt, false)}, {0}};
  InputBatch b{RowSource::kLog, {}};
  const int64_t keys[] = {5, -3, 1ll << 40, 0, -(1ll << 40), 2};
  int64_t offset = 0;
  for (int64_t k : keys) b.rows.push_back(InputRow{{Bytes(k)}, {Bytes(k)}, offset++, 1});
  for (int64_t budget : {kHuge, int64_t{64}}) {
    MergeResult r = RunMerge(shape, {b}, budget, tmp.path(), 2);
    ASSERT_TRUE(r.status.ok()) << r.status.ToString();
    std::vector<int64_t> got;
    for (const auto& row : r.rows) {
      int64_t v;
      std::memcpy(&v, row[0]->data(), 8);
      got.push_back(v);
    }
    EXPECT_EQ(got, (std::vector<int64_t>{-(1ll << 40), -3, 0, 2, 5, 1ll << 40}));
  }
}

// More runs than the fan-in: runs are merged into bigger ones first.
TEST(KeyedMergeTest, ManyRunsAreMergedInPasses) {
  TempDir tmp;
  Shape shape{{Type(TypeRoot::kString, false), Type(TypeRoot::kBigInt, true)}, {Type(TypeRoot::kString, false)}, {0}};
  auto input = RandomInput(shape, 99, {RowSource::kLake, RowSource::kLog}, 3000);
  MergeResult memory = RunMerge(shape, input, kHuge, tmp.path());
  ASSERT_TRUE(memory.status.ok()) << memory.status.ToString();
  MergeResult spilled = RunMerge(shape, input, 512, tmp.path());
  ASSERT_TRUE(spilled.status.ok()) << spilled.status.ToString();
  EXPECT_GT(spilled.stats.spill_runs, static_cast<int64_t>(KeyedMerge::kMaxFanIn));
  EXPECT_EQ(spilled.rows, memory.rows);
  EXPECT_EQ(Sorted(memory.rows), Reference(input));
  EXPECT_TRUE(tmp.Empty());
}

// The spill directory is private (made under the configured temp dir),
// holds the runs while the merge lives, and is gone after destruction.
TEST(KeyedMergeTest, SpillDirectoryIsRemovedWithTheMerge) {
  TempDir tmp;
  Shape shape{{Type(TypeRoot::kInt, false), Type(TypeRoot::kString, true)}, {Type(TypeRoot::kInt, false)}, {0}};
  auto input = RandomInput(shape, 5, {RowSource::kLog}, 2000);
  KeyedMergeOptions options;
  options.output_type = RowType(shape.columns);
  options.key_types = shape.keys;
  options.memory_budget = 1024;
  options.temp_dir = tmp.path();
  options.description = "test";
  std::string dir;
  {
    auto merge = KeyedMerge::Create(options);
    ASSERT_TRUE(merge.ok());
    for (const auto& b : input) ASSERT_TRUE((*merge)->Add(ToMergeBatch(shape, b, "b")).ok());
    dir = (*merge)->spill_directory();
    ASSERT_FALSE(dir.empty());
    EXPECT_EQ(std::filesystem::path(dir).parent_path(), std::filesystem::path(tmp.path()));
    EXPECT_FALSE(std::filesystem::is_empty(dir));
    arrow::UniqueArrowArray out;
    ASSERT_TRUE((*merge)->Next(out.get()).ok());  // destroyed in the middle of reading
    struct stat st;
    ASSERT_EQ(stat(dir.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0700u);  // mkdtemp: only the owner
  }
  EXPECT_FALSE(std::filesystem::exists(dir));
  EXPECT_TRUE(tmp.Empty());
}

// A merge cancelled mid-way (runs spilled, output half read) answers
// Cancelled naming the merge at its next step, with no more rows, and still
// removes its spill directory.
TEST(KeyedMergeTest, CancelledMidwayStopsAtTheNextBatch) {
  TempDir tmp;
  Shape shape{{Type(TypeRoot::kInt, false), Type(TypeRoot::kString, true)}, {Type(TypeRoot::kInt, false)}, {0}};
  auto input = RandomInput(shape, 11, {RowSource::kLog}, 4000);
  ASSERT_GE(input.size(), 4u);
  KeyedMergeOptions options;
  options.output_type = RowType(shape.columns);
  options.key_types = shape.keys;
  options.memory_budget = 1024;
  options.temp_dir = tmp.path();
  options.description = "test table bucket 3";
  options.cancel = std::make_shared<CancellationToken>();
  {
    // Cancelled while batches are being added (between spill runs).
    auto merge = KeyedMerge::Create(options);
    ASSERT_TRUE(merge.ok());
    size_t i = 0;
    for (; i < input.size() / 2; ++i) ASSERT_TRUE((*merge)->Add(ToMergeBatch(shape, input[i], "b")).ok());
    EXPECT_GT((*merge)->stats().spill_runs, 0);
    options.cancel->Cancel();
    Status st = (*merge)->Add(ToMergeBatch(shape, input[i], "b"));
    EXPECT_EQ(st.code(), StatusCode::kCancelled) << st.ToString();
    EXPECT_NE(st.message().find("test table bucket 3"), std::string::npos) << st.ToString();
  }
  EXPECT_TRUE(tmp.Empty());
  options.cancel = std::make_shared<CancellationToken>();
  {
    // Cancelled while the output is read.
    auto merge = KeyedMerge::Create(options);
    ASSERT_TRUE(merge.ok());
    for (const auto& b : input) ASSERT_TRUE((*merge)->Add(ToMergeBatch(shape, b, "b")).ok());
    arrow::UniqueArrowArray first;
    auto got = (*merge)->Next(first.get(), 10);
    ASSERT_TRUE(got.ok() && *got) << got.status().ToString();
    options.cancel->Cancel();
    arrow::UniqueArrowArray second;
    auto next = (*merge)->Next(second.get(), 10);
    ASSERT_FALSE(next.ok());
    EXPECT_EQ(next.status().code(), StatusCode::kCancelled) << next.status().ToString();
    EXPECT_EQ(second->release, nullptr);
  }
  EXPECT_TRUE(tmp.Empty());
}

TEST(KeyedMergeTest, UnusableTempDirIsAClearError) {
  TempDir tmp;
  const std::string file = tmp.path() + "/not-a-dir";
  std::ofstream(file) << "x";
  Shape shape{{Type(TypeRoot::kInt, false)}, {Type(TypeRoot::kInt, false)}, {0}};
  auto input = RandomInput(shape, 3, {RowSource::kLog}, 500);
  for (const std::string& bad : {file, tmp.path() + "/missing/dir"}) {
    MergeResult r = RunMerge(shape, input, 256, bad);
    ASSERT_FALSE(r.status.ok());
    EXPECT_EQ(r.status.code(), StatusCode::kInvalidArgument);
    EXPECT_NE(r.status.message().find("cannot create a spill directory under '" + bad + "'"), std::string::npos)
        << r.status.ToString();
    EXPECT_NE(r.status.message().find("test table bucket 0"), std::string::npos) << r.status.ToString();
  }
}

// A run changed behind the merge's back is a Corruption naming the file.
TEST(KeyedMergeTest, DamagedSpillFileIsNamed) {
  TempDir tmp;
  Shape shape{{Type(TypeRoot::kInt, false), Type(TypeRoot::kString, true)}, {Type(TypeRoot::kInt, false)}, {0}};
  auto input = RandomInput(shape, 11, {RowSource::kLog}, 2000);
  KeyedMergeOptions options;
  options.output_type = RowType(shape.columns);
  options.key_types = shape.keys;
  options.memory_budget = 2048;
  options.temp_dir = tmp.path();
  options.description = "table 'db.t' bucket 7";
  auto merge = KeyedMerge::Create(options);
  ASSERT_TRUE(merge.ok());
  for (const auto& b : input) ASSERT_TRUE((*merge)->Add(ToMergeBatch(shape, b, "b")).ok());
  const std::string run = (*merge)->spill_directory() + "/run-0.arrows";
  ASSERT_TRUE(std::filesystem::exists(run));
  std::filesystem::resize_file(run, 100);
  arrow::UniqueArrowArray out;
  Status st;
  for (;;) {
    auto got = (*merge)->Next(out.get());
    if (!got.ok()) {
      st = got.status();
      break;
    }
    if (!*got) break;
    out.reset();
  }
  ASSERT_FALSE(st.ok()) << "a truncated run was read without error";
  EXPECT_EQ(st.code(), StatusCode::kCorruption);
  EXPECT_NE(st.message().find(run), std::string::npos) << st.ToString();
  EXPECT_NE(st.message().find("table 'db.t' bucket 7"), std::string::npos) << st.ToString();
}

TEST(KeyedMergeTest, BadChangeKindNamesTheBatch) {
  TempDir tmp;
  Shape shape{{Type(TypeRoot::kInt, false)}, {Type(TypeRoot::kInt, false)}, {0}};
  InputBatch b{RowSource::kLake, {InputRow{{Bytes(int32_t{1})}, {Bytes(int32_t{1})}, 0, 4}}};  // Paimon has no kind 4
  MergeResult r = RunMerge(shape, {b}, kHuge, tmp.path());
  ASSERT_EQ(r.status.code(), StatusCode::kCorruption);
  EXPECT_NE(r.status.message().find("batch 0"), std::string::npos) << r.status.ToString();
  EXPECT_NE(r.status.message().find("test table bucket 0"), std::string::npos) << r.status.ToString();
}

TEST(KeyedMergeTest, RefusesNestedKeyTypes) {
  KeyedMergeOptions options;
  options.output_type = RowType({Type(TypeRoot::kInt, false)});
  DataType list = Type(TypeRoot::kArray, false);
  list.children.push_back(Type(TypeRoot::kInt, false));
  options.key_types = {list};
  options.description = "t";
  EXPECT_EQ(KeyedMerge::Create(options).status().code(), StatusCode::kUnsupported);
}

// The key encoding sorts like the values and keeps distinct values apart.
TEST(KeyBytesTest, SortsLikeTheValues) {
  auto encode = [](const DataType& t, const std::vector<Value>& values) {
    arrow::UniqueArrowArray a;
    arrow::ExportArray(Column(t, values), a.get());
    std::vector<std::string> keys;
    for (int64_t i = 0; i < a->length; ++i) {
      std::string k;
      AppendKeyBytes(*a.get(), t, i, &k);
      keys.push_back(k);
    }
    return keys;
  };
  auto expect_ascending = [](const std::vector<std::string>& keys) {
    for (size_t i = 1; i < keys.size(); ++i) EXPECT_LT(keys[i - 1], keys[i]) << i;
  };
  expect_ascending(encode(Type(TypeRoot::kInt, true), {std::nullopt, Bytes(INT32_MIN), Bytes(-1), Bytes(0),
                                                       Bytes(1), Bytes(INT32_MAX)}));
  expect_ascending(encode(Type(TypeRoot::kDouble, false),
                          {Bytes(-std::numeric_limits<double>::infinity()), Bytes(-2.5), Bytes(-0.0), Bytes(0.0),
                           Bytes(1e-300), Bytes(3.0), Bytes(std::numeric_limits<double>::infinity()),
                           Bytes(std::numeric_limits<double>::quiet_NaN())}));
  expect_ascending(encode(Type(TypeRoot::kBytes, false),
                          {std::string(""), std::string("\0", 1), std::string("\0\0", 2), std::string("\0\xff", 2),
                           std::string("a"), std::string("a\0", 2), std::string("ab"), std::string("\xff")}));
  auto dec = [](int64_t v) {
    std::string s = *Bytes(v);
    s += *Bytes(int64_t{v < 0 ? -1 : 0});
    return Value(s);
  };
  expect_ascending(encode(Type(TypeRoot::kDecimal, false, 38, 0), {dec(INT64_MIN), dec(-1), dec(0), dec(1), dec(INT64_MAX)}));
}

}  // namespace
}  // namespace fluss_native::read::merge
