// What a host does with a reader's Arrow output besides consuming it in
// place: save the batches as an Arrow IPC stream file, or show rows as JSON.
// Both work on what the library hands out (an ArrowArrayStream, its struct
// arrays) plus the ROW type of those batches (the table's column types, as
// TableInfo describes them, in output order).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "fluss_native/arrow_c_abi.h"
#include "fluss_native/export.h"
#include "fluss_native/status.h"
#include "fluss_native/types.h"

namespace fluss_native {

// Pulls every batch of `stream` until its end and writes them to `out` as an
// Arrow IPC stream (format/Columnar.rst "IPC Streaming Format": the schema,
// one uncompressed RecordBatch message per batch, the end-of-stream marker),
// which pyarrow.ipc.open_stream, DuckDB and arrow-rs read. `row_type` is the
// ROW type of the batches; its field names become the schema. Returns the
// rows written. The stream stays owned by the caller (not released here).
// A failure of the stream itself is a kServerError carrying its message.
FN_EXPORT Result<int64_t> WriteArrowIpcStream(ArrowArrayStream* stream, const DataType& row_type,
                                              std::ostream* out);

// Describes the batches of `row_type` (a ROW; e.g. TableInfo::RowType()) as
// an ArrowSchema: a struct ("+s") with one child per field, exactly the
// schema the library's streams of those columns report. The caller owns
// *out and calls out->release. A host that shows a table's schema before
// reading it (a Python binding's Table.schema) uses this.
FN_EXPORT Status ExportArrowSchema(const DataType& row_type, ArrowSchema* out);

// Renders `batch`, a struct array of `row_type` (as the library's streams
// produce), as a JSON list with one object per row keyed by field name.
// Integers, dates (days), times and timestamps (the count in the column's
// Arrow unit) are numbers; DECIMAL is a string such as "-12.50"; BINARY and
// BYTES are lowercase hex; ARRAY is a list, MAP a list of [key, value] pairs,
// ROW an object. Meant for tools and tests, not a fast path.
FN_EXPORT Result<std::string> ArrowBatchToJson(const ArrowArray& batch, const DataType& row_type);

}  // namespace fluss_native
