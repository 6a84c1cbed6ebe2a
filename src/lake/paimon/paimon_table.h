// Where a Paimon table's files are, and its small metadata files.
//
// A filesystem-catalog warehouse lays a table out as
//   <warehouse>/<database>.db/<table>/
//     snapshot/{snapshot-<id>, LATEST, EARLIEST}
//     schema/schema-<id>
//     manifest/<manifest lists and manifests>
//     index/<deletion-vector files>
//     [<k1>=<v1>/<k2>=<v2>/]bucket-<n>/<data files>
// Only local warehouses ("file:" or a plain path) are read today; other
// schemes fail with an Unsupported error naming the scheme.
//
// Not thread-safe (one per scan); the schema cache is per instance.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lake/paimon/snapshot.h"
#include "lake/paimon/table_schema.h"
#include "fluss_native/status.h"

namespace fluss_native::lake::paimon {

class PaimonTable {
 public:
  // Fails with NotFound naming the directory when the table is not there.
  static Result<std::unique_ptr<PaimonTable>> Open(const std::string& warehouse,
                                                   const std::string& database,
                                                   const std::string& table);

  // A table directory given directly (tests, tools); `name` is for messages.
  static Result<std::unique_ptr<PaimonTable>> OpenDirectory(const std::string& root, const std::string& name);

  const std::string& root() const { return root_; }
  // "db.table", for messages.
  const std::string& name() const { return name_; }

  // Snapshot ids present on disk, ascending (expired ones are gone).
  Result<std::vector<int64_t>> ListSnapshotIds() const;
  // The newest snapshot id, or nullopt for a table nothing was committed to.
  Result<std::optional<int64_t>> LatestSnapshotId() const;
  Result<Snapshot> ReadSnapshot(int64_t id) const;
  // Cached: every data file names the schema it was written with.
  Result<std::shared_ptr<const TableSchema>> ReadSchema(int64_t id);

  std::string ManifestPath(const std::string& file_name) const;
  std::string IndexPath(const std::string& file_name) const;
  // `partition_path` is "k1=v1/k2=v2/" or empty.
  std::string DataFilePath(const std::string& partition_path, int32_t bucket,
                           const std::string& file_name) const;

 private:
  PaimonTable() = default;
  std::string root_;
  std::string name_;
  std::map<int64_t, std::shared_ptr<const TableSchema>> schemas_;
};

// A single path component we may join onto a table directory: a manifest,
// index or data file name read from metadata must not climb out of it.
bool IsPlainFileName(const std::string& name);

}  // namespace fluss_native::lake::paimon
