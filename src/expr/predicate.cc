// The predicate tree, its normalised text and equality
// (include/fluss_native/predicate.h).
#include "fluss_native/predicate.h"

#include <algorithm>
#include <cctype>

#include "expr/keywords.h"

namespace fluss_native {

namespace {

bool IsPlainIdentifier(const std::string& s) {
  if (s.empty()) return false;
  if (!std::isalpha(static_cast<unsigned char>(s[0])) && s[0] != '_') return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return !expr::IsReservedWord(s);
}

const char* OpText(PredicateOp op) {
  switch (op) {
    case PredicateOp::kEq: return "=";
    case PredicateOp::kNe: return "<>";
    case PredicateOp::kLt: return "<";
    case PredicateOp::kLe: return "<=";
    case PredicateOp::kGt: return ">";
    case PredicateOp::kGe: return ">=";
    default: return "?";
  }
}

std::shared_ptr<const std::vector<Predicate>> NoChildren() {
  return std::make_shared<const std::vector<Predicate>>();
}

}  // namespace

std::string ColumnPath::ToString() const {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i) out += '.';
    if (IsPlainIdentifier(names[i])) {
      out += names[i];
    } else {
      out += '"';
      for (char c : names[i]) {
        if (c == '"') out += '"';
        out += c;
      }
      out += '"';
    }
  }
  return out;
}

Predicate Predicate::Compare(ColumnPath column, PredicateOp op, Literal value) {
  Predicate p;
  p.op_ = op;
  p.column_ = std::move(column);
  p.literals_.push_back(std::move(value));
  p.children_ = NoChildren();
  return p;
}

Predicate Predicate::Between(ColumnPath column, Literal low, Literal high) {
  Predicate p;
  p.op_ = PredicateOp::kBetween;
  p.column_ = std::move(column);
  p.literals_ = {std::move(low), std::move(high)};
  p.children_ = NoChildren();
  return p;
}

Predicate Predicate::In(ColumnPath column, std::vector<Literal> values, bool negated) {
  Predicate p;
  p.op_ = negated ? PredicateOp::kNotIn : PredicateOp::kIn;
  p.column_ = std::move(column);
  p.literals_ = std::move(values);
  p.children_ = NoChildren();
  return p;
}

Predicate Predicate::IsNull(ColumnPath column, bool negated) {
  Predicate p;
  p.op_ = negated ? PredicateOp::kIsNotNull : PredicateOp::kIsNull;
  p.column_ = std::move(column);
  p.children_ = NoChildren();
  return p;
}

Predicate Predicate::Like(ColumnPath column, std::string pattern, std::string escape) {
  Predicate p;
  p.op_ = PredicateOp::kLike;
  p.column_ = std::move(column);
  p.literals_.push_back(Literal::String(std::move(pattern)));
  if (!escape.empty()) p.literals_.push_back(Literal::String(std::move(escape)));
  p.children_ = NoChildren();
  return p;
}

Predicate Predicate::And(std::vector<Predicate> children) {
  if (children.size() == 1) return children[0];
  Predicate p;
  p.op_ = PredicateOp::kAnd;
  p.children_ = std::make_shared<const std::vector<Predicate>>(std::move(children));
  return p;
}

Predicate Predicate::Or(std::vector<Predicate> children) {
  if (children.size() == 1) return children[0];
  Predicate p;
  p.op_ = PredicateOp::kOr;
  p.children_ = std::make_shared<const std::vector<Predicate>>(std::move(children));
  return p;
}

Predicate Predicate::Not(Predicate child) {
  Predicate p;
  p.op_ = PredicateOp::kNot;
  p.children_ = std::make_shared<const std::vector<Predicate>>(std::vector<Predicate>{std::move(child)});
  return p;
}

std::string Predicate::ToString() const {
  auto literal_list = [this] {
    std::string out = "(";
    for (size_t i = 0; i < literals_.size(); ++i) {
      if (i) out += ", ";
      out += literals_[i].ToString();
    }
    return out + ")";
  };
  std::string col = column_.ToString();
  switch (op_) {
    case PredicateOp::kEq:
    case PredicateOp::kNe:
    case PredicateOp::kLt:
    case PredicateOp::kLe:
    case PredicateOp::kGt:
    case PredicateOp::kGe:
      return col + " " + OpText(op_) + " " +
             (literals_.empty() ? "NULL" : literals_[0].ToString());
    case PredicateOp::kBetween:
      if (literals_.size() != 2) return col + " BETWEEN NULL AND NULL";
      return col + " BETWEEN " + literals_[0].ToString() + " AND " + literals_[1].ToString();
    case PredicateOp::kIn: return col + " IN " + literal_list();
    case PredicateOp::kNotIn: return col + " NOT IN " + literal_list();
    case PredicateOp::kIsNull: return col + " IS NULL";
    case PredicateOp::kIsNotNull: return col + " IS NOT NULL";
    case PredicateOp::kLike: {
      std::string out = col + " LIKE " + (literals_.empty() ? "''" : literals_[0].ToString());
      if (literals_.size() > 1) out += " ESCAPE " + literals_[1].ToString();
      return out;
    }
    case PredicateOp::kAnd:
    case PredicateOp::kOr: {
      std::string out = "(";
      for (size_t i = 0; i < children().size(); ++i) {
        if (i) out += op_ == PredicateOp::kAnd ? " AND " : " OR ";
        out += children()[i].ToString();
      }
      return out + ")";
    }
    case PredicateOp::kNot: {
      if (children().empty()) return "NOT ()";
      const Predicate& c = children()[0];
      // NOT binds looser than every leaf and AND/OR print parenthesised, so
      // no parentheses are needed here.
      return "NOT " + c.ToString();
    }
  }
  return "";
}

const std::vector<Predicate>& Predicate::children() const {
  static const std::vector<Predicate> kNone;  // immutable: shared by default-built predicates
  return children_ ? *children_ : kNone;
}

bool Predicate::operator==(const Predicate& o) const {
  if (op_ != o.op_ || !(column_ == o.column_) || !(literals_ == o.literals_)) return false;
  const auto& a = children();
  const auto& b = o.children();
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

}  // namespace fluss_native
