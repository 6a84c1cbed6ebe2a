// Bind: resolves column paths against a row type and type-checks each
// literal (bound_predicate.h).
#include <algorithm>

#include "expr/bound_predicate.h"
#include "expr/literal_compare.h"

namespace fluss_native::expr {
namespace {

constexpr int kMaxBindDepth = 200;

std::string KnownFields(const DataType& row) {
  std::string out;
  for (size_t i = 0; i < row.field_names.size() && i < 50; ++i) {
    if (i) out += ", ";
    out += row.field_names[i];
  }
  if (row.field_names.size() > 50) out += ", ...";
  return out;
}

Result<BoundColumn> Resolve(const ColumnPath& path, const DataType& row_type) {
  if (path.names.empty()) return Status::InvalidArgument("predicate: a column reference with no name");
  BoundColumn col;
  col.path = path;
  const DataType* cur = &row_type;
  std::string so_far;
  for (size_t i = 0; i < path.names.size(); ++i) {
    const std::string& name = path.names[i];
    if (cur->root != TypeRoot::kRow) {
      return Status::InvalidArgument("predicate: column '" + so_far + "' is " + TypeName(*cur) +
                                     ", not a ROW, so it has no field '" + name + "'");
    }
    auto it = std::find(cur->field_names.begin(), cur->field_names.end(), name);
    if (it == cur->field_names.end() || cur->children.size() != cur->field_names.size()) {
      if (i == 0) {
        return Status::InvalidArgument("predicate: unknown column '" + name + "' (columns: " +
                                       KnownFields(*cur) + ")");
      }
      return Status::InvalidArgument("predicate: ROW column '" + so_far + "' has no field '" + name +
                                     "' (fields: " + KnownFields(*cur) + ")");
    }
    int index = static_cast<int>(it - cur->field_names.begin());
    col.indexes.push_back(index);
    cur = &cur->children[index];
    so_far += (i ? "." : "") + name;
  }
  col.type = *cur;
  return col;
}

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

Result<BoundPredicate> BindAt(const Predicate& p, const DataType& row_type, int depth) {
  if (depth > kMaxBindDepth) {
    return Status::InvalidArgument("predicate: nesting deeper than " + std::to_string(kMaxBindDepth));
  }
  BoundPredicate b;
  b.op = p.op();
  switch (p.op()) {
    case PredicateOp::kAnd:
    case PredicateOp::kOr:
    case PredicateOp::kNot: {
      size_t n = p.children().size();
      if (p.op() == PredicateOp::kNot ? n != 1 : n < 2) {
        return Status::InvalidArgument(std::string("predicate: ") +
                                       (p.op() == PredicateOp::kNot ? "NOT needs one operand"
                                                                    : "AND/OR need two or more operands") +
                                       ", found " + std::to_string(n));
      }
      for (const auto& c : p.children()) {
        FN_ASSIGN_OR_RETURN(BoundPredicate bc, BindAt(c, row_type, depth + 1));
        b.children.push_back(std::move(bc));
      }
      return b;
    }
    default: break;
  }
  FN_ASSIGN_OR_RETURN(b.column, Resolve(p.column(), row_type));
  const std::string name = p.column().ToString();
  const DataType& type = b.column.type;
  switch (p.op()) {
    case PredicateOp::kIsNull:
    case PredicateOp::kIsNotNull: return b;
    case PredicateOp::kLike: {
      if (type.root != TypeRoot::kString && type.root != TypeRoot::kChar) {
        return Status::InvalidArgument("predicate: column '" + name + "' is " + TypeName(type) +
                                       ", LIKE needs CHAR or STRING");
      }
      const auto& lits = p.literals();
      if (lits.empty() || lits.size() > 2 || lits[0].kind != LiteralKind::kString) {
        return Status::InvalidArgument("predicate: LIKE on '" + name + "' needs a string pattern");
      }
      if (lits.size() == 2 &&
          (lits[1].kind != LiteralKind::kString || CodePoints(lits[1].text) != 1)) {
        return Status::InvalidArgument("predicate: LIKE on '" + name + "': ESCAPE " +
                                       lits[1].ToString() + " is not one character");
      }
      b.literals = lits;
      return b;
    }
    default: break;
  }
  size_t want = p.op() == PredicateOp::kBetween ? 2 : 1;
  if (p.op() == PredicateOp::kIn || p.op() == PredicateOp::kNotIn) {
    if (p.literals().empty()) {
      return Status::InvalidArgument("predicate: IN on '" + name + "' with an empty list");
    }
  } else if (p.literals().size() != want) {
    return Status::InvalidArgument("predicate: comparison on '" + name + "' needs " +
                                   std::to_string(want) + " literal(s), found " +
                                   std::to_string(p.literals().size()));
  }
  for (const auto& l : p.literals()) {
    auto coerced = CoerceLiteral(l, type, name);
    if (!coerced.ok()) return Status::InvalidArgument("predicate: " + coerced.status().message());
    b.literals.push_back(std::move(coerced).value());
  }
  return b;
}

void CollectTop(const BoundPredicate& b, std::vector<int>* out) {
  if (!b.column.indexes.empty()) out->push_back(b.column.indexes[0]);
  for (const auto& c : b.children) CollectTop(c, out);
}

}  // namespace

Result<BoundPredicate> Bind(const Predicate& predicate, const DataType& row_type) {
  if (row_type.root != TypeRoot::kRow) {
    return Status::InvalidArgument("predicate: binding needs a ROW type, found " + TypeName(row_type));
  }
  return BindAt(predicate, row_type, 0);
}

std::vector<int> ReferencedTopLevelColumns(const BoundPredicate& bound) {
  std::vector<int> out;
  CollectTop(bound, &out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace fluss_native::expr
