#include "format/parquet/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace fluss_native::parquet {
namespace {

class LocalFile final : public RandomAccessFile {
 public:
  LocalFile(std::string name, int fd, int64_t size) : name_(std::move(name)), fd_(fd), size_(size) {}
  ~LocalFile() override { ::close(fd_); }
  const std::string& name() const override { return name_; }
  int64_t size() const override { return size_; }
  Status ReadAt(int64_t offset, int64_t n, uint8_t* out) override {
    if (offset < 0 || n < 0 || offset > size_ || n > size_ - offset) {
      return Status::Corruption("read of " + std::to_string(n) + " bytes at " + std::to_string(offset) +
                                " is outside the file (" + std::to_string(size_) + " bytes)");
    }
    while (n > 0) {
      ssize_t got = ::pread(fd_, out, static_cast<size_t>(n), offset);
      if (got < 0) {
        if (errno == EINTR) continue;
        return Status::Internal("read failed: " + std::string(std::strerror(errno)));
      }
      if (got == 0) return Status::Corruption("file shrank while reading");
      out += got;
      offset += got;
      n -= got;
    }
    return Status::OK();
  }

 private:
  std::string name_;
  int fd_;
  int64_t size_;
};

class MemoryFile final : public RandomAccessFile {
 public:
  MemoryFile(std::string name, std::string bytes) : name_(std::move(name)), bytes_(std::move(bytes)) {}
  const std::string& name() const override { return name_; }
  int64_t size() const override { return static_cast<int64_t>(bytes_.size()); }
  Status ReadAt(int64_t offset, int64_t n, uint8_t* out) override {
    if (offset < 0 || n < 0 || offset > size() || n > size() - offset) {
      return Status::Corruption("read of " + std::to_string(n) + " bytes at " + std::to_string(offset) +
                                " is outside the file (" + std::to_string(size()) + " bytes)");
    }
    if (n > 0) std::memcpy(out, bytes_.data() + offset, static_cast<size_t>(n));
    return Status::OK();
  }

 private:
  std::string name_;
  std::string bytes_;
};

}  // namespace

Result<std::shared_ptr<RandomAccessFile>> OpenLocalFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return Status::NotFound("file '" + path + "' does not exist");
    return Status::Internal("cannot open '" + path + "': " + std::strerror(errno));
  }
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return Status::Internal("cannot stat '" + path + "': " + std::strerror(err));
  }
  return std::shared_ptr<RandomAccessFile>(new LocalFile(path, fd, static_cast<int64_t>(st.st_size)));
}

std::shared_ptr<RandomAccessFile> MakeMemoryFile(std::string name, std::string bytes) {
  return std::make_shared<MemoryFile>(std::move(name), std::move(bytes));
}

}  // namespace fluss_native::parquet
