#include "lake/paimon/paimon_table.h"

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "common/file_system.h"

namespace fluss_native::lake::paimon {
namespace fs = std::filesystem;

namespace {

constexpr int64_t kMaxMetadataBytes = 64 << 20;

std::optional<int64_t> ParseId(const std::string& text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

}  // namespace

bool IsPlainFileName(const std::string& s) {
  return !s.empty() && s != "." && s != ".." && s.find('/') == std::string::npos &&
         s.find('\0') == std::string::npos;
}

Result<std::unique_ptr<PaimonTable>> PaimonTable::Open(const std::string& warehouse,
                                                       const std::string& database,
                                                       const std::string& table) {
  if (warehouse.empty()) return Status::InvalidArgument("no Paimon warehouse configured for " + database + "." + table);
  if (!IsPlainFileName(database) || !IsPlainFileName(table)) {
    return Status::InvalidArgument("bad Paimon table name '" + database + "." + table + "'");
  }
  FN_RETURN_IF_ERROR(FileSystemFor(warehouse).status().WithContext("Paimon warehouse"));
  std::string base = LocalPathOf(warehouse);
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  return OpenDirectory(base + "/" + database + ".db/" + table, database + "." + table);
}

Result<std::unique_ptr<PaimonTable>> PaimonTable::OpenDirectory(const std::string& root, const std::string& name) {
  std::unique_ptr<PaimonTable> t(new PaimonTable());
  t->root_ = root;
  t->name_ = name;
  std::error_code ec;
  if (!fs::is_directory(t->root_ + "/schema", ec)) {
    return Status::NotFound("Paimon table " + t->name_ + " not found at " + t->root_ +
                            " (no schema directory): has the table been tiered yet?");
  }
  return t;
}

Result<std::vector<int64_t>> PaimonTable::ListSnapshotIds() const {
  std::vector<int64_t> ids;
  std::error_code ec;
  const std::string dir = root_ + "/snapshot";
  if (!fs::is_directory(dir, ec)) return ids;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string n = it->path().filename().string();
    if (n.rfind("snapshot-", 0) != 0) continue;
    if (auto id = ParseId(n.substr(9))) ids.push_back(*id);
  }
  if (ec) return Status::Network("cannot list " + dir + ": " + ec.message());
  std::sort(ids.begin(), ids.end());
  return ids;
}

Result<std::optional<int64_t>> PaimonTable::LatestSnapshotId() const {
  // LATEST is only a hint (written after the snapshot file): trust the
  // listing, which is what Paimon falls back to as well.
  FN_ASSIGN_OR_RETURN(auto ids, ListSnapshotIds());
  if (ids.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(ids.back());
}

Result<Snapshot> PaimonTable::ReadSnapshot(int64_t id) const {
  const std::string path = root_ + "/snapshot/snapshot-" + std::to_string(id);
  auto json = ReadWholeFile(path, kMaxMetadataBytes);
  if (!json.ok()) {
    if (json.status().code() == StatusCode::kNotFound) {
      return Status::NotFound("Paimon table " + name_ + " has no snapshot " + std::to_string(id) +
                              " (never written, or expired): " + path);
    }
    return json.status();
  }
  FN_ASSIGN_OR_RETURN(auto snap, ParseSnapshot(*json, path));
  if (snap.id != id) {
    return Status::Corruption(path + " holds snapshot id " + std::to_string(snap.id));
  }
  return snap;
}

Result<std::shared_ptr<const TableSchema>> PaimonTable::ReadSchema(int64_t id) {
  auto it = schemas_.find(id);
  if (it != schemas_.end()) return it->second;
  const std::string path = root_ + "/schema/schema-" + std::to_string(id);
  FN_ASSIGN_OR_RETURN(auto json, ReadWholeFile(path, kMaxMetadataBytes));
  FN_ASSIGN_OR_RETURN(auto schema, ParseTableSchema(json, path));
  if (schema.id != id) return Status::Corruption(path + " holds schema id " + std::to_string(schema.id));
  auto shared = std::make_shared<const TableSchema>(std::move(schema));
  schemas_[id] = shared;
  return shared;
}

std::string PaimonTable::ManifestPath(const std::string& file_name) const {
  return root_ + "/manifest/" + file_name;
}

std::string PaimonTable::IndexPath(const std::string& file_name) const {
  return root_ + "/index/" + file_name;
}

std::string PaimonTable::DataFilePath(const std::string& partition_path, int32_t bucket,
                                      const std::string& file_name) const {
  return root_ + "/" + partition_path + "bucket-" + std::to_string(bucket) + "/" + file_name;
}

}  // namespace fluss_native::lake::paimon
