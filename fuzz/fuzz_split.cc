// Fuzz target: TFlussFileDesc bytes as a planner in another process could
// send them. Input byte 0 picks the protocol (binary, compact, or let the
// decoder guess). A split that decodes must survive a round trip unchanged:
// re-encoded in either protocol, it decodes to an equal split. Seeds are the
// files Apache Thrift's Python library wrote in tests/data/thrift.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fluss_native/split.h"
#include "fuzz_target.h"

using namespace fluss_native;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);
  Result<Split> split = Status::Internal("unset");
  switch (data[0] % 3) {
    case 0: split = Split::FromThrift(body, ThriftProtocol::kBinary); break;
    case 1: split = Split::FromThrift(body, ThriftProtocol::kCompact); break;
    default: split = Split::FromThriftAnyProtocol(body); break;
  }
  if (!split.ok()) return 0;
  for (ThriftProtocol p : {ThriftProtocol::kBinary, ThriftProtocol::kCompact}) {
    auto again = Split::FromThrift(split->ToThrift(p), p);
    if (!again.ok() || !(*again == *split)) __builtin_trap();
  }
  return 0;
}

std::vector<std::string> FuzzSeeds() {
  std::vector<std::string> seeds;
  const std::filesystem::path root = std::string(FN_SOURCE_DIR) + "/tests/data/thrift";
  std::error_code ec;
  for (std::filesystem::directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    char selector;
    if (name.ends_with(".binary.bin")) selector = 0;
    else if (name.ends_with(".compact.bin")) selector = 1;
    else continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    seeds.push_back(std::string(1, selector) + ss.str());
    seeds.push_back(std::string(1, 2) + ss.str());
  }
  return seeds;
}
