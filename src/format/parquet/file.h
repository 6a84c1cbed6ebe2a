// Where Parquet bytes come from. The reader only needs positioned reads, so
// the lake layer can back this with a local file, a memory buffer or an
// object-store client.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "fluss_native/status.h"

namespace fluss_native::parquet {

class RandomAccessFile {
 public:
  virtual ~RandomAccessFile() = default;
  // Used in every error message about this file.
  virtual const std::string& name() const = 0;
  virtual int64_t size() const = 0;
  // Reads exactly n bytes at offset, or fails.
  virtual Status ReadAt(int64_t offset, int64_t n, uint8_t* out) = 0;
};

Result<std::shared_ptr<RandomAccessFile>> OpenLocalFile(const std::string& path);
std::shared_ptr<RandomAccessFile> MakeMemoryFile(std::string name, std::string bytes);

}  // namespace fluss_native::parquet
