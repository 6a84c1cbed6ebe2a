#include "read/merge/spill_file.h"

#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <system_error>

#include "format/arrow/ipc_reader.h"

namespace fluss_native::read::merge {
namespace {

std::string ErrnoText(int err) { return std::error_code(err, std::generic_category()).message(); }

}  // namespace

Result<std::unique_ptr<SpillDirectory>> SpillDirectory::Create(const std::string& parent, const std::string& owner) {
  std::string base = parent;
  if (base.empty()) {
    const char* env = std::getenv("TMPDIR");
    base = env && *env ? env : "/tmp";
  }
  std::string pattern = base + "/fluss-native-merge-XXXXXX";
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  if (mkdtemp(name.data()) == nullptr) {
    const int err = errno;
    return Status::InvalidArgument("cannot create a spill directory under '" + base + "' for " + owner + ": " +
                                   ErrnoText(err) + " (set the scan's spill_directory, or raise merge_memory_bytes)");
  }
  return std::unique_ptr<SpillDirectory>(new SpillDirectory(name.data()));
}

SpillDirectory::~SpillDirectory() {
  for (const auto& f : files_) ::unlink(f.c_str());
  ::rmdir(path_.c_str());
}

std::string SpillDirectory::NewFilePath() {
  files_.push_back(path_ + "/run-" + std::to_string(next_++) + ".arrows");
  return files_.back();
}

void SpillDirectory::Remove(const std::string& file) {
  ::unlink(file.c_str());
  for (auto it = files_.begin(); it != files_.end(); ++it) {
    if (*it == file) {
      files_.erase(it);
      return;
    }
  }
}

SpillRunWriter::SpillRunWriter(const std::string& path, const DataType& row_type)
    : out_(path, std::ios::binary | std::ios::trunc), writer_(&out_, row_type) {
  run_.path = path;
}

Status SpillRunWriter::Failed(const std::string& what) const {
  const int err = errno;
  return Status::InvalidArgument("cannot " + what + " spill file '" + run_.path + "'" +
                                 (err != 0 ? ": " + ErrnoText(err) : std::string()));
}

Result<std::unique_ptr<SpillRunWriter>> SpillRunWriter::Open(const std::string& path, const DataType& row_type) {
  errno = 0;
  std::unique_ptr<SpillRunWriter> w(new SpillRunWriter(path, row_type));
  if (!w->out_) return w->Failed("create");
  Status st = w->writer_.Begin();
  if (!st.ok() || !w->out_) return st.ok() ? w->Failed("write") : st.WithContext("spill file '" + path + "'");
  return w;
}

Status SpillRunWriter::Write(const ArrowArray& batch) {
  errno = 0;
  const int64_t start = static_cast<int64_t>(out_.tellp());
  Status st = writer_.WriteBatch(batch);
  if (!st.ok()) return out_ ? st.WithContext("spill file '" + run_.path + "'") : Failed("write");
  const int64_t end = static_cast<int64_t>(out_.tellp());
  if (!out_ || start < 0 || end < start) return Failed("write");
  run_.batches.push_back({start, end - start, batch.length});
  run_.rows += batch.length;
  return Status::OK();
}

Result<SpillRun> SpillRunWriter::Finish() {
  errno = 0;
  Status st = writer_.End();
  if (!st.ok()) return Failed("write");
  run_.bytes = static_cast<int64_t>(out_.tellp());
  out_.close();
  if (!out_) return Failed("close");
  return std::move(run_);
}

Result<std::shared_ptr<arrow::UniqueArrowArray>> SpillRunReader::Next() {
  if (next_ >= run_.batches.size()) return std::shared_ptr<arrow::UniqueArrowArray>();
  const SpillRun::Batch& b = run_.batches[next_];
  const std::string at = "spill file '" + run_.path + "' of " + where_ + " at byte " + std::to_string(b.offset);
  std::ifstream in(run_.path, std::ios::binary);
  if (!in) return Status::Corruption("cannot open " + at + ": " + ErrnoText(errno));
  auto bytes = std::make_shared<std::string>(static_cast<size_t>(b.size), '\0');
  in.seekg(b.offset);
  in.read(bytes->data(), static_cast<std::streamsize>(b.size));
  if (in.gcount() != static_cast<std::streamsize>(b.size)) {
    return Status::Corruption(at + " is shorter than written (" + std::to_string(b.size) + " bytes expected)");
  }
  auto decoded = arrow::DecodeRecordBatch(reinterpret_cast<const uint8_t*>(bytes->data()), bytes->size(), bytes,
                                          row_type_);
  if (!decoded.ok()) return decoded.status().WithContext(at);
  if (decoded->num_rows != b.rows || decoded->message_size != static_cast<size_t>(b.size) ||
      decoded->array->n_children != static_cast<int64_t>(row_type_.children.size())) {
    return Status::Corruption(at + " holds " + std::to_string(decoded->num_rows) + " rows, " +
                              std::to_string(b.rows) + " were written");
  }
  ++next_;
  return std::make_shared<arrow::UniqueArrowArray>(std::move(decoded->array));
}

}  // namespace fluss_native::read::merge
