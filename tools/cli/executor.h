// Runs parsed statements against a Client's catalog.
#pragma once

#include <ostream>
#include <vector>

#include "fluss_native/client.h"
#include "result_set.h"
#include "statement.h"

namespace fluss_native::cli {

struct ExecOptions {
  // When set, SELECT writes its rows here as an Arrow IPC stream instead of
  // returning them for printing.
  std::ostream* ipc_out = nullptr;
};

Result<std::vector<ResultSet>> Execute(Client& client, const Statement& statement,
                                       const ExecOptions& options = {});

}  // namespace fluss_native::cli
