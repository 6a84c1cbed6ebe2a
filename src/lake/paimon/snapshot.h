// One Paimon snapshot (the JSON files under <table>/snapshot/snapshot-<id>).
//
// A snapshot's data is the union of the files listed by its base and delta
// manifest lists, with DELETE entries cancelling earlier ADDs; the index
// manifest lists deletion-vector files. Fluss records, for each readable
// lake snapshot, the log offsets it covers (in Fluss's own metadata, not
// here), so a snapshot id is all a reader needs.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "fluss_native/status.h"

namespace fluss_native::lake::paimon {

struct Snapshot {
  int64_t id = 0;
  int64_t schema_id = 0;
  std::string base_manifest_list;
  std::string delta_manifest_list;
  std::optional<std::string> changelog_manifest_list;
  std::optional<std::string> index_manifest;
  std::string commit_kind;  // APPEND, COMPACT, OVERWRITE, ANALYZE
  int64_t time_millis = 0;
  std::optional<int64_t> total_record_count;
  std::map<std::string, std::string> properties;
};

// Parses one snapshot file's JSON; `where` names the file in errors.
Result<Snapshot> ParseSnapshot(const std::string& json, const std::string& where);

}  // namespace fluss_native::lake::paimon
