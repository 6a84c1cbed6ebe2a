// Fuzz target: bytes from a Fluss server. Cuts the input into frames the way
// the connection reader does, parses each response header, then the bodies
// with the typed decoders the client uses (src/rpc/messages: metadata, fetch
// log with its hand-written wire reader, offsets, lake snapshot, table info
// with its JSON descriptor). Nothing may crash, hang or allocate without bound.
#include <string>
#include <vector>

#include "catalog/table_json.h"
#include "common/endian.h"
#include "fluss_native/wire/fluss_api.pb.h"
#include "fuzz_target.h"
#include "rpc/frame.h"
#include "rpc/messages/fetch_log.h"
#include "rpc/messages/handshake.h"
#include "rpc/messages/list_offsets.h"
#include "rpc/messages/metadata.h"
#include "rpc/messages/snapshots.h"
#include "rpc/messages/tables.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace fluss_native;
  rpc::FrameReader reader(1 << 20);
  // Feed in uneven pieces, as TCP may deliver them.
  size_t pos = 0;
  size_t step = 1;
  while (pos < size) {
    size_t n = std::min(step, size - pos);
    reader.Append(std::string_view(reinterpret_cast<const char*>(data) + pos, n));
    pos += n;
    step = step * 3 % 97 + 1;
    while (true) {
      auto frame = reader.Next();
      if (!frame.ok() || !frame->has_value()) break;
      auto parsed = rpc::ParseResponseFrame((*frame)->head);
      if (!parsed.ok()) continue;
      namespace msg = rpc::messages;
      std::string_view body = (*frame)->body;
      (void)msg::MetadataResponse::Decode(body);
      (void)msg::ListOffsetsResponse::Decode(body);
      (void)msg::GetLakeSnapshotResponse::Decode(body);
      (void)msg::ErrorResponse::Decode(body);
      auto fetch = msg::FetchLogResponse::Decode(std::string(body));
      if (fetch.ok()) {
        for (const auto& t : fetch->tables) {
          for (const auto& b : t.buckets) {
            if (fetch->RecordsOf(b).size() != b.records.size) __builtin_trap();
          }
        }
      }
      auto info = msg::GetTableInfoResponse::Decode(body);
      if (info.ok()) {
        TableInfo table;
        table.path = {"fuzz", "t"};
        (void)catalog::ParseTableJson(info->table_json, &table);
      }
    }
    if (!reader.Next().ok()) break;  // a poisoned stream stays poisoned
  }
  return 0;
}

std::vector<std::string> FuzzSeeds() {
  using namespace fluss_native;
  std::vector<std::string> seeds;
  wire::GetTableInfoResponse info;
  info.set_table_id(1);
  info.set_schema_id(1);
  info.set_created_time(1);
  info.set_modified_time(2);
  info.set_table_json(
      R"({"version":1,"schema":{"version":1,"columns":[{"name":"id","data_type":{"type":"BIGINT","nullable":false},"id":0},)"
      R"({"name":"m","data_type":{"type":"MAP","key_type":{"type":"STRING","nullable":false},"value_type":)"
      R"({"type":"ARRAY","element_type":{"type":"DECIMAL","precision":18,"scale":4}}},"id":1}],"primary_key":["id"]},)"
      R"("partition_key":[],"bucket_key":["id"],"bucket_count":3,"properties":{"table.log.format":"ARROW"},"custom_properties":{}})");
  wire::MetadataResponse md;
  auto* ts = md.add_tablet_servers();
  ts->set_node_id(0);
  ts->set_host("127.0.0.1");
  ts->set_port(9123);
  wire::FetchLogResponse fetch;
  auto* ft = fetch.add_tables_resp();
  ft->set_table_id(1);
  auto* fb = ft->add_buckets_resp();
  fb->set_bucket_id(0);
  fb->set_error_code(0);
  fb->set_records("records");
  auto* remote = ft->add_buckets_resp();
  remote->set_bucket_id(1);
  remote->set_partition_id(2);
  auto* ri = remote->mutable_remote_log_fetch_info();
  ri->set_remote_log_tablet_dir("/r");
  ri->set_first_start_pos(0);
  auto* seg = ri->add_remote_log_segments();
  seg->set_remote_log_segment_id("s");
  seg->set_remote_log_start_offset(0);
  seg->set_remote_log_end_offset(9);
  seg->set_segment_size_in_bytes(100);
  for (const std::string& body : {info.SerializeAsString(), md.SerializeAsString(), fetch.SerializeAsString()}) {
    std::string frame;
    PutBigEndian<int32_t>(&frame, static_cast<int32_t>(5 + body.size()));
    frame.push_back(0);
    PutBigEndian<int32_t>(&frame, 7);
    seeds.push_back(frame + body + frame + body);
  }
  return seeds;
}
