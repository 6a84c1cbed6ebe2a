// Writes each case of tests/data/thrift/expected.json as fluss-native encodes
// it, for tests/data/thrift/splits.py to read back with Apache Thrift's
// Python library:
//
//   split_thrift_encode EXPECTED_JSON OUT_DIR   -> OUT_DIR/<case>.{binary,compact}.bin
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "fluss_native/split.h"
#include "unit/split_fields.h"

int main(int argc, char** argv) {
  using namespace fluss_native;
  if (argc != 3) {
    std::cerr << "usage: split_thrift_encode EXPECTED_JSON OUT_DIR\n";
    return 2;
  }
  std::ifstream in(argv[1]);
  std::stringstream text;
  text << in.rdbuf();
  const auto doc = nlohmann::json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.contains("cases")) {
    std::cerr << "split_thrift_encode: " << argv[1] << " is not the expected-values JSON\n";
    return 1;
  }
  for (const auto& c : doc["cases"]) {
    const Split split = testing::SplitFromFields(c["fields"]);
    for (auto [protocol, name] : {std::pair{ThriftProtocol::kBinary, "binary"}, std::pair{ThriftProtocol::kCompact, "compact"}}) {
      const std::string bytes = split.ToThrift(protocol);
      const std::string path = std::string(argv[2]) + "/" + c["name"].get<std::string>() + "." + name + ".bin";
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      if (bytes.empty() || !out.good()) {
        std::cerr << "split_thrift_encode: cannot write " << path << "\n";
        return 1;
      }
    }
  }
  return 0;
}
