// Row types the fuzz targets decode with; the first input byte picks one, so
// a mutated input can also meet a type it was not written for.
#pragma once

#include <string>
#include <vector>

#include "fluss_native/types.h"

namespace fluss_native::fuzz {

// Loads tests/data/arrow/<case>.json's "type" for each case below.
inline const std::vector<std::string>& FuzzCaseNames() {
  static const std::vector<std::string> kNames = {"ints", "nested", "primitives"};
  return kNames;
}

std::vector<DataType> LoadFuzzTypes();
std::string ReadSourceFile(const std::string& relative_path);

}  // namespace fluss_native::fuzz
