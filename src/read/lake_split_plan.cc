#include "read/lake_split_plan.h"

namespace fluss_native::read {
namespace {

std::string BaseName(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string Describe(const Split& s) {
  std::string d = "split of table '" + s.database_name + "." + s.table_name + "'";
  if (s.partition_name) d += " partition '" + *s.partition_name + "'";
  return d + " bucket " + std::to_string(s.bucket_id);
}

}  // namespace

Result<LakeSplitPlan> LakePlanOfSplit(const Split& split) {
  const std::string where = Describe(split);
  if (split.lake_table_location.empty()) {
    return Status::InvalidArgument(where + ": field 27 lake_table_location is missing; a lake read needs it");
  }
  if (!split.lake_snapshot_id) {
    return Status::InvalidArgument(where + ": field 12 lake_snapshot_id is missing; a lake read needs it");
  }
  if (!split.file_format.empty() && split.file_format != "parquet") {
    return Status::Unsupported(where + ": " + split.file_format + " lake files are not supported yet");
  }
  LakeSplitPlan out;
  FN_ASSIGN_OR_RETURN(out.table, lake::paimon::PaimonTable::OpenDirectory(
                                     split.lake_table_location, split.database_name + "." + split.table_name));
  int64_t schema_id = 0;
  if (split.lake_schema_id) {
    schema_id = *split.lake_schema_id;
  } else {
    // A planner that set only the design's fields: the snapshot names its schema.
    FN_ASSIGN_OR_RETURN(auto snapshot, out.table->ReadSnapshot(*split.lake_snapshot_id));
    schema_id = snapshot.schema_id;
  }
  auto schema = out.table->ReadSchema(schema_id);
  if (!schema.ok()) return schema.status().WithContext(where);
  out.plan.snapshot.id = *split.lake_snapshot_id;
  out.plan.snapshot.schema_id = schema_id;
  out.plan.schema = *schema;
  out.plan.primary_key = (*schema)->HasPrimaryKey();
  out.plan.deletion_vectors = split.lake_deletion_vectors;
  lake::paimon::BucketFiles bucket;
  bucket.bucket = split.bucket_id;
  if (split.partition_name) bucket.partition_name = *split.partition_name;
  for (const auto& f : split.lake_files) {
    lake::paimon::DataFileMeta meta;
    meta.file_name = BaseName(f.path);
    meta.external_path = f.path;  // the split names each file by its full path
    meta.file_size = f.size_bytes;
    meta.row_count = f.row_count;
    meta.schema_id = f.schema_id.value_or(schema_id);
    meta.level = f.level.value_or(0);
    meta.min_sequence_number = f.min_sequence_number.value_or(0);
    meta.max_sequence_number = f.max_sequence_number.value_or(0);
    if (f.deletion_vector) {
      lake::paimon::DeletionVectorRef dv;
      dv.index_path = f.deletion_vector->index_path;
      dv.range.offset = f.deletion_vector->offset;
      dv.range.length = f.deletion_vector->length;
      dv.range.cardinality = f.deletion_vector->cardinality;
      if (!bucket.deletion_vectors.emplace(meta.file_name, std::move(dv)).second) {
        return Status::InvalidArgument(where + ": two lake files are named '" + meta.file_name + "'");
      }
    }
    bucket.files.push_back(std::move(meta));
  }
  out.plan.buckets.push_back(std::move(bucket));
  return out;
}

}  // namespace fluss_native::read
