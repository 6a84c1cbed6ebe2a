#include "lake/paimon/lake_table_resolver.h"

namespace fluss_native::lake::paimon {
namespace {

constexpr const char* kServerPrefix = "table.datalake.paimon.";

std::string Property(const TableInfo& t, const std::string& key) {
  auto it = t.properties.find(key);
  return it == t.properties.end() ? "" : it->second;
}

}  // namespace

std::map<std::string, std::string> PaimonCatalogOptions(const TableInfo& table,
                                                        const std::map<std::string, std::string>& overrides) {
  std::map<std::string, std::string> options;
  const std::string prefix = kServerPrefix;
  for (const auto& [k, v] : table.properties) {
    if (k.rfind(prefix, 0) == 0 && k.size() > prefix.size()) options[k.substr(prefix.size())] = v;
  }
  for (const auto& [k, v] : overrides) options[k] = v;
  return options;
}

Result<std::unique_ptr<PaimonTable>> OpenPaimonTable(const TableInfo& table,
                                                     const std::map<std::string, std::string>& overrides) {
  const std::string name = table.path.ToString();
  if (Property(table, "table.datalake.enabled") != "true") {
    return Status::InvalidArgument("table '" + name + "' is not lake-enabled (table.datalake.enabled is not true)");
  }
  const std::string format = Property(table, "table.datalake.format");
  if (!format.empty() && format != "paimon") {
    return Status::Unsupported("table '" + name + "' tiers into a '" + format +
                               "' lake; fluss-native reads Paimon lakes only");
  }
  auto options = PaimonCatalogOptions(table, overrides);
  const std::string metastore = options.count("metastore") ? options["metastore"] : "filesystem";
  if (metastore != "filesystem") {
    return Status::Unsupported("table '" + name + "': Paimon metastore '" + metastore +
                               "' is not supported yet (only 'filesystem')");
  }
  auto warehouse = options.find("warehouse");
  if (warehouse == options.end() || warehouse->second.empty()) {
    return Status::InvalidArgument("table '" + name +
                                   "' has no Paimon warehouse: the server reports no "
                                   "table.datalake.paimon.warehouse; set lake.paimon.warehouse");
  }
  auto opened = PaimonTable::Open(warehouse->second, table.path.database, table.path.table);
  if (!opened.ok()) return opened.status().WithContext("table '" + name + "'");
  return opened;
}

}  // namespace fluss_native::lake::paimon
