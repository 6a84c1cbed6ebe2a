// Finds the Paimon table behind a lake-enabled Fluss table.
//
// The server reports the lake catalog's options in each table's properties
// as table.datalake.paimon.<option> (the cluster's datalake.paimon.*); a
// host may override any of them (ClientConfig::lake_paimon_overrides), for
// example when it sees the warehouse under another path. Only the
// filesystem metastore is read today.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "lake/paimon/paimon_table.h"
#include "fluss_native/table_info.h"

namespace fluss_native::lake::paimon {

// The Paimon catalog options for `table`: the server's, then overrides.
std::map<std::string, std::string> PaimonCatalogOptions(const TableInfo& table,
                                                        const std::map<std::string, std::string>& overrides);

// InvalidArgument when the table is not lake-enabled, Unsupported for a lake
// format or metastore we do not read, NotFound when nothing is tiered yet.
Result<std::unique_ptr<PaimonTable>> OpenPaimonTable(const TableInfo& table,
                                                     const std::map<std::string, std::string>& overrides);

}  // namespace fluss_native::lake::paimon
