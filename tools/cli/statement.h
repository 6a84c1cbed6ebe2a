// The CLI's SQL surface (the seed's statements plus catalog diagnostics).
// Parsing is separate from execution so every malformed input is rejected
// with one line that says what was expected and where.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "fluss_native/predicate.h"
#include "fluss_native/status.h"
#include "fluss_native/table_info.h"

namespace fluss_native::cli {

enum class StatementKind {
  kShowDatabases,    // SHOW DATABASES
  kShowTables,       // SHOW TABLES {FROM|IN} db
  kDescribe,         // {DESC|DESCRIBE} db.tbl
  kShowPartitions,   // SHOW PARTITIONS FROM db.tbl
  kShowBuckets,      // SHOW BUCKETS FROM db.tbl [PARTITION 'p']
  kShowOffsets,      // SHOW OFFSETS FROM db.tbl [PARTITION 'p'] [AT TIMESTAMP ms]
  kShowLakeStatus,   // SHOW LAKE STATUS FROM db.tbl [PARTITION 'p']
  kShowKvSnapshots,  // SHOW KV SNAPSHOTS FROM db.tbl [PARTITION 'p']
  kShowCluster,      // SHOW CLUSTER
  kShowMetrics,      // SHOW METRICS
  kShowTableStatus,  // SHOW TABLE STATUS {FROM|IN} db
  kShowHealth,       // SHOW HEALTH
  kRefreshCatalog,   // REFRESH CATALOG
  kInvalidate,       // INVALIDATE METADATA db.tbl
  kSelect,           // SELECT {*|col[, col...]|COUNT(*)} FROM db.tbl[$log|$lake]
                     //   [FOR VERSION AS OF snapshot | FOR TIMESTAMP AS OF {'ts'|ms}]
                     //   [WHERE predicate] [LIMIT n]
  kExplain,          // EXPLAIN [ANALYZE] SELECT ... FROM db.tbl ... (plain tables only)
};

// Which tier a SELECT reads: `db.tbl$log` the log alone, `db.tbl$lake` the
// lake alone (FOR VERSION AS OF picks its Paimon snapshot); plain `db.tbl`
// the whole table through the planner (the union read; the CLI's --tier
// flag narrows it), where FOR VERSION AS OF pins the lake snapshot and FOR
// TIMESTAMP AS OF reads the table as it was then.
enum class Tier { kDefault, kLog, kLake };

struct Statement {
  StatementKind kind;
  std::string database;
  TablePath table;
  std::optional<std::string> partition;
  std::optional<int64_t> timestamp_ms;
  std::vector<std::string> columns;  // SELECT list; empty for *
  Tier tier = Tier::kDefault;
  std::optional<int64_t> limit;
  std::optional<int64_t> snapshot_id;  // FOR VERSION AS OF
  std::optional<int64_t> as_of_timestamp_ms;  // FOR TIMESTAMP AS OF (epoch millis, UTC)
  bool count = false;    // SELECT COUNT(*): one row, `count`
  bool analyze = false;  // EXPLAIN ANALYZE: run the scan too
  // WHERE: the predicate (parsed by fluss_native::ParsePredicate, so a
  // malformed one fails here) and its text as written.
  std::optional<Predicate> where;
  std::string where_text;
};

// 'yyyy-MM-dd HH:mm:ss[.SSS]' (or with 'T' between date and time), read as
// UTC, to epoch milliseconds. InvalidArgument names the text.
Result<int64_t> ParseUtcTimestamp(const std::string& text);

// Parses one statement; keywords are case-insensitive, names may be quoted
// ("a b" or `a b`), `--` starts a comment to the end of the line and one
// trailing ';' is allowed. Errors name the 1-based character position.
Result<Statement> ParseStatement(const std::string& text);

// A script cut at each ';' outside quotes and comments: the complete
// statements (without their ';') and the unterminated rest. Pieces with
// nothing but blanks and comments are dropped.
struct ScriptPieces {
  std::vector<std::string> complete;
  std::string rest;
};
ScriptPieces SplitScript(const std::string& script);

// Every statement of a script: the complete ones and a non-blank rest.
std::vector<std::string> SplitStatements(const std::string& script);

}  // namespace fluss_native::cli
