// Splits as files: `plan --splits-out DIR` writes one Thrift file per split
// (DIR/split-0000.thrift, binary protocol), `read-split FILE...` reads them
// back (either protocol) and streams their rows as one result.
#pragma once

#include <string>
#include <vector>

#include "fluss_native/arrow_c_abi.h"
#include "fluss_native/client.h"
#include "fluss_native/split.h"

namespace fluss_native::cli {

// A split and the file it came from (errors name the file).
struct SplitFile {
  std::string path;
  Split split;
};

// Creates `dir` if needed, removes the split-*.thrift files a previous plan
// left there (so DIR/* is exactly this plan), and writes one file per split.
// Returns the paths written, in split order.
Result<std::vector<std::string>> WriteSplitFiles(const std::string& dir, const std::vector<Split>& splits);

// Reads and decodes every file before anything is opened, so a missing or
// garbled third file fails before the first one's rows are printed. All
// splits must read the same table and columns (one result set).
Result<std::vector<SplitFile>> LoadSplitFiles(const std::vector<std::string>& paths);

// One stream over the splits' rows, opening each split (Client::OpenSplit)
// when the previous one ends. The first split is opened now: its failure is
// returned here. Every split must produce the first one's columns. `client`
// must outlive the stream.
Status OpenSplitChain(Client& client, std::vector<SplitFile> splits, ArrowArrayStream* out);

}  // namespace fluss_native::cli
