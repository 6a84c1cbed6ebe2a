#include "fuzz_types.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace fluss_native::fuzz {

std::string ReadSourceFile(const std::string& relative_path) {
  std::ifstream in(std::string(FN_SOURCE_DIR) + "/" + relative_path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<DataType> LoadFuzzTypes() {
  std::vector<DataType> types;
  for (const std::string& name : FuzzCaseNames()) {
    auto doc = nlohmann::json::parse(ReadSourceFile("tests/data/arrow/" + name + ".json"),
                                     nullptr, false);
    if (doc.is_discarded()) continue;
    auto type = ParseDataTypeJson(doc["type"].dump());
    if (type.ok()) types.push_back(*type);
  }
  auto doc = nlohmann::json::parse(ReadSourceFile("tests/data/logbatch/all_types.json"), nullptr,
                                   false);
  if (!doc.is_discarded()) {
    auto type = ParseDataTypeJson(doc["type"].dump());
    if (type.ok()) types.push_back(*type);
  }
  return types;
}

}  // namespace fluss_native::fuzz
