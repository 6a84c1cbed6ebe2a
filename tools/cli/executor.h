// Runs parsed statements against a Client's catalog.
#pragma once

#include <vector>

#include "fluss_native/client.h"
#include "result_set.h"
#include "statement.h"

namespace fluss_native::cli {

Result<std::vector<ResultSet>> Execute(Client& client, const Statement& statement);

}  // namespace fluss_native::cli
