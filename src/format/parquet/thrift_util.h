// The one place Thrift exceptions are turned into Status values. Everything
// the compact protocol reads comes from an untrusted file, so sizes and
// containers are capped by the bytes actually available.
#pragma once

#include <cstdint>
#include <string>

#include "fluss_native/status.h"
#include "format/parquet/parquet_types.h"

namespace fluss_native::parquet {

// Decodes FileMetaData from exactly the footer bytes.
Status DecodeFileMetaData(const uint8_t* data, uint32_t size, format::FileMetaData* out);

// Decodes one PageHeader at the start of [data, data + size); *consumed is
// set to the header's encoded length.
Status DecodePageHeader(const uint8_t* data, uint32_t size, format::PageHeader* out,
                        uint32_t* consumed);

// Decode a page index structure from exactly its bytes (the lengths the
// ColumnChunk gives).
Status DecodeColumnIndex(const uint8_t* data, uint32_t size, format::ColumnIndex* out);
Status DecodeOffsetIndex(const uint8_t* data, uint32_t size, format::OffsetIndex* out);

}  // namespace fluss_native::parquet
