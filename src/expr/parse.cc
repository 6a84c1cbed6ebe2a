// ParsePredicate: a tokenizer and a recursive-descent parser for the WHERE
// grammar of include/fluss_native/predicate.h.
//
//   or      := and (OR and)*
//   and     := not (AND not)*
//   not     := NOT not | '(' or ')' | leaf
//   leaf    := column cmp literal | literal cmp column
//            | column [NOT] BETWEEN literal AND literal
//            | column [NOT] IN '(' literal (',' literal)* ')'
//            | column IS [NOT] NULL
//            | column [NOT] LIKE string [ESCAPE string]
//   column  := name ('.' name)*      name := ident | "quoted" | `quoted`
//   literal := [+|-] number | string | X'hex' | DATE string | TIME string
//            | TIMESTAMP string | TRUE | FALSE | NULL | CAST(string AS DOUBLE)
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string_view>

#include "expr/datetime_text.h"
#include "fluss_native/predicate.h"

namespace fluss_native {
namespace {

constexpr size_t kMaxTextBytes = 16 << 20;  // a split's predicate may hold a long IN list
constexpr int kMaxDepth = 200;
constexpr size_t kMaxListLiterals = 100000;

enum class Tok { kEnd, kIdent, kQuotedIdent, kNumber, kString, kBytes, kOp, kLParen, kRParen, kComma, kDot, kMinus, kPlus };

struct Token {
  Tok kind = Tok::kEnd;
  std::string text;  // identifier / number text / unescaped string / operator
  size_t pos = 0;    // 0-based byte offset
};

std::string Describe(const Token& t) {
  switch (t.kind) {
    case Tok::kEnd: return "the end of the text";
    case Tok::kIdent: return "'" + t.text + "'";
    case Tok::kQuotedIdent: return "quoted identifier \"" + t.text + "\"";
    case Tok::kNumber: return "number " + t.text;
    case Tok::kString: return "string literal";
    case Tok::kBytes: return "bytes literal";
    case Tok::kOp: return "'" + t.text + "'";
    case Tok::kLParen: return "'('";
    case Tok::kRParen: return "')'";
    case Tok::kComma: return "','";
    case Tok::kDot: return "'.'";
    case Tok::kMinus: return "'-'";
    case Tok::kPlus: return "'+'";
  }
  return "?";
}

Status ErrorAt(size_t pos, const std::string& what) {
  return Status::InvalidArgument("predicate: at position " + std::to_string(pos + 1) + ": " + what);
}

bool IsIdentStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// `prefix`: a character no token starts with ends the tokens (a statement's
// ';', say) instead of failing.
Result<std::vector<Token>> Tokenize(std::string_view s, bool prefix) {
  std::vector<Token> out;
  size_t i = 0;
  while (true) {
    while (i < s.size()) {
      if (std::isspace(static_cast<unsigned char>(s[i]))) {
        ++i;
      } else if (s[i] == '-' && i + 1 < s.size() && s[i + 1] == '-') {
        while (i < s.size() && s[i] != '\n') ++i;
      } else {
        break;
      }
    }
    Token t;
    t.pos = i;
    if (i >= s.size()) {
      out.push_back(t);
      return out;
    }
    char c = s[i];
    if ((c == 'X' || c == 'x') && i + 1 < s.size() && s[i + 1] == '\'') {
      size_t j = i + 2;
      std::string bytes;
      while (j < s.size() && s[j] != '\'') ++j;
      if (j >= s.size()) return ErrorAt(i, "unterminated bytes literal");
      std::string_view hex = s.substr(i + 2, j - i - 2);
      if (hex.size() % 2 != 0) return ErrorAt(i, "a bytes literal needs an even number of hex digits");
      for (size_t k = 0; k < hex.size(); k += 2) {
        auto nibble = [](char h) -> int {
          if (h >= '0' && h <= '9') return h - '0';
          if (h >= 'a' && h <= 'f') return h - 'a' + 10;
          if (h >= 'A' && h <= 'F') return h - 'A' + 10;
          return -1;
        };
        int hi = nibble(hex[k]), lo = nibble(hex[k + 1]);
        if (hi < 0 || lo < 0) return ErrorAt(i + 2 + k, "expected a hex digit in the bytes literal");
        bytes += static_cast<char>(hi * 16 + lo);
      }
      t.kind = Tok::kBytes;
      t.text = std::move(bytes);
      i = j + 1;
    } else if (IsIdentStart(c)) {
      size_t j = i;
      while (j < s.size() && IsIdentChar(s[j])) ++j;
      t.kind = Tok::kIdent;
      t.text = std::string(s.substr(i, j - i));
      i = j;
    } else if (c == '"' || c == '`') {
      size_t j = i + 1;
      std::string name;
      while (true) {
        if (j >= s.size()) return ErrorAt(i, "unterminated quoted identifier");
        if (s[j] == c) {
          if (j + 1 < s.size() && s[j + 1] == c) {
            name += c;
            j += 2;
            continue;
          }
          break;
        }
        name += s[j++];
      }
      if (name.empty()) return ErrorAt(i, "empty quoted identifier");
      t.kind = Tok::kQuotedIdent;
      t.text = std::move(name);
      i = j + 1;
    } else if (c == '\'') {
      size_t j = i + 1;
      std::string str;
      while (true) {
        if (j >= s.size()) return ErrorAt(i, "unterminated string literal");
        if (s[j] == '\'') {
          if (j + 1 < s.size() && s[j + 1] == '\'') {
            str += '\'';
            j += 2;
            continue;
          }
          break;
        }
        str += s[j++];
      }
      t.kind = Tok::kString;
      t.text = std::move(str);
      i = j + 1;
    } else if (IsDigit(c) || (c == '.' && i + 1 < s.size() && IsDigit(s[i + 1]))) {
      size_t j = i;
      while (j < s.size() && IsDigit(s[j])) ++j;
      if (j < s.size() && s[j] == '.') {
        ++j;
        while (j < s.size() && IsDigit(s[j])) ++j;
      }
      if (j < s.size() && (s[j] == 'e' || s[j] == 'E')) {
        size_t k = j + 1;
        if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
        if (k >= s.size() || !IsDigit(s[k])) return ErrorAt(j, "expected digits after the exponent");
        while (k < s.size() && IsDigit(s[k])) ++k;
        j = k;
      }
      if (j < s.size() && IsIdentStart(s[j])) return ErrorAt(j, "unexpected character after a number");
      t.kind = Tok::kNumber;
      t.text = std::string(s.substr(i, j - i));
      i = j;
    } else {
      t.text = std::string(1, c);
      switch (c) {
        case '(': t.kind = Tok::kLParen; ++i; break;
        case ')': t.kind = Tok::kRParen; ++i; break;
        case ',': t.kind = Tok::kComma; ++i; break;
        case '.': t.kind = Tok::kDot; ++i; break;
        case '-': t.kind = Tok::kMinus; ++i; break;
        case '+': t.kind = Tok::kPlus; ++i; break;
        case '=': t.kind = Tok::kOp; ++i; break;
        case '<':
        case '>':
        case '!': {
          t.kind = Tok::kOp;
          std::string op(1, c);
          if (i + 1 < s.size() && (s[i + 1] == '=' || (c == '<' && s[i + 1] == '>'))) op += s[i + 1];
          if (op == "!") return ErrorAt(i, "unexpected character '!'");
          t.text = op;
          i += op.size();
          break;
        }
        default: {
          if (prefix) {
            t.kind = Tok::kEnd;
            t.text.clear();
            out.push_back(t);
            return out;
          }
          std::string shown = (static_cast<unsigned char>(c) >= 0x20 && static_cast<unsigned char>(c) < 0x7f)
                                  ? "'" + std::string(1, c) + "'"
                                  : "byte " + std::to_string(static_cast<unsigned char>(c));
          return ErrorAt(i, "unexpected character " + shown);
        }
      }
    }
    out.push_back(std::move(t));
  }
}

bool KeywordIs(const Token& t, std::string_view kw) {
  if (t.kind != Tok::kIdent || t.text.size() != kw.size()) return false;
  for (size_t i = 0; i < kw.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(t.text[i])) != kw[i]) return false;
  }
  return true;
}

PredicateOp FlipOp(PredicateOp op) {
  switch (op) {
    case PredicateOp::kLt: return PredicateOp::kGt;
    case PredicateOp::kLe: return PredicateOp::kGe;
    case PredicateOp::kGt: return PredicateOp::kLt;
    case PredicateOp::kGe: return PredicateOp::kLe;
    default: return op;
  }
}

Result<Literal> NumberLiteral(const std::string& text, bool negative, size_t pos) {
  bool has_point = text.find('.') != std::string::npos;
  bool has_exp = text.find_first_of("eE") != std::string::npos;
  if (has_exp) {
    std::string full = (negative ? "-" : "") + text;
    errno = 0;
    char* end = nullptr;
    double v = std::strtod(full.c_str(), &end);
    if (end != full.c_str() + full.size()) return ErrorAt(pos, "malformed number " + text);
    if (std::isinf(v)) return ErrorAt(pos, "number " + text + " is out of the DOUBLE range");
    return Literal::Double(v);
  }
  std::string digits;
  int scale = 0;
  if (has_point) {
    size_t dot = text.find('.');
    digits = text.substr(0, dot) + text.substr(dot + 1);
    scale = static_cast<int>(text.size() - dot - 1);
  } else {
    digits = text;
  }
  if (digits.empty()) digits = "0";
  if (!has_point) {
    // An integer that fits int64 is an INTEGER; a longer one a DECIMAL(p, 0).
    size_t first = digits.find_first_not_of('0');
    std::string_view sig = first == std::string::npos ? std::string_view("0")
                                                      : std::string_view(digits).substr(first);
    const std::string_view kLimit = negative ? "9223372036854775808" : "9223372036854775807";
    if (sig.size() < kLimit.size() || (sig.size() == kLimit.size() && sig <= kLimit)) {
      unsigned long long u = 0;
      for (char c : sig) u = u * 10 + (c - '0');
      int64_t v = negative ? static_cast<int64_t>(0 - u) : static_cast<int64_t>(u);
      return Literal::Integer(v);
    }
  }
  auto lit = Literal::Decimal((negative ? "-" : "") + digits, scale);
  if (!lit.ok()) return ErrorAt(pos, lit.status().message());
  return lit;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : toks_(std::move(tokens)) {}

  Result<Predicate> ParseAll() {
    FN_ASSIGN_OR_RETURN(Predicate p, ParseOr(0));
    if (Peek().kind != Tok::kEnd) return Expected("AND, OR or the end of the predicate");
    return p;
  }

  // Parses one predicate and reports where the first token after it starts.
  Result<Predicate> ParsePrefix(size_t* end) {
    FN_ASSIGN_OR_RETURN(Predicate p, ParseOr(0));
    *end = Peek().pos;
    return p;
  }

 private:
  const Token& Peek(size_t ahead = 0) const {
    size_t i = std::min(pos_ + ahead, toks_.size() - 1);
    return toks_[i];
  }
  const Token& Next() {
    const Token& t = toks_[pos_];
    if (pos_ + 1 < toks_.size()) ++pos_;
    return t;
  }
  Status Expected(const std::string& what) const {
    return ErrorAt(Peek().pos, "expected " + what + ", found " + Describe(Peek()));
  }
  bool AcceptKeyword(std::string_view kw) {
    if (!KeywordIs(Peek(), kw)) return false;
    Next();
    return true;
  }
  Status ExpectKeyword(std::string_view kw) {
    if (!AcceptKeyword(kw)) return Expected(std::string(kw));
    return Status::OK();
  }
  Status CheckDepth(int depth) const {
    if (depth > kMaxDepth) {
      return ErrorAt(Peek().pos, "nesting deeper than " + std::to_string(kMaxDepth) + " levels");
    }
    return Status::OK();
  }

  Result<Predicate> ParseOr(int depth) {
    FN_RETURN_IF_ERROR(CheckDepth(depth));
    std::vector<Predicate> parts;
    FN_ASSIGN_OR_RETURN(Predicate first, ParseAnd(depth + 1));
    parts.push_back(std::move(first));
    while (AcceptKeyword("OR")) {
      FN_ASSIGN_OR_RETURN(Predicate next, ParseAnd(depth + 1));
      parts.push_back(std::move(next));
    }
    return Predicate::Or(std::move(parts));
  }

  Result<Predicate> ParseAnd(int depth) {
    FN_RETURN_IF_ERROR(CheckDepth(depth));
    std::vector<Predicate> parts;
    FN_ASSIGN_OR_RETURN(Predicate first, ParseNot(depth + 1));
    parts.push_back(std::move(first));
    while (AcceptKeyword("AND")) {
      FN_ASSIGN_OR_RETURN(Predicate next, ParseNot(depth + 1));
      parts.push_back(std::move(next));
    }
    return Predicate::And(std::move(parts));
  }

  Result<Predicate> ParseNot(int depth) {
    FN_RETURN_IF_ERROR(CheckDepth(depth));
    if (AcceptKeyword("NOT")) {
      FN_ASSIGN_OR_RETURN(Predicate inner, ParseNot(depth + 1));
      return Predicate::Not(std::move(inner));
    }
    if (Peek().kind == Tok::kLParen) {
      Next();
      FN_ASSIGN_OR_RETURN(Predicate inner, ParseOr(depth + 1));
      if (Peek().kind != Tok::kRParen) return Expected("')'");
      Next();
      return inner;
    }
    return ParseLeaf();
  }

  bool AtLiteral() const {
    const Token& t = Peek();
    switch (t.kind) {
      case Tok::kNumber:
      case Tok::kString:
      case Tok::kBytes:
      case Tok::kMinus:
      case Tok::kPlus: return true;
      case Tok::kIdent:
        if (KeywordIs(t, "TRUE") || KeywordIs(t, "FALSE") || KeywordIs(t, "NULL")) return true;
        if ((KeywordIs(t, "DATE") || KeywordIs(t, "TIME") || KeywordIs(t, "TIMESTAMP")) &&
            Peek(1).kind == Tok::kString) {
          return true;
        }
        return KeywordIs(t, "CAST") && Peek(1).kind == Tok::kLParen;
      default: return false;
    }
  }

  Result<Literal> ParseLiteral() {
    const Token& t = Peek();
    size_t at = t.pos;
    if (t.kind == Tok::kMinus || t.kind == Tok::kPlus) {
      bool negative = t.kind == Tok::kMinus;
      Next();
      if (Peek().kind != Tok::kNumber) return Expected("a number after the sign");
      std::string text = Next().text;
      return NumberLiteral(text, negative, at);
    }
    if (t.kind == Tok::kNumber) {
      std::string text = Next().text;
      return NumberLiteral(text, false, at);
    }
    if (t.kind == Tok::kString) return Literal::String(Next().text);
    if (t.kind == Tok::kBytes) return Literal::Bytes(Next().text);
    if (AcceptKeyword("TRUE")) return Literal::Boolean(true);
    if (AcceptKeyword("FALSE")) return Literal::Boolean(false);
    if (AcceptKeyword("NULL")) return Literal::Null();
    if (KeywordIs(t, "DATE") || KeywordIs(t, "TIME") || KeywordIs(t, "TIMESTAMP")) {
      std::string kw = t.text;
      for (auto& c : kw) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      Next();
      if (Peek().kind != Tok::kString) return Expected("a string after " + kw);
      size_t spos = Peek().pos;
      std::string text = Next().text;
      if (kw == "DATE") {
        auto days = expr::ParseDate(text);
        if (!days || *days < INT32_MIN || *days > INT32_MAX) {
          return ErrorAt(spos, "DATE '" + text + "' is not a date (expected YYYY-MM-DD)");
        }
        return Literal::Date(static_cast<int32_t>(*days));
      }
      if (kw == "TIME") {
        auto nanos = expr::ParseTimeOfDay(text);
        if (!nanos) {
          return ErrorAt(spos, "TIME '" + text + "' is not a time (expected HH:MM:SS[.fffffffff])");
        }
        return Literal::Time(*nanos);
      }
      auto ts = expr::ParseTimestamp(text);
      if (!ts) {
        return ErrorAt(spos, "TIMESTAMP '" + text +
                                 "' is not a timestamp (expected YYYY-MM-DD HH:MM:SS[.fffffffff])");
      }
      return Literal::Timestamp(ts->first, ts->second);
    }
    if (AcceptKeyword("CAST")) {
      if (Peek().kind != Tok::kLParen) return Expected("'('");
      Next();
      if (Peek().kind != Tok::kString) return Expected("a string ('NaN', 'Infinity', '-Infinity')");
      size_t spos = Peek().pos;
      std::string text = Next().text;
      FN_RETURN_IF_ERROR(ExpectKeyword("AS"));
      if (!AcceptKeyword("DOUBLE") && !AcceptKeyword("FLOAT")) return Expected("DOUBLE");
      if (Peek().kind != Tok::kRParen) return Expected("')'");
      Next();
      if (text == "NaN") return Literal::Double(std::nan(""));
      if (text == "Infinity") return Literal::Double(HUGE_VAL);
      if (text == "-Infinity") return Literal::Double(-HUGE_VAL);
      char* end = nullptr;
      double v = std::strtod(text.c_str(), &end);
      if (text.empty() || end != text.c_str() + text.size()) {
        return ErrorAt(spos, "'" + text + "' is not a DOUBLE");
      }
      return Literal::Double(v);
    }
    return Expected("a literal");
  }

  bool AtColumn() const {
    const Token& t = Peek();
    return t.kind == Tok::kQuotedIdent || (t.kind == Tok::kIdent && !AtLiteral());
  }

  Result<ColumnPath> ParseColumn() {
    ColumnPath path;
    while (true) {
      const Token& t = Peek();
      if (t.kind != Tok::kIdent && t.kind != Tok::kQuotedIdent) return Expected("a column name");
      path.names.push_back(Next().text);
      if (path.names.size() > 64) return ErrorAt(t.pos, "a column path deeper than 64 fields");
      if (Peek().kind != Tok::kDot) return path;
      Next();
    }
  }

  std::optional<PredicateOp> AcceptCompareOp() {
    const Token& t = Peek();
    if (t.kind != Tok::kOp) return std::nullopt;
    PredicateOp op;
    if (t.text == "=") op = PredicateOp::kEq;
    else if (t.text == "<>" || t.text == "!=") op = PredicateOp::kNe;
    else if (t.text == "<") op = PredicateOp::kLt;
    else if (t.text == "<=") op = PredicateOp::kLe;
    else if (t.text == ">") op = PredicateOp::kGt;
    else if (t.text == ">=") op = PredicateOp::kGe;
    else return std::nullopt;
    Next();
    return op;
  }

  Result<Predicate> ParseLeaf() {
    if (AtLiteral()) {
      FN_ASSIGN_OR_RETURN(Literal lit, ParseLiteral());
      auto op = AcceptCompareOp();
      if (!op) return Expected("a comparison (=, <>, <, <=, >, >=) after the literal");
      if (!AtColumn()) return Expected("a column (a comparison needs a column on one side)");
      FN_ASSIGN_OR_RETURN(ColumnPath col, ParseColumn());
      return Predicate::Compare(std::move(col), FlipOp(*op), std::move(lit));
    }
    if (!AtColumn()) return Expected("a column, a literal, NOT or '('");
    FN_ASSIGN_OR_RETURN(ColumnPath col, ParseColumn());
    if (auto op = AcceptCompareOp()) {
      if (AtColumn()) return Expected("a literal (comparisons of two columns are not supported)");
      if (!AtLiteral()) return Expected("a literal");
      FN_ASSIGN_OR_RETURN(Literal lit, ParseLiteral());
      return Predicate::Compare(std::move(col), *op, std::move(lit));
    }
    if (AcceptKeyword("IS")) {
      bool negated = AcceptKeyword("NOT");
      FN_RETURN_IF_ERROR(ExpectKeyword("NULL"));
      return Predicate::IsNull(std::move(col), negated);
    }
    bool negated = AcceptKeyword("NOT");
    if (AcceptKeyword("BETWEEN")) {
      FN_ASSIGN_OR_RETURN(Literal lo, ParseLiteral());
      FN_RETURN_IF_ERROR(ExpectKeyword("AND"));
      FN_ASSIGN_OR_RETURN(Literal hi, ParseLiteral());
      Predicate p = Predicate::Between(std::move(col), std::move(lo), std::move(hi));
      return negated ? Predicate::Not(std::move(p)) : p;
    }
    if (AcceptKeyword("IN")) {
      if (Peek().kind != Tok::kLParen) return Expected("'(' after IN");
      Next();
      std::vector<Literal> values;
      while (true) {
        FN_ASSIGN_OR_RETURN(Literal v, ParseLiteral());
        values.push_back(std::move(v));
        if (values.size() > kMaxListLiterals) {
          return ErrorAt(Peek().pos, "an IN list longer than " + std::to_string(kMaxListLiterals));
        }
        if (Peek().kind == Tok::kComma) {
          Next();
          continue;
        }
        if (Peek().kind == Tok::kRParen) {
          Next();
          break;
        }
        return Expected("',' or ')' in the IN list");
      }
      return Predicate::In(std::move(col), std::move(values), negated);
    }
    if (AcceptKeyword("LIKE")) {
      if (Peek().kind != Tok::kString) return Expected("a string pattern after LIKE");
      std::string pattern = Next().text;
      std::string escape;
      if (AcceptKeyword("ESCAPE")) {
        if (Peek().kind != Tok::kString) return Expected("a one-character string after ESCAPE");
        size_t epos = Peek().pos;
        escape = Next().text;
        if (escape.empty()) return ErrorAt(epos, "ESCAPE needs one character, found ''");
      }
      Predicate p = Predicate::Like(std::move(col), std::move(pattern), std::move(escape));
      return negated ? Predicate::Not(std::move(p)) : p;
    }
    if (negated) return Expected("BETWEEN, IN or LIKE after NOT");
    return Expected("a comparison, BETWEEN, IN, IS or LIKE after the column");
  }

  std::vector<Token> toks_;
  size_t pos_ = 0;
};

}  // namespace

Result<Predicate> ParsePredicate(const std::string& text) {
  if (text.size() > kMaxTextBytes) {
    return Status::InvalidArgument("predicate: " + std::to_string(text.size()) +
                                   " bytes of text, at most " + std::to_string(kMaxTextBytes));
  }
  FN_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text, false));
  if (tokens.size() == 1) return Status::InvalidArgument("predicate: the text is empty");
  Parser parser(std::move(tokens));
  return parser.ParseAll();
}

Result<Predicate> ParsePredicatePrefix(const std::string& text, size_t* end) {
  if (text.size() > kMaxTextBytes) {
    return Status::InvalidArgument("predicate: " + std::to_string(text.size()) +
                                   " bytes of text, at most " + std::to_string(kMaxTextBytes));
  }
  FN_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text, true));
  if (tokens.size() == 1) return ErrorAt(tokens[0].pos, "expected a predicate");
  Parser parser(std::move(tokens));
  size_t stop = 0;
  FN_ASSIGN_OR_RETURN(Predicate p, parser.ParsePrefix(&stop));
  if (end) *end = stop;
  return p;
}

}  // namespace fluss_native
