#include "fluss_native/client.h"

#include "catalog/catalog_impl.h"
#include "client/gateway.h"
#include "format/arrow/stream.h"
#include "read/log_scanner.h"
#include "read/pk_state_reader.h"

namespace fluss_native {
namespace {

class ClientImpl final : public Client {
 public:
  ClientImpl(const ClientConfig& config, std::vector<Endpoint> bootstrap)
      : gateway_(config, std::move(bootstrap), &metrics_), catalog_(&gateway_, config) {}

  Status Connect() { return gateway_.RefreshCluster(); }
  Catalog& catalog() override { return catalog_; }
  std::string MetricsText() const override { return metrics_.ToText(); }

  Status ScanLog(const TablePath& table, const LogScanOptions& options, ArrowArrayStream* out) override {
    FN_ASSIGN_OR_RETURN(std::shared_ptr<read::LogScanner> scanner,
                        read::LogScanner::Open(&gateway_, &catalog_, table, options));
    DataType type = scanner->output_type();
    return arrow::ExportArrayStream(type, [scanner](ArrowArray* batch) { return scanner->Next(batch); }, out);
  }

  Status ScanCurrentState(const TablePath& table, const LogScanOptions& options,
                          ArrowArrayStream* out) override {
    FN_ASSIGN_OR_RETURN(std::shared_ptr<read::PrimaryKeyStateReader> reader,
                        read::PrimaryKeyStateReader::Open(&gateway_, &catalog_, table, options));
    DataType type = reader->output_type();
    return arrow::ExportArrayStream(type, [reader](ArrowArray* batch) { return reader->Next(batch); }, out);
  }

 private:
  obs::Metrics metrics_;  // declared first: the gateway and catalog point at it
  client::Gateway gateway_;
  catalog::CatalogImpl catalog_;
};

}  // namespace

Result<std::unique_ptr<Client>> Client::Open(const ClientConfig& config) {
  FN_RETURN_IF_ERROR(config.Validate());
  std::vector<Endpoint> bootstrap;
  for (const auto& s : config.bootstrap_servers) {
    FN_ASSIGN_OR_RETURN(Endpoint ep, Endpoint::Parse(s));
    bootstrap.push_back(std::move(ep));
  }
  auto client = std::make_unique<ClientImpl>(config, std::move(bootstrap));
  Status st = client->Connect();
  if (!st.ok()) return st.WithContext("cannot reach the Fluss cluster");
  return std::unique_ptr<Client>(std::move(client));
}

}  // namespace fluss_native
