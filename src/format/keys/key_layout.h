// How one table encodes and buckets its keys, decided from its TableInfo the
// way the Java client does (KeyEncoder.ofPrimaryKeyEncoder /
// ofBucketKeyEncoder, BucketingFunction.of, PrimaryKeyLookuper,
// PrefixKeyLookuper):
//
//  - the physical primary key is the primary key without the partition
//    columns; the bucket key defaults to it ("default bucket key");
//  - the lake format (`table.datalake.format`, set even when the lake is not
//    enabled) picks the bucketing function and the bucket-key encoding:
//    paimon → Paimon's BinaryRow and Paimon's hash, none/lance → compacted;
//  - the primary key is encoded with the lake's encoding, except for tables
//    of `table.kv.format-version` 2 whose bucket key is not the default: those
//    use the compacted encoding, whose bucket-key bytes are a prefix of the
//    primary-key bytes (what PrefixLookup relies on);
//  - a partitioned table's key picks its partition by the partition columns'
//    values (PartitionName).
//
// Key values come in "lookup key" order: the full primary key, partition
// columns included, in primary-key order (as Fluss's Lookuper takes them);
// prefix lookups take the bucket key plus the partition columns, in table
// column order of the primary key.
#pragma once

#include <string>
#include <vector>

#include "fluss_native/table_info.h"
#include "format/keys/bucketing.h"
#include "format/keys/key_encoder.h"
#include "format/keys/key_value.h"

namespace fluss_native::keys {

struct EncodedKey {
  std::string key_bytes;     // what the server looks up
  int bucket = 0;
  std::string partition;     // Fluss partition name; empty when not partitioned
};

class KeyLayout {
 public:
  // Fails for a table without primary key, an unknown lake format or kv
  // format version, or key columns of a type that cannot be a key.
  static Result<KeyLayout> ForPrimaryKey(const TableInfo& table);
  // For PrefixLookup: the bucket key must be a strict prefix of the physical
  // primary key.
  static Result<KeyLayout> ForPrefix(const TableInfo& table);

  // The columns a key's values are given for, in order.
  const std::vector<std::string>& key_columns() const { return key_columns_; }
  const std::vector<DataType>& key_types() const { return key_types_; }
  KeyEncoding key_encoding() const { return key_encoding_; }
  KeyEncoding bucket_encoding() const { return bucket_encoding_; }
  BucketingFunction bucketing() const { return bucketing_; }

  // Coerces one key's literals and encodes it; errors name the table, the
  // column and the value.
  Result<EncodedKey> Encode(const std::vector<Literal>& key) const;
  // As Encode, for values already coerced (one per key column).
  EncodedKey EncodeValues(const std::vector<KeyValue>& values) const;

 private:
  std::string table_;
  int num_buckets_ = 0;
  std::vector<std::string> key_columns_;
  std::vector<DataType> key_types_;
  // Positions in key_columns_ of the encoded key, bucket key and partition.
  std::vector<size_t> key_fields_, bucket_fields_, partition_fields_;
  KeyEncoding key_encoding_ = KeyEncoding::kCompacted;
  KeyEncoding bucket_encoding_ = KeyEncoding::kCompacted;
  BucketingFunction bucketing_ = BucketingFunction::kFluss;
};

// Fluss's partition name for these partition values (PartitionUtils
// .convertValueOfType joined by '$'): STRING/CHAR as is, BOOLEAN true/false,
// integers in decimal, DATE yyyy-MM-dd, BYTES in lower-case hex.
Result<std::string> PartitionName(const std::vector<DataType>& types, const std::vector<KeyValue>& values);

}  // namespace fluss_native::keys
