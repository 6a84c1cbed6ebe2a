#include "rpc/messages/scan_kv.h"

#include "rpc/errors.h"
#include "rpc/messages/proto_codec.h"

namespace fluss_native::rpc::messages {

ScanKvRequest ScanKvRequest::Open(ScanKvBucket bucket, int32_t batch_size_bytes) {
  ScanKvRequest r;
  r.open = bucket;
  r.call_seq_id = 0;
  r.batch_size_bytes = batch_size_bytes;
  return r;
}

ScanKvRequest ScanKvRequest::Continue(std::string scanner_id, int32_t call_seq_id, int32_t batch_size_bytes) {
  ScanKvRequest r;
  r.scanner_id = std::move(scanner_id);
  r.call_seq_id = call_seq_id;
  r.batch_size_bytes = batch_size_bytes;
  return r;
}

ScanKvRequest ScanKvRequest::Close(std::string scanner_id, int32_t call_seq_id) {
  ScanKvRequest r;
  r.scanner_id = std::move(scanner_id);
  r.call_seq_id = call_seq_id;
  r.close_scanner = true;
  return r;
}

std::string ScanKvRequest::Encode() const {
  wire::ScanKvRequest req;
  if (scanner_id) req.set_scanner_id(*scanner_id);
  if (open) {
    auto* b = req.mutable_bucket_scan_req();
    b->set_table_id(open->table_id);
    if (open->partition_id) b->set_partition_id(*open->partition_id);
    b->set_bucket_id(open->bucket);
    if (open->limit) b->set_limit(*open->limit);
  }
  req.set_call_seq_id(call_seq_id);
  if (batch_size_bytes) req.set_batch_size_bytes(*batch_size_bytes);
  if (close_scanner) req.set_close_scanner(true);
  return req.SerializeAsString();
}

Result<ScanKvResponse> ScanKvResponse::Decode(std::string_view body) {
  FN_ASSIGN_OR_RETURN(auto proto, ParseProto<wire::ScanKvResponse>(body, ApiKey::kScanKv));
  ScanKvResponse out;
  if (proto.has_error_code() && proto.error_code() != 0) {
    out.error = FromServerError(proto.error_code(), proto.error_message());
  }
  if (proto.has_scanner_id()) out.scanner_id = proto.scanner_id();
  out.has_more_results = proto.has_more_results();
  out.records = proto.records();
  if (proto.has_log_offset()) {
    if (proto.log_offset() < 0) {
      return MalformedResponse(ApiKey::kScanKv, "negative log offset " + std::to_string(proto.log_offset()));
    }
    out.log_offset = proto.log_offset();
  }
  if (out.error.ok() && out.has_more_results && !out.scanner_id) {
    return MalformedResponse(ApiKey::kScanKv, "more results but no scanner id");
  }
  return out;
}

}  // namespace fluss_native::rpc::messages
