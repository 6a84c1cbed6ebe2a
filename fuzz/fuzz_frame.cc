// Fuzz target: bytes from a Fluss server. Cuts the input into frames the way
// the connection reader does, parses each response header, then the bodies
// as the messages the client decodes (metadata, fetch, table info with its
// JSON descriptor). Nothing may crash, hang or allocate without bound.
#include <string>
#include <vector>

#include "catalog/table_json.h"
#include "common/endian.h"
#include "fluss_native/wire/fluss_api.pb.h"
#include "fuzz_target.h"
#include "rpc/frame.h"

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
      const std::string& body = (*frame)->body;
      wire::MetadataResponse metadata;
      (void)metadata.ParseFromString(body);
      wire::FetchLogResponse fetch;
      (void)fetch.ParseFromString(body);
      wire::GetTableInfoResponse info;
      if (info.ParseFromString(body)) {
        TableInfo table;
        table.path = {"fuzz", "t"};
        (void)catalog::ParseTableJson(info.table_json(), &table);
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
  for (const std::string& body : {info.SerializeAsString(), md.SerializeAsString()}) {
    std::string frame;
    PutBigEndian<int32_t>(&frame, static_cast<int32_t>(5 + body.size()));
    frame.push_back(0);
    PutBigEndian<int32_t>(&frame, 7);
    seeds.push_back(frame + body + frame + body);
  }
  return seeds;
}
