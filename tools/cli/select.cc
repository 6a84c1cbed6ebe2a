#include "select.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <map>

#include <nlohmann/json.hpp>

#include "fluss_native/arrow_output.h"

namespace fluss_native::cli {
namespace {

// One array pulled from a stream, released when it goes out of scope.
struct OwnedArray {
  ArrowArray array{};
  OwnedArray() = default;
  OwnedArray(const OwnedArray&) = delete;
  OwnedArray& operator=(const OwnedArray&) = delete;
  ~OwnedArray() {
    if (array.release != nullptr) array.release(&array);
  }
};

DataType MetadataColumnType(const std::string& name) {  // include/fluss_native/log_scan.h
  DataType t;
  t.nullable = false;
  t.root = name == "__offset"      ? TypeRoot::kBigInt
           : name == "__timestamp" ? TypeRoot::kTimestampLtz
           : name == "__bucket"    ? TypeRoot::kInt
                                   : TypeRoot::kString;
  t.precision = t.root == TypeRoot::kTimestampLtz ? 3 : 0;
  return t;
}

// The ROW type of a stream's batches: `names` typed by the table's columns
// (or as the log's metadata columns).
DataType RowTypeOf(const std::vector<std::string>& names, const std::vector<Column>& known) {
  DataType row_type;
  row_type.root = TypeRoot::kRow;
  for (const auto& name : names) {
    auto it = std::find_if(known.begin(), known.end(), [&name](const Column& c) { return c.name == name; });
    row_type.children.push_back(it != known.end() ? it->type : MetadataColumnType(name));
    row_type.field_names.push_back(name);
    row_type.field_ids.push_back(-1);
    row_type.field_descriptions.push_back(std::nullopt);
  }
  return row_type;
}

Result<std::vector<std::string>> StreamColumns(ArrowArrayStream& stream) {
  ArrowSchema schema;
  if (stream.get_schema(&stream, &schema) != 0) {
    const char* e = stream.get_last_error(&stream);
    return Status(StatusCode::kServerError, e != nullptr ? e : "the stream has no schema");
  }
  std::vector<std::string> names;
  for (int64_t i = 0; i < schema.n_children; ++i) names.push_back(schema.children[i]->name);
  schema.release(&schema);
  return names;
}

// Writes `stream` (released here) to `out` as an Arrow IPC stream: exact types.
Result<std::vector<ResultSet>> WriteIpc(ArrowArrayStream& stream, const std::vector<Column>& known,
                                        std::ostream* out) {
  auto names = StreamColumns(stream);
  if (!names.ok()) {
    stream.release(&stream);
    return names.status();
  }
  auto rows = WriteArrowIpcStream(&stream, RowTypeOf(*names, known), out);
  stream.release(&stream);
  FN_RETURN_IF_ERROR(rows.status());
  ResultSet rs;
  rs.columns = {"rows_written"};
  rs.rows = {{Cell::Num(*rows)}};
  return std::vector<ResultSet>{std::move(rs)};
}

// What a SELECT has read so far, in all and per split tier.
struct ReadTally {
  ScanProgress progress;
  std::map<std::string, std::pair<int64_t, int64_t>> per_tier;  // tier -> rows, Arrow bytes
};

// Pulls `stream`'s batches (releasing it) into `rs`, or only counts them
// when `count_only`, stopping once `*remaining` rows are taken. `tier` names
// the split tier the rows are tallied under.
Status DrainInto(ArrowArrayStream& stream, const std::vector<Column>& known, const ExecOptions& exec,
                 bool count_only, std::optional<int64_t>* remaining, const std::string& tier, ResultSet* rs,
                 ReadTally* tally) {
  auto names = StreamColumns(stream);
  if (!names.ok()) {
    stream.release(&stream);
    return names.status();
  }
  if (rs->columns.empty() && !count_only) rs->columns = *names;
  const DataType row_type = RowTypeOf(*names, known);
  Status failure;
  while (!(*remaining && **remaining <= 0)) {
    if (exec.cancelled && exec.cancelled()) {
      failure = Status::Cancelled("statement cancelled after " + std::to_string(tally->progress.rows) + " rows");
      break;
    }
    OwnedArray batch;
    if (stream.get_next(&stream, &batch.array) != 0) {
      const char* e = stream.get_last_error(&stream);
      failure = Status(StatusCode::kServerError, e != nullptr ? e : "reading the stream failed");
      break;
    }
    if (batch.array.release == nullptr) break;
    int64_t take = batch.array.length;
    if (*remaining) take = std::min(take, **remaining);
    const int64_t bytes = ArrowArrayBytes(batch.array, row_type);
    tally->progress.rows += take;
    tally->progress.bytes += bytes;
    tally->per_tier[tier].first += take;
    tally->per_tier[tier].second += bytes;
    if (*remaining) **remaining -= take;
    if (!count_only) {
      auto json = ArrowBatchToJson(batch.array, row_type);
      if (!json.ok()) {
        failure = json.status();
        break;
      }
      int64_t r = 0;
      for (const auto& row : nlohmann::json::parse(*json)) {
        if (r++ >= take) break;
        std::vector<Cell> cells;
        for (size_t f = 0; f < row_type.children.size(); ++f) {
          const auto& name = row_type.field_names[f];
          cells.push_back(FormatCell(row.contains(name) ? row[name] : nlohmann::json(), row_type.children[f],
                                     exec.values));
        }
        rs->rows.push_back(std::move(cells));
      }
    }
    if (exec.progress) exec.progress(tally->progress);
  }
  stream.release(&stream);
  return failure;
}

// Opens db.tbl$log or db.tbl$lake as one stream; `known` gets its columns.
Status OpenTierStream(Client& client, const Statement& st, const TableInfo& table,
                      const std::vector<std::string>& columns, bool metadata_columns, ArrowArrayStream* stream,
                      std::vector<Column>* known) {
  *known = table.columns;
  if (st.tier == Tier::kLake) {
    // Pin the snapshot once so the described columns are the scanned ones.
    FN_ASSIGN_OR_RETURN(auto lake, client.DescribeLake(st.table, st.snapshot_id));
    LakeScanOptions options;
    options.columns = columns;
    options.limit = st.count ? std::nullopt : st.limit;
    options.snapshot_id = lake.snapshot_id;
    options.predicate = st.where;
    FN_RETURN_IF_ERROR(client.ScanLake(st.table, options, stream));
    *known = lake.columns;
    return Status::OK();
  }
  // db.tbl$log: the log itself, with its metadata columns.
  LogScanOptions options;
  options.columns = columns;
  options.limit = st.count ? std::nullopt : st.limit;
  options.metadata_columns = metadata_columns;
  options.predicate = st.where;
  return client.ScanLog(st.table, options, stream);
}

// A plain db.tbl: the plan's splits, read one after another (or, when the
// plan is a point lookup, the lookup).
Status ReadPlan(Client& client, const ScanPlan& plan, const ScanSpec& spec, bool count_only,
                const std::vector<Column>& known, const ExecOptions& exec, std::optional<int64_t>* remaining,
                ResultSet* rs, ReadTally* tally) {
  if (plan.lookup_keys) {
    // The primary key is pinned: Client::Scan answers with a lookup.
    ArrowArrayStream stream;
    FN_RETURN_IF_ERROR(client.Scan(plan.table, spec, &stream));
    FN_RETURN_IF_ERROR(DrainInto(stream, known, exec, count_only, remaining, "lookup", rs, tally));
    if (rs->columns.empty() && !count_only) rs->columns = plan.columns;
    return Status::OK();
  }
  tally->progress.splits_total = static_cast<int64_t>(plan.splits.size());
  for (const auto& split : plan.splits) {
    if (*remaining && **remaining <= 0) break;
    if (exec.cancelled && exec.cancelled()) {
      return Status::Cancelled("statement cancelled after " + std::to_string(tally->progress.splits_done) + " of " +
                               std::to_string(tally->progress.splits_total) + " splits");
    }
    ArrowArrayStream stream;
    FN_RETURN_IF_ERROR(client.OpenSplit(split, &stream, spec.read));
    FN_RETURN_IF_ERROR(DrainInto(stream, known, exec, count_only, remaining, SplitTierName(split.tier), rs, tally));
    ++tally->progress.splits_done;
    if (exec.progress) exec.progress(tally->progress);
  }
  if (rs->columns.empty() && !count_only) rs->columns = plan.columns;
  return Status::OK();
}

// The sum of the samples of counter `family` in Prometheus text (every
// label set; `family`_total lines).
int64_t Metric(const std::string& text, const std::string& family) {
  const std::string name = family + "_total";
  int64_t sum = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    if (text.compare(pos, name.size(), name) == 0 && pos + name.size() < nl &&
        (text[pos + name.size()] == ' ' || text[pos + name.size()] == '{')) {
      const size_t sp = text.rfind(' ', nl);
      if (sp != std::string::npos && sp > pos) sum += std::atoll(text.c_str() + sp + 1);
    }
    pos = nl + 1;
  }
  return sum;
}

void SetRowsFromText(ResultSet* rs) {
  rs->rows.clear();
  const std::string& text = *rs->text;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    rs->rows.push_back({Cell::Str(text.substr(pos, nl - pos))});
    pos = nl + 1;
  }
}

int64_t BitmapBytes(int64_t n) { return (n + 7) / 8; }

int32_t OffsetAt(const ArrowArray& a, int64_t i) {
  return a.n_buffers > 1 && a.buffers[1] != nullptr ? static_cast<const int32_t*>(a.buffers[1])[a.offset + i] : 0;
}

}  // namespace

int64_t ArrowArrayBytes(const ArrowArray& a, const DataType& t) {
  const int64_t n = a.length;
  int64_t bytes = a.n_buffers > 0 && a.buffers[0] != nullptr ? BitmapBytes(n) : 0;
  switch (t.root) {
    case TypeRoot::kBoolean: return bytes + BitmapBytes(n);
    case TypeRoot::kTinyInt: return bytes + n;
    case TypeRoot::kSmallInt: return bytes + 2 * n;
    case TypeRoot::kInt:
    case TypeRoot::kDate:
    case TypeRoot::kFloat: return bytes + 4 * n;
    case TypeRoot::kTime: return bytes + (t.precision <= 3 ? 4 : 8) * n;
    case TypeRoot::kBigInt:
    case TypeRoot::kDouble:
    case TypeRoot::kTimestamp:
    case TypeRoot::kTimestampLtz: return bytes + 8 * n;
    case TypeRoot::kDecimal: return bytes + 16 * n;
    case TypeRoot::kBinary: return bytes + int64_t(t.length) * n;
    case TypeRoot::kChar:
    case TypeRoot::kString:
    case TypeRoot::kBytes: return bytes + 4 * (n + 1) + (n > 0 ? OffsetAt(a, n) - OffsetAt(a, 0) : 0);
    case TypeRoot::kArray:
    case TypeRoot::kMap:
      bytes += 4 * (n + 1);
      if (a.n_children > 0 && a.children[0] != nullptr) {
        if (t.root == TypeRoot::kArray) return bytes + ArrowArrayBytes(*a.children[0], t.children[0]);
        const ArrowArray& entries = *a.children[0];
        for (int64_t c = 0; c < entries.n_children && c < 2; ++c) {
          if (entries.children[c] != nullptr) bytes += ArrowArrayBytes(*entries.children[c], t.children[c]);
        }
      }
      return bytes;
    case TypeRoot::kRow:
      for (int64_t c = 0; c < a.n_children && c < static_cast<int64_t>(t.children.size()); ++c) {
        if (a.children[c] != nullptr) bytes += ArrowArrayBytes(*a.children[c], t.children[c]);
      }
      return bytes;
  }
  return bytes;
}

void CollectPredicateColumns(const Predicate& p, std::vector<std::string>* out) {
  if (p.op() == PredicateOp::kAnd || p.op() == PredicateOp::kOr || p.op() == PredicateOp::kNot) {
    for (const auto& c : p.children()) CollectPredicateColumns(c, out);
    return;
  }
  if (!p.column().names.empty() && std::find(out->begin(), out->end(), p.column().names[0]) == out->end()) {
    out->push_back(p.column().names[0]);
  }
}

Result<std::vector<ResultSet>> DrainToResult(ArrowArrayStream& stream, const std::vector<Column>& known,
                                             const ExecOptions& exec) {
  if (exec.ipc_out) return WriteIpc(stream, known, exec.ipc_out);
  ResultSet rs;
  ReadTally tally;
  std::optional<int64_t> no_limit;
  FN_RETURN_IF_ERROR(DrainInto(stream, known, exec, false, &no_limit, "", &rs, &tally));
  return std::vector<ResultSet>{std::move(rs)};
}

Result<std::vector<ResultSet>> RunSelect(Client& client, const Statement& st, const ExecOptions& exec) {
  FN_ASSIGN_OR_RETURN(auto table, client.catalog().GetTable(st.table));
  std::optional<int64_t> remaining = st.count ? std::nullopt : st.limit;
  ResultSet rs;
  ReadTally tally;
  if (st.tier != Tier::kDefault) {
    std::vector<std::string> columns = st.columns;
    if (st.count && !table->columns.empty()) columns = {table->columns[0].name};
    ArrowArrayStream stream;
    std::vector<Column> known;
    FN_RETURN_IF_ERROR(OpenTierStream(client, st, *table, columns, !st.count, &stream, &known));
    if (exec.ipc_out && !st.count) return WriteIpc(stream, known, exec.ipc_out);
    FN_RETURN_IF_ERROR(DrainInto(stream, known, exec, st.count, &remaining, st.tier == Tier::kLake ? "lake" : "log",
                                 &rs, &tally));
  } else {
    const ScanSpec spec = PlannedSpec(st, exec, table->columns);
    if (exec.ipc_out && !st.count) {
      ArrowArrayStream stream;
      FN_RETURN_IF_ERROR(client.Scan(st.table, spec, &stream));
      return WriteIpc(stream, table->columns, exec.ipc_out);
    }
    FN_ASSIGN_OR_RETURN(auto plan, client.Plan(st.table, spec));
    FN_RETURN_IF_ERROR(ReadPlan(client, plan, spec, st.count, table->columns, exec, &remaining, &rs, &tally));
  }
  if (st.count) {
    ResultSet count;
    count.columns = {"count"};
    count.rows = {{Cell::Num(tally.progress.rows)}};
    return std::vector<ResultSet>{std::move(count)};
  }
  return std::vector<ResultSet>{std::move(rs)};
}

// The scan's profile (ScanMetrics), Doris-style names first: a "profile:"
// block in the text and "profile" in the JSON.
static void AppendProfile(const ScanMetrics& m, std::string* text, nlohmann::ordered_json* j) {
  auto v = [](const std::atomic<int64_t>& a) { return a.load(std::memory_order_relaxed); };
  const std::pair<const char*, int64_t> fields[] = {
      {"FlussLogReadTime", v(m.log_read_time_ns)},
      {"FlussLakeReadTime", v(m.lake_read_time_ns)},
      {"FlussUnionTailReadTime", v(m.union_tail_read_time_ns)},
      {"RowsReturnedLogOnly", v(m.rows_returned_log_only)},
      {"RowsReturnedLakeOnly", v(m.rows_returned_lake_only)},
      {"RowsReturnedHybrid", v(m.rows_returned_hybrid)},
      {"LakeSplitsKept", v(m.lake_splits_kept)},
      {"LakeSplitsSuppressed", v(m.lake_splits_suppressed)},
      {"LogBytesFetched", v(m.log_bytes_fetched)},
      {"LakeBytesRead", v(m.lake_bytes_read)},
      {"BytesDecompressed", v(m.bytes_decompressed)},
      {"LogRowsDecoded", v(m.log_rows)},
      {"LakeRowsRead", v(m.lake_rows)},
      {"LakeFilesOpened", v(m.lake_files_opened)},
      {"RowGroupsKept", v(m.row_groups_kept)},
      {"RowGroupsTotal", v(m.row_groups_total)},
      {"LogBatchesKept", v(m.log_batches_kept)},
      {"LogBatchesTotal", v(m.log_batches_total)},
      {"Retries", v(m.retries)},
      {"MemoryHighWaterBytes", v(m.memory_high_water_bytes)},
  };
  *text += "profile:\n";
  nlohmann::ordered_json p = nlohmann::ordered_json::object();
  for (const auto& [name, value] : fields) {
    const bool time = std::string(name).size() > 4 && std::string(name).rfind("Time") == std::string(name).size() - 4;
    char shown[48];
    if (time) {
      std::snprintf(shown, sizeof(shown), "%.3f ms", static_cast<double>(value) / 1e6);
    } else {
      std::snprintf(shown, sizeof(shown), "%lld", static_cast<long long>(value));
    }
    *text += std::string("  - ") + name + ": " + shown + "\n";
    p[std::string(name) + (time ? "Ns" : "")] = value;
  }
  (*j)["profile"] = p;
}

Result<std::vector<ResultSet>> RunExplain(Client& client, const Statement& st, const ExecOptions& exec) {
  FN_ASSIGN_OR_RETURN(auto table, client.catalog().GetTable(st.table));
  const ScanSpec spec = PlannedSpec(st, exec, table->columns);
  const auto started = std::chrono::steady_clock::now();
  FN_ASSIGN_OR_RETURN(auto plan, client.Plan(st.table, spec));
  ResultSet rs = ExplainResult(plan);
  std::string text = *rs.text;
  // The predicate line EXPLAIN promises, should the plan's text not carry it.
  if (st.where && text.find("predicates:") == std::string::npos) {
    if (!text.empty() && text.back() != '\n') text += '\n';
    text += "predicates: " + st.where->ToString() + "\n";
  }
  if (st.count) text += "count: COUNT(*) counts the rows the splits return\n";
  auto j = nlohmann::ordered_json::parse(*rs.json);
  if (st.analyze) {
    const std::string before = client.MetricsText();
    std::optional<int64_t> remaining = st.count ? std::nullopt : st.limit;
    ResultSet unused;
    ReadTally tally;
    ScanSpec analyzed = spec;
    auto profile = std::make_shared<ScanMetrics>();
    analyzed.read.metrics = profile;
    FN_RETURN_IF_ERROR(ReadPlan(client, plan, analyzed, true, table->columns, exec, &remaining, &unused, &tally));
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    const std::string after = client.MetricsText();
    char took[32];
    std::snprintf(took, sizeof(took), "%.1f ms", ms);
    if (!text.empty() && text.back() != '\n') text += '\n';
    text += "analyze: " + std::to_string(tally.progress.rows) + " rows, " + std::to_string(tally.progress.bytes) +
            " Arrow bytes, " + std::to_string(tally.progress.splits_done) + "/" +
            std::to_string(tally.progress.splits_total) + " splits read, " + took + " (planning included)\n";
    nlohmann::ordered_json per_tier = nlohmann::ordered_json::object();
    for (const auto& [tier, rb] : tally.per_tier) {
      text += "  " + tier + ": " + std::to_string(rb.first) + " rows, " + std::to_string(rb.second) + " Arrow bytes\n";
      per_tier[tier] = {{"rows", rb.first}, {"arrow_bytes", rb.second}};
    }
    const int64_t rpcs = Metric(after, "fluss_rpc_requests") - Metric(before, "fluss_rpc_requests");
    const int64_t remote = Metric(after, "fluss_remote_log_bytes") - Metric(before, "fluss_remote_log_bytes");
    text += "  rpc requests " + std::to_string(rpcs) + ", remote log bytes " + std::to_string(remote) +
            ", lake file bytes planned " + std::to_string(plan.lake_bytes()) + "\n";
    AppendProfile(*profile, &text, &j);
    j["analyze"] = {{"rows", tally.progress.rows},
                    {"arrow_bytes", tally.progress.bytes},
                    {"splits_read", tally.progress.splits_done},
                    {"millis", ms},
                    {"per_tier", per_tier},
                    {"rpc_requests", rpcs},
                    {"remote_log_bytes", remote}};
  }
  j["text"] = text;
  rs.json = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  rs.text = text;
  SetRowsFromText(&rs);
  return std::vector<ResultSet>{std::move(rs)};
}

}  // namespace fluss_native::cli
