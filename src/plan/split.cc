// What makes a split readable, independent of how it was encoded. Field
// numbers in messages are TFlussFileDesc's, so a planner written in another
// language can find the field its bytes got wrong.
#include "fluss_native/split.h"

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "plan/split_where.h"

namespace fluss_native {
namespace {

Status Invalid(const Split& split, const std::string& what) {
  return Status::InvalidArgument(plan::SplitWhere(split) + ": " + what);
}

bool KnownTier(SplitTier tier) {
  return tier == SplitTier::kLakeOnly || tier == SplitTier::kLogOnly || tier == SplitTier::kHybrid;
}

// -1 stands for "unknown" in a file's size and row count.
bool SizeOrUnknown(int64_t v) { return v >= -1; }

Status ValidateNames(const Split& split, const std::vector<std::string>& names, const char* field) {
  std::set<std::string_view> seen;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i].empty()) return Invalid(split, std::string(field) + " entry " + std::to_string(i) + " is empty");
    if (!seen.insert(names[i]).second) {
      return Invalid(split, std::string(field) + " names column '" + names[i] + "' twice");
    }
  }
  return Status::OK();
}

Status ValidateLakeFile(const Split& split, const LakeFileRef& file, size_t i) {
  const std::string where = "lake file " + std::to_string(i) + (file.path.empty() ? "" : " '" + file.path + "'");
  if (file.path.empty()) return Invalid(split, "field 11 lake_file_paths entry " + std::to_string(i) + " is empty");
  if (!SizeOrUnknown(file.size_bytes)) {
    return Invalid(split, where + ": size_bytes " + std::to_string(file.size_bytes) + " is negative");
  }
  if (!SizeOrUnknown(file.row_count)) {
    return Invalid(split, where + ": row_count " + std::to_string(file.row_count) + " is negative");
  }
  if (file.schema_id && *file.schema_id < 0) {
    return Invalid(split, where + ": schema_id " + std::to_string(*file.schema_id) + " is negative");
  }
  if (file.level && *file.level < 0) {
    return Invalid(split, where + ": level " + std::to_string(*file.level) + " is negative");
  }
  if (file.min_sequence_number && file.max_sequence_number &&
      *file.min_sequence_number > *file.max_sequence_number) {
    return Invalid(split, where + ": min_sequence_number " + std::to_string(*file.min_sequence_number) +
                              " is above max_sequence_number " + std::to_string(*file.max_sequence_number));
  }
  if (file.deletion_vector) {
    const DeletionVectorRef& dv = *file.deletion_vector;
    if (dv.index_path.empty()) return Invalid(split, where + ": deletion_vector index_path is missing");
    if (dv.offset < 0 || dv.length < 0) {
      return Invalid(split, where + ": deletion_vector range (offset " + std::to_string(dv.offset) + ", length " +
                                std::to_string(dv.length) + ") is negative");
    }
    if (dv.cardinality && *dv.cardinality < 0) {
      return Invalid(split, where + ": deletion_vector cardinality " + std::to_string(*dv.cardinality) +
                                " is negative");
    }
  }
  return Status::OK();
}

Status ValidateLogRange(const Split& split) {
  if (!split.log_start_offset) return Invalid(split, "field 13 log_start_offset is missing");
  if (!split.log_end_offset) return Invalid(split, "field 14 log_end_offset is missing");
  const int64_t start = *split.log_start_offset;
  const int64_t end = *split.log_end_offset;
  if (start < 0) return Invalid(split, "field 13 log_start_offset " + std::to_string(start) + " is negative");
  if (end < -1) {
    return Invalid(split, "field 14 log_end_offset " + std::to_string(end) + " is negative (only -1, unbounded, is)");
  }
  if (end != -1 && start > end) {
    return Invalid(split, "field 13 log_start_offset " + std::to_string(start) +
                              " is above field 14 log_end_offset " + std::to_string(end));
  }
  return Status::OK();
}

}  // namespace

const char* SplitTierName(SplitTier tier) {
  switch (tier) {
    case SplitTier::kLakeOnly: return "LAKE_ONLY";
    case SplitTier::kLogOnly: return "LOG_ONLY";
    case SplitTier::kHybrid: return "HYBRID";
  }
  return "UNKNOWN";
}

Status Split::Validate() const {
  if (database_name.empty()) return Invalid(*this, "field 1 database_name is missing");
  if (table_name.empty()) return Invalid(*this, "field 2 table_name is missing");
  if (bucket_id < 0) {
    return Invalid(*this, bucket_id == -1 ? std::string("field 4 bucket_id is missing")
                                          : "field 4 bucket_id " + std::to_string(bucket_id) + " is negative");
  }
  if (table_id && *table_id < 0) return Invalid(*this, "field 3 table_id " + std::to_string(*table_id) + " is negative");
  if (partition_name && partition_name->empty()) return Invalid(*this, "field 5 partition_name is empty");
  if (!KnownTier(tier)) {
    return Invalid(*this, "field 10 tier has unknown value " + std::to_string(static_cast<int32_t>(tier)) +
                              " (LAKE_ONLY = 0, LOG_ONLY = 1, HYBRID = 2)");
  }
  if (tier == SplitTier::kLakeOnly && lake_files.empty()) {
    return Invalid(*this, "LAKE_ONLY split has no lake files (field 11 lake_file_paths is empty)");
  }
  if (tier == SplitTier::kLogOnly && !lake_files.empty()) {
    return Invalid(*this, "LOG_ONLY split carries " + std::to_string(lake_files.size()) +
                              " lake files (field 11 lake_file_paths)");
  }
  if (tier != SplitTier::kLakeOnly) FN_RETURN_IF_ERROR(ValidateLogRange(*this));
  for (size_t i = 0; i < lake_files.size(); ++i) FN_RETURN_IF_ERROR(ValidateLakeFile(*this, lake_files[i], i));
  if (lake_snapshot_id && *lake_snapshot_id < 0) {
    return Invalid(*this, "field 12 lake_snapshot_id " + std::to_string(*lake_snapshot_id) + " is negative");
  }
  if (partition_id && *partition_id < 0) {
    return Invalid(*this, "field 20 partition_id " + std::to_string(*partition_id) + " is negative");
  }
  if (schema_id && *schema_id < 0) return Invalid(*this, "field 21 schema_id " + std::to_string(*schema_id) + " is negative");
  FN_RETURN_IF_ERROR(ValidateNames(*this, columns, "field 22 columns"));
  FN_RETURN_IF_ERROR(ValidateNames(*this, primary_key, "field 23 primary_key"));
  FN_RETURN_IF_ERROR(ValidateNames(*this, bucket_key, "field 24 bucket_key"));
  FN_RETURN_IF_ERROR(ValidateNames(*this, partition_keys, "field 25 partition_keys"));
  // A design-only planner sends just the name; when the keys or the id are
  // sent, the name must be too.
  if (!partition_name && (!partition_keys.empty() || partition_id)) {
    return Invalid(*this, "field 5 partition_name is missing, but the split names " +
                              std::string(partition_id ? "field 20 partition_id" : "field 25 partition_keys"));
  }
  if (lake_schema_id && *lake_schema_id < 0) {
    return Invalid(*this, "field 28 lake_schema_id " + std::to_string(*lake_schema_id) + " is negative");
  }
  if (limit && *limit < 0) return Invalid(*this, "field 34 limit " + std::to_string(*limit) + " is negative");
  return Status::OK();
}

}  // namespace fluss_native
