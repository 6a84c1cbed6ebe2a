// The Paimon-written fixture tables in tests/data/paimon (see
// GenPaimonFixtures.java) and Paimon's own account of them, expected.json.
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace fluss_native::lake::paimon::fixtures {

inline const std::string kDir = std::string(FN_SOURCE_DIR) + "/tests/data/paimon";

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline const nlohmann::json& Expected() {
  static const nlohmann::json j = nlohmann::json::parse(ReadFile(kDir + "/expected.json"));
  return j;
}

}  // namespace fluss_native::lake::paimon::fixtures
