#include "shell.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <set>

#include <editline/readline.h>

#include "progress_line.h"

namespace fluss_native::cli {
namespace {

const char* const kKeywords[] = {
    "SELECT", "FROM",     "WHERE",     "LIMIT",   "COUNT",   "EXPLAIN", "ANALYZE",  "SHOW",      "DATABASES",
    "TABLES", "DESC",     "DESCRIBE",  "PARTITIONS", "BUCKETS", "OFFSETS", "LAKE",   "STATUS",    "KV",
    "SNAPSHOTS", "CLUSTER", "METRICS", "HEALTH", "REFRESH", "CATALOG", "INVALIDATE", "METADATA", "PARTITION", "AT",
    "TIMESTAMP", "FOR",   "VERSION",   "AS",      "OF",      "AND",     "OR",       "NOT",       "IN",
    "IS",     "NULL",     "BETWEEN",   "LIKE",    "ESCAPE",  "TRUE",    "FALSE",    "DATE",      "TIME",
    "QUIT",   "EXIT",
};

const char kHelp[] =
    "Statements (end each with ';'):\n"
    "  SELECT {*|col, ...|COUNT(*)} FROM db.tbl[$log|$lake] [FOR VERSION AS OF id | FOR TIMESTAMP AS OF 'ts']\n"
    "         [WHERE predicate] [LIMIT n]\n"
    "  EXPLAIN [ANALYZE] SELECT ...\n"
    "  SHOW DATABASES | SHOW TABLES FROM db | DESC db.tbl\n"
    "  SHOW {PARTITIONS|BUCKETS|OFFSETS|LAKE STATUS|KV SNAPSHOTS} FROM db.tbl [PARTITION 'p']\n"
    "  SHOW CLUSTER | SHOW METRICS | SHOW HEALTH | REFRESH CATALOG | INVALIDATE METADATA db.tbl\n"
    "Tab completes keywords and names; Ctrl-C cancels a running statement; quit, exit or Ctrl-D leave.\n";

std::string Upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

bool StartsWithNoCase(const std::string& s, const std::string& prefix) {
  return s.size() >= prefix.size() && Upper(s.substr(0, prefix.size())) == Upper(prefix);
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// The db.tbl names written in `line` (plain identifiers only).
std::vector<std::pair<std::string, std::string>> TablesNamed(const std::string& line) {
  std::vector<std::pair<std::string, std::string>> out;
  auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; };
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '.' || i == 0 || !ident(line[i - 1])) continue;
    size_t b = i;
    while (b > 0 && ident(line[b - 1])) --b;
    size_t e = i + 1;
    while (e < line.size() && ident(line[e])) ++e;
    if (e > i + 1) out.emplace_back(line.substr(b, i - b), line.substr(i + 1, e - i - 1));
  }
  return out;
}

// The catalog's names, fetched once per shell (REFRESH CATALOG clears them).
class CatalogNames {
 public:
  explicit CatalogNames(Client& client) : client_(client) {}
  void Clear() {
    databases_.reset();
    tables_.clear();
    columns_.clear();
  }
  CompletionSource Source() {
    CompletionSource s;
    s.databases = [this] {
      if (!databases_) {
        auto dbs = client_.catalog().ListDatabases();
        databases_ = dbs.ok() ? *dbs : std::vector<std::string>{};
      }
      return *databases_;
    };
    s.tables_of = [this](const std::string& db) {
      auto it = tables_.find(db);
      if (it == tables_.end()) {
        auto t = client_.catalog().ListTables(db);
        it = tables_.emplace(db, t.ok() ? *t : std::vector<std::string>{}).first;
      }
      return it->second;
    };
    s.columns_of = [this](const std::string& db, const std::string& table) {
      auto key = db + "." + table;
      auto it = columns_.find(key);
      if (it == columns_.end()) {
        std::vector<std::string> names;
        auto t = client_.catalog().GetTable({db, table});
        if (t.ok()) {
          for (const auto& c : (*t)->columns) names.push_back(c.name);
        }
        it = columns_.emplace(key, names).first;
      }
      return it->second;
    };
    return s;
  }

 private:
  Client& client_;
  std::optional<std::vector<std::string>> databases_;
  std::map<std::string, std::vector<std::string>> tables_;
  std::map<std::string, std::vector<std::string>> columns_;
};

// libedit calls plain C functions: the running shell's completer is reached
// through this pointer, set for the duration of RunShell (one shell per process).
CompletionSource* g_source = nullptr;
std::vector<std::string> g_matches;

// Set by SIGINT while a statement runs (Ctrl-C cancels it, not the shell).
volatile sig_atomic_t g_interrupted = 0;

void OnInterrupt(int) { g_interrupted = 1; }

// Ctrl-C stops the running statement between batches while this lives; at
// the prompt it has its usual meaning.
class InterruptScope {
 public:
  InterruptScope() {
    g_interrupted = 0;
    struct sigaction sa {};
    sa.sa_handler = OnInterrupt;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGINT, &sa, &previous_);
  }
  ~InterruptScope() { sigaction(SIGINT, &previous_, nullptr); }
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;

 private:
  struct sigaction previous_ {};
};

char* NextMatch(const char* /*text*/, int state) {
  if (state < 0 || static_cast<size_t>(state) >= g_matches.size()) return nullptr;
  return ::strdup(g_matches[static_cast<size_t>(state)].c_str());
}

char** Complete(const char* text, int start, int /*end*/) {
  rl_attempted_completion_over = 1;  // no file-name completion
  if (g_source == nullptr) return nullptr;
  std::string line = rl_line_buffer != nullptr ? std::string(rl_line_buffer) : "";
  (void)start;
  g_matches = CompletionCandidates(line, text, *g_source);
  if (g_matches.empty()) return nullptr;
  // "fn_lake." goes on to its tables: no space after it.
  rl_completion_append_character = g_matches.size() == 1 && g_matches[0].back() == '.' ? '\0' : ' ';
  return rl_completion_matches(text, NextMatch);
}

}  // namespace

std::string HistoryPath() {
  const char* explicit_path = std::getenv("FLUSS_NATIVE_HISTORY");
  if (explicit_path != nullptr) return explicit_path;
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return "";
  return std::string(home) + "/.fluss_native_history";
}

std::vector<std::string> CompletionCandidates(const std::string& line, const std::string& prefix,
                                              const CompletionSource& source) {
  std::set<std::string> out;
  const bool lower = !prefix.empty() && std::islower(static_cast<unsigned char>(prefix[0]));
  const size_t dot = prefix.find('.');
  if (dot == std::string::npos) {
    for (const char* k : kKeywords) {
      std::string kw = k;
      if (!StartsWithNoCase(kw, prefix)) continue;
      if (lower) {
        for (auto& c : kw) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      out.insert(kw);
    }
    if (source.databases) {
      // After SHOW TABLES FROM a database stands alone; elsewhere it leads to its tables.
      std::string before = Upper(line.substr(0, line.size() >= prefix.size() ? line.size() - prefix.size() : 0));
      while (!before.empty() && std::isspace(static_cast<unsigned char>(before.back()))) before.pop_back();
      const bool alone = (before.size() >= 11 && before.compare(before.size() - 11, 11, "TABLES FROM") == 0) ||
                         (before.size() >= 9 && before.compare(before.size() - 9, 9, "TABLES IN") == 0);
      for (const auto& db : source.databases()) {
        if (db.compare(0, prefix.size(), prefix) == 0) out.insert(alone ? db : db + ".");
      }
    }
    if (source.columns_of) {
      for (const auto& [db, table] : TablesNamed(line)) {
        for (const auto& c : source.columns_of(db, table)) {
          if (c.compare(0, prefix.size(), prefix) == 0) out.insert(c);
        }
      }
    }
  } else if (source.tables_of) {
    const std::string db = prefix.substr(0, dot);
    const std::string rest = prefix.substr(dot + 1);
    for (const auto& t : source.tables_of(db)) {
      if (t.compare(0, rest.size(), rest) == 0) out.insert(db + "." + t);
    }
  }
  return {out.begin(), out.end()};
}

int RunShell(Client& client, const ExecOptions& options, const ResultPrinter& print) {
  CatalogNames names(client);
  CompletionSource source = names.Source();
  g_source = &source;
  rl_readline_name = "fluss-native";
  rl_attempted_completion_function = Complete;
  const std::string history = HistoryPath();
  if (!history.empty()) read_history(history.c_str());
  stifle_history(5000);
  std::cerr << "fluss-native 0.1.0: statements end with ';'. Tab completes names, help lists statements, quit or Ctrl-D leaves.\n";
  std::string buffer;
  while (true) {
    char* raw = readline(buffer.empty() ? "fluss> " : "    -> ");
    if (raw == nullptr) break;
    std::string line = raw;
    std::free(raw);
    if (buffer.empty()) {
      std::string word = Upper(Trim(line));
      while (!word.empty() && word.back() == ';') word.pop_back();
      if (word == "QUIT" || word == "EXIT" || word == "\\Q") break;
      if (word == "HELP" || word == "\\?") {
        std::cout << kHelp;
        continue;
      }
    }
    buffer += line + "\n";
    ScriptPieces pieces = SplitScript(buffer);
    for (const auto& text : pieces.complete) {
      std::string one_line = Trim(text);
      std::replace(one_line.begin(), one_line.end(), '\n', ' ');
      add_history((one_line + ";").c_str());
      if (!history.empty()) write_history(history.c_str());
      auto st = ParseStatement(text);
      if (!st.ok()) {
        std::cerr << "error: " << st.status().ToString() << std::endl;
        continue;
      }
      ExecOptions exec = options;
      ProgressLine progress(stderr, ::isatty(STDERR_FILENO) == 1);
      if (st->kind == StatementKind::kSelect || st->kind == StatementKind::kExplain) exec.progress = progress.Callback();
      exec.cancelled = [] { return g_interrupted != 0; };
      Result<std::vector<ResultSet>> results = Status::Internal("not run");
      {
        InterruptScope interrupt;
        results = Execute(client, *st, exec);
      }
      progress.Finish();
      if (st->kind == StatementKind::kRefreshCatalog) names.Clear();
      if (!results.ok()) {
        std::cerr << "error: " << results.status().ToString() << std::endl;
        continue;
      }
      print(*results);
      std::cout.flush();
    }
    buffer = Trim(pieces.rest).empty() ? "" : pieces.rest;
  }
  std::cout << std::endl;
  if (!history.empty()) write_history(history.c_str());
  g_source = nullptr;
  return 0;
}

}  // namespace fluss_native::cli
