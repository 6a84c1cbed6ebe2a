// Which files a read of one Paimon snapshot must open, grouped by
// partition and bucket (the unit a primary-key merge works on).
//
// Planning follows Paimon's batch scan: entries of the base and delta
// manifest lists are applied in order (a DELETE cancels the ADD of the same
// file); deletion vectors come from the index manifest; primary-key tables
// in deletion-vector mode skip level-0 files, which are not yet compacted
// and whose rows Paimon also leaves out of a batch read.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lake/paimon/manifest.h"
#include "lake/paimon/paimon_table.h"

namespace fluss_native::lake::paimon {

struct DeletionVectorRef {
  std::string index_path;  // the index file holding it
  DeletionVectorRange range;
};

struct BucketFiles {
  std::string partition;                // BinaryRow bytes from the manifest
  std::vector<std::optional<std::string>> partition_values;  // one per partition key
  std::string partition_name;           // Fluss's name: values joined by '$'
  std::string partition_path;           // "k1=v1/k2=v2/" or ""
  int32_t bucket = 0;
  std::vector<DataFileMeta> files;      // higher levels first, then by sequence
  std::map<std::string, DeletionVectorRef> deletion_vectors;  // by data file name

  int64_t total_bytes() const;
  int64_t total_rows() const;
};

struct ScanPlan {
  Snapshot snapshot;
  std::shared_ptr<const TableSchema> schema;  // the snapshot's schema
  bool primary_key = false;
  bool deletion_vectors = false;
  std::vector<BucketFiles> buckets;           // by partition name, then bucket
};

// Plans a read of snapshot `snapshot_id` of `table`. Errors name the table,
// snapshot and manifest file.
Result<ScanPlan> PlanScan(PaimonTable* table, int64_t snapshot_id);

}  // namespace fluss_native::lake::paimon
