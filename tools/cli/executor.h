// Runs parsed statements against a Client's catalog.
#pragma once

#include <functional>
#include <optional>
#include <ostream>
#include <vector>

#include "fluss_native/client.h"
#include "result_set.h"
#include "statement.h"
#include "value_format.h"

namespace fluss_native::cli {

// How far a running SELECT has got (for the shell's progress line).
struct ScanProgress {
  int64_t splits_done = 0;
  int64_t splits_total = 0;  // 0 when the read is not split ($log, $lake)
  int64_t rows = 0;
  int64_t bytes = 0;  // Arrow bytes decoded so far
};

struct ExecOptions {
  // When set, SELECT writes its rows here as an Arrow IPC stream instead of
  // returning them for printing.
  std::ostream* ipc_out = nullptr;
  // The tier a plain `SELECT ... FROM db.tbl` (and EXPLAIN, and `plan`)
  // asks the planner for (--tier).
  ScanTier tier = ScanTier::kAuto;
  // ScanSpec::target_split_bytes (--split-target-bytes); unset: the library's default.
  std::optional<int64_t> target_split_bytes;
  // How values are shown: the table format's human style, or ISO strings
  // for json/jsonl/csv; the zone of TIMESTAMP_LTZ values and table times.
  ValueFormat values;
  // Called after every batch a SELECT reads; may be empty.
  std::function<void(const ScanProgress&)> progress;
  // Asked before every batch and split a SELECT reads; true stops it with
  // Cancelled (the shell's Ctrl-C). May be empty.
  std::function<bool()> cancelled;
};

Result<std::vector<ResultSet>> Execute(Client& client, const Statement& statement,
                                       const ExecOptions& options = {});

// What the planner is asked for a plain SELECT or EXPLAIN: its columns,
// predicate, limit, FOR VERSION/TIMESTAMP AS OF, and the tier from `options`.
// COUNT(*) reads only the predicate's columns (or the first column).
ScanSpec PlannedSpec(const Statement& statement, const ExecOptions& options,
                     const std::vector<Column>& table_columns = {});


// EXPLAIN's result: the plan's text (table format), its fields as one JSON
// object (json, jsonl), and the text's lines as rows (csv).
ResultSet ExplainResult(const ScanPlan& plan);

// `plan`: plans one SELECT or EXPLAIN SELECT of a plain table, writes its
// splits to `splits_dir` (see split_files.h) and returns the EXPLAIN result.
Result<std::vector<ResultSet>> PlanToSplitFiles(Client& client, const Statement& statement,
                                                const ExecOptions& options, const std::string& splits_dir);

// `read-split`: reads the split files' rows as one result (or into
// options.ipc_out), as SELECT prints them.
Result<std::vector<ResultSet>> ReadSplitFiles(Client& client, const std::vector<std::string>& paths,
                                              const ExecOptions& options);

}  // namespace fluss_native::cli
