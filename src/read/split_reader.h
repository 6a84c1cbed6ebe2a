// Reads one split (see fluss_native/split.h), whoever planned it:
//  - LAKE_ONLY: the split's Paimon files (a primary-key bucket merged by key,
//    deletion vectors applied; a bucket-unaware table filtered by __bucket);
//  - LOG_ONLY: one bucket's log between the split's two offsets;
//  - HYBRID: a primary-key bucket: its lake files and its changelog tail in
//    one keyed merge, where every log row is newer than every lake row, so
//    the tail's +I/+U put, -U/-D delete, and the last write wins. The merge
//    spills past the budget, so memory is bounded and rows are not.
// The table is looked up in the catalog and must still be the split's
// (same table id); the output is the split's columns, in order.
#pragma once

#include <memory>

#include "cluster/gateway.h"
#include "fluss_native/arrow_c_abi.h"
#include "fluss_native/catalog.h"
#include "fluss_native/scan.h"
#include "fluss_native/split.h"
#include "fluss_native/types.h"

namespace fluss_native::read {

// A stream of struct arrays of one type.
class BatchSource {
 public:
  virtual ~BatchSource() = default;
  virtual const DataType& output_type() const = 0;
  // The next batch into *out, or false at the end.
  virtual Result<bool> Next(ArrowArray* out) = 0;
};

struct SplitReaderEnv {
  std::shared_ptr<cluster::Gateway> gateway;  // shared: a stream may outlive its Client
  std::shared_ptr<Catalog> catalog;
};

// The ROW type of `columns` of `table` (each must exist), the type every
// reader of a plan or split outputs.
DataType RowOf(const TableInfo& table, const std::vector<std::string>& columns);

Result<std::unique_ptr<BatchSource>> OpenSplitReader(const SplitReaderEnv& env, const Split& split,
                                                     const SplitReadOptions& options);

}  // namespace fluss_native::read
