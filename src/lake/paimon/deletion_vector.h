// Paimon deletion vectors (Paimon 1.3): the row positions of one data file
// that later writes deleted, stored in a DV index file as
//
//   int8            version, 1 (DeletionVectorsIndexFile.VERSION_ID_V1)
//   then per data file, at the offset its DeletionVectorMeta records:
//     int32 BE      n = size of the bitmap data (magic + bitmap)
//     n bytes       bitmap data:
//                     32-bit (BitmapDeletionVector):   int32 BE magic 1581511376,
//                                                      RoaringBitmap portable format
//                     64-bit (Bitmap64DeletionVector): int32 LE magic 1681511377,
//                                                      int64 LE bitmap count, then
//                                                      per bitmap int32 LE high key +
//                                                      RoaringBitmap portable format
//     int32 BE      CRC-32 of the bitmap data
//
// The recorded range length differs by kind: the 32-bit writer records n,
// the 64-bit writer records n + 8 (length and CRC included).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fluss_native/status.h"
#include "lake/paimon/manifest.h"

namespace fluss_native::lake::paimon {

// An immutable set of deleted row positions, kept as Roaring containers.
class DeletionVector {
 public:
  DeletionVector() = default;

  bool IsDeleted(int64_t row) const;
  int64_t cardinality() const { return cardinality_; }
  // All positions, ascending (for tests and small vectors).
  std::vector<int64_t> ToPositions() const;

 private:
  friend class DeletionVectorBuilder;
  enum class Kind : uint8_t { kArray, kBitmap, kRun };
  struct Container {
    uint64_t key;    // row >> 16
    Kind kind;
    uint32_t begin;  // into values_ (array, runs as start/last pairs) or words_ (bitmap)
    uint32_t size;   // values, runs or words
  };
  std::vector<Container> containers_;  // ascending key
  std::vector<uint16_t> values_;
  std::vector<uint64_t> words_;
  int64_t cardinality_ = 0;
};

// Decodes the deletion vector at `range` of a DV index file's bytes;
// `file_name` names the file in errors. Checks the version byte, lengths,
// magic, CRC and, when the range carries one, the cardinality.
Result<DeletionVector> ReadDeletionVector(std::string_view file_bytes, const DeletionVectorRange& range,
                                          const std::string& file_name);

}  // namespace fluss_native::lake::paimon
