#include "statement.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace fluss_native::cli {
namespace {

struct Token {
  enum Kind { kWord, kQuotedName, kString, kNumber, kSymbol, kEnd } kind;
  std::string text;
  size_t pos;
};

// The end of a `--` comment starting at s[i]: the next newline (or the end).
size_t CommentEnd(const std::string& s, size_t i) {
  size_t nl = s.find('\n', i);
  return nl == std::string::npos ? s.size() : nl;
}

bool StartsComment(const std::string& s, size_t i) { return s[i] == '-' && i + 1 < s.size() && s[i + 1] == '-'; }

std::string At(size_t pos) { return "position " + std::to_string(pos + 1); }

Result<std::vector<Token>> Tokenize(const std::string& s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isspace(c)) {
      ++i;
    } else if (StartsComment(s, i)) {
      i = CommentEnd(s, i);
    } else if (std::isalpha(c) || c == '_') {
      size_t b = i;
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_' ||
                              s[i] == '$' || (s[i] == '-' && !StartsComment(s, i)))) {
        ++i;
      }
      out.push_back({Token::kWord, s.substr(b, i - b), b});
    } else if (std::isdigit(c)) {
      // Integers; decimals and exponents too, so a WHERE's literals tokenise
      // (only integers are accepted where the statement itself wants a number).
      size_t b = i;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      if (i + 1 < s.size() && s[i] == '.' && std::isdigit(static_cast<unsigned char>(s[i + 1]))) {
        ++i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
      }
      if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        size_t e = i + 1;
        if (e < s.size() && (s[e] == '+' || s[e] == '-')) ++e;
        if (e < s.size() && std::isdigit(static_cast<unsigned char>(s[e]))) {
          i = e;
          while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
        }
      }
      out.push_back({Token::kNumber, s.substr(b, i - b), b});
    } else if (c == '`' || c == '\'' || c == '"') {
      char q = s[i];
      size_t b = i++;
      std::string text;
      while (true) {
        if (i >= s.size()) {
          return Status::InvalidArgument("malformed statement: unterminated " + std::string(1, q) + " at " + At(b));
        }
        if (s[i] == q) {
          if (i + 1 < s.size() && s[i + 1] == q) {
            text += q;
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        text += s[i++];
      }
      out.push_back({q == '\'' ? Token::kString : Token::kQuotedName, text, b});
    } else if (std::strchr(".,=*()<>!;+-/:%", c) != nullptr) {
      // Two-character operators stay one token so a WHERE's text is kept whole.
      size_t n = 1;
      if (i + 1 < s.size() && ((c == '<' && (s[i + 1] == '=' || s[i + 1] == '>')) ||
                               (c == '>' && s[i + 1] == '=') || (c == '!' && s[i + 1] == '='))) {
        n = 2;
      }
      out.push_back({Token::kSymbol, s.substr(i, n), i});
      i += n;
    } else {
      return Status::InvalidArgument("malformed statement: unexpected character '" + std::string(1, s[i]) +
                                     "' at " + At(i));
    }
  }
  out.push_back({Token::kEnd, "", s.size()});
  return out;
}

std::string Upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// ParsePredicate counts positions from the start of the WHERE text; the
// user sees the statement, so "at position k" becomes the statement's.
std::string InStatementPositions(const std::string& message, size_t where_begin) {
  static const std::string kAt = "at position ";
  std::string out;
  size_t from = 0;
  for (size_t at = message.find(kAt); at != std::string::npos; at = message.find(kAt, from)) {
    size_t digits = at + kAt.size();
    size_t end = digits;
    while (end < message.size() && end - digits < 9 && std::isdigit(static_cast<unsigned char>(message[end]))) ++end;
    out += message.substr(from, digits - from);
    if (end > digits) {
      out += std::to_string(std::stoll(message.substr(digits, end - digits)) + static_cast<long long>(where_begin));
    }
    from = end;
  }
  return out + message.substr(from);
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : t_(std::move(tokens)) {}

  bool Accept(const char* keyword) {
    if (t_[i_].kind == Token::kWord && Upper(t_[i_].text) == keyword) {
      ++i_;
      return true;
    }
    return false;
  }
  Status Expect(const char* keyword) {
    return Accept(keyword) ? Status::OK() : Error(std::string("expected ") + keyword);
  }
  Status Error(const std::string& what) const {
    const Token& tok = t_[i_];
    std::string near = tok.kind == Token::kEnd ? "end of statement" : "'" + tok.text + "'";
    return Status::InvalidArgument("malformed statement: " + what + " at " + At(tok.pos) + " (" + near + ")");
  }
  const Token& Peek() const { return t_[i_]; }
  bool PeekWord(const char* keyword) const {
    return t_[i_].kind == Token::kWord && Upper(t_[i_].text) == keyword;
  }
  // Skips tokens up to (not including) a top-level word `stop` or the end;
  // returns the index range skipped.
  std::pair<size_t, size_t> SkipUntil(const char* stop) {
    size_t from = i_;
    int depth = 0;
    while (t_[i_].kind != Token::kEnd) {
      const Token& tok = t_[i_];
      if (tok.kind == Token::kSymbol && tok.text == "(") ++depth;
      if (tok.kind == Token::kSymbol && tok.text == ")") --depth;
      if (depth <= 0 && tok.kind == Token::kWord && Upper(tok.text) == stop) break;
      if (depth <= 0 && tok.kind == Token::kSymbol && tok.text == ";") break;
      ++i_;
    }
    return {from, i_};
  }
  size_t PosOf(size_t index) const { return t_[index].pos; }
  Result<std::string> Name() {
    const Token& tok = t_[i_];
    if (tok.kind != Token::kWord && tok.kind != Token::kQuotedName) return Error("expected a name");
    ++i_;
    return tok.text;
  }
  Result<TablePath> Table() {
    FN_ASSIGN_OR_RETURN(std::string db, Name());
    if (t_[i_].kind != Token::kSymbol || t_[i_].text != ".") return Error("expected database.table");
    ++i_;
    FN_ASSIGN_OR_RETURN(std::string tbl, Name());
    return TablePath{db, tbl};
  }
  Result<std::string> StringLiteral() {
    const Token& tok = t_[i_];
    if (tok.kind != Token::kString) return Error("expected a quoted string");
    ++i_;
    return tok.text;
  }
  Result<int64_t> Number() {
    const Token& tok = t_[i_];
    const bool integer = std::all_of(tok.text.begin(), tok.text.end(),
                                     [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
    if (tok.kind != Token::kNumber || !integer || tok.text.size() > 18) return Error("expected a number");
    ++i_;
    return std::stoll(tok.text);
  }
  bool AcceptSymbol(const char* sym) {
    if (t_[i_].kind == Token::kSymbol && t_[i_].text == sym) {
      ++i_;
      return true;
    }
    return false;
  }
  bool AcceptStar() {
    if (t_[i_].kind == Token::kSymbol && t_[i_].text == "*") {
      ++i_;
      return true;
    }
    return false;
  }
  bool PeekString() const { return t_[i_].kind == Token::kString; }
  Status End() {
    AcceptSymbol(";");
    return t_[i_].kind == Token::kEnd ? Status::OK() : Error("unexpected text");
  }

 private:
  std::vector<Token> t_;
  size_t i_ = 0;
};

// FROM db.tbl [PARTITION 'p'] — the tail shared by the per-table SHOW statements.
Status TableTail(Parser& p, Statement* st, bool allow_partition) {
  if (!p.Accept("FROM") && !p.Accept("IN")) return p.Error("expected FROM");
  FN_ASSIGN_OR_RETURN(st->table, p.Table());
  if (allow_partition && p.Accept("PARTITION")) {
    FN_ASSIGN_OR_RETURN(std::string part, p.StringLiteral());
    st->partition = part;
  }
  return Status::OK();
}

Result<Statement> ParseShow(Parser& p) {
  Statement st{};
  if (p.Accept("DATABASES")) {
    st.kind = StatementKind::kShowDatabases;
  } else if (p.Accept("TABLE")) {
    FN_RETURN_IF_ERROR(p.Expect("STATUS"));
    st.kind = StatementKind::kShowTableStatus;
    if (!p.Accept("FROM") && !p.Accept("IN")) return p.Error("expected FROM <database>");
    FN_ASSIGN_OR_RETURN(st.database, p.Name());
  } else if (p.Accept("TABLES")) {
    st.kind = StatementKind::kShowTables;
    if (!p.Accept("FROM") && !p.Accept("IN")) return p.Error("expected FROM <database>");
    FN_ASSIGN_OR_RETURN(st.database, p.Name());
  } else if (p.Accept("PARTITIONS")) {
    st.kind = StatementKind::kShowPartitions;
    FN_RETURN_IF_ERROR(TableTail(p, &st, false));
  } else if (p.Accept("BUCKETS")) {
    st.kind = StatementKind::kShowBuckets;
    FN_RETURN_IF_ERROR(TableTail(p, &st, true));
  } else if (p.Accept("OFFSETS")) {
    st.kind = StatementKind::kShowOffsets;
    FN_RETURN_IF_ERROR(TableTail(p, &st, true));
    if (p.Accept("AT")) {
      FN_RETURN_IF_ERROR(p.Expect("TIMESTAMP"));
      FN_ASSIGN_OR_RETURN(int64_t ts, p.Number());
      st.timestamp_ms = ts;
    }
  } else if (p.Accept("LAKE")) {
    FN_RETURN_IF_ERROR(p.Expect("STATUS"));
    st.kind = StatementKind::kShowLakeStatus;
    FN_RETURN_IF_ERROR(TableTail(p, &st, true));
  } else if (p.Accept("KV")) {
    FN_RETURN_IF_ERROR(p.Expect("SNAPSHOTS"));
    st.kind = StatementKind::kShowKvSnapshots;
    FN_RETURN_IF_ERROR(TableTail(p, &st, true));
  } else if (p.Accept("CLUSTER")) {
    st.kind = StatementKind::kShowCluster;
  } else if (p.Accept("METRICS")) {
    st.kind = StatementKind::kShowMetrics;
  } else if (p.Accept("HEALTH")) {
    st.kind = StatementKind::kShowHealth;
  } else {
    return p.Error(
        "expected DATABASES, TABLES, TABLE STATUS, PARTITIONS, BUCKETS, OFFSETS, LAKE STATUS, KV SNAPSHOTS, "
        "CLUSTER, METRICS or HEALTH after SHOW");
  }
  return st;
}

Result<Statement> ParseSelect(Parser& p, const std::string& text) {
  Statement st{};
  st.kind = StatementKind::kSelect;
  if (p.PeekWord("COUNT")) {
    p.Accept("COUNT");
    if (!p.AcceptSymbol("(") || !p.AcceptStar() || !p.AcceptSymbol(")")) return p.Error("expected COUNT(*)");
    st.count = true;
  } else if (!p.AcceptStar()) {
    do {
      FN_ASSIGN_OR_RETURN(std::string col, p.Name());
      st.columns.push_back(col);
    } while (p.AcceptSymbol(","));
  }
  FN_RETURN_IF_ERROR(p.Expect("FROM"));
  FN_ASSIGN_OR_RETURN(st.table, p.Table());
  // A tier suffix: db.tbl$log (Doris's system-table spelling).
  size_t dollar = st.table.table.rfind('$');
  if (dollar != std::string::npos) {
    std::string tier = Upper(st.table.table.substr(dollar + 1));
    if (tier != "LOG" && tier != "LAKE") {
      return p.Error("unknown table suffix '$" + st.table.table.substr(dollar + 1) + "' (expected $log or $lake)");
    }
    st.tier = tier == "LOG" ? Tier::kLog : Tier::kLake;
    st.table.table = st.table.table.substr(0, dollar);
  }
  if (p.Accept("FOR")) {
    if (p.Accept("VERSION")) {
      FN_RETURN_IF_ERROR(p.Expect("AS"));
      FN_RETURN_IF_ERROR(p.Expect("OF"));
      if (st.tier == Tier::kLog) return p.Error("FOR VERSION AS OF names a lake snapshot; it cannot read $log");
      FN_ASSIGN_OR_RETURN(int64_t id, p.Number());
      st.snapshot_id = id;
    } else if (p.Accept("TIMESTAMP")) {
      FN_RETURN_IF_ERROR(p.Expect("AS"));
      FN_RETURN_IF_ERROR(p.Expect("OF"));
      if (st.tier != Tier::kDefault) {
        return p.Error("FOR TIMESTAMP AS OF reads the whole table; it cannot read $log or $lake");
      }
      if (p.PeekString()) {
        FN_ASSIGN_OR_RETURN(std::string text, p.StringLiteral());
        FN_ASSIGN_OR_RETURN(int64_t ms, ParseUtcTimestamp(text));
        st.as_of_timestamp_ms = ms;
      } else {
        FN_ASSIGN_OR_RETURN(int64_t ms, p.Number());
        st.as_of_timestamp_ms = ms;
      }
    } else {
      return p.Error("expected VERSION or TIMESTAMP after FOR");
    }
  }
  if (p.Accept("WHERE")) {
    auto [from, to] = p.SkipUntil("LIMIT");
    if (from == to) return p.Error("expected a predicate after WHERE");
    const size_t begin = p.PosOf(from);
    const size_t end = p.PosOf(to);
    st.where_text = text.substr(begin, end - begin);
    while (!st.where_text.empty() && std::isspace(static_cast<unsigned char>(st.where_text.back()))) {
      st.where_text.pop_back();
    }
    auto predicate = ParsePredicate(st.where_text);
    if (!predicate.ok()) {
      return Status::InvalidArgument("malformed statement: in the WHERE clause at " + At(begin) + ": " +
                                     InStatementPositions(predicate.status().message(), begin));
    }
    st.where = *predicate;
  }
  if (p.Accept("LIMIT")) {
    FN_ASSIGN_OR_RETURN(int64_t n, p.Number());
    st.limit = n;
  }
  return st;
}

}  // namespace

Result<Statement> ParseStatement(const std::string& text) {
  FN_ASSIGN_OR_RETURN(auto tokens, Tokenize(text));
  Parser p(std::move(tokens));
  Statement st{};
  if (p.Accept("SHOW")) {
    FN_ASSIGN_OR_RETURN(st, ParseShow(p));
  } else if (p.Accept("DESC") || p.Accept("DESCRIBE")) {
    st.kind = StatementKind::kDescribe;
    FN_ASSIGN_OR_RETURN(st.table, p.Table());
  } else if (p.Accept("SELECT")) {
    FN_ASSIGN_OR_RETURN(st, ParseSelect(p, text));
  } else if (p.Accept("EXPLAIN")) {
    const bool analyze = p.Accept("ANALYZE");
    FN_RETURN_IF_ERROR(p.Expect("SELECT"));
    FN_ASSIGN_OR_RETURN(st, ParseSelect(p, text));
    st.analyze = analyze;
    if (st.tier != Tier::kDefault) {
      return Status::InvalidArgument("malformed statement: EXPLAIN explains the planned read of a plain db.tbl "
                                     "(not $log or $lake; use --tier log|lake)");
    }
    st.kind = StatementKind::kExplain;
  } else if (p.Accept("REFRESH")) {
    FN_RETURN_IF_ERROR(p.Expect("CATALOG"));
    st.kind = StatementKind::kRefreshCatalog;
  } else if (p.Accept("INVALIDATE")) {
    FN_RETURN_IF_ERROR(p.Expect("METADATA"));
    st.kind = StatementKind::kInvalidate;
    FN_ASSIGN_OR_RETURN(st.table, p.Table());
  } else {
    return p.Error("expected SELECT, EXPLAIN, SHOW, DESC, REFRESH or INVALIDATE");
  }
  FN_RETURN_IF_ERROR(p.End());
  return st;
}

Result<int64_t> ParseUtcTimestamp(const std::string& text) {
  // yyyy-MM-dd[ |T]HH:mm:ss[.S{1,9}]; fractions beyond milliseconds are cut.
  auto bad = [&text] {
    return Status::InvalidArgument("timestamp '" + text +
                                   "' is not 'yyyy-MM-dd HH:mm:ss[.SSS]' (UTC) or epoch milliseconds");
  };
  auto digits = [&text](size_t at, size_t n, int* out) {
    if (at + n > text.size()) return false;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
      v = v * 10 + (text[i] - '0');
    }
    *out = v;
    return true;
  };
  int y, mo, d, h, mi, sec;
  if (text.size() < 19 || !digits(0, 4, &y) || text[4] != '-' || !digits(5, 2, &mo) || text[7] != '-' ||
      !digits(8, 2, &d) || (text[10] != ' ' && text[10] != 'T') || !digits(11, 2, &h) || text[13] != ':' ||
      !digits(14, 2, &mi) || text[16] != ':' || !digits(17, 2, &sec)) {
    return bad();
  }
  int64_t millis = 0;
  if (text.size() > 19) {
    if (text[19] != '.' || text.size() == 20 || text.size() > 29) return bad();
    for (size_t i = 20; i < text.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return bad();
      if (i < 23) millis = millis * 10 + (text[i] - '0');
    }
    for (size_t i = text.size(); i < 23; ++i) millis *= 10;
  }
  static constexpr int kDaysIn[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > kDaysIn[mo - 1] || (mo == 2 && d == 29 && !leap) || h > 23 || mi > 59 ||
      sec > 59) {
    return bad();
  }
  // days from civil (proleptic Gregorian), as in Howard Hinnant's algorithm
  const int64_t yy = y - (mo <= 2);
  const int64_t era = yy / 400;  // y >= 0 here
  const int64_t yoe = yy - era * 400;
  const int64_t doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t days = era * 146097 + doe - 719468;
  return ((days * 24 + h) * 60 + mi) * 60000 + sec * 1000 + millis;
}

namespace {
// Statements start at their first non-blank character, so the positions
// their errors name count from there.
std::string TrimLeft(const std::string& s) {
  size_t b = 0;
  while (b < s.size() && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  return s.substr(b);
}
}  // namespace

ScriptPieces SplitScript(const std::string& script) {
  ScriptPieces out;
  size_t begin = 0;
  bool content = false;  // anything but blanks and comments since `begin`
  char quote = 0;
  for (size_t i = 0; i < script.size(); ++i) {
    char c = script[i];
    if (quote) {
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: same result
    } else if (StartsComment(script, i)) {
      i = CommentEnd(script, i);
      if (i == script.size()) break;
    } else if (c == '\'' || c == '"' || c == '`') {
      quote = c;
      content = true;
    } else if (c == ';') {
      if (content) out.complete.push_back(TrimLeft(script.substr(begin, i - begin)));
      begin = i + 1;
      content = false;
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      content = true;
    }
  }
  if (content) out.rest = TrimLeft(script.substr(begin));
  return out;
}

std::vector<std::string> SplitStatements(const std::string& script) {
  ScriptPieces pieces = SplitScript(script);
  if (!pieces.rest.empty()) pieces.complete.push_back(pieces.rest);
  return pieces.complete;
}

}  // namespace fluss_native::cli
