#include "split_files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <system_error>

namespace fluss_native::cli {
namespace {

namespace fs = std::filesystem;

std::string SplitFileName(size_t index) {
  char name[32];
  std::snprintf(name, sizeof name, "split-%04zu.thrift", index);
  return name;
}

bool IsSplitFileName(const std::string& name) {
  return name.size() > 13 && name.rfind("split-", 0) == 0 &&
         name.compare(name.size() - 7, 7, ".thrift") == 0;
}

std::vector<std::string> ColumnNames(const ArrowSchema& schema) {
  std::vector<std::string> names;
  for (int64_t i = 0; i < schema.n_children; ++i) names.push_back(schema.children[i]->name);
  return names;
}

std::string Joined(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ",") + x;
  return s;
}

// The state behind a chained stream: the splits still to open and the one
// being read.
class SplitChain {
 public:
  SplitChain(Client& client, std::vector<SplitFile> splits) : client_(client), splits_(std::move(splits)) {}
  ~SplitChain() { CloseCurrent(); }

  Status OpenFirst() {
    FN_RETURN_IF_ERROR(OpenNext());
    ArrowSchema schema;
    if (current_.get_schema(&current_, &schema) != 0) return CurrentError("reading the schema of");
    columns_ = ColumnNames(schema);
    schema.release(&schema);
    return Status::OK();
  }

  int GetSchema(ArrowSchema* out) {
    if (current_.release == nullptr) {
      error_ = "the stream has ended";
      return EINVAL;
    }
    int rc = current_.get_schema(&current_, out);
    if (rc != 0) error_ = CurrentError("reading the schema of").ToString();
    return rc;
  }

  int GetNext(ArrowArray* out) {
    while (true) {
      if (current_.release == nullptr) {  // every split read
        std::memset(out, 0, sizeof *out);
        return 0;
      }
      int rc = current_.get_next(&current_, out);
      if (rc != 0) {
        error_ = CurrentError("reading").ToString();
        return rc;
      }
      if (out->release != nullptr) return 0;
      CloseCurrent();
      if (next_ < splits_.size()) {
        Status st = OpenNext();
        if (st.ok()) st = CheckColumns();
        if (!st.ok()) {
          error_ = st.ToString();
          return EIO;
        }
      }
    }
  }

  const char* LastError() const { return error_.c_str(); }

 private:
  Status OpenNext() {
    const SplitFile& f = splits_[next_++];
    current_file_ = f.path;
    Status st = client_.OpenSplit(f.split, &current_);
    if (!st.ok()) {
      current_.release = nullptr;
      return Status(st.code(), "split file '" + f.path + "': " + st.message());
    }
    return Status::OK();
  }

  Status CheckColumns() {
    ArrowSchema schema;
    if (current_.get_schema(&current_, &schema) != 0) return CurrentError("reading the schema of");
    auto names = ColumnNames(schema);
    schema.release(&schema);
    if (names != columns_) {
      return Status::InvalidArgument("split file '" + current_file_ + "' has columns (" + Joined(names) +
                                     "), the first split (" + Joined(columns_) + ")");
    }
    return Status::OK();
  }

  Status CurrentError(const std::string& doing) {
    const char* e = current_.release ? current_.get_last_error(&current_) : nullptr;
    return Status(StatusCode::kServerError,
                  doing + " split file '" + current_file_ + "': " + (e ? e : "unknown error"));
  }

  void CloseCurrent() {
    if (current_.release != nullptr) current_.release(&current_);
    current_.release = nullptr;
  }

  Client& client_;
  std::vector<SplitFile> splits_;
  size_t next_ = 0;
  ArrowArrayStream current_{};
  std::string current_file_;
  std::vector<std::string> columns_;
  std::string error_;
};

SplitChain* Chain(ArrowArrayStream* s) { return static_cast<SplitChain*>(s->private_data); }

}  // namespace

Result<std::vector<std::string>> WriteSplitFiles(const std::string& dir, const std::vector<Split>& splits) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::InvalidArgument("cannot create split directory '" + dir + "': " + ec.message());
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.is_regular_file(ec) && IsSplitFileName(entry.path().filename().string())) {
      fs::remove(entry.path(), ec);
      if (ec) return Status::InvalidArgument("cannot remove old split file '" + entry.path().string() + "'");
    }
  }
  if (ec) return Status::InvalidArgument("cannot list split directory '" + dir + "': " + ec.message());
  std::vector<std::string> written;
  for (size_t i = 0; i < splits.size(); ++i) {
    std::string path = (fs::path(dir) / SplitFileName(i)).string();
    std::string bytes = splits[i].ToThrift(ThriftProtocol::kBinary);
    if (bytes.empty()) return Status::Internal("cannot encode split " + std::to_string(i) + " for '" + path + "'");
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) return Status::InvalidArgument("cannot write split file '" + path + "'");
    written.push_back(std::move(path));
  }
  return written;
}

Result<std::vector<SplitFile>> LoadSplitFiles(const std::vector<std::string>& paths) {
  std::vector<SplitFile> out;
  for (const auto& path : paths) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
      return Status::InvalidArgument("split file '" + path + "' does not exist or is not a file");
    }
    std::ifstream in(path, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    if (!in) return Status::InvalidArgument("cannot read split file '" + path + "'");
    auto split = Split::FromThriftAnyProtocol(bytes.str());
    if (!split.ok()) {
      return Status(split.status().code(), "split file '" + path + "': " + split.status().message());
    }
    if (!out.empty()) {
      const Split& first = out.front().split;
      if (split->database_name != first.database_name || split->table_name != first.table_name ||
          split->columns != first.columns) {
        return Status::InvalidArgument("split file '" + path + "' reads " + split->database_name + "." +
                                       split->table_name + " (" + Joined(split->columns) + "), but '" +
                                       out.front().path + "' reads " + first.database_name + "." +
                                       first.table_name + " (" + Joined(first.columns) +
                                       "): read-split reads one table's splits at a time");
      }
    }
    out.push_back({path, std::move(*split)});
  }
  if (out.empty()) return Status::InvalidArgument("read-split needs at least one split file");
  return out;
}

Status OpenSplitChain(Client& client, std::vector<SplitFile> splits, ArrowArrayStream* out) {
  if (splits.empty()) return Status::InvalidArgument("no split to read");
  auto chain = std::make_unique<SplitChain>(client, std::move(splits));
  FN_RETURN_IF_ERROR(chain->OpenFirst());
  out->private_data = chain.release();
  out->get_schema = [](ArrowArrayStream* s, ArrowSchema* schema) { return Chain(s)->GetSchema(schema); };
  out->get_next = [](ArrowArrayStream* s, ArrowArray* array) { return Chain(s)->GetNext(array); };
  out->get_last_error = [](ArrowArrayStream* s) { return Chain(s)->LastError(); };
  out->release = [](ArrowArrayStream* s) {
    delete Chain(s);
    s->release = nullptr;
  };
  return Status::OK();
}

}  // namespace fluss_native::cli
