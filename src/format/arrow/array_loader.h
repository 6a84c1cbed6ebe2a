// Turns the flat field-node and buffer lists of a RecordBatch into a tree
// of ArrayNodes, guided by the Fluss type the caller expects. The IPC layout
// is a pre-order walk of the columns: each array takes one FieldNode and a
// fixed number of buffers for its type (validity first), then its children.
//
// Every buffer is checked to be large enough for the node's length, and every
// offsets buffer is scanned (start >= 0, non-decreasing, end within the data
// or child), so an exported array can be read without further checks.
// UTF-8 validity of strings and decimal precision are not checked.
#pragma once

#include <cstdint>

#include "format/arrow/body_buffers.h"
#include "format/arrow/c_export.h"
#include "fluss_native/status.h"
#include "fluss_native/types.h"

namespace fluss_native::arrow {

class ArrayLoader {
 public:
  // `batch` must be verified; `keep_alive` is attached to every node.
  ArrayLoader(const arrow_ipc::RecordBatch& batch, BodyBuffers* buffers, KeepAlive keep_alive);

  // Loads the next array in the walk as `type`, which must have passed
  // ValidateType (shapes are not re-checked here).
  Result<ArrayNode> Load(const DataType& type) { return LoadAt(type, 0); }
  // Fails unless every field node and buffer was consumed: leftovers mean the
  // batch was written for a different schema than the one we decode with.
  Status Finish() const;

 private:
  struct Node {
    int64_t length;
    int64_t null_count;
  };

  Result<ArrayNode> LoadAt(const DataType& type, int depth);
  Result<Node> NextNode(const DataType& type);
  Result<BufferSlice> NextBuffer();
  // Appends the validity pointer (null when the node has no nulls).
  Status AddValidity(const Node& node, ArrayNode* out);
  Status AddFixedWidth(const Node& node, int64_t byte_width, ArrayNode* out);
  Status AddBits(const Node& node, ArrayNode* out);
  // Appends the offsets buffer; *end is the last offset.
  Status AddOffsets(const Node& node, ArrayNode* out, int64_t* end);
  Status LoadVarBinary(const Node& node, ArrayNode* out);
  Status LoadList(const Node& node, const DataType& type, int depth, ArrayNode* out);
  Status LoadMap(const Node& node, const DataType& type, int depth, ArrayNode* out);
  Status LoadStruct(const Node& node, const DataType& type, int depth, ArrayNode* out);

  const arrow_ipc::RecordBatch& batch_;
  BodyBuffers* buffers_;
  KeepAlive keep_alive_;
  int64_t node_index_ = 0;
  int64_t buffer_index_ = 0;
};

}  // namespace fluss_native::arrow
