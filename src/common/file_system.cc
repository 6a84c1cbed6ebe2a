#include "common/file_system.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace fluss_native {
namespace {

class LocalFileSystem final : public FileSystem {
 public:
  Result<int64_t> FileSize(const std::string& uri) override {
    struct stat st;
    std::string path = LocalPathOf(uri);
    if (stat(path.c_str(), &st) != 0) {
      return Status(errno == ENOENT ? StatusCode::kNotFound : StatusCode::kNetwork,
                    "cannot stat file '" + path + "': " + std::strerror(errno));
    }
    return static_cast<int64_t>(st.st_size);
  }

  Result<std::string> ReadRange(const std::string& uri, int64_t offset, int64_t length) override {
    std::string path = LocalPathOf(uri);
    if (offset < 0 || length < 0) {
      return Status::InvalidArgument("bad range [" + std::to_string(offset) + ", +" +
                                     std::to_string(length) + ") of file '" + path + "'");
    }
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      return Status(errno == ENOENT ? StatusCode::kNotFound : StatusCode::kNetwork,
                    "cannot open file '" + path + "': " + std::strerror(errno));
    }
    std::string out(static_cast<size_t>(length), '\0');
    size_t got = 0;
    while (got < out.size()) {
      ssize_t n = pread(fd, out.data() + got, out.size() - got, offset + static_cast<int64_t>(got));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        int err = errno;
        close(fd);
        return Status::Network("cannot read file '" + path + "' at " + std::to_string(offset) + ": " +
                               std::strerror(err));
      }
      if (n == 0) break;
      got += static_cast<size_t>(n);
    }
    close(fd);
    out.resize(got);
    return out;
  }
};

}  // namespace

std::string LocalPathOf(const std::string& uri) {
  if (uri.rfind("file://", 0) == 0) return uri.substr(7);
  if (uri.rfind("file:", 0) == 0) return uri.substr(5);
  return uri;
}

Result<std::shared_ptr<FileSystem>> FileSystemFor(const std::string& uri) {
  size_t colon = uri.find("://");
  if (uri.rfind("file:", 0) == 0 || colon == std::string::npos) {
    return std::shared_ptr<FileSystem>(std::make_shared<LocalFileSystem>());
  }
  return Status::Unsupported("file system scheme '" + uri.substr(0, colon) +
                             "' is not supported yet (file '" + uri + "')");
}

Result<std::string> ReadWholeFile(const std::string& uri, int64_t max_bytes) {
  FN_ASSIGN_OR_RETURN(auto fs, FileSystemFor(uri));
  FN_ASSIGN_OR_RETURN(int64_t size, fs->FileSize(uri));
  if (size > max_bytes) {
    return Status::Corruption(uri + " is " + std::to_string(size) + " bytes, over the " +
                              std::to_string(max_bytes) + "-byte limit for a file read whole");
  }
  FN_ASSIGN_OR_RETURN(auto bytes, fs->ReadRange(uri, 0, size));
  if (static_cast<int64_t>(bytes.size()) != size) return Status::Network("short read of " + uri);
  return bytes;
}

}  // namespace fluss_native
