#include "format/keys/key_layout.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace fluss_native::keys {
namespace {

std::string Lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return "[" + out + "]";
}

bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

struct TableKeys {
  std::vector<std::string> physical_pk;
  std::vector<std::string> bucket_keys;
  bool default_bucket_key = true;
  bool paimon = false;
  int kv_format_version = 1;
};

Result<TableKeys> ReadTableKeys(const TableInfo& t) {
  std::string name = "table '" + t.path.ToString() + "'";
  if (!t.has_primary_key()) return Status::InvalidArgument(name + " has no primary key: lookups need one");
  if (t.bucket_count <= 0) return Status::InvalidArgument(name + " reports no buckets");
  TableKeys k;
  for (const auto& c : t.primary_key) {
    if (!Contains(t.partition_keys, c)) k.physical_pk.push_back(c);
  }
  k.bucket_keys = t.bucket_keys.empty() ? k.physical_pk : t.bucket_keys;
  k.default_bucket_key = k.bucket_keys == k.physical_pk;
  auto format = t.properties.find("table.datalake.format");
  if (format != t.properties.end()) {
    std::string f = Lower(format->second);
    if (f == "paimon") {
      k.paimon = true;
    } else if (f != "lance") {
      return Status::Unsupported(name + " has datalake format '" + format->second +
                                 "', whose key encoding fluss-native does not implement");
    }
  }
  auto version = t.properties.find("table.kv.format-version");
  if (version != t.properties.end()) {
    if (version->second == "1") {
      k.kv_format_version = 1;
    } else if (version->second == "2") {
      k.kv_format_version = 2;
    } else {
      return Status::Unsupported(name + " has kv format version " + version->second);
    }
  }
  return k;
}

}  // namespace

Result<KeyLayout> KeyLayout::ForPrimaryKey(const TableInfo& t) {
  FN_ASSIGN_OR_RETURN(TableKeys k, ReadTableKeys(t));
  KeyLayout layout;
  layout.table_ = t.path.ToString();
  layout.num_buckets_ = t.bucket_count;
  layout.key_columns_ = t.primary_key;
  KeyEncoding lake = k.paimon ? KeyEncoding::kPaimon : KeyEncoding::kCompacted;
  layout.bucket_encoding_ = lake;
  layout.key_encoding_ = (k.kv_format_version == 2 && !k.default_bucket_key) ? KeyEncoding::kCompacted : lake;
  layout.bucketing_ = k.paimon ? BucketingFunction::kPaimon : BucketingFunction::kFluss;
  auto index_of = [&](const std::string& c) {
    return static_cast<size_t>(std::find(layout.key_columns_.begin(), layout.key_columns_.end(), c) -
                               layout.key_columns_.begin());
  };
  for (const auto& c : k.physical_pk) layout.key_fields_.push_back(index_of(c));
  for (const auto& c : k.bucket_keys) {
    if (!Contains(t.primary_key, c)) {
      return Status::InvalidArgument("bucket key '" + c + "' of table '" + layout.table_ +
                                     "' is not part of its primary key");
    }
    layout.bucket_fields_.push_back(index_of(c));
  }
  for (const auto& c : t.partition_keys) {
    if (!Contains(t.primary_key, c)) {
      return Status::InvalidArgument("partition column '" + c + "' of table '" + layout.table_ +
                                     "' is not part of its primary key");
    }
    layout.partition_fields_.push_back(index_of(c));
  }
  for (const auto& c : layout.key_columns_) {
    int i = t.ColumnIndex(c);
    if (i < 0) return Status::Corruption("primary key column '" + c + "' of table '" + layout.table_ + "' is unknown");
    const DataType& type = t.columns[i].type;
    if (!IsKeyType(type)) {
      return Status::Unsupported("key column '" + c + "' of table '" + layout.table_ + "' has type " +
                                 type.ToFlussString() + ", which cannot be a key");
    }
    layout.key_types_.push_back(type);
  }
  return layout;
}

Result<KeyLayout> KeyLayout::ForPrefix(const TableInfo& t) {
  FN_ASSIGN_OR_RETURN(TableKeys k, ReadTableKeys(t));
  std::string name = "table '" + t.path.ToString() + "'";
  bool prefix = k.bucket_keys.size() < k.physical_pk.size() &&
                std::equal(k.bucket_keys.begin(), k.bucket_keys.end(), k.physical_pk.begin());
  if (!prefix) {
    return Status::InvalidArgument("prefix lookup on " + name + " needs a bucket key that is a strict prefix of " +
                                   "the primary key without partition columns; bucket key " +
                                   Join(k.bucket_keys) + ", primary key " + Join(k.physical_pk));
  }
  FN_ASSIGN_OR_RETURN(KeyLayout full, ForPrimaryKey(t));
  KeyLayout layout;
  layout.table_ = full.table_;
  layout.num_buckets_ = full.num_buckets_;
  // Prefix keys: the primary key's columns that are bucket or partition columns, in primary-key order.
  for (size_t i = 0; i < t.primary_key.size(); ++i) {
    const auto& c = t.primary_key[i];
    if (Contains(k.bucket_keys, c) || Contains(t.partition_keys, c)) {
      layout.key_columns_.push_back(c);
      layout.key_types_.push_back(full.key_types_[i]);
    }
  }
  auto index_of = [&](const std::string& c) {
    return static_cast<size_t>(std::find(layout.key_columns_.begin(), layout.key_columns_.end(), c) -
                               layout.key_columns_.begin());
  };
  for (const auto& c : k.bucket_keys) layout.key_fields_.push_back(index_of(c));
  layout.bucket_fields_ = layout.key_fields_;
  for (const auto& c : t.partition_keys) layout.partition_fields_.push_back(index_of(c));
  // ofPrimaryKeyEncoder(bucket keys, default=false): v1 the lake's encoding, v2 compacted.
  KeyEncoding lake = k.paimon ? KeyEncoding::kPaimon : KeyEncoding::kCompacted;
  layout.key_encoding_ = k.kv_format_version == 2 ? KeyEncoding::kCompacted : lake;
  layout.bucket_encoding_ = lake;
  layout.bucketing_ = full.bucketing_;
  return layout;
}

Result<EncodedKey> KeyLayout::Encode(const std::vector<Literal>& key) const {
  if (key.size() != key_columns_.size()) {
    return Status::InvalidArgument("a key of table '" + table_ + "' has " + std::to_string(key.size()) +
                                   " values; expected " + std::to_string(key_columns_.size()) + " for " +
                                   Join(key_columns_));
  }
  std::vector<KeyValue> values;
  values.reserve(key.size());
  for (size_t i = 0; i < key.size(); ++i) {
    auto v = CoerceKeyLiteral(key[i], key_types_[i], key_columns_[i]);
    if (!v.ok()) return v.status().WithContext("table '" + table_ + "'");
    values.push_back(std::move(*v));
  }
  EncodedKey out = EncodeValues(values);
  if (!partition_fields_.empty()) {
    std::vector<DataType> types;
    std::vector<KeyValue> parts;
    for (size_t i : partition_fields_) {
      types.push_back(key_types_[i]);
      parts.push_back(values[i]);
    }
    auto name = PartitionName(types, parts);
    if (!name.ok()) return name.status().WithContext("table '" + table_ + "'");
    out.partition = std::move(*name);
  }
  return out;
}

EncodedKey KeyLayout::EncodeValues(const std::vector<KeyValue>& values) const {
  auto encode = [&](KeyEncoding e, const std::vector<size_t>& fields) {
    std::vector<DataType> types;
    std::vector<KeyValue> vals;
    for (size_t i : fields) {
      types.push_back(key_types_[i]);
      vals.push_back(values[i]);
    }
    return EncodeKey(e, types, vals);
  };
  EncodedKey out;
  out.key_bytes = encode(key_encoding_, key_fields_);
  std::string bucket_bytes = (bucket_fields_ == key_fields_ && bucket_encoding_ == key_encoding_)
                                 ? out.key_bytes
                                 : encode(bucket_encoding_, bucket_fields_);
  out.bucket = BucketOf(bucketing_, bucket_bytes, num_buckets_);
  return out;
}

Result<std::string> PartitionName(const std::vector<DataType>& types, const std::vector<KeyValue>& values) {
  std::string out;
  for (size_t i = 0; i < types.size(); ++i) {
    const KeyValue& v = values[i];
    std::string part;
    switch (types[i].root) {
      case TypeRoot::kChar:
      case TypeRoot::kString: part = v.bytes; break;
      case TypeRoot::kBoolean: part = v.integer ? "true" : "false"; break;
      case TypeRoot::kTinyInt:
      case TypeRoot::kSmallInt:
      case TypeRoot::kInt:
      case TypeRoot::kBigInt: part = std::to_string(v.integer); break;
      case TypeRoot::kBinary:
      case TypeRoot::kBytes: {
        static const char* kHex = "0123456789abcdef";
        for (unsigned char c : v.bytes) {
          part.push_back(kHex[c >> 4]);
          part.push_back(kHex[c & 15]);
        }
        break;
      }
      case TypeRoot::kDate: {
        // Civil date from days since 1970-01-01 (proleptic Gregorian).
        int64_t z = v.integer + 719468;
        int64_t era = (z >= 0 ? z : z - 146096) / 146097;
        int64_t doe = z - era * 146097;
        int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        int64_t y = yoe + era * 400;
        int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        int64_t mp = (5 * doy + 2) / 153;
        int64_t d = doy - (153 * mp + 2) / 5 + 1;
        int64_t m = mp < 10 ? mp + 3 : mp - 9;
        if (m <= 2) ++y;
        char buf[32];
        std::snprintf(buf, sizeof(buf), "%04lld-%02lld-%02lld", static_cast<long long>(y),
                      static_cast<long long>(m), static_cast<long long>(d));
        part = buf;
        break;
      }
      default:
        return Status::Unsupported("partition column of type " + types[i].ToFlussString() +
                                   ": its partition name is not implemented for lookups");
    }
    out += (i == 0 ? "" : "$") + part;
  }
  return out;
}

}  // namespace fluss_native::keys
