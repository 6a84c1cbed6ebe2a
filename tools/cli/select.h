// SELECT and EXPLAIN: reading a table's rows into a result (or an Arrow IPC
// stream), counting them, and EXPLAIN ANALYZE's figures.
//
// A plain db.tbl is read through the planner split by split (so progress can
// say how many splits are done and LIMIT stops opening splits once met);
// db.tbl$log and db.tbl$lake read one tier's stream.
#pragma once

#include <vector>

#include "executor.h"

namespace fluss_native::cli {

Result<std::vector<ResultSet>> RunSelect(Client& client, const Statement& statement, const ExecOptions& options);
Result<std::vector<ResultSet>> RunExplain(Client& client, const Statement& statement, const ExecOptions& options);

// Drains `stream` (released here) into one result, or into options.ipc_out.
// `known` types the columns by name (others are the log's metadata columns).
Result<std::vector<ResultSet>> DrainToResult(ArrowArrayStream& stream, const std::vector<Column>& known,
                                             const ExecOptions& options);

// The top-level columns a predicate reads, in first-use order, appended to `out`.
void CollectPredicateColumns(const Predicate& predicate, std::vector<std::string>* out);

// Bytes of an Arrow array of `type` (its buffers over its slice; children whole).
int64_t ArrowArrayBytes(const ArrowArray& array, const DataType& type);

}  // namespace fluss_native::cli
