// A Split from the field map of tests/data/thrift/expected.json: TFlussFileDesc
// field names (the IDL's) to values, unset fields absent. Shared by the
// split tests and the encoder the Python check runs.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

#include "fluss_native/split.h"

namespace fluss_native::testing {

inline std::vector<std::string> NamesOf(const nlohmann::json& j) { return j.get<std::vector<std::string>>(); }

inline Split SplitFromFields(const nlohmann::json& f) {
  Split s;
  if (f.contains("database_name")) s.database_name = f["database_name"];
  if (f.contains("table_name")) s.table_name = f["table_name"];
  if (f.contains("table_id")) s.table_id = f["table_id"].get<int64_t>();
  if (f.contains("bucket_id")) s.bucket_id = f["bucket_id"];
  if (f.contains("partition_name")) s.partition_name = f["partition_name"].get<std::string>();
  if (f.contains("snapshot_id")) s.snapshot_id = f["snapshot_id"].get<int64_t>();
  if (f.contains("bootstrap_servers")) s.bootstrap_servers = f["bootstrap_servers"];
  if (f.contains("file_format")) s.file_format = f["file_format"];
  if (f.contains("tier")) s.tier = static_cast<SplitTier>(f["tier"].get<int32_t>());
  if (f.contains("lake_file_paths")) {
    for (const auto& p : f["lake_file_paths"]) {
      LakeFileRef file;
      file.path = p.get<std::string>();
      s.lake_files.push_back(file);
    }
  }
  if (f.contains("lake_files")) {
    const auto& files = f["lake_files"];
    for (size_t i = 0; i < files.size() && i < s.lake_files.size(); ++i) {
      const auto& t = files[i];
      LakeFileRef& r = s.lake_files[i];
      if (t.contains("size_bytes")) r.size_bytes = t["size_bytes"];
      if (t.contains("row_count")) r.row_count = t["row_count"];
      if (t.contains("schema_id")) r.schema_id = t["schema_id"].get<int64_t>();
      if (t.contains("level")) r.level = t["level"].get<int32_t>();
      if (t.contains("min_sequence_number")) r.min_sequence_number = t["min_sequence_number"].get<int64_t>();
      if (t.contains("max_sequence_number")) r.max_sequence_number = t["max_sequence_number"].get<int64_t>();
      if (t.contains("deletion_vector")) {
        const auto& d = t["deletion_vector"];
        DeletionVectorRef dv;
        dv.index_path = d["index_path"];
        dv.offset = d["offset"];
        dv.length = d["length"];
        if (d.contains("cardinality")) dv.cardinality = d["cardinality"].get<int64_t>();
        r.deletion_vector = dv;
      }
    }
  }
  if (f.contains("lake_snapshot_id")) s.lake_snapshot_id = f["lake_snapshot_id"].get<int64_t>();
  if (f.contains("log_start_offset")) s.log_start_offset = f["log_start_offset"].get<int64_t>();
  if (f.contains("log_end_offset")) s.log_end_offset = f["log_end_offset"].get<int64_t>();
  if (f.contains("partition_id")) s.partition_id = f["partition_id"].get<int64_t>();
  if (f.contains("schema_id")) s.schema_id = f["schema_id"].get<int32_t>();
  if (f.contains("columns")) s.columns = NamesOf(f["columns"]);
  if (f.contains("primary_key")) s.primary_key = NamesOf(f["primary_key"]);
  if (f.contains("bucket_key")) s.bucket_key = NamesOf(f["bucket_key"]);
  if (f.contains("partition_keys")) s.partition_keys = NamesOf(f["partition_keys"]);
  if (f.contains("lake_table_location")) s.lake_table_location = f["lake_table_location"];
  if (f.contains("lake_schema_id")) s.lake_schema_id = f["lake_schema_id"].get<int64_t>();
  if (f.contains("lake_deletion_vectors")) s.lake_deletion_vectors = f["lake_deletion_vectors"];
  if (f.contains("lake_merge_engine")) s.lake_merge_engine = f["lake_merge_engine"];
  if (f.contains("lake_bucket_unaware")) s.lake_bucket_unaware = f["lake_bucket_unaware"];
  if (f.contains("lake_options")) s.lake_options = f["lake_options"].get<std::map<std::string, std::string>>();
  if (f.contains("predicate")) s.predicate = *ParsePredicate(f["predicate"].get<std::string>());
  if (f.contains("limit")) s.limit = f["limit"].get<int64_t>();
  return s;
}

}  // namespace fluss_native::testing
