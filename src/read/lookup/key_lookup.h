// Point reads of a primary-key table by key (Fluss's Lookup RPC) and by
// bucket-key prefix (PrefixLookup), for Client::Lookup/PrefixLookup and for
// the planner when a WHERE pins the whole key (or the bucket key) with = or
// IN.
//
// Keys are encoded and bucketed as the Java client does (format/keys), a
// partitioned table's key picks its partition by its partition columns (a
// key of a partition that does not exist has no row), and the keys of all
// buckets one server leads go in one request; requests to different servers
// are in flight together. A bucket whose leader moved (NOT_LEADER, leader not
// available, a failed connection) is asked again of its new leader, with
// backoff, within the call's deadline (config.call_timeout); keys already
// answered are not asked again.
//
// Rows come back in key order: Lookup one row per key that exists, nothing
// for a missing one; PrefixLookup every row of each prefix, prefix after
// prefix, in the server's order within one.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "cluster/gateway.h"
#include "fluss_native/catalog.h"
#include "fluss_native/predicate.h"
#include "format/arrow/c_export.h"
#include "read/lookup/bucket_leaders.h"

namespace fluss_native::read {

enum class LookupKind { kPrimaryKey, kPrefix };

struct LookupEnv {
  cluster::Gateway* gateway = nullptr;
  Catalog* catalog = nullptr;
  BucketLeaders* leaders = nullptr;
};

struct LookupRows {
  DataType row_type;      // ROW of the chosen columns
  arrow::ArrayNode batch; // a struct array of row_type
};

// `keys`: per key its values in KeyLayout order (lookups: the primary key
// columns in primary-key order; prefix lookups: the bucket-key and partition
// columns, in primary-key order). `columns`: output columns by name; empty
// for all. Errors name the table, and for a failed key its values and bucket.
Result<LookupRows> LookupByKeys(const LookupEnv& env, const TablePath& table, LookupKind kind,
                                const std::vector<std::vector<Literal>>& keys,
                                const std::vector<std::string>& columns);

}  // namespace fluss_native::read
