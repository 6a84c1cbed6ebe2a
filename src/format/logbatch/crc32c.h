// CRC-32C (Castagnoli), the checksum Fluss stores in every log batch header
// (java.util.zip.CRC32C on the Java side). Uses the SSE4.2 crc32 instruction
// when the CPU has it, else a slicing-by-8 table; both give the same value.
#pragma once

#include <cstddef>
#include <cstdint>

namespace fluss_native::logbatch {

// CRC-32C of [data, data + size): initial value ~0, final complement.
uint32_t Crc32c(const uint8_t* data, size_t size);

// The portable table implementation, exposed so tests can compare paths.
uint32_t Crc32cPortable(const uint8_t* data, size_t size);

}  // namespace fluss_native::logbatch
