// Spill files of a merge that outgrew its memory budget: a private
// directory (removed with everything in it when its owner is destroyed),
// and runs written and read back as Arrow IPC streams by our own writer and
// reader, one batch at a time, so reading a run back holds one batch of it.
#pragma once

#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "format/arrow/c_export.h"
#include "format/arrow/ipc_writer.h"
#include "fluss_native/status.h"
#include "fluss_native/types.h"

namespace fluss_native::read::merge {

// A directory only this merge writes into, made under `parent` with a
// unique name (mkdtemp), so concurrent merges and processes never collide.
class SpillDirectory {
 public:
  // `parent` empty means $TMPDIR, or /tmp without it. An unusable parent
  // (missing, unwritable) is an InvalidArgument naming it and `owner`.
  static Result<std::unique_ptr<SpillDirectory>> Create(const std::string& parent, const std::string& owner);
  ~SpillDirectory();  // removes the files it handed out, then itself
  SpillDirectory(const SpillDirectory&) = delete;
  SpillDirectory& operator=(const SpillDirectory&) = delete;

  const std::string& path() const { return path_; }
  // A path for the next file in the directory ("run-<n>.arrows").
  std::string NewFilePath();
  // Deletes a file handed out before (a run already merged into another).
  void Remove(const std::string& file);

 private:
  explicit SpillDirectory(std::string path) : path_(std::move(path)) {}
  std::string path_;
  std::vector<std::string> files_;
  int next_ = 0;
};

// Where each batch of a run lies in its file, so a batch is read back alone.
struct SpillRun {
  struct Batch {
    int64_t offset = 0;  // of its IPC message in the file
    int64_t size = 0;    // bytes of the message
    int64_t rows = 0;
  };
  std::string path;
  std::vector<Batch> batches;
  int64_t rows = 0;
  int64_t bytes = 0;  // file size
};

class SpillRunWriter {
 public:
  // Creates `path` and writes the stream's schema (`row_type`).
  static Result<std::unique_ptr<SpillRunWriter>> Open(const std::string& path, const DataType& row_type);
  // Appends one struct array of the row type.
  Status Write(const ArrowArray& batch);
  // Ends the stream and closes the file.
  Result<SpillRun> Finish();

 private:
  SpillRunWriter(const std::string& path, const DataType& row_type);
  Status Failed(const std::string& what) const;

  std::ofstream out_;
  arrow::IpcStreamWriter writer_;
  SpillRun run_;
};

class SpillRunReader {
 public:
  // `where` names the merge in errors.
  SpillRunReader(SpillRun run, DataType row_type, std::string where)
      : run_(std::move(run)), row_type_(std::move(row_type)), where_(std::move(where)) {}
  // The run's next batch (a struct array of the row type), or null after
  // the last. Everything read is checked: a file changed behind our back is
  // a Corruption error naming it.
  Result<std::shared_ptr<arrow::UniqueArrowArray>> Next();
  const SpillRun& run() const { return run_; }

 private:
  SpillRun run_;
  DataType row_type_;
  std::string where_;
  size_t next_ = 0;
};

}  // namespace fluss_native::read::merge
