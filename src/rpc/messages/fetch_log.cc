#include "rpc/messages/fetch_log.h"

#include "rpc/messages/filter_predicate_wire.h"
#include "rpc/messages/proto_codec.h"
#include "rpc/messages/wire_reader.h"

namespace fluss_native::rpc::messages {
namespace {

// Field numbers of FetchLogResponse, FetchLogRespForTable and
// FetchLogRespForBucket (proto/fluss_api.proto).
constexpr uint32_t kTablesResp = 1;
constexpr uint32_t kTableId = 1, kBucketsResp = 2;
constexpr uint32_t kPartitionId = 1, kBucketId = 2, kErrorCode = 3, kErrorMessage = 4, kHighWatermark = 5,
                   kLogStartOffset = 6, kRemoteLogFetchInfo = 7, kRecords = 8,
                   kFilteredEndOffset = 9;

Status Malformed(const std::string& where, const Status& st) {
  return MalformedResponse(ApiKey::kFetchLog, where + ": " + st.message());
}

Status Expect(WireType actual, WireType expected, uint32_t field) {
  if (actual == expected) return Status::OK();
  return Status::Corruption("field " + std::to_string(field) + " has wire type " +
                            std::to_string(static_cast<int>(actual)) + ", expected " +
                            std::to_string(static_cast<int>(expected)));
}

Status ReadVarintField(WireReader* r, WireType type, uint32_t field, uint64_t* value) {
  FN_RETURN_IF_ERROR(Expect(type, WireType::kVarint, field));
  return r->ReadVarint(value);
}

Status ReadBytesField(WireReader* r, WireType type, uint32_t field, std::string_view* value) {
  FN_RETURN_IF_ERROR(Expect(type, WireType::kLengthDelimited, field));
  return r->ReadBytes(value);
}

// protobuf's int32 and int64 on the wire: the two's complement value as a
// varint (an int32 keeps the low 32 bits).
int32_t AsInt32(uint64_t v) { return static_cast<int32_t>(static_cast<uint32_t>(v)); }
int64_t AsInt64(uint64_t v) { return static_cast<int64_t>(v); }

Result<RemoteLogFetchInfo> ToRemoteInfo(const wire::RemoteLogFetchInfo& p) {
  if (!p.IsInitialized()) return Status::Corruption("remote log fetch info lacks a required field");
  RemoteLogFetchInfo info;
  info.tablet_dir = p.remote_log_tablet_dir();
  if (p.has_partition_name()) info.partition_name = p.partition_name();
  info.first_start_pos = p.first_start_pos();
  if (info.first_start_pos < 0) {
    return Status::Corruption("negative first start position " + std::to_string(info.first_start_pos));
  }
  for (const auto& s : p.remote_log_segments()) {
    if (s.segment_size_in_bytes() < 0) {
      return Status::Corruption("remote log segment '" + s.remote_log_segment_id() + "' has negative size " +
                                std::to_string(s.segment_size_in_bytes()));
    }
    info.segments.push_back({s.remote_log_segment_id(), s.remote_log_start_offset(), s.remote_log_end_offset(),
                             s.segment_size_in_bytes()});
  }
  return info;
}

// `data` is a view into `body`; records ranges are relative to body's start.
Status DecodeBucket(std::string_view data, const std::string& body, FetchLogBucketResult* out) {
  WireReader r(data);
  bool has_bucket = false;
  std::optional<int32_t> error_code;
  std::string error_message;
  std::optional<wire::RemoteLogFetchInfo> remote;
  while (!r.done()) {
    uint32_t field;
    WireType type;
    FN_RETURN_IF_ERROR(r.NextField(&field, &type));
    uint64_t v = 0;
    std::string_view bytes;
    switch (field) {
      case kPartitionId:
        FN_RETURN_IF_ERROR(ReadVarintField(&r, type, field, &v));
        out->partition_id = AsInt64(v);
        break;
      case kBucketId:
        FN_RETURN_IF_ERROR(ReadVarintField(&r, type, field, &v));
        out->bucket = AsInt32(v);
        has_bucket = true;
        break;
      case kErrorCode:
        FN_RETURN_IF_ERROR(ReadVarintField(&r, type, field, &v));
        error_code = AsInt32(v);
        break;
      case kErrorMessage:
        FN_RETURN_IF_ERROR(ReadBytesField(&r, type, field, &bytes));
        error_message.assign(bytes);
        break;
      case kHighWatermark:
        FN_RETURN_IF_ERROR(ReadVarintField(&r, type, field, &v));
        out->high_watermark = AsInt64(v);
        break;
      case kLogStartOffset:
        FN_RETURN_IF_ERROR(ReadVarintField(&r, type, field, &v));
        out->log_start_offset = AsInt64(v);
        break;
      case kRemoteLogFetchInfo: {
        FN_RETURN_IF_ERROR(ReadBytesField(&r, type, field, &bytes));
        wire::RemoteLogFetchInfo part;
        if (bytes.size() > static_cast<size_t>(INT_MAX) ||
            !part.ParsePartialFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
          return Status::Corruption("remote log fetch info is not a valid protobuf message");
        }
        // A repeated occurrence of a message field merges, as protobuf does.
        if (!remote) remote.emplace();
        remote->MergeFrom(part);
        break;
      }
      case kRecords:
        FN_RETURN_IF_ERROR(ReadBytesField(&r, type, field, &bytes));
        out->records = {static_cast<size_t>(bytes.data() - body.data()), bytes.size()};
        break;
      case kFilteredEndOffset:
        FN_RETURN_IF_ERROR(ReadVarintField(&r, type, field, &v));
        out->filtered_end_offset = AsInt64(v);
        if (*out->filtered_end_offset < 0) {
          return Status::Corruption("negative filtered end offset " + std::to_string(*out->filtered_end_offset));
        }
        break;
      default:
        FN_RETURN_IF_ERROR(r.Skip(type));
    }
  }
  if (!has_bucket) return Status::Corruption("a bucket answer has no bucket id");
  out->error = BucketStatus(error_code, error_message);
  if (remote) {
    auto info = ToRemoteInfo(*remote);
    if (!info.ok()) return info.status();
    out->remote = std::move(info).value();
  }
  return Status::OK();
}

Status DecodeTable(std::string_view data, const std::string& body, FetchLogTableResult* out) {
  WireReader r(data);
  bool has_table_id = false;
  while (!r.done()) {
    uint32_t field;
    WireType type;
    FN_RETURN_IF_ERROR(r.NextField(&field, &type));
    if (field == kTableId) {
      uint64_t v = 0;
      FN_RETURN_IF_ERROR(ReadVarintField(&r, type, field, &v));
      out->table_id = AsInt64(v);
      has_table_id = true;
    } else if (field == kBucketsResp) {
      std::string_view bucket;
      FN_RETURN_IF_ERROR(ReadBytesField(&r, type, field, &bucket));
      FetchLogBucketResult result;
      Status st = DecodeBucket(bucket, body, &result);
      if (!st.ok()) {
        return Status::Corruption("answer " + std::to_string(out->buckets.size()) + " (bucket " +
                                  std::to_string(result.bucket) + "): " + st.message());
      }
      out->buckets.push_back(std::move(result));
    } else {
      FN_RETURN_IF_ERROR(r.Skip(type));
    }
  }
  if (!has_table_id) return Status::Corruption("a table answer has no table id");
  return Status::OK();
}

}  // namespace

std::string FetchLogRequest::Encode() const {
  wire::FetchLogRequest req;
  req.set_follower_server_id(-1);  // a client, not a replica
  req.set_max_bytes(max_bytes);
  req.set_max_wait_ms(max_wait_ms);
  req.set_min_bytes(min_bytes);
  auto* table = req.add_tables_req();
  table->set_table_id(table_id);
  table->set_projection_pushdown_enabled(projected_fields.has_value());
  if (projected_fields) {
    for (int f : *projected_fields) table->add_projected_fields(f);
  }
  for (const auto& b : buckets) {
    auto* out = table->add_buckets_req();
    if (b.partition_id) out->set_partition_id(*b.partition_id);
    out->set_bucket_id(b.bucket);
    out->set_fetch_offset(b.fetch_offset);
    out->set_max_fetch_bytes(b.max_fetch_bytes);
  }
  if (filter) {
    FillFilterPredicate(*filter, table->mutable_filter_predicate());
    table->set_filter_schema_id(filter_schema_id);
  }
  return req.SerializeAsString();
}

Result<FetchLogResponse> FetchLogResponse::Decode(std::string body) {
  return Decode(std::make_shared<const std::string>(std::move(body)));
}

Result<FetchLogResponse> FetchLogResponse::Decode(std::shared_ptr<const std::string> body) {
  if (!body) return MalformedResponse(ApiKey::kFetchLog, "no body");
  FetchLogResponse out;
  out.body = std::move(body);
  const std::string& bytes = *out.body;
  WireReader r(bytes);
  while (!r.done()) {
    uint32_t field;
    WireType type;
    Status st = r.NextField(&field, &type);
    if (!st.ok()) return Malformed("response", st);
    if (field != kTablesResp) {
      st = r.Skip(type);
      if (!st.ok()) return Malformed("response", st);
      continue;
    }
    std::string_view table;
    st = ReadBytesField(&r, type, field, &table);
    if (!st.ok()) return Malformed("response", st);
    FetchLogTableResult result;
    st = DecodeTable(table, bytes, &result);
    if (!st.ok()) return Malformed("table answer " + std::to_string(out.tables.size()), st);
    out.tables.push_back(std::move(result));
  }
  return out;
}

}  // namespace fluss_native::rpc::messages
