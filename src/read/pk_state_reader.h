// The current state of a primary-key table without a lake: its changelog
// from the first offset applied by key (+I/+U put, -U/-D remove), so every
// live key comes out once with its last written row.
//
// Fluss 0.9 offers no server-side KV scan, and its KV snapshots are RocksDB
// files, so this is the documented fallback. It is exact only while the
// changelog is complete: if any bucket's earliest offset is above 0 (the log
// TTL removed its head), the read fails with an error naming the bucket
// instead of returning a partial state. Memory holds the whole changelog of
// the chosen buckets; choose partitions or buckets to bound it.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "read/array_take.h"
#include "read/log_scanner.h"

namespace fluss_native::read {

class PrimaryKeyStateReader {
 public:
  // Shares ownership of `gateway` and `catalog` through its changelog scanner.
  static Result<std::unique_ptr<PrimaryKeyStateReader>> Open(std::shared_ptr<client::Gateway> gateway,
                                                             std::shared_ptr<Catalog> catalog,
                                                             const TablePath& table,
                                                             const LogScanOptions& options);
  const DataType& output_type() const { return output_type_; }
  Result<bool> Next(ArrowArray* out);

 private:
  Status Merge();

  std::shared_ptr<const TableInfo> table_;
  LogScanOptions options_;
  std::unique_ptr<LogScanner> changelog_;  // all columns + metadata columns
  DataType output_type_;
  std::vector<int> output_fields_;  // table field index per output column
  std::vector<int> key_fields_;     // table field index per primary-key column
  std::vector<std::shared_ptr<arrow::UniqueArrowArray>> batches_;  // the changelog, kept alive
  std::vector<RowRef> live_rows_;   // the merged state, as struct rows of batches_
  size_t emitted_ = 0;
  bool merged_ = false;
};

}  // namespace fluss_native::read
