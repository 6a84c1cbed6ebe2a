#include "fluss_native/client.h"

#include <algorithm>

#include "client/client_core.h"
#include "client/guarded_catalog.h"
#include "cluster/health.h"
#include "common/api_boundary.h"
#include "format/arrow/arrow_compose.h"
#include "format/arrow/c_export.h"
#include "format/arrow/stream.h"
#include "lake/paimon/lake_table_resolver.h"
#include "lake/paimon/scan_plan.h"
#include "plan/scan_planner.h"
#include "read/plan_reader.h"
#include "read/residual_filter.h"
#include "read/split_reader.h"
#include "read/lake_scanner.h"
#include "read/log_scanner.h"
#include "read/pk_state_reader.h"
#include "read/lookup/key_lookup.h"
#include "read/lookup/lookup_reader.h"

namespace fluss_native {
namespace {

using client::ClientCore;

// A log or lake scanner as a BatchSource, its batches' columns in `order`
// (output column i is read column order[i]; empty: as read).
template <typename Scanner>
class ScannerSource final : public read::BatchSource {
 public:
  ScannerSource(std::shared_ptr<Scanner> scanner, std::vector<size_t> order)
      : scanner_(std::move(scanner)), order_(std::move(order)), type_(scanner_->output_type()) {
    if (order_.empty()) return;
    DataType in = type_;
    for (size_t i = 0; i < order_.size(); ++i) {
      type_.children[i] = in.children[order_[i]];
      type_.field_names[i] = in.field_names[order_[i]];
      if (i < type_.field_ids.size() && order_[i] < in.field_ids.size()) type_.field_ids[i] = in.field_ids[order_[i]];
      type_.field_descriptions[i] = in.field_descriptions[order_[i]];
    }
  }
  const DataType& output_type() const override { return type_; }
  Result<bool> Next(ArrowArray* out) override {
    if (order_.empty()) return scanner_->Next(out);
    auto batch = std::make_shared<arrow::UniqueArrowArray>();
    FN_ASSIGN_OR_RETURN(bool got, scanner_->Next(batch->get()));
    if (!got) return false;
    arrow::ArrayNode node = read::BorrowArray(*batch->get(), batch);
    std::vector<arrow::ArrayNode> children = std::move(node.children);
    node.children.clear();
    for (size_t i : order_) node.children.push_back(std::move(children[i]));
    arrow::ExportArray(std::move(node), out);
    return true;
  }

 private:
  std::shared_ptr<Scanner> scanner_;
  std::vector<size_t> order_;
  DataType type_;
};

// The columns a filtered one-tier scan reads: `columns` and, when it names
// some, the predicate's other stored columns after them.
std::vector<std::string> FilterReadColumns(const std::vector<std::string>& columns, const Predicate& predicate,
                                           const std::vector<std::string>& not_stored) {
  std::vector<std::string> read = columns;
  if (columns.empty()) return read;  // every column: the predicate's too
  for (const auto& name : read::PredicateColumns(predicate)) {
    if (std::find(read.begin(), read.end(), name) == read.end() &&
        std::find(not_stored.begin(), not_stored.end(), name) == not_stored.end()) {
      read.push_back(name);
    }
  }
  return read;
}

// A filtered stream of `source`'s first `output_columns` columns.
Status ExportFiltered(std::unique_ptr<read::BatchSource> source, const Predicate& predicate, size_t output_columns,
                      std::optional<int64_t> limit, std::string where, ArrowArrayStream* out) {
  FN_ASSIGN_OR_RETURN(std::shared_ptr<read::BatchSource> filtered,
                      read::FilterRows(std::move(source), predicate, output_columns, limit, std::move(where)));
  DataType type = filtered->output_type();
  return arrow::ExportArrayStream(type, [filtered](ArrowArray* batch) { return filtered->Next(batch); }, out);
}

// Every public method runs through CallAtBoundary (no exception leaves the
// API); the streams' callbacks have their own boundary (format/arrow/stream).
class ClientImpl final : public Client {
 public:
  explicit ClientImpl(std::shared_ptr<ClientCore> core)
      : core_(std::move(core)), catalog_(&core_->catalog) {}

  Status Connect() { return core_->gateway.RefreshCluster(); }
  Catalog& catalog() override { return catalog_; }
  Result<ClusterHealth> Health() override {
    return CallAtBoundary("Client::Health", [&]() -> Result<ClusterHealth> {
      return cluster::ProbeCluster(core_->gateway, core_->config.connect_timeout);
    });
  }
  std::string MetricsText() const override {
    try {
      return core_->metrics.ToText();
    } catch (...) {
      return std::string();  // out of memory for the text
    }
  }

  Status ScanLog(const TablePath& table, const LogScanOptions& options, ArrowArrayStream* out) override {
    return CallAtBoundary("Client::ScanLog", [&]() -> Status {
      if (options.predicate) return ScanLogFiltered(table, options, out);
      // The scanner shares ownership of the core: the stream outlives the Client.
      FN_ASSIGN_OR_RETURN(std::shared_ptr<read::LogScanner> scanner,
                          read::LogScanner::Open(ClientCore::SharedGateway(core_), ClientCore::SharedCatalog(core_),
                                                 table, options));
      DataType type = scanner->output_type();
      return arrow::ExportArrayStream(type, [scanner](ArrowArray* batch) { return scanner->Next(batch); }, out);
    });
  }

  Status ScanCurrentState(const TablePath& table, const LogScanOptions& options,
                          ArrowArrayStream* out) override {
    return CallAtBoundary("Client::ScanCurrentState", [&]() -> Status {
      FN_ASSIGN_OR_RETURN(std::shared_ptr<read::PrimaryKeyStateReader> reader,
                          read::PrimaryKeyStateReader::Open(ClientCore::SharedGateway(core_),
                                                            ClientCore::SharedCatalog(core_), table, options));
      DataType type = reader->output_type();
      return arrow::ExportArrayStream(type, [reader](ArrowArray* batch) { return reader->Next(batch); }, out);
    });
  }

  Status ScanLake(const TablePath& table, const LakeScanOptions& options, ArrowArrayStream* out) override {
    return CallAtBoundary("Client::ScanLake", [&]() -> Status {
      if (options.predicate) return ScanLakeFiltered(table, options, out);
      FN_ASSIGN_OR_RETURN(auto lake, PlanLake(table, options.snapshot_id));
      lake::paimon::FileReadHooks hooks;
      hooks.client_metrics = &core_->metrics;
      FN_ASSIGN_OR_RETURN(std::shared_ptr<read::LakeScanner> scanner,
                          read::LakeScanner::Open(std::move(lake.first), std::move(lake.second), options,
                                                  std::move(hooks)));
      DataType type = scanner->output_type();
      // The stream holds the core too: the hooks count into its metrics.
      return arrow::ExportArrayStream(
          type, [scanner, core = core_](ArrowArray* batch) { return scanner->Next(batch); }, out);
    });
  }

  // ScanLog with a predicate: the scanner reads the predicate's columns too
  // (before the metadata columns, so they are moved after them) and the
  // residual filter keeps the matching rows and the wanted columns.
  Status ScanLogFiltered(const TablePath& table, const LogScanOptions& options, ArrowArrayStream* out) {
    static const std::vector<std::string> kMetadata = {"__offset", "__timestamp", "__bucket", "__change_type"};
    LogScanOptions inner = options;
    inner.predicate.reset();
    inner.limit.reset();
    inner.columns = FilterReadColumns(options.columns, *options.predicate, options.metadata_columns ? kMetadata
                                                                                                    : std::vector<std::string>());
    FN_ASSIGN_OR_RETURN(std::shared_ptr<read::LogScanner> scanner,
                        read::LogScanner::Open(ClientCore::SharedGateway(core_), ClientCore::SharedCatalog(core_),
                                               table, inner));
    const size_t read = scanner->output_type().children.size();
    const size_t extra = inner.columns.size() - options.columns.size();
    const size_t wanted = read - extra;
    std::vector<size_t> order;
    if (extra > 0 && options.metadata_columns) {
      // Read: columns, extras, metadata. Out: columns, metadata, extras.
      const size_t user = options.columns.size();
      for (size_t i = 0; i < user; ++i) order.push_back(i);
      for (size_t i = user + extra; i < read; ++i) order.push_back(i);
      for (size_t i = user; i < user + extra; ++i) order.push_back(i);
    }
    auto source = std::make_unique<ScannerSource<read::LogScanner>>(std::move(scanner), std::move(order));
    return ExportFiltered(std::move(source), *options.predicate, wanted, options.limit,
                          "log scan of table '" + table.ToString() + "'", out);
  }

  Status ScanLakeFiltered(const TablePath& table, const LakeScanOptions& options, ArrowArrayStream* out) {
    LakeScanOptions inner = options;
    inner.predicate.reset();
    inner.limit.reset();
    inner.columns = FilterReadColumns(options.columns, *options.predicate, {});
    FN_ASSIGN_OR_RETURN(auto lake, PlanLake(table, options.snapshot_id));
    FN_ASSIGN_OR_RETURN(std::shared_ptr<read::LakeScanner> scanner,
                        read::LakeScanner::Open(std::move(lake.first), std::move(lake.second), inner));
    const size_t wanted = scanner->output_type().children.size() - (inner.columns.size() - options.columns.size());
    auto source = std::make_unique<ScannerSource<read::LakeScanner>>(std::move(scanner), std::vector<size_t>());
    return ExportFiltered(std::move(source), *options.predicate, wanted, options.limit,
                          "lake scan of table '" + table.ToString() + "'", out);
  }

  Result<ScanPlan> Plan(const TablePath& table, const ScanSpec& spec) override {
    return CallAtBoundary("Client::Plan", [&]() -> Result<ScanPlan> { return PlanScan(table, spec); });
  }

  Status OpenSplit(const Split& split, ArrowArrayStream* out, const SplitReadOptions& options) override {
    return CallAtBoundary("Client::OpenSplit", [&]() -> Status {
      FN_ASSIGN_OR_RETURN(std::shared_ptr<read::BatchSource> reader, read::OpenSplitReader(ReaderEnv(), split, options));
      DataType type = reader->output_type();
      return arrow::ExportArrayStream(type, [reader](ArrowArray* batch) { return reader->Next(batch); }, out);
    });
  }

  Status Scan(const TablePath& table, const ScanSpec& spec, ArrowArrayStream* out) override {
    return CallAtBoundary("Client::Scan", [&]() -> Status {
      FN_ASSIGN_OR_RETURN(auto plan, PlanScan(table, spec));
      FN_ASSIGN_OR_RETURN(auto info, core_->catalog.GetTable(table));
      DataType type = read::RowOf(*info, plan.columns);
      FN_ASSIGN_OR_RETURN(std::shared_ptr<read::BatchSource> reader, OpenPlan(std::move(plan), type, spec.read));
      return arrow::ExportArrayStream(type, [reader](ArrowArray* batch) { return reader->Next(batch); }, out);
    });
  }

  Status Lookup(const TablePath& table, const std::vector<std::vector<Literal>>& keys,
                const std::vector<std::string>& columns, ArrowArrayStream* out) override {
    return CallAtBoundary("Client::Lookup",
                          [&]() -> Status { return RunLookup(table, read::LookupKind::kPrimaryKey, keys, columns, out); });
  }

  Status PrefixLookup(const TablePath& table, const std::vector<std::vector<Literal>>& prefix_keys,
                      const std::vector<std::string>& columns, ArrowArrayStream* out) override {
    return CallAtBoundary("Client::PrefixLookup", [&]() -> Status {
      return RunLookup(table, read::LookupKind::kPrefix, prefix_keys, columns, out);
    });
  }

  Result<int64_t> Count(const TablePath& table, const ScanSpec& spec) override {
    return CallAtBoundary("Client::Count", [&]() -> Result<int64_t> {
      FN_ASSIGN_OR_RETURN(auto info, core_->catalog.GetTable(table));
      ScanSpec narrow = spec;
      narrow.columns = CountColumns(*info, spec);
      FN_ASSIGN_OR_RETURN(auto plan, PlanScan(table, narrow));
      if (plan.metadata_row_count) return *plan.metadata_row_count;
      DataType type = read::RowOf(*info, plan.columns);
      FN_ASSIGN_OR_RETURN(std::unique_ptr<read::BatchSource> reader, OpenPlan(std::move(plan), type, spec.read));
      int64_t n = 0;
      for (;;) {
        ArrowArray batch{};
        FN_ASSIGN_OR_RETURN(bool got, reader->Next(&batch));
        if (!got) break;
        n += batch.length;
        if (batch.release) batch.release(&batch);
      }
      return n;
    });
  }

  Result<LakeSnapshotInfo> DescribeLake(const TablePath& table, std::optional<int64_t> snapshot_id) override {
    return CallAtBoundary("Client::DescribeLake", [&]() -> Result<LakeSnapshotInfo> {
      FN_ASSIGN_OR_RETURN(auto lake, PlanLake(table, snapshot_id));
      const auto& plan = lake.second;
      LakeSnapshotInfo info;
      info.snapshot_id = plan.snapshot.id;
      info.schema_id = plan.snapshot.schema_id;
      info.commit_kind = plan.snapshot.commit_kind;
      info.time_millis = plan.snapshot.time_millis;
      info.table_location = lake.first->root();
      info.primary_key = plan.primary_key;
      info.deletion_vectors = plan.deletion_vectors;
      for (const auto& f : plan.schema->fields) info.columns.push_back(Column{f.name, f.type, f.description});
      for (const auto& b : plan.buckets) {
        info.buckets.push_back(LakeBucketFiles{b.partition_name, b.bucket, static_cast<int64_t>(b.files.size()),
                                               b.total_bytes(), b.total_rows()});
      }
      return info;
    });
  }

 private:
  Result<ScanPlan> PlanScan(const TablePath& table, const ScanSpec& spec) {
    plan::PlannerEnv env;
    env.catalog = &core_->catalog;
    for (const auto& b : core_->config.bootstrap_servers) {
      env.bootstrap_servers += (env.bootstrap_servers.empty() ? "" : ",") + b;
    }
    env.lake_overrides = core_->config.lake_paimon_overrides;
    env.gateway = &core_->gateway;
    FN_ASSIGN_OR_RETURN(ScanPlan plan, plan::PlanScan(env, table, spec));
    for (const Split& split : plan.splits) {
      switch (split.tier) {
        case SplitTier::kLogOnly: core_->metrics.AddPlannedSplits(obs::PlannedTier::kLogOnly, 1); break;
        case SplitTier::kLakeOnly: core_->metrics.AddPlannedSplits(obs::PlannedTier::kLakeOnly, 1); break;
        case SplitTier::kHybrid: core_->metrics.AddPlannedSplits(obs::PlannedTier::kHybrid, 1); break;
      }
    }
    return plan;
  }

  // A plan's rows: its splits, or a lookup of its pinned primary keys.
  Result<std::unique_ptr<read::BatchSource>> OpenPlan(ScanPlan plan, const DataType& type,
                                                      const SplitReadOptions& options) {
    if (!plan.lookup_keys) return read::OpenPlanReader(ReaderEnv(), std::move(plan), type, options);
    read::LookupEnv env{&core_->gateway, &core_->catalog, &core_->leaders};
    return read::OpenLookupReader(env, plan);
  }

  Status RunLookup(const TablePath& table, read::LookupKind kind, const std::vector<std::vector<Literal>>& keys,
                   const std::vector<std::string>& columns, ArrowArrayStream* out) {
    read::LookupEnv env{&core_->gateway, &core_->catalog, &core_->leaders};
    FN_ASSIGN_OR_RETURN(read::LookupRows rows, read::LookupByKeys(env, table, kind, keys, columns));
    std::vector<arrow::UniqueArrowArray> batches;
    if (rows.batch.length > 0) {
      batches.emplace_back();
      arrow::ExportArray(std::move(rows.batch), batches.back().get());
    }
    return arrow::ExportArrayStream(rows.row_type, std::move(batches), out);
  }

  // What a count reads: the predicate's columns, else one fixed-width
  // column (the cheapest to decode), else the first.
  static std::vector<std::string> CountColumns(const TableInfo& info, const ScanSpec& spec) {
    if (spec.predicate) {
      auto cols = read::PredicateColumns(*spec.predicate);
      if (!cols.empty()) return cols;
    }
    for (const auto& c : info.columns) {
      switch (c.type.root) {
        case TypeRoot::kBoolean:
        case TypeRoot::kTinyInt:
        case TypeRoot::kSmallInt:
        case TypeRoot::kInt:
        case TypeRoot::kBigInt:
        case TypeRoot::kDate: return {c.name};
        default: break;
      }
    }
    if (info.columns.empty()) return {};
    return {info.columns[0].name};
  }

  read::SplitReaderEnv ReaderEnv() const {
    return read::SplitReaderEnv{ClientCore::SharedGateway(core_), ClientCore::SharedCatalog(core_)};
  }


  // The Paimon table behind `table` and the plan of the asked-for snapshot.
  Result<std::pair<std::unique_ptr<lake::paimon::PaimonTable>, lake::paimon::ScanPlan>> PlanLake(
      const TablePath& table, std::optional<int64_t> snapshot_id) {
    FN_ASSIGN_OR_RETURN(auto info, core_->catalog.GetTable(table));
    FN_ASSIGN_OR_RETURN(auto paimon, lake::paimon::OpenPaimonTable(*info, core_->config.lake_paimon_overrides));
    if (!snapshot_id) {
      FN_ASSIGN_OR_RETURN(auto readable, core_->catalog.GetLakeSnapshot(table, /*readable=*/true));
      if (!readable) {
        return Status::NotFound("table '" + table.ToString() + "' has no readable lake snapshot yet");
      }
      snapshot_id = readable->snapshot_id;
    }
    FN_ASSIGN_OR_RETURN(auto plan, lake::paimon::PlanScan(paimon.get(), *snapshot_id));
    return std::make_pair(std::move(paimon), std::move(plan));
  }

  const std::shared_ptr<ClientCore> core_;  // shared with every open log scan
  client::GuardedCatalog catalog_;          // over core_->catalog
};

Result<std::unique_ptr<Client>> OpenClient(const ClientConfig& config) {
  FN_RETURN_IF_ERROR(config.Validate());
  std::vector<Endpoint> bootstrap;
  for (const auto& s : config.bootstrap_servers) {
    FN_ASSIGN_OR_RETURN(Endpoint ep, Endpoint::Parse(s));
    bootstrap.push_back(std::move(ep));
  }
  auto client = std::make_unique<ClientImpl>(std::make_shared<ClientCore>(config, std::move(bootstrap)));
  Status st = client->Connect();
  if (!st.ok()) return st.WithContext("cannot reach the Fluss cluster");
  return std::unique_ptr<Client>(std::move(client));
}

}  // namespace

Result<std::unique_ptr<Client>> Client::Open(const ClientConfig& config) {
  return CallAtBoundary("Client::Open", [&] { return OpenClient(config); });
}

}  // namespace fluss_native
