// The bytes of a file under tests/data/, the test vectors that real Fluss,
// Paimon, pyarrow and Thrift code wrote. FN_SOURCE_DIR (set by
// tests/CMakeLists.txt) is the source tree.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace fluss_native::testing_data {

// `relative` is a path below tests/data/, e.g. "logbatch/all_types.records".
// A missing file fails the calling test (and gives "").
inline std::string Read(const std::string& relative) {
  std::ifstream in(std::string(FN_SOURCE_DIR) + "/tests/data/" + relative, std::ios::binary);
  EXPECT_TRUE(in.good()) << "tests/data/" << relative;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace fluss_native::testing_data
