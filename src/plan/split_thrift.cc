// Split <-> TFlussFileDesc bytes. The only file that sees the generated
// Thrift types and libthrift: Thrift exceptions stop here and become
// Status values. The bytes come from another process (an FE, a queue, a
// file), so strings and containers are capped by the bytes actually there
// before anything is allocated for them.
#include <algorithm>
#include <cstdint>
#include <exception>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <thrift/TConfiguration.h>
#include <thrift/protocol/TBinaryProtocol.h>
#include <thrift/protocol/TCompactProtocol.h>
#include <thrift/protocol/TVirtualProtocol.h>
#include <thrift/transport/TBufferTransports.h>

#include "fluss_native/split.h"
#include "plan/fluss_split_types.h"
#include "plan/split_where.h"

namespace fluss_native {
namespace {

namespace gen = plan::thrift_gen;
using apache::thrift::TConfiguration;
using apache::thrift::protocol::TBinaryProtocolT;
using apache::thrift::protocol::TCompactProtocolT;
using apache::thrift::protocol::TProtocolException;
using apache::thrift::protocol::TType;
using apache::thrift::transport::TMemoryBuffer;
using apache::thrift::transport::TTransport;

// Our structs nest three deep; the limit bounds skipping unknown fields.
constexpr int kRecursionLimit = 64;

// libthrift's binary reader casts each type byte from the wire straight into
// its TType enum, which is undefined behaviour for a byte no TType has
// (UBSan flags it on fuzzed input). This reader checks the byte first; the
// compact reader already maps its type codes through a checked switch.
class CheckedBinaryProtocol
    : public apache::thrift::protocol::TVirtualProtocol<CheckedBinaryProtocol, TBinaryProtocolT<TTransport>> {
  using Base = apache::thrift::protocol::TVirtualProtocol<CheckedBinaryProtocol, TBinaryProtocolT<TTransport>>;

 public:
  // `limit` caps every string and container size (the input's length).
  CheckedBinaryProtocol(std::shared_ptr<TTransport> transport, int32_t limit) : Base(std::move(transport)) {
    setStringSizeLimit(limit);
    setContainerSizeLimit(limit);
    limit_ = limit;
  }

  uint32_t readFieldBegin(std::string& name, TType& type, int16_t& id) {
    (void)name;
    int8_t code = 0;
    uint32_t n = readByte(code);
    if (code == apache::thrift::protocol::T_STOP) {
      type = apache::thrift::protocol::T_STOP;
      id = 0;
      return n;
    }
    type = ValueType(code);
    return n + readI16(id);
  }
  uint32_t readListBegin(TType& elem, uint32_t& size) {
    int8_t code = 0;
    uint32_t n = readByte(code);
    elem = ValueType(code);
    n += ReadSize(&size);
    apache::thrift::protocol::TList list(elem, size);
    checkReadBytesAvailable(list);
    return n;
  }
  uint32_t readSetBegin(TType& elem, uint32_t& size) {
    int8_t code = 0;
    uint32_t n = readByte(code);
    elem = ValueType(code);
    n += ReadSize(&size);
    apache::thrift::protocol::TSet set(elem, size);
    checkReadBytesAvailable(set);
    return n;
  }
  uint32_t readMapBegin(TType& key, TType& value, uint32_t& size) {
    int8_t k = 0, v = 0;
    uint32_t n = readByte(k);
    key = ValueType(k);
    n += readByte(v);
    value = ValueType(v);
    n += ReadSize(&size);
    apache::thrift::protocol::TMap map(key, value, size);
    checkReadBytesAvailable(map);
    return n;
  }

 private:
  static TType ValueType(int8_t code) {
    switch (code) {
      case 2: case 3: case 4: case 6: case 8: case 10: case 11: case 12: case 13: case 14: case 15:
        return static_cast<TType>(code);
      default:
        throw TProtocolException(TProtocolException::INVALID_DATA,
                                 "unknown type code " + std::to_string(static_cast<int>(code)));
    }
  }
  uint32_t ReadSize(uint32_t* size) {
    int32_t n = 0;
    const uint32_t bytes = readI32(n);
    if (n < 0) throw TProtocolException(TProtocolException::NEGATIVE_SIZE);
    if (n > limit_) throw TProtocolException(TProtocolException::SIZE_LIMIT);
    *size = static_cast<uint32_t>(n);
    return bytes;
  }

  int32_t limit_ = 0;
};

// The compact reader with every string and container size capped at `limit`.
class CompactReader : public TCompactProtocolT<TMemoryBuffer> {
 public:
  CompactReader(std::shared_ptr<TMemoryBuffer> transport, int32_t limit)
      : TCompactProtocolT(std::move(transport), limit, limit) {}
};

const char* ProtocolName(ThriftProtocol protocol) {
  return protocol == ThriftProtocol::kCompact ? "compact" : "binary";
}

// ---- encoding ----

gen::TFlussFileDesc ToDesc(const Split& s) {
  gen::TFlussFileDesc d;
  if (!s.database_name.empty()) d.__set_database_name(s.database_name);
  if (!s.table_name.empty()) d.__set_table_name(s.table_name);
  if (s.table_id) d.__set_table_id(*s.table_id);
  if (s.bucket_id != -1) d.__set_bucket_id(s.bucket_id);
  if (s.partition_name) d.__set_partition_name(*s.partition_name);
  if (s.snapshot_id) d.__set_snapshot_id(*s.snapshot_id);
  if (!s.bootstrap_servers.empty()) d.__set_bootstrap_servers(s.bootstrap_servers);
  if (!s.file_format.empty()) d.__set_file_format(s.file_format);
  d.__set_tier(static_cast<int32_t>(s.tier));
  if (!s.lake_files.empty()) {
    std::vector<std::string> paths;
    std::vector<gen::TFlussLakeFile> files;
    paths.reserve(s.lake_files.size());
    files.reserve(s.lake_files.size());
    for (const LakeFileRef& f : s.lake_files) {
      paths.push_back(f.path);
      gen::TFlussLakeFile t;
      if (f.size_bytes != -1) t.__set_size_bytes(f.size_bytes);
      if (f.row_count != -1) t.__set_row_count(f.row_count);
      if (f.schema_id) t.__set_schema_id(*f.schema_id);
      if (f.level) t.__set_level(*f.level);
      if (f.min_sequence_number) t.__set_min_sequence_number(*f.min_sequence_number);
      if (f.max_sequence_number) t.__set_max_sequence_number(*f.max_sequence_number);
      if (f.deletion_vector) {
        gen::TFlussDeletionVector dv;
        dv.__set_index_path(f.deletion_vector->index_path);
        dv.__set_offset(f.deletion_vector->offset);
        dv.__set_length(f.deletion_vector->length);
        if (f.deletion_vector->cardinality) dv.__set_cardinality(*f.deletion_vector->cardinality);
        t.__set_deletion_vector(std::move(dv));
      }
      files.push_back(std::move(t));
    }
    d.__set_lake_file_paths(std::move(paths));
    // Paths alone (a design-only planner's split) stay paths alone.
    const bool any_detail = std::any_of(files.begin(), files.end(), [](const gen::TFlussLakeFile& t) {
      return t.__isset.size_bytes || t.__isset.row_count || t.__isset.schema_id || t.__isset.level ||
             t.__isset.min_sequence_number || t.__isset.max_sequence_number || t.__isset.deletion_vector;
    });
    if (any_detail) d.__set_lake_files(std::move(files));
  }
  if (s.lake_snapshot_id) d.__set_lake_snapshot_id(*s.lake_snapshot_id);
  if (s.log_start_offset) d.__set_log_start_offset(*s.log_start_offset);
  if (s.log_end_offset) d.__set_log_end_offset(*s.log_end_offset);
  if (s.partition_id) d.__set_partition_id(*s.partition_id);
  if (s.schema_id) d.__set_schema_id(*s.schema_id);
  if (!s.columns.empty()) d.__set_columns(s.columns);
  if (!s.primary_key.empty()) d.__set_primary_key(s.primary_key);
  if (!s.bucket_key.empty()) d.__set_bucket_key(s.bucket_key);
  if (!s.partition_keys.empty()) d.__set_partition_keys(s.partition_keys);
  if (!s.lake_table_location.empty()) d.__set_lake_table_location(s.lake_table_location);
  if (s.lake_schema_id) d.__set_lake_schema_id(*s.lake_schema_id);
  if (s.lake_deletion_vectors) d.__set_lake_deletion_vectors(true);
  if (!s.lake_merge_engine.empty()) d.__set_lake_merge_engine(s.lake_merge_engine);
  if (s.lake_bucket_unaware) d.__set_lake_bucket_unaware(true);
  if (!s.lake_options.empty()) d.__set_lake_options(s.lake_options);
  if (s.predicate) d.__set_predicate(s.predicate->ToString());
  if (s.limit) d.__set_limit(*s.limit);
  return d;
}

template <typename Protocol>
std::string Write(const gen::TFlussFileDesc& desc) {
  auto buffer = std::make_shared<TMemoryBuffer>();
  Protocol protocol(buffer);
  desc.write(&protocol);
  return buffer->getBufferAsString();
}

// ---- decoding ----

Status DecodeError(ThriftProtocol protocol, size_t size, const std::string& what) {
  return Status::Corruption("split: cannot decode TFlussFileDesc (" + std::string(ProtocolName(protocol)) +
                            " protocol, " + std::to_string(size) + " bytes): " + what);
}

template <typename Protocol>
Status Read(std::string_view bytes, ThriftProtocol which, gen::TFlussFileDesc* out) {
  if (bytes.empty()) return DecodeError(which, 0, "no bytes");
  if (bytes.size() > static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    return DecodeError(which, bytes.size(), "larger than Thrift's 2 GiB limit");
  }
  const auto size = static_cast<int32_t>(bytes.size());
  try {
    // The message-size limit makes the transport refuse a string or list
    // longer than the bytes that remain, before anything is allocated.
    auto config = std::make_shared<TConfiguration>(size, size, kRecursionLimit);
    auto buffer = std::make_shared<TMemoryBuffer>(
        reinterpret_cast<uint8_t*>(const_cast<char*>(bytes.data())), static_cast<uint32_t>(size),
        TMemoryBuffer::OBSERVE, config);
    Protocol protocol(buffer, size);
    out->read(&protocol);
    const uint32_t left = buffer->available_read();
    if (left != 0) return DecodeError(which, bytes.size(), std::to_string(left) + " bytes after the struct's end");
    return Status::OK();
  } catch (const std::exception& e) {
    return DecodeError(which, bytes.size(), e.what());
  } catch (...) {
    return DecodeError(which, bytes.size(), "unknown error");
  }
}

Result<Split> FromDesc(const gen::TFlussFileDesc& d) {
  Split s;
  if (d.__isset.database_name) s.database_name = d.database_name;
  if (d.__isset.table_name) s.table_name = d.table_name;
  if (d.__isset.table_id) s.table_id = d.table_id;
  if (d.__isset.bucket_id) s.bucket_id = d.bucket_id;
  if (d.__isset.partition_name) s.partition_name = d.partition_name;
  if (d.__isset.snapshot_id) s.snapshot_id = d.snapshot_id;
  if (d.__isset.bootstrap_servers) s.bootstrap_servers = d.bootstrap_servers;
  if (d.__isset.file_format) s.file_format = d.file_format;
  if (!d.__isset.tier) return Status::InvalidArgument(plan::SplitWhere(s) + ": field 10 tier is missing");
  // Any int32 is a valid value of SplitTier's underlying type; Validate
  // rejects the ones without a name.
  s.tier = static_cast<SplitTier>(d.tier);

  const size_t paths = d.__isset.lake_file_paths ? d.lake_file_paths.size() : 0;
  if (d.__isset.lake_files && d.lake_files.size() != paths) {
    return Status::InvalidArgument(plan::SplitWhere(s) + ": field 26 lake_files has " +
                                   std::to_string(d.lake_files.size()) + " entries but field 11 lake_file_paths has " +
                                   std::to_string(paths));
  }
  s.lake_files.resize(paths);
  for (size_t i = 0; i < paths; ++i) {
    LakeFileRef& f = s.lake_files[i];
    f.path = d.lake_file_paths[i];
    if (!d.__isset.lake_files) continue;
    const gen::TFlussLakeFile& t = d.lake_files[i];
    if (t.__isset.size_bytes) f.size_bytes = t.size_bytes;
    if (t.__isset.row_count) f.row_count = t.row_count;
    if (t.__isset.schema_id) f.schema_id = t.schema_id;
    if (t.__isset.level) f.level = t.level;
    if (t.__isset.min_sequence_number) f.min_sequence_number = t.min_sequence_number;
    if (t.__isset.max_sequence_number) f.max_sequence_number = t.max_sequence_number;
    if (t.__isset.deletion_vector) {
      const gen::TFlussDeletionVector& dv = t.deletion_vector;
      const std::string where = plan::SplitWhere(s) + ": field 26 lake_files entry " + std::to_string(i) +
                                " ('" + f.path + "'): deletion_vector ";
      if (!dv.__isset.index_path) return Status::InvalidArgument(where + "index_path is missing");
      if (!dv.__isset.offset) return Status::InvalidArgument(where + "offset is missing");
      if (!dv.__isset.length) return Status::InvalidArgument(where + "length is missing");
      DeletionVectorRef ref;
      ref.index_path = dv.index_path;
      ref.offset = dv.offset;
      ref.length = dv.length;
      if (dv.__isset.cardinality) ref.cardinality = dv.cardinality;
      f.deletion_vector = std::move(ref);
    }
  }
  if (d.__isset.lake_snapshot_id) s.lake_snapshot_id = d.lake_snapshot_id;
  if (d.__isset.log_start_offset) s.log_start_offset = d.log_start_offset;
  if (d.__isset.log_end_offset) s.log_end_offset = d.log_end_offset;
  if (d.__isset.partition_id) s.partition_id = d.partition_id;
  if (d.__isset.schema_id) s.schema_id = d.schema_id;
  if (d.__isset.columns) s.columns = d.columns;
  if (d.__isset.primary_key) s.primary_key = d.primary_key;
  if (d.__isset.bucket_key) s.bucket_key = d.bucket_key;
  if (d.__isset.partition_keys) s.partition_keys = d.partition_keys;
  if (d.__isset.lake_table_location) s.lake_table_location = d.lake_table_location;
  if (d.__isset.lake_schema_id) s.lake_schema_id = d.lake_schema_id;
  if (d.__isset.lake_deletion_vectors) s.lake_deletion_vectors = d.lake_deletion_vectors;
  if (d.__isset.lake_merge_engine) s.lake_merge_engine = d.lake_merge_engine;
  if (d.__isset.lake_bucket_unaware) s.lake_bucket_unaware = d.lake_bucket_unaware;
  if (d.__isset.lake_options) s.lake_options = d.lake_options;
  if (d.__isset.predicate) {
    auto predicate = ParsePredicate(d.predicate);
    if (!predicate.ok()) {
      return Status::InvalidArgument("split: field 33 predicate: " + predicate.status().message());
    }
    s.predicate = std::move(*predicate);
  }
  if (d.__isset.limit) s.limit = d.limit;
  FN_RETURN_IF_ERROR(s.Validate());
  return s;
}

Result<Split> Decode(std::string_view bytes, ThriftProtocol protocol) {
  gen::TFlussFileDesc desc;
  Status st = protocol == ThriftProtocol::kCompact ? Read<CompactReader>(bytes, protocol, &desc)
                                                   : Read<CheckedBinaryProtocol>(bytes, protocol, &desc);
  if (!st.ok()) return st;
  return FromDesc(desc);
}

}  // namespace

std::string Split::ToThrift(ThriftProtocol protocol) const {
  try {
    const gen::TFlussFileDesc desc = ToDesc(*this);
    return protocol == ThriftProtocol::kCompact ? Write<TCompactProtocolT<TMemoryBuffer>>(desc)
                                                : Write<TBinaryProtocolT<TMemoryBuffer>>(desc);
  } catch (...) {
    return std::string();
  }
}

Result<Split> Split::FromThrift(std::string_view bytes, ThriftProtocol protocol) { return Decode(bytes, protocol); }

Result<Split> Split::FromThriftAnyProtocol(std::string_view bytes) {
  if (bytes.empty()) return DecodeError(ThriftProtocol::kBinary, 0, "no bytes");
  // A compact field header is (id delta << 4) | type, the delta nonzero
  // unless a long-form id follows; a binary one starts with the type code.
  const auto first = static_cast<uint8_t>(bytes[0]);
  const ThriftProtocol guess = (first >> 4) != 0 ? ThriftProtocol::kCompact : ThriftProtocol::kBinary;
  const ThriftProtocol other = guess == ThriftProtocol::kCompact ? ThriftProtocol::kBinary : ThriftProtocol::kCompact;
  Result<Split> split = Decode(bytes, guess);
  if (split.ok()) return split;
  Result<Split> retry = Decode(bytes, other);
  if (retry.ok()) return retry;
  return split;
}

}  // namespace fluss_native
