// How errors about a split say which split: as much of table, partition
// and bucket as the split already holds.
#pragma once

#include <string>

#include "fluss_native/split.h"

namespace fluss_native::plan {

// "split db.t partition '2024' bucket 3", "split db.t", or "split".
inline std::string SplitWhere(const Split& split) {
  std::string s = "split";
  if (!split.database_name.empty() || !split.table_name.empty()) {
    s += " " + split.database_name + "." + split.table_name;
  }
  if (split.partition_name && !split.partition_name->empty()) s += " partition '" + *split.partition_name + "'";
  if (split.bucket_id >= 0) s += " bucket " + std::to_string(split.bucket_id);
  return s;
}

}  // namespace fluss_native::plan
