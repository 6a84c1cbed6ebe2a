// Small builders for DataType trees the readers make themselves (their
// output rows, metadata columns, spill layouts), so each reader does not
// carry its own copy.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "fluss_native/types.h"

namespace fluss_native {

inline DataType MakeType(TypeRoot root, bool nullable, int precision = 0) {
  DataType t;
  t.root = root;
  t.nullable = nullable;
  t.precision = precision;
  return t;
}

// Appends a field without id or description to a ROW type.
inline void AddField(DataType* row, const std::string& name, DataType type) {
  row->children.push_back(std::move(type));
  row->field_names.push_back(name);
  row->field_ids.push_back(-1);
  row->field_descriptions.push_back(std::nullopt);
}

}  // namespace fluss_native
