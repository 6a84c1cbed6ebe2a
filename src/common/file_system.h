// Read access to the files a reader needs beyond the RPC protocol: remote
// log segments now, lake files later. One interface so S3, OSS and HDFS can
// be added beside the local file system without touching the readers.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "fluss_native/status.h"

namespace fluss_native {

class FileSystem {
 public:
  virtual ~FileSystem() = default;
  virtual Result<int64_t> FileSize(const std::string& path) = 0;
  // Up to `length` bytes from `offset`; fewer only at the end of the file.
  virtual Result<std::string> ReadRange(const std::string& path, int64_t offset, int64_t length) = 0;
};

// The file system for `uri`: "file:/x", "file:///x" or a plain "/x" path is
// local; any other scheme is Unsupported, naming it and the path.
Result<std::shared_ptr<FileSystem>> FileSystemFor(const std::string& uri);

// The whole of a file that must fit in memory (metadata: JSON, manifests,
// deletion-vector index files). Refuses files over `max_bytes` so a corrupt or
// hostile warehouse cannot exhaust memory; NotFound when the file is missing.
Result<std::string> ReadWholeFile(const std::string& uri, int64_t max_bytes);

// The local path of a file-scheme URI ("file:///a/b" and "file:/a/b" → "/a/b").
std::string LocalPathOf(const std::string& uri);

}  // namespace fluss_native
