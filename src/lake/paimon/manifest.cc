#include "lake/paimon/manifest.h"

#include <limits>

#include "format/avro/avro_reader.h"

namespace fluss_native::lake::paimon {
namespace {

using avro::AvroFileReader;
using avro::AvroSchemaNode;
using avro::AvroValue;
using avro::AvroValueKindName;

// Versions Paimon 1.3's serializers write and read.
constexpr int64_t kManifestFileMetaVersion = 2;
constexpr int64_t kManifestEntryVersion = 2;
constexpr int64_t kIndexManifestEntryVersion = 1;

// Typed, by-name access to one decoded record; errors say which file,
// record and field ("_FILE._LEVEL").
class Fields {
 public:
  Fields(const AvroValue& rec, const std::string& file, int64_t index, std::string prefix = "")
      : rec_(rec), file_(file), index_(index), prefix_(std::move(prefix)) {}

  Status Error(std::string_view field, const std::string& what) const {
    return Status::Corruption("manifest file '" + file_ + "' record " + std::to_string(index_) + ": field " +
                              prefix_ + std::string(field) + " " + what);
  }

  // nullptr when absent or null.
  const AvroValue* Optional(std::string_view field) const {
    const AvroValue* v = rec_.Field(field);
    return v == nullptr || v->is_null() ? nullptr : v;
  }

  Result<const AvroValue*> Required(std::string_view field, AvroValue::Kind kind) const {
    const AvroValue* v = rec_.Field(field);
    if (v == nullptr) return Error(field, "is missing");
    if (v->is_null()) return Error(field, "is null");
    if (v->kind != kind) {
      return Error(field, std::string("is ") + AvroValueKindName(v->kind) + ", expected " + AvroValueKindName(kind));
    }
    return v;
  }

  Result<int64_t> Long(std::string_view field) const {
    FN_ASSIGN_OR_RETURN(const AvroValue* v, Required(field, AvroValue::Kind::kLong));
    return v->long_value;
  }

  Result<int32_t> Int(std::string_view field) const {
    FN_ASSIGN_OR_RETURN(int64_t v, Long(field));
    if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) {
      return Error(field, "is out of INT range");
    }
    return static_cast<int32_t>(v);
  }

  Result<std::string> Bytes(std::string_view field) const {
    FN_ASSIGN_OR_RETURN(const AvroValue* v, Required(field, AvroValue::Kind::kBytes));
    return v->bytes;
  }

  Result<std::optional<int64_t>> OptLong(std::string_view field) const {
    const AvroValue* v = Optional(field);
    if (v == nullptr) return std::optional<int64_t>();
    if (v->kind != AvroValue::Kind::kLong) return Error(field, "is not an integer");
    return std::optional<int64_t>(v->long_value);
  }

  Result<std::optional<int32_t>> OptInt(std::string_view field) const {
    FN_ASSIGN_OR_RETURN(std::optional<int64_t> v, OptLong(field));
    if (!v) return std::optional<int32_t>();
    if (*v < std::numeric_limits<int32_t>::min() || *v > std::numeric_limits<int32_t>::max()) {
      return Error(field, "is out of INT range");
    }
    return std::optional<int32_t>(static_cast<int32_t>(*v));
  }

  Result<std::optional<std::string>> OptBytes(std::string_view field) const {
    const AvroValue* v = Optional(field);
    if (v == nullptr) return std::optional<std::string>();
    if (v->kind != AvroValue::Kind::kBytes) return Error(field, "is not a string or bytes");
    return std::optional<std::string>(v->bytes);
  }

  Result<std::vector<std::string>> StringArray(const AvroValue& array, std::string_view field) const {
    if (array.kind != AvroValue::Kind::kArray) return Error(field, "is not an array");
    std::vector<std::string> out;
    out.reserve(array.items.size());
    for (const AvroValue& item : array.items) {
      if (item.kind != AvroValue::Kind::kBytes) return Error(field, "has a non-string element");
      out.push_back(item.bytes);
    }
    return out;
  }

  Result<std::optional<std::vector<std::string>>> OptStringArray(std::string_view field) const {
    const AvroValue* v = Optional(field);
    if (v == nullptr) return std::optional<std::vector<std::string>>();
    FN_ASSIGN_OR_RETURN(auto out, StringArray(*v, field));
    return std::optional<std::vector<std::string>>(std::move(out));
  }

  // A record inside this one (an array element), named `field` in errors.
  Fields Nested(const AvroValue& rec, const std::string& field) const {
    return Fields(rec, file_, index_, prefix_ + field + ".");
  }

  Result<Fields> Record(std::string_view field) const {
    FN_ASSIGN_OR_RETURN(const AvroValue* v, Required(field, AvroValue::Kind::kRecord));
    return Fields(*v, file_, index_, prefix_ + std::string(field) + ".");
  }

  Status CheckVersion(int64_t want) const {
    FN_ASSIGN_OR_RETURN(int64_t v, Long("_VERSION"));
    if (v != want) {
      return Status::Unsupported("manifest file '" + file_ + "' record " + std::to_string(index_) + ": _VERSION " +
                                 std::to_string(v) + " (this reader knows version " + std::to_string(want) + ")");
    }
    return Status::OK();
  }

  Result<FileKind> Kind() const {
    FN_ASSIGN_OR_RETURN(int64_t k, Long("_KIND"));
    if (k == 0) return FileKind::kAdd;
    if (k == 1) return FileKind::kDelete;
    return Error("_KIND", "is " + std::to_string(k) + ", neither ADD (0) nor DELETE (1)");
  }

 private:
  const AvroValue& rec_;
  const std::string& file_;
  int64_t index_;
  std::string prefix_;
};

Result<SimpleStats> ReadStats(const Fields& parent, std::string_view field) {
  FN_ASSIGN_OR_RETURN(Fields f, parent.Record(field));
  SimpleStats s;
  FN_ASSIGN_OR_RETURN(s.min_values, f.Bytes("_MIN_VALUES"));
  FN_ASSIGN_OR_RETURN(s.max_values, f.Bytes("_MAX_VALUES"));
  FN_ASSIGN_OR_RETURN(const AvroValue* counts, f.Required("_NULL_COUNTS", AvroValue::Kind::kArray));
  s.null_counts.reserve(counts->items.size());
  for (const AvroValue& c : counts->items) {
    if (c.is_null()) {
      s.null_counts.emplace_back();
    } else if (c.kind == AvroValue::Kind::kLong) {
      s.null_counts.emplace_back(c.long_value);
    } else {
      return f.Error("_NULL_COUNTS", "has a non-integer element");
    }
  }
  return s;
}

Result<DataFileMeta> ReadDataFileMeta(const Fields& f) {
  DataFileMeta m;
  FN_ASSIGN_OR_RETURN(m.file_name, f.Bytes("_FILE_NAME"));
  FN_ASSIGN_OR_RETURN(m.file_size, f.Long("_FILE_SIZE"));
  FN_ASSIGN_OR_RETURN(m.row_count, f.Long("_ROW_COUNT"));
  FN_ASSIGN_OR_RETURN(m.min_key, f.Bytes("_MIN_KEY"));
  FN_ASSIGN_OR_RETURN(m.max_key, f.Bytes("_MAX_KEY"));
  FN_ASSIGN_OR_RETURN(m.key_stats, ReadStats(f, "_KEY_STATS"));
  FN_ASSIGN_OR_RETURN(m.value_stats, ReadStats(f, "_VALUE_STATS"));
  FN_ASSIGN_OR_RETURN(m.min_sequence_number, f.Long("_MIN_SEQUENCE_NUMBER"));
  FN_ASSIGN_OR_RETURN(m.max_sequence_number, f.Long("_MAX_SEQUENCE_NUMBER"));
  FN_ASSIGN_OR_RETURN(m.schema_id, f.Long("_SCHEMA_ID"));
  FN_ASSIGN_OR_RETURN(m.level, f.Int("_LEVEL"));
  FN_ASSIGN_OR_RETURN(const AvroValue* extra, f.Required("_EXTRA_FILES", AvroValue::Kind::kArray));
  FN_ASSIGN_OR_RETURN(m.extra_files, f.StringArray(*extra, "_EXTRA_FILES"));
  FN_ASSIGN_OR_RETURN(m.creation_time_millis, f.OptLong("_CREATION_TIME"));
  FN_ASSIGN_OR_RETURN(m.delete_row_count, f.OptLong("_DELETE_ROW_COUNT"));
  FN_ASSIGN_OR_RETURN(m.embedded_index, f.OptBytes("_EMBEDDED_FILE_INDEX"));
  FN_ASSIGN_OR_RETURN(m.file_source, f.OptInt("_FILE_SOURCE"));
  if (m.file_source && *m.file_source != kFileSourceAppend && *m.file_source != kFileSourceCompact) {
    return f.Error("_FILE_SOURCE", "is " + std::to_string(*m.file_source) + ", neither APPEND (0) nor COMPACT (1)");
  }
  FN_ASSIGN_OR_RETURN(m.value_stats_cols, f.OptStringArray("_VALUE_STATS_COLS"));
  FN_ASSIGN_OR_RETURN(m.external_path, f.OptBytes("_EXTERNAL_PATH"));
  FN_ASSIGN_OR_RETURN(m.first_row_id, f.OptLong("_FIRST_ROW_ID"));
  FN_ASSIGN_OR_RETURN(m.write_cols, f.OptStringArray("_WRITE_COLS"));
  if (m.file_size < 0 || m.row_count < 0) return f.Error("_FILE_SIZE/_ROW_COUNT", "is negative");
  return m;
}

Result<ManifestFileMeta> ToManifestFileMeta(const Fields& f) {
  FN_RETURN_IF_ERROR(f.CheckVersion(kManifestFileMetaVersion));
  ManifestFileMeta m;
  FN_ASSIGN_OR_RETURN(m.file_name, f.Bytes("_FILE_NAME"));
  FN_ASSIGN_OR_RETURN(m.file_size, f.Long("_FILE_SIZE"));
  FN_ASSIGN_OR_RETURN(m.num_added_files, f.Long("_NUM_ADDED_FILES"));
  FN_ASSIGN_OR_RETURN(m.num_deleted_files, f.Long("_NUM_DELETED_FILES"));
  FN_ASSIGN_OR_RETURN(m.partition_stats, ReadStats(f, "_PARTITION_STATS"));
  FN_ASSIGN_OR_RETURN(m.schema_id, f.Long("_SCHEMA_ID"));
  FN_ASSIGN_OR_RETURN(m.min_bucket, f.OptInt("_MIN_BUCKET"));
  FN_ASSIGN_OR_RETURN(m.max_bucket, f.OptInt("_MAX_BUCKET"));
  FN_ASSIGN_OR_RETURN(m.min_level, f.OptInt("_MIN_LEVEL"));
  FN_ASSIGN_OR_RETURN(m.max_level, f.OptInt("_MAX_LEVEL"));
  return m;
}

Result<ManifestEntry> ToManifestEntry(const Fields& f) {
  FN_RETURN_IF_ERROR(f.CheckVersion(kManifestEntryVersion));
  ManifestEntry e;
  FN_ASSIGN_OR_RETURN(e.kind, f.Kind());
  FN_ASSIGN_OR_RETURN(e.partition, f.Bytes("_PARTITION"));
  FN_ASSIGN_OR_RETURN(e.bucket, f.Int("_BUCKET"));
  FN_ASSIGN_OR_RETURN(e.total_buckets, f.Int("_TOTAL_BUCKETS"));
  FN_ASSIGN_OR_RETURN(Fields file, f.Record("_FILE"));
  FN_ASSIGN_OR_RETURN(e.file, ReadDataFileMeta(file));
  return e;
}

Result<IndexManifestEntry> ToIndexManifestEntry(const Fields& f) {
  FN_RETURN_IF_ERROR(f.CheckVersion(kIndexManifestEntryVersion));
  IndexManifestEntry e;
  FN_ASSIGN_OR_RETURN(e.kind, f.Kind());
  FN_ASSIGN_OR_RETURN(e.partition, f.Bytes("_PARTITION"));
  FN_ASSIGN_OR_RETURN(e.bucket, f.Int("_BUCKET"));
  IndexFileMeta& m = e.index_file;
  FN_ASSIGN_OR_RETURN(m.index_type, f.Bytes("_INDEX_TYPE"));
  FN_ASSIGN_OR_RETURN(m.file_name, f.Bytes("_FILE_NAME"));
  FN_ASSIGN_OR_RETURN(m.file_size, f.Long("_FILE_SIZE"));
  FN_ASSIGN_OR_RETURN(m.row_count, f.Long("_ROW_COUNT"));
  FN_ASSIGN_OR_RETURN(m.external_path, f.OptBytes("_EXTERNAL_PATH"));
  // DeletionVectorMeta's fields are named f0 (data file), f1 (offset),
  // f2 (length) and _CARDINALITY in Paimon 1.3.
  if (const AvroValue* ranges = f.Optional("_DELETIONS_VECTORS_RANGES")) {
    if (ranges->kind != AvroValue::Kind::kArray) return f.Error("_DELETIONS_VECTORS_RANGES", "is not an array");
    for (size_t i = 0; i < ranges->items.size(); ++i) {
      const AvroValue& item = ranges->items[i];
      if (item.kind != AvroValue::Kind::kRecord) return f.Error("_DELETIONS_VECTORS_RANGES", "has a non-record element");
      Fields r = f.Nested(item, "_DELETIONS_VECTORS_RANGES[" + std::to_string(i) + "]");
      DeletionVectorRange range;
      FN_ASSIGN_OR_RETURN(std::string name, r.Bytes("f0"));
      FN_ASSIGN_OR_RETURN(range.offset, r.Int("f1"));
      FN_ASSIGN_OR_RETURN(range.length, r.Int("f2"));
      FN_ASSIGN_OR_RETURN(range.cardinality, r.OptLong("_CARDINALITY"));
      if (range.offset < 0 || range.length < 0) return r.Error("f1/f2", "is negative");
      m.deletion_vectors.emplace_back(std::move(name), range);
    }
  }
  return e;
}

template <typename T, typename Convert>
Result<std::vector<T>> ReadAll(AvroFileReader reader, Convert convert) {
  std::vector<T> out;
  AvroValue rec;
  for (int64_t i = 0;; ++i) {
    FN_ASSIGN_OR_RETURN(bool more, reader.Next(&rec));
    if (!more) break;
    if (rec.kind != AvroValue::Kind::kRecord) {
      return Status::Corruption("manifest file '" + reader.name() + "' record " + std::to_string(i) +
                                " is not an Avro record");
    }
    FN_ASSIGN_OR_RETURN(T value, convert(Fields(rec, reader.name(), i)));
    out.push_back(std::move(value));
  }
  return out;
}

}  // namespace

Result<std::vector<ManifestFileMeta>> ParseManifestList(std::string name, std::string bytes) {
  FN_ASSIGN_OR_RETURN(auto reader, AvroFileReader::FromBytes(std::move(name), std::move(bytes)));
  return ReadAll<ManifestFileMeta>(std::move(reader), ToManifestFileMeta);
}

Result<std::vector<ManifestEntry>> ParseManifest(std::string name, std::string bytes) {
  FN_ASSIGN_OR_RETURN(auto reader, AvroFileReader::FromBytes(std::move(name), std::move(bytes)));
  return ReadAll<ManifestEntry>(std::move(reader), ToManifestEntry);
}

Result<std::vector<IndexManifestEntry>> ParseIndexManifest(std::string name, std::string bytes) {
  FN_ASSIGN_OR_RETURN(auto reader, AvroFileReader::FromBytes(std::move(name), std::move(bytes)));
  return ReadAll<IndexManifestEntry>(std::move(reader), ToIndexManifestEntry);
}

Result<std::vector<ManifestFileMeta>> ReadManifestList(const std::string& path) {
  FN_ASSIGN_OR_RETURN(auto reader, AvroFileReader::Open(path));
  return ReadAll<ManifestFileMeta>(std::move(reader), ToManifestFileMeta);
}

Result<std::vector<ManifestEntry>> ReadManifest(const std::string& path) {
  FN_ASSIGN_OR_RETURN(auto reader, AvroFileReader::Open(path));
  return ReadAll<ManifestEntry>(std::move(reader), ToManifestEntry);
}

Result<std::vector<IndexManifestEntry>> ReadIndexManifest(const std::string& path) {
  FN_ASSIGN_OR_RETURN(auto reader, AvroFileReader::Open(path));
  return ReadAll<IndexManifestEntry>(std::move(reader), ToIndexManifestEntry);
}

}  // namespace fluss_native::lake::paimon
