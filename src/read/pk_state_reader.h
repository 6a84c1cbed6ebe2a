// The current state of a primary-key table without a lake: its changelog
// from the first offset applied by key (+I/+U put, -U/-D remove), so every
// live key comes out once with its last written row.
//
// Fluss 0.9 offers no server-side KV scan, and its KV snapshots are RocksDB
// files, so this is the documented fallback. It is exact only while the
// changelog is complete: if any bucket's earliest offset is above 0 (the log
// TTL removed its head), the read fails with an error naming the bucket
// instead of returning a partial state. The changelog goes through one
// KeyedMerge (log-offset versions, change kinds from the log batches'
// change-type bytes), which spills beyond options.merge_memory_bytes.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "read/log_scanner.h"
#include "read/merge/keyed_merge.h"

namespace fluss_native::read {

class PrimaryKeyStateReader {
 public:
  // Shares ownership of `gateway` and `catalog` through its changelog scanner.
  static Result<std::unique_ptr<PrimaryKeyStateReader>> Open(std::shared_ptr<cluster::Gateway> gateway,
                                                             std::shared_ptr<Catalog> catalog,
                                                             const TablePath& table,
                                                             const LogScanOptions& options);
  const DataType& output_type() const { return output_type_; }
  Result<bool> Next(ArrowArray* out);

 private:
  // Feeds the whole changelog to the merge.
  Status Merge();

  std::shared_ptr<const TableInfo> table_;
  LogScanOptions options_;
  std::unique_ptr<LogScanner> changelog_;  // all columns, metadata columns, __change_kind
  DataType output_type_;
  std::vector<int> output_fields_;  // table field index per output column
  std::vector<int> key_fields_;     // table field index per primary-key column
  std::unique_ptr<merge::KeyedMerge> merge_;
  int64_t emitted_ = 0;
  bool merged_ = false;
};

}  // namespace fluss_native::read
