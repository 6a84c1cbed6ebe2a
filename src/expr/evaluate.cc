// Evaluation of bound predicates over Arrow batches (evaluate.h). Each leaf
// reads its column with a comparator specialised to the column's Arrow
// layout and the literal's kind, so the per-row loop is a plain compare.
#include "expr/evaluate.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string_view>

#include "expr/like_pattern.h"
#include "expr/literal_compare.h"
#include "expr/numeric.h"

namespace fluss_native::expr {
namespace {

bool BitSet(const void* bitmap, int64_t i) {
  return (static_cast<const uint8_t*>(bitmap)[i >> 3] >> (i & 7)) & 1;
}

template <typename T>
T Load(const void* buf, int64_t i) {
  T v;
  std::memcpy(&v, static_cast<const uint8_t*>(buf) + i * static_cast<int64_t>(sizeof(T)), sizeof(T));
  return v;
}

template <typename T>
int Sign(const T& a, const T& b) { return a < b ? -1 : (a > b ? 1 : 0); }

// One column as a leaf sees it: the leaf array, the physical index of row 0
// in it, and which rows are NULL along the path (a NULL ROW makes its fields
// NULL).
struct ColumnView {
  const ArrowArray* leaf = nullptr;
  int64_t base = 0;
  std::vector<uint8_t> valid;  // per row; empty: all valid
};

Status BadShape(const BoundColumn& c, const std::string& what) {
  return Status::InvalidArgument("predicate evaluation: column '" + c.path.ToString() + "': " + what);
}

Result<ColumnView> ViewColumn(const BoundColumn& col, const ArrowArray& batch) {
  ColumnView v;
  const ArrowArray* cur = &batch;
  int64_t n = batch.length;
  int64_t phys = batch.offset;  // physical index of row 0 in `cur`
  for (size_t level = 0; level < col.indexes.size(); ++level) {
    int idx = col.indexes[level];
    if (idx < 0 || idx >= cur->n_children || cur->children == nullptr || cur->children[idx] == nullptr) {
      return BadShape(col, "the batch has no child " + std::to_string(idx));
    }
    const ArrowArray* child = cur->children[idx];
    if (n > 0 && phys + n > child->length) return BadShape(col, "a child shorter than its parent");
    phys += child->offset;
    if (child->n_buffers >= 1 && child->buffers != nullptr && child->buffers[0] != nullptr &&
        child->null_count != 0) {
      if (v.valid.empty()) v.valid.assign(n, 1);
      for (int64_t i = 0; i < n; ++i) v.valid[i] &= BitSet(child->buffers[0], phys + i);
    }
    cur = child;
  }
  v.leaf = cur;
  v.base = phys;
  return v;
}

// ---- comparators: int Compare(int64_t phys, size_t key) ---------------------

// Integers (TINYINT..BIGINT, DATE) against exact or approximate numbers.
struct IntKey {
  int side = 0;  // -1: the literal is below every int64, +1 above, 0: see fl/frac
  int64_t fl = 0;
  bool frac = false;
};

IntKey MakeIntKey(const Number& n) {
  IntKey k;
  if (n.is_double) {
    double d = n.real;
    if (std::isnan(d) || d >= 9223372036854775808.0) return {1};
    if (d < -9223372036854775808.0) return {-1};
    double f = std::floor(d);
    k.fl = static_cast<int64_t>(f);
    k.frac = f != d;
    return k;
  }
  Int128 p = Pow10(n.scale);
  Int128 q = n.unscaled / p, r = n.unscaled % p;
  if (r < 0) {
    r += p;
    q -= 1;
  }
  if (q > INT64_MAX) return {1};
  if (q < INT64_MIN) return {-1};
  k.fl = static_cast<int64_t>(q);
  k.frac = r != 0;
  return k;
}

template <typename T>
struct IntComparator {
  const void* data;
  std::vector<IntKey> keys;
  int64_t Value(int64_t phys) const { return static_cast<int64_t>(Load<T>(data, phys)); }
  int Compare(int64_t phys, size_t k) const {
    const IntKey& key = keys[k];
    if (key.side) return -key.side;
    int64_t x = Value(phys);
    if (x < key.fl) return -1;
    if (x > key.fl) return 1;
    return key.frac ? -1 : 0;
  }
};

template <typename T>
struct FloatComparator {
  const void* data;
  std::vector<Number> keys;
  int Compare(int64_t phys, size_t k) const {
    double x = static_cast<double>(Load<T>(data, phys));
    const Number& key = keys[k];
    if (key.is_double) return CompareDoubles(x, key.real);
    return CompareDoubleExact(x, key.unscaled, key.scale);
  }
};

struct DecimalComparator {
  const void* data;
  int scale;
  struct Key {
    Number number;
    bool aligned = false;  // `unscaled` is the literal at the column's scale
    Int128 unscaled = 0;
  };
  std::vector<Key> keys;
  int Compare(int64_t phys, size_t k) const {
    Int128 x = Load<Int128>(data, phys);
    const Key& key = keys[k];
    if (key.aligned) return Sign(x, key.unscaled);
    if (key.number.is_double) return -CompareDoubleExact(key.number.real, x, scale);
    return CompareExact(x, scale, key.number.unscaled, key.number.scale);
  }
};

// Integer values in a time unit, compared as nanoseconds (TIME, TIMESTAMP).
template <typename T>
struct ScaledComparator {
  const void* data;
  Int128 factor;
  std::vector<Int128> keys;
  int Compare(int64_t phys, size_t k) const {
    return Sign(static_cast<Int128>(Load<T>(data, phys)) * factor, keys[k]);
  }
};

struct BoolComparator {
  const void* data;
  std::vector<int> keys;
  int Compare(int64_t phys, size_t k) const { return Sign(static_cast<int>(BitSet(data, phys)), keys[k]); }
};

int CompareBytes(std::string_view a, std::string_view b) {
  int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

struct VarBytesComparator {
  const void* offsets;
  const char* bytes;
  std::vector<std::string> keys;
  std::string_view Value(int64_t phys) const {
    int32_t from = Load<int32_t>(offsets, phys), to = Load<int32_t>(offsets, phys + 1);
    return std::string_view(bytes + from, static_cast<size_t>(to - from));
  }
  int Compare(int64_t phys, size_t k) const { return CompareBytes(Value(phys), keys[k]); }
};

struct FixedBytesComparator {
  const char* bytes;
  int width;
  std::vector<std::string> keys;
  int Compare(int64_t phys, size_t k) const {
    return CompareBytes(std::string_view(bytes + phys * width, width), keys[k]);
  }
};

// ---- leaves ----------------------------------------------------------------

uint8_t FromBool(bool b) { return b ? kTrue : kFalse; }

uint8_t ApplyOp(PredicateOp op, int c) {
  switch (op) {
    case PredicateOp::kEq: return FromBool(c == 0);
    case PredicateOp::kNe: return FromBool(c != 0);
    case PredicateOp::kLt: return FromBool(c < 0);
    case PredicateOp::kLe: return FromBool(c <= 0);
    case PredicateOp::kGt: return FromBool(c > 0);
    case PredicateOp::kGe: return FromBool(c >= 0);
    default: return kUnknown;
  }
}

// Evaluates a comparison, BETWEEN or IN leaf. `cmp` holds one key per
// literal of `b` (NULL literals' keys are never used).
template <typename C>
void EvalCompareLeaf(const BoundPredicate& b, const C& cmp, const ColumnView& v, int64_t n,
                     const std::vector<size_t>& sorted_in, uint8_t* out) {
  const auto& lits = b.literals;
  auto is_null = [&](size_t k) { return lits[k].kind == LiteralKind::kNull; };
  bool has_valid = !v.valid.empty();
  switch (b.op) {
    case PredicateOp::kEq:
    case PredicateOp::kNe:
    case PredicateOp::kLt:
    case PredicateOp::kLe:
    case PredicateOp::kGt:
    case PredicateOp::kGe: {
      if (is_null(0)) {
        std::fill(out, out + n, kUnknown);
        return;
      }
      for (int64_t i = 0; i < n; ++i) {
        out[i] = (has_valid && !v.valid[i]) ? kUnknown : ApplyOp(b.op, cmp.Compare(v.base + i, 0));
      }
      return;
    }
    case PredicateOp::kBetween: {
      for (int64_t i = 0; i < n; ++i) {
        if (has_valid && !v.valid[i]) {
          out[i] = kUnknown;
          continue;
        }
        uint8_t lo = is_null(0) ? kUnknown : FromBool(cmp.Compare(v.base + i, 0) >= 0);
        uint8_t hi = is_null(1) ? kUnknown : FromBool(cmp.Compare(v.base + i, 1) <= 0);
        out[i] = std::min(lo, hi);
      }
      return;
    }
    case PredicateOp::kIn:
    case PredicateOp::kNotIn: {
      bool list_has_null = sorted_in.size() != lits.size();
      bool negated = b.op == PredicateOp::kNotIn;
      for (int64_t i = 0; i < n; ++i) {
        if (has_valid && !v.valid[i]) {
          out[i] = kUnknown;
          continue;
        }
        // Binary search over the literals sorted by value.
        size_t lo = 0, hi = sorted_in.size();
        bool found = false;
        while (lo < hi) {
          size_t mid = (lo + hi) / 2;
          int c = cmp.Compare(v.base + i, sorted_in[mid]);
          if (c == 0) {
            found = true;
            break;
          }
          if (c < 0) hi = mid; else lo = mid + 1;
        }
        uint8_t t = found ? kTrue : (list_has_null ? kUnknown : kFalse);
        out[i] = negated ? static_cast<uint8_t>(kTrue - t) : t;
      }
      return;
    }
    default: std::fill(out, out + n, kUnknown);
  }
}

// The non-NULL literal positions of an IN list, ordered by value.
Result<std::vector<size_t>> SortedInKeys(const BoundPredicate& b) {
  std::vector<size_t> idx;
  if (b.op != PredicateOp::kIn && b.op != PredicateOp::kNotIn) return idx;
  for (size_t k = 0; k < b.literals.size(); ++k) {
    if (b.literals[k].kind != LiteralKind::kNull) idx.push_back(k);
  }
  Status error;
  std::stable_sort(idx.begin(), idx.end(), [&](size_t x, size_t y) {
    auto c = CompareLiterals(b.literals[x], b.literals[y], b.column.type);
    if (!c.ok()) {
      error = c.status();
      return false;
    }
    return *c < 0;
  });
  if (!error.ok()) return error;
  return idx;
}

Status NeedBuffers(const BoundColumn& col, const ArrowArray& a, int count) {
  if (a.n_buffers < count || a.buffers == nullptr) return BadShape(col, "too few buffers");
  for (int i = 1; i < count; ++i) {
    if (a.buffers[i] == nullptr && a.length > 0) return BadShape(col, "a missing data buffer");
  }
  return Status::OK();
}

template <typename T>
Result<IntComparator<T>> MakeIntComparator(const BoundPredicate& b, const ArrowArray& a) {
  IntComparator<T> c{a.buffers[1], {}};
  for (const auto& l : b.literals) {
    if (l.kind == LiteralKind::kNull) {
      c.keys.push_back({});
    } else if (l.kind == LiteralKind::kDate) {
      c.keys.push_back({0, l.integer, false});
    } else {
      auto num = NumberOf(l);
      if (!num) return BadShape(b.column, "a malformed number literal");
      c.keys.push_back(MakeIntKey(*num));
    }
  }
  return c;
}

template <typename T>
Result<FloatComparator<T>> MakeFloatComparator(const BoundPredicate& b, const ArrowArray& a) {
  FloatComparator<T> c{a.buffers[1], {}};
  for (const auto& l : b.literals) {
    auto num = l.kind == LiteralKind::kNull ? std::optional<Number>(Number::Exact(0, 0)) : NumberOf(l);
    if (!num) return BadShape(b.column, "a malformed number literal");
    c.keys.push_back(*num);
  }
  return c;
}

Result<DecimalComparator> MakeDecimalComparator(const BoundPredicate& b, const ArrowArray& a) {
  DecimalComparator c{a.buffers[1], b.column.type.scale, {}};
  for (const auto& l : b.literals) {
    auto num = l.kind == LiteralKind::kNull ? std::optional<Number>(Number::Exact(0, 0)) : NumberOf(l);
    if (!num) return BadShape(b.column, "a malformed number literal");
    DecimalComparator::Key key{*num};
    int shift = c.scale - num->scale;
    if (!num->is_double && shift >= 0) {
      Int128 limit = Pow10(38 - shift);
      if (num->unscaled < limit && num->unscaled > -limit) {
        key.aligned = true;
        key.unscaled = num->unscaled * Pow10(shift);
      }
    }
    c.keys.push_back(key);
  }
  return c;
}

Int128 NanosPerUnit(int precision) {
  if (precision == 0) return 1'000'000'000;
  if (precision <= 3) return 1'000'000;
  if (precision <= 6) return 1'000;
  return 1;
}

template <typename T>
ScaledComparator<T> MakeScaledComparator(const BoundPredicate& b, const ArrowArray& a) {
  ScaledComparator<T> c{a.buffers[1], NanosPerUnit(b.column.type.precision), {}};
  for (const auto& l : b.literals) {
    if (l.kind == LiteralKind::kTimestamp) {
      c.keys.push_back(static_cast<Int128>(l.integer) * 1'000'000 + l.nanos_of_milli);
    } else {
      c.keys.push_back(l.integer);  // kTime: nanos of the day; kNull: unused
    }
  }
  return c;
}

template <typename C>
Status RunCompare(const BoundPredicate& b, const C& cmp, const ColumnView& v, int64_t n, uint8_t* out) {
  FN_ASSIGN_OR_RETURN(std::vector<size_t> sorted, SortedInKeys(b));
  EvalCompareLeaf(b, cmp, v, n, sorted, out);
  return Status::OK();
}

Status EvalComparison(const BoundPredicate& b, const ColumnView& v, int64_t n, uint8_t* out) {
  const ArrowArray& a = *v.leaf;
  const DataType& t = b.column.type;
  switch (t.root) {
    case TypeRoot::kBoolean: {
      FN_RETURN_IF_ERROR(NeedBuffers(b.column, a, 2));
      BoolComparator c{a.buffers[1], {}};
      for (const auto& l : b.literals) c.keys.push_back(l.boolean ? 1 : 0);
      return RunCompare(b, c, v, n, out);
    }
#define FN_INT_CASE(ROOT, CTYPE)                                              \
    case ROOT: {                                                              \
      FN_RETURN_IF_ERROR(NeedBuffers(b.column, a, 2));                        \
      FN_ASSIGN_OR_RETURN(auto c, MakeIntComparator<CTYPE>(b, a));           \
      return RunCompare(b, c, v, n, out);                                     \
    }
    FN_INT_CASE(TypeRoot::kTinyInt, int8_t)
    FN_INT_CASE(TypeRoot::kSmallInt, int16_t)
    FN_INT_CASE(TypeRoot::kInt, int32_t)
    FN_INT_CASE(TypeRoot::kBigInt, int64_t)
    FN_INT_CASE(TypeRoot::kDate, int32_t)
#undef FN_INT_CASE
    case TypeRoot::kFloat: {
      FN_RETURN_IF_ERROR(NeedBuffers(b.column, a, 2));
      FN_ASSIGN_OR_RETURN(auto c, MakeFloatComparator<float>(b, a));
      return RunCompare(b, c, v, n, out);
    }
    case TypeRoot::kDouble: {
      FN_RETURN_IF_ERROR(NeedBuffers(b.column, a, 2));
      FN_ASSIGN_OR_RETURN(auto c, MakeFloatComparator<double>(b, a));
      return RunCompare(b, c, v, n, out);
    }
    case TypeRoot::kDecimal: {
      FN_RETURN_IF_ERROR(NeedBuffers(b.column, a, 2));
      FN_ASSIGN_OR_RETURN(auto c, MakeDecimalComparator(b, a));
      return RunCompare(b, c, v, n, out);
    }
    case TypeRoot::kTime: {
      FN_RETURN_IF_ERROR(NeedBuffers(b.column, a, 2));
      if (t.precision <= 3) return RunCompare(b, MakeScaledComparator<int32_t>(b, a), v, n, out);
      return RunCompare(b, MakeScaledComparator<int64_t>(b, a), v, n, out);
    }
    case TypeRoot::kTimestamp:
    case TypeRoot::kTimestampLtz: {
      FN_RETURN_IF_ERROR(NeedBuffers(b.column, a, 2));
      return RunCompare(b, MakeScaledComparator<int64_t>(b, a), v, n, out);
    }
    case TypeRoot::kChar:
    case TypeRoot::kString:
    case TypeRoot::kBytes: {
      FN_RETURN_IF_ERROR(NeedBuffers(b.column, a, 3));
      VarBytesComparator c{a.buffers[1], static_cast<const char*>(a.buffers[2]), {}};
      for (const auto& l : b.literals) c.keys.push_back(l.text);
      return RunCompare(b, c, v, n, out);
    }
    case TypeRoot::kBinary: {
      FN_RETURN_IF_ERROR(NeedBuffers(b.column, a, 2));
      FixedBytesComparator c{static_cast<const char*>(a.buffers[1]), t.length, {}};
      for (const auto& l : b.literals) c.keys.push_back(l.text);
      return RunCompare(b, c, v, n, out);
    }
    default:
      return BadShape(b.column, TypeName(t) + " cannot be compared");
  }
}

Status EvalLike(const BoundPredicate& b, const ColumnView& v, int64_t n, uint8_t* out) {
  const ArrowArray& a = *v.leaf;
  FN_RETURN_IF_ERROR(NeedBuffers(b.column, a, 3));
  if (b.literals.empty()) return BadShape(b.column, "LIKE without a pattern");
  std::string escape = b.literals.size() > 1 ? b.literals[1].text : "";
  auto pattern = LikePattern::Compile(b.literals[0].text, escape);
  if (!pattern.ok()) {
    return Status::InvalidArgument("predicate: column '" + b.column.path.ToString() +
                                   "': " + pattern.status().message());
  }
  VarBytesComparator strings{a.buffers[1], static_cast<const char*>(a.buffers[2]), {}};
  bool has_valid = !v.valid.empty();
  for (int64_t i = 0; i < n; ++i) {
    if (has_valid && !v.valid[i]) {
      out[i] = kUnknown;
    } else {
      out[i] = FromBool(pattern->Matches(strings.Value(v.base + i)));
    }
  }
  return Status::OK();
}

Status EvalNode(const BoundPredicate& b, const ArrowArray& batch, uint8_t* out) {
  const int64_t n = batch.length;
  switch (b.op) {
    case PredicateOp::kAnd:
    case PredicateOp::kOr: {
      if (b.children.empty()) return Status::InvalidArgument("predicate evaluation: AND/OR without operands");
      FN_RETURN_IF_ERROR(EvalNode(b.children[0], batch, out));
      std::vector<uint8_t> tmp(n);
      // Once every row is decided (all FALSE under AND, all TRUE under OR),
      // the remaining operands cannot change it.
      const uint8_t decided = b.op == PredicateOp::kAnd ? kFalse : kTrue;
      for (size_t c = 1; c < b.children.size(); ++c) {
        if (std::all_of(out, out + n, [decided](uint8_t t) { return t == decided; })) break;
        FN_RETURN_IF_ERROR(EvalNode(b.children[c], batch, tmp.data()));
        if (b.op == PredicateOp::kAnd) {
          for (int64_t i = 0; i < n; ++i) out[i] = std::min(out[i], tmp[i]);
        } else {
          for (int64_t i = 0; i < n; ++i) out[i] = std::max(out[i], tmp[i]);
        }
      }
      return Status::OK();
    }
    case PredicateOp::kNot: {
      if (b.children.size() != 1) return Status::InvalidArgument("predicate evaluation: NOT needs one operand");
      FN_RETURN_IF_ERROR(EvalNode(b.children[0], batch, out));
      for (int64_t i = 0; i < n; ++i) out[i] = static_cast<uint8_t>(kTrue - out[i]);
      return Status::OK();
    }
    default: break;
  }
  FN_ASSIGN_OR_RETURN(ColumnView v, ViewColumn(b.column, batch));
  if (n > 0 && v.leaf->length < v.base - v.leaf->offset + n) {
    return BadShape(b.column, "a column shorter than the batch");
  }
  switch (b.op) {
    case PredicateOp::kIsNull:
    case PredicateOp::kIsNotNull: {
      bool want_null = b.op == PredicateOp::kIsNull;
      for (int64_t i = 0; i < n; ++i) {
        bool is_null = !v.valid.empty() && !v.valid[i];
        out[i] = FromBool(is_null == want_null);
      }
      return Status::OK();
    }
    case PredicateOp::kLike: return EvalLike(b, v, n, out);
    default: return EvalComparison(b, v, n, out);
  }
}

}  // namespace

Result<std::vector<uint8_t>> Evaluate(const BoundPredicate& bound, const ArrowArray& batch) {
  if (batch.length < 0 || batch.offset < 0) {
    return Status::InvalidArgument("predicate evaluation: a batch with a negative length or offset");
  }
  std::vector<uint8_t> out(batch.length);
  FN_RETURN_IF_ERROR(EvalNode(bound, batch, out.data()));
  return out;
}

Result<std::vector<int64_t>> SelectRows(const BoundPredicate& bound, const ArrowArray& batch) {
  FN_ASSIGN_OR_RETURN(std::vector<uint8_t> truth, Evaluate(bound, batch));
  std::vector<int64_t> rows;
  for (int64_t i = 0; i < static_cast<int64_t>(truth.size()); ++i) {
    if (truth[i] == kTrue) rows.push_back(i);
  }
  return rows;
}

}  // namespace fluss_native::expr
