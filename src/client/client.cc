#include "fluss_native/client.h"

#include "client/client_core.h"
#include "client/guarded_catalog.h"
#include "cluster/health.h"
#include "common/api_boundary.h"
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
      FN_ASSIGN_OR_RETURN(auto lake, PlanLake(table, options.snapshot_id));
      FN_ASSIGN_OR_RETURN(std::shared_ptr<read::LakeScanner> scanner,
                          read::LakeScanner::Open(std::move(lake.first), std::move(lake.second), options));
      DataType type = scanner->output_type();
      return arrow::ExportArrayStream(type, [scanner](ArrowArray* batch) { return scanner->Next(batch); }, out);
    });
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
    return plan::PlanScan(env, table, spec);
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
