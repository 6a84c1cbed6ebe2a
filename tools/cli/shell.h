// The interactive shell: `fluss-native --bootstrap X` on a terminal with no
// -e/-f. Line editing and history (~/.fluss_native_history) through libedit,
// statements that may span lines and end at ';', tab completion of
// keywords, databases, tables and columns (from the catalog), a progress
// line for long SELECTs, and Ctrl-C to cancel a running one (between
// batches). `quit`, `exit` or Ctrl-D leave.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "executor.h"

namespace fluss_native::cli {

// Prints one statement's results (the CLI's chosen --format).
using ResultPrinter = std::function<void(const std::vector<ResultSet>&)>;

// Runs the prompt until end of input; returns the process exit code (0).
int RunShell(Client& client, const ExecOptions& options, const ResultPrinter& print);

// The history file: $FLUSS_NATIVE_HISTORY, else $HOME/.fluss_native_history
// (empty: no history is kept).
std::string HistoryPath();

// Completion candidates for the word `prefix` given the text typed so far
// (`line`): keywords (in the case the word is typed in), database names,
// db.table names, and the columns of tables the line names. `tables_of`
// and `columns_of` ask the catalog (and may fail: no candidates then).
struct CompletionSource {
  std::function<std::vector<std::string>()> databases;
  std::function<std::vector<std::string>(const std::string& db)> tables_of;
  std::function<std::vector<std::string>(const std::string& db, const std::string& table)> columns_of;
};
std::vector<std::string> CompletionCandidates(const std::string& line, const std::string& prefix,
                                              const CompletionSource& source);

}  // namespace fluss_native::cli
