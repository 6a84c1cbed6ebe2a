#include "executor.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>

#include <nlohmann/json.hpp>

#include "doris_type.h"
#include "select.h"
#include "split_files.h"

namespace fluss_native::cli {
namespace {

std::string JoinNames(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "" : ",") + n;
  return s;
}

// Microseconds as milliseconds with three decimals: a loopback round trip is
// well under a millisecond.
std::string FormatLatencyMs(int64_t us) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%lld.%03lld", static_cast<long long>(us / 1000),
                static_cast<long long>(us % 1000));
  return buf;
}

Cell OptNum(const std::optional<int64_t>& v) { return v ? Cell::Num(*v) : Cell::Null(); }

Cell Partition(const std::string& name) { return name.empty() ? Cell::Null() : Cell::Str(name); }

std::string Key(const std::string& partition, int bucket) {
  return partition + "\x1f" + std::to_string(bucket);
}

// DESC's lake part: the readable lake snapshot and its files per bucket.
// Lake problems (nothing tiered yet, warehouse unreadable) are shown, not
// raised: the table itself was described fine.
ResultSet DescribeLake(Client& client, const TablePath& path, const ValueFormat& values) {
  ResultSet rs;
  rs.columns = {"partition", "bucket", "files", "bytes", "rows"};
  auto lake = client.DescribeLake(path);
  if (!lake.ok()) {
    rs.title = "Lake: " + lake.status().ToString();
    return rs;
  }
  rs.title = "Lake snapshot " + std::to_string(lake->snapshot_id) + " (schema " + std::to_string(lake->schema_id) +
             ", " + lake->commit_kind + ", " + FormatEpochMillis(lake->time_millis, values) + ") at " + lake->table_location;
  for (const auto& b : lake->buckets) {
    rs.rows.push_back({Partition(b.partition_name), Cell::Num(b.bucket), Cell::Num(b.files), Cell::Num(b.bytes),
                       Cell::Num(b.rows)});
  }
  return rs;
}

Result<std::vector<ResultSet>> Describe(Client& client, const TablePath& path, const ValueFormat& values) {
  Catalog& catalog = client.catalog();
  FN_ASSIGN_OR_RETURN(auto t, catalog.GetTable(path));
  ResultSet cols;
  cols.columns = {"Field", "Type", "Null", "Key", "Default", "Extra", "Fluss Type", "Comment"};
  auto in = [](const std::vector<std::string>& v, const std::string& n) {
    return std::find(v.begin(), v.end(), n) != v.end();
  };
  for (const auto& c : t->columns) {
    std::string extra;
    if (in(t->partition_keys, c.name)) extra = "PARTITION KEY";
    if (in(t->bucket_keys, c.name)) extra += extra.empty() ? "BUCKET KEY" : ", BUCKET KEY";
    DataType bare = c.type;
    bare.nullable = true;
    cols.rows.push_back({Cell::Str(c.name), Cell::Str(DorisTypeName(c.type)),
                         Cell::Str(c.type.nullable ? "YES" : "NO"),
                         Cell::Str(in(t->primary_key, c.name) ? "true" : "false"), Cell::Null(),
                         Cell::Str(extra), Cell::Str(bare.ToFlussString()),
                         c.comment ? Cell::Str(*c.comment) : Cell::Null()});
  }
  ResultSet info;
  info.title = "Table " + path.ToString();
  info.columns = {"Property", "Value"};
  auto add = [&](const std::string& k, Cell v) { info.rows.push_back({Cell::Str(k), std::move(v)}); };
  add("table_id", Cell::Num(t->table_id));
  add("schema_id", Cell::Num(t->schema_id));
  add("table_type", Cell::Str(t->has_primary_key() ? "PRIMARY_KEY" : "LOG"));
  add("primary_key", Cell::Str(JoinNames(t->primary_key)));
  add("partition_keys", Cell::Str(JoinNames(t->partition_keys)));
  add("bucket_count", Cell::Num(t->bucket_count));
  add("bucket_keys", Cell::Str(JoinNames(t->bucket_keys)));
  add("log_format", Cell::Str(t->log_format()));
  add("datalake_enabled", Cell::Str(t->datalake_enabled() ? "true" : "false"));
  add("created_time", Cell::Str(FormatEpochMillis(t->created_time, values)));
  add("modified_time", Cell::Str(FormatEpochMillis(t->modified_time, values)));
  add("comment", t->comment ? Cell::Str(*t->comment) : Cell::Null());
  // Secret-looking values (S3 keys under table.datalake.paimon.*, tokens)
  // are redacted: DESC output lands in terminals, logs and tickets.
  for (const auto& [k, v] : t->DisplayProperties()) add(k, Cell::Str(v));
  for (const auto& [k, v] : t->DisplayCustomProperties()) add("custom." + k, Cell::Str(v));
  std::vector<ResultSet> out{std::move(cols), std::move(info)};
  if (t->datalake_enabled()) out.push_back(DescribeLake(client, path, values));
  return out;
}

Result<std::vector<ResultSet>> Offsets(Catalog& catalog, const Statement& st) {
  FN_ASSIGN_OR_RETURN(auto earliest, catalog.ListOffsets(st.table, OffsetQuery::Earliest(), st.partition));
  FN_ASSIGN_OR_RETURN(auto latest, catalog.ListOffsets(st.table, OffsetQuery::Latest(), st.partition));
  std::map<std::string, int64_t> at;
  if (st.timestamp_ms) {
    FN_ASSIGN_OR_RETURN(auto ts, catalog.ListOffsets(st.table, OffsetQuery::AtTimestamp(*st.timestamp_ms),
                                                     st.partition));
    for (const auto& o : ts) at[Key(o.partition_name, o.bucket)] = o.offset;
  }
  std::map<std::string, int64_t> end;
  for (const auto& o : latest) end[Key(o.partition_name, o.bucket)] = o.offset;
  ResultSet rs;
  rs.columns = {"partition", "bucket", "earliest_offset", "latest_offset"};
  if (st.timestamp_ms) rs.columns.push_back("offset_at_" + std::to_string(*st.timestamp_ms));
  for (const auto& o : earliest) {
    std::string k = Key(o.partition_name, o.bucket);
    std::vector<Cell> row = {Partition(o.partition_name), Cell::Num(o.bucket), Cell::Num(o.offset),
                             end.count(k) ? Cell::Num(end[k]) : Cell::Null()};
    if (st.timestamp_ms) row.push_back(at.count(k) ? Cell::Num(at[k]) : Cell::Null());
    rs.rows.push_back(std::move(row));
  }
  return std::vector<ResultSet>{std::move(rs)};
}

// SHOW TABLE STATUS FROM db (seed §10.2), from one auto-tier plan per table
// (nothing is read): rows exact where metadata gives them (a log table:
// lake row counts less deletions plus the log offsets past the lake), else
// an estimate (a primary-key table: lake rows plus every changelog record
// after them, an upper bound) marked as such; the lake part's files and
// bytes; the lake lag, as log offsets not yet in the lake snapshot.
Result<std::vector<ResultSet>> TableStatus(Client& client, const Statement& st) {
  FN_ASSIGN_OR_RETURN(auto tables, client.catalog().ListTables(st.database));
  ResultSet rs;
  rs.columns = {"Name", "Rows", "Rows_exact", "Lake_snapshot", "Lake_files", "Lake_bytes", "Log_offsets",
                "Lake_lag_offsets"};
  for (const auto& name : tables) {
    ScanSpec spec;
    auto plan = client.Plan(TablePath{st.database, name}, spec);
    if (!plan.ok()) return plan.status().WithContext("SHOW TABLE STATUS of '" + st.database + "." + name + "'");
    int64_t lake_rows = 0;
    for (const auto& split : plan->splits) {
      for (const auto& f : split.lake_files) lake_rows += std::max<int64_t>(f.row_count, 0);
    }
    int64_t log_offsets = 0;
    int64_t lag = 0;
    for (const auto& r : plan->log_ranges) {
      log_offsets += r.stop_offset - r.start_offset;
      lag += r.stop_offset - std::max<int64_t>(r.lake_offset, 0);
    }
    const bool exact = plan->metadata_row_count.has_value();
    const int64_t rows = exact ? *plan->metadata_row_count : lake_rows + log_offsets;
    rs.rows.push_back({Cell::Str(name), Cell::Num(rows), Cell::Str(exact ? "exact" : "estimated"),
                       OptNum(plan->lake_snapshot_id), Cell::Num(plan->lake_files()), Cell::Num(plan->lake_bytes()),
                       Cell::Num(log_offsets), plan->lake_snapshot_id ? Cell::Num(lag) : Cell::Null()});
  }
  return std::vector<ResultSet>{std::move(rs)};
}

Result<std::vector<ResultSet>> LakeStatus(Catalog& catalog, const Statement& st) {
  FN_ASSIGN_OR_RETURN(auto table, catalog.GetTable(st.table));
  FN_ASSIGN_OR_RETURN(auto readable, catalog.GetLakeSnapshot(st.table, true));
  FN_ASSIGN_OR_RETURN(auto latest_snap, catalog.GetLakeSnapshot(st.table, false));
  FN_ASSIGN_OR_RETURN(auto ends, catalog.ListOffsets(st.table, OffsetQuery::Latest(), st.partition));
  std::map<std::string, int64_t> lake;
  if (readable) {
    for (const auto& b : readable->buckets) lake[Key(b.partition_name, b.bucket)] = b.log_offset;
  }
  ResultSet rs;
  rs.title = "Lake status of " + st.table.ToString() + ": datalake " +
             (table->datalake_enabled() ? "enabled" : "disabled") + ", readable snapshot " +
             (readable ? std::to_string(readable->snapshot_id) : "none") + ", latest snapshot " +
             (latest_snap ? std::to_string(latest_snap->snapshot_id) : "none");
  rs.columns = {"partition", "bucket", "lake_snapshot_id", "lake_log_offset", "log_end_offset", "lag"};
  for (const auto& e : ends) {
    auto it = lake.find(Key(e.partition_name, e.bucket));
    std::optional<int64_t> lake_offset;
    if (it != lake.end() && it->second >= 0) lake_offset = it->second;
    int64_t lag = e.offset - lake_offset.value_or(0);
    rs.rows.push_back({Partition(e.partition_name), Cell::Num(e.bucket),
                       readable ? Cell::Num(readable->snapshot_id) : Cell::Null(), OptNum(lake_offset),
                       Cell::Num(e.offset), Cell::Num(lag)});
  }
  return std::vector<ResultSet>{std::move(rs)};
}

std::string IntList(const std::vector<int>& v) {
  nlohmann::json j = v;
  return j.dump();
}

}  // namespace

Result<std::vector<ResultSet>> Execute(Client& client, const Statement& st, const ExecOptions& exec) {
  Catalog& catalog = client.catalog();
  ResultSet rs;
  switch (st.kind) {
    case StatementKind::kShowDatabases: {
      FN_ASSIGN_OR_RETURN(auto dbs, catalog.ListDatabases());
      rs.columns = {"Database"};
      for (auto& d : dbs) rs.rows.push_back({Cell::Str(d)});
      break;
    }
    case StatementKind::kShowTables: {
      FN_ASSIGN_OR_RETURN(auto tables, catalog.ListTables(st.database));
      rs.columns = {"Tables_in_" + st.database};
      for (auto& t : tables) rs.rows.push_back({Cell::Str(t)});
      break;
    }
    case StatementKind::kDescribe:
      return Describe(client, st.table, exec.values);
    case StatementKind::kShowPartitions: {
      FN_ASSIGN_OR_RETURN(auto parts, catalog.ListPartitions(st.table));
      rs.columns = {"partition_id", "partition_name", "spec"};
      for (const auto& p : parts) {
        std::string spec;
        for (const auto& [k, v] : p.spec) spec += (spec.empty() ? "" : ",") + k + "=" + v;
        rs.rows.push_back({Cell::Num(p.id), Cell::Str(p.name), Cell::Str(spec)});
      }
      break;
    }
    case StatementKind::kShowBuckets: {
      FN_ASSIGN_OR_RETURN(auto buckets, catalog.GetBucketLocations(st.table, st.partition));
      rs.columns = {"partition", "bucket", "leader", "leader_epoch", "replicas"};
      for (const auto& b : buckets) {
        rs.rows.push_back({Partition(b.partition_name), Cell::Num(b.bucket),
                           b.leader >= 0 ? Cell::Num(b.leader) : Cell::Null(), Cell::Num(b.leader_epoch),
                           Cell::Json(IntList(b.replicas))});
      }
      break;
    }
    case StatementKind::kShowOffsets:
      return Offsets(catalog, st);
    case StatementKind::kShowTableStatus:
      return TableStatus(client, st);
    case StatementKind::kShowLakeStatus:
      return LakeStatus(catalog, st);
    case StatementKind::kShowKvSnapshots: {
      FN_ASSIGN_OR_RETURN(auto snaps, catalog.GetLatestKvSnapshots(st.table, st.partition));
      rs.columns = {"partition", "bucket", "snapshot_id", "log_offset"};
      for (const auto& s : snaps) {
        rs.rows.push_back({Partition(s.partition_name), Cell::Num(s.bucket), OptNum(s.snapshot_id),
                           OptNum(s.log_offset)});
      }
      break;
    }
    case StatementKind::kShowCluster: {
      FN_ASSIGN_OR_RETURN(auto cluster, catalog.DescribeCluster());
      rs.columns = {"role", "id", "host", "port"};
      if (cluster.coordinator) {
        const auto& c = *cluster.coordinator;
        rs.rows.push_back({Cell::Str("coordinator"), Cell::Num(c.id), Cell::Str(c.host), Cell::Num(c.port)});
      }
      for (const auto& t : cluster.tablet_servers) {
        rs.rows.push_back({Cell::Str("tablet-server"), Cell::Num(t.id), Cell::Str(t.host), Cell::Num(t.port)});
      }
      break;
    }
    case StatementKind::kShowHealth: {
      FN_ASSIGN_OR_RETURN(auto health, client.Health());
      rs.columns = {"role", "id", "host", "port", "reachable", "latency_ms", "circuit", "error"};
      for (const auto& h : health.servers) {
        rs.rows.push_back({Cell::Str(h.role), Cell::Num(h.server.id), Cell::Str(h.server.host),
                           Cell::Num(h.server.port), Cell::Str(h.reachable ? "true" : "false"),
                           h.reachable ? Cell::Str(FormatLatencyMs(h.latency_us)) : Cell::Null(),
                           Cell::Str(h.circuit), h.error.empty() ? Cell::Null() : Cell::Str(h.error)});
      }
      break;
    }
    case StatementKind::kShowMetrics: {
      // The table view prints the Prometheus text as it is (what a scraper
      // reads); CSV and JSON get one row per sample.
      rs.columns = {"metric", "value"};
      std::string text = client.MetricsText();
      size_t pos = 0;
      while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        if (nl == std::string::npos) nl = text.size();
        std::string line = text.substr(pos, nl - pos);
        pos = nl + 1;
        if (line.empty() || line[0] == '#') continue;
        size_t sp = line.rfind(' ');
        if (sp == std::string::npos) continue;
        rs.rows.push_back({Cell::Str(line.substr(0, sp)), Cell{line.substr(sp + 1), true, false}});
      }
      rs.text = std::move(text);
      break;
    }
    case StatementKind::kSelect:
      return RunSelect(client, st, exec);
    case StatementKind::kExplain:
      return RunExplain(client, st, exec);
    case StatementKind::kRefreshCatalog:
      catalog.InvalidateAll();
      rs.columns = {"result"};
      rs.rows.push_back({Cell::Str("metadata cache cleared")});
      break;
    case StatementKind::kInvalidate:
      catalog.Invalidate(st.table);
      rs.columns = {"result"};
      rs.rows.push_back({Cell::Str("metadata of " + st.table.ToString() + " invalidated")});
      break;
  }
  return std::vector<ResultSet>{std::move(rs)};
}

ScanSpec PlannedSpec(const Statement& st, const ExecOptions& exec, const std::vector<Column>& table_columns) {
  ScanSpec spec;
  spec.columns = st.columns;
  spec.predicate = st.where;
  // COUNT(*) counts every row (its LIMIT limits the one result row).
  spec.limit = st.count ? std::nullopt : st.limit;
  if (st.count) {
    // Only what the filter needs (a count reads no other values).
    spec.columns.clear();
    if (st.where) CollectPredicateColumns(*st.where, &spec.columns);
    if (spec.columns.empty() && !table_columns.empty()) spec.columns = {table_columns[0].name};
  }
  spec.tier = exec.tier;
  spec.snapshot_id = st.snapshot_id;
  spec.as_of_timestamp_ms = st.as_of_timestamp_ms;
  if (exec.target_split_bytes) spec.target_split_bytes = *exec.target_split_bytes;
  return spec;
}

ResultSet ExplainResult(const ScanPlan& plan) {
  ResultSet rs;
  rs.columns = {"plan"};
  std::string text = plan.Explain();
  rs.text = text;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    rs.rows.push_back({Cell::Str(text.substr(pos, nl - pos))});
    pos = nl + 1;
  }
  auto opt = [](const std::optional<int64_t>& v) { return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(); };
  nlohmann::ordered_json j;
  j["table"] = plan.table.ToString();
  j["table_id"] = plan.table_id;
  j["primary_key"] = plan.primary_key;
  j["requested_tier"] = ScanTierName(plan.requested_tier);
  j["tier"] = ScanTierName(plan.tier);
  j["lake_snapshot_id"] = opt(plan.lake_snapshot_id);
  std::map<SplitTier, int64_t> per_tier;
  for (const auto& s : plan.splits) ++per_tier[s.tier];
  j["splits"] = {{"total", static_cast<int64_t>(plan.splits.size())},
                 {SplitTierName(SplitTier::kLakeOnly), per_tier[SplitTier::kLakeOnly]},
                 {SplitTierName(SplitTier::kLogOnly), per_tier[SplitTier::kLogOnly]},
                 {SplitTierName(SplitTier::kHybrid), per_tier[SplitTier::kHybrid]}};
  j["lake_files"] = plan.lake_files();
  j["lake_bytes"] = plan.lake_bytes();
  j["columns"] = plan.columns;
  j["predicate"] = plan.predicate ? nlohmann::ordered_json(plan.predicate->ToString()) : nlohmann::ordered_json();
  j["limit"] = opt(plan.limit);
  j["log_ranges"] = nlohmann::ordered_json::array();
  for (const auto& r : plan.log_ranges) {
    nlohmann::ordered_json range;
    range["partition_id"] = opt(r.partition_id);
    range["partition"] = r.partition_name.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(r.partition_name);
    range["bucket"] = r.bucket;
    range["lake_offset"] = r.lake_offset;
    range["start_offset"] = r.start_offset;
    range["stop_offset"] = r.stop_offset;
    j["log_ranges"].push_back(std::move(range));
  }
  j["fallbacks"] = nlohmann::ordered_json::array();
  for (const auto& f : plan.fallbacks) j["fallbacks"].push_back({{"scope", f.scope}, {"reason", f.reason}});
  j["text"] = text;
  rs.json = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return rs;
}

Result<std::vector<ResultSet>> PlanToSplitFiles(Client& client, const Statement& st, const ExecOptions& exec,
                                                const std::string& splits_dir) {
  if ((st.kind != StatementKind::kSelect && st.kind != StatementKind::kExplain) || st.tier != Tier::kDefault) {
    return Status::InvalidArgument("plan takes one SELECT of a plain db.tbl (not $log or $lake)");
  }
  FN_ASSIGN_OR_RETURN(auto table, client.catalog().GetTable(st.table));
  FN_ASSIGN_OR_RETURN(auto plan, client.Plan(st.table, PlannedSpec(st, exec, table->columns)));
  FN_ASSIGN_OR_RETURN(auto written, WriteSplitFiles(splits_dir, plan.splits));
  ResultSet rs = ExplainResult(plan);
  std::string note = std::to_string(written.size()) + " split file" + (written.size() == 1 ? "" : "s") +
                     " written to " + splits_dir + "\n";
  *rs.text += note;
  return std::vector<ResultSet>{std::move(rs)};
}

Result<std::vector<ResultSet>> ReadSplitFiles(Client& client, const std::vector<std::string>& paths,
                                              const ExecOptions& exec) {
  FN_ASSIGN_OR_RETURN(auto splits, LoadSplitFiles(paths));
  const Split& first = splits.front().split;
  TablePath path{first.database_name, first.table_name};
  FN_ASSIGN_OR_RETURN(auto table, client.catalog().GetTable(path));
  ArrowArrayStream stream;
  FN_RETURN_IF_ERROR(OpenSplitChain(client, std::move(splits), &stream));
  return DrainToResult(stream, table->columns, exec);
}

}  // namespace fluss_native::cli
