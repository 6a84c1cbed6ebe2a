// Parses the table descriptor JSON the server returns in GetTableInfo and
// Metadata responses (Fluss TableDescriptorJsonSerde, version 1).
#pragma once

#include <string_view>

#include "fluss_native/table_info.h"

namespace fluss_native::catalog {

// Fills schema, keys, distribution, comment and properties of `info` from
// `json`. Every field is validated: keys must name columns, counts must be
// positive. Errors name the table.
Status ParseTableJson(std::string_view json, TableInfo* info);

}  // namespace fluss_native::catalog
