// One decoder per Parquet value encoding. A decoder is created per data page
// over the page's value bytes and hands out values in order, converted to the
// leaf's output representation (see Conversion in schema.h).
#pragma once

#include <cstdint>
#include <memory>

#include "format/parquet/schema.h"
#include "format/parquet/values.h"
#include "fluss_native/status.h"

namespace fluss_native::parquet {

// Values are the Parquet Encoding enum.
enum class Encoding {
  kPlain = 0, kPlainDictionary = 2, kRle = 3, kBitPacked = 4, kDeltaBinaryPacked = 5,
  kDeltaLengthByteArray = 6, kDeltaByteArray = 7, kRleDictionary = 8, kByteStreamSplit = 9,
};

const char* EncodingName(int encoding);

class ValueDecoder {
 public:
  virtual ~ValueDecoder() = default;
  // Appends exactly n values to out; fails if the page has fewer.
  virtual Status Decode(int64_t n, Values* out) = 0;
};

// `num_values` is the page's value count including nulls: an upper bound on
// what the page can hold, used to refuse absurd counts in encoded headers.
// `dictionary` (output representation) is required for dictionary encodings.
Result<std::unique_ptr<ValueDecoder>> MakeValueDecoder(const LeafColumn& leaf, int encoding,
                                                       const uint8_t* data, size_t size, int64_t num_values,
                                                       const Values* dictionary);

// Decodes a PLAIN dictionary page into the output representation.
Status DecodeDictionaryPage(const LeafColumn& leaf, const uint8_t* data, size_t size, int64_t num_values,
                            Values* out);

// Converts physical values (as decoded) into the leaf's output form.
Status ConvertValues(const LeafColumn& leaf, const Values& physical, Values* out);

}  // namespace fluss_native::parquet
