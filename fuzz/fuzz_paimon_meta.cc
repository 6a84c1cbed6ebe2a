// Fuzz target: Paimon lake metadata as a warehouse could hand it to us.
// Input byte 0 picks the parser: manifest list, manifest, index manifest
// (our Avro decoder underneath), a BinaryRow, a deletion vector, or schema
// and snapshot JSON. Seeds are the manifests Paimon 1.3.1 wrote in
// tests/data/paimon.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "fluss_native/types.h"
#include "fuzz_target.h"
#include "lake/paimon/binary_row.h"
#include "lake/paimon/deletion_vector.h"
#include "lake/paimon/manifest.h"
#include "lake/paimon/snapshot.h"
#include "lake/paimon/table_schema.h"

using namespace fluss_native;
using namespace fluss_native::lake::paimon;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 7) {
    case 0: (void)ParseManifestList("fuzz", body); break;
    case 1: (void)ParseManifest("fuzz", body); break;
    case 2: (void)ParseIndexManifest("fuzz", body); break;
    case 3: {
      auto row = BinaryRowView::Parse(body);
      if (!row.ok()) break;
      DataType types[4];
      types[0].root = TypeRoot::kString;
      types[1].root = TypeRoot::kBigInt;
      types[2].root = TypeRoot::kDecimal, types[2].precision = 30, types[2].scale = 2;
      types[3].root = TypeRoot::kDate;
      for (int i = 0; i < row->arity(); ++i) {
        (void)PartitionValueString(*row, i, types[i % 4]);
        (void)row->GetTimestamp(i, 9);
      }
      break;
    }
    case 4: {
      DeletionVectorRange range{1, static_cast<int64_t>(body.size()) - 1, std::nullopt};
      (void)ReadDeletionVector(body, range, "fuzz");
      break;
    }
    case 5: (void)ParseTableSchema(body, "fuzz"); break;
    case 6: (void)ParseSnapshot(body, "fuzz"); break;
  }
  return 0;
}

std::vector<std::string> FuzzSeeds() {
  std::vector<std::string> seeds;
  const std::filesystem::path root = std::string(FN_SOURCE_DIR) + "/tests/data/paimon";
  std::error_code ec;
  for (std::filesystem::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    const std::string name = it->path().filename().string();
    const std::string dir = it->path().parent_path().filename().string();
    char kind;
    if (name.rfind("manifest-list-", 0) == 0) kind = 0;
    else if (name.rfind("manifest-", 0) == 0) kind = 1;
    else if (name.rfind("index-manifest-", 0) == 0) kind = 2;
    else if (dir == "index") kind = 4;
    else if (dir == "schema") kind = 5;
    else if (dir == "snapshot" && name.rfind("snapshot-", 0) == 0) kind = 6;
    else continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    seeds.push_back(std::string(1, kind) + ss.str());
  }
  seeds.push_back(std::string("\x03\x00\x00\x00\x02", 5) + std::string(24, '\0'));
  return seeds;
}
