// Typed RPC messages: requests encode to the protobuf the server parses
// (checked with the generated classes, which the library itself keeps inside
// src/rpc/messages), responses decode into our types, and hostile bodies
// (truncated, wrong wire types, missing required fields, impossible values)
// are Corruption errors naming the API, never a crash.
#include <gtest/gtest.h>

#include <string>

#include "fluss_native/wire/fluss_api.pb.h"
#include "rpc/messages/databases.h"
#include "rpc/messages/fetch_log.h"
#include "rpc/messages/handshake.h"
#include "rpc/messages/list_offsets.h"
#include "rpc/messages/message_common.h"
#include "rpc/messages/metadata.h"
#include "rpc/messages/partitions.h"
#include "rpc/messages/snapshots.h"
#include "rpc/messages/tables.h"

namespace fluss_native::rpc::messages {
namespace {

bool Contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

void ExpectMalformed(const Status& st, const std::string& api) {
  EXPECT_EQ(st.code(), StatusCode::kCorruption) << st.ToString();
  EXPECT_TRUE(Contains(st.message(), "malformed " + api + " response")) << st.ToString();
}

// ---- requests ----

TEST(RpcMessages, CatalogRequestsEncodeTheirFields) {
  wire::TableExistsRequest exists;
  ASSERT_TRUE(exists.ParseFromString(TableExistsRequest{{"db", "t"}}.Encode()));
  EXPECT_EQ(exists.table_path().database_name(), "db");
  EXPECT_EQ(exists.table_path().table_name(), "t");

  wire::ListTablesRequest tables;
  ASSERT_TRUE(tables.ParseFromString(ListTablesRequest{"db"}.Encode()));
  EXPECT_EQ(tables.database_name(), "db");

  wire::MetadataRequest md;
  MetadataRequest mreq;
  mreq.tables = {{"a", "b"}};
  mreq.partition_ids = {7, 9};
  ASSERT_TRUE(md.ParseFromString(mreq.Encode()));
  ASSERT_EQ(md.table_path_size(), 1);
  EXPECT_EQ(md.table_path(0).table_name(), "b");
  ASSERT_EQ(md.partitions_id_size(), 2);
  EXPECT_EQ(md.partitions_id(1), 9);

  wire::GetLakeSnapshotRequest lake;
  GetLakeSnapshotRequest lreq;
  lreq.path = {"db", "t"};
  ASSERT_TRUE(lake.ParseFromString(lreq.Encode()));
  EXPECT_FALSE(lake.has_readable());  // the latest, as before
  EXPECT_FALSE(lake.has_snapshot_id());
  lreq.readable = true;
  lreq.snapshot_id = 4;
  ASSERT_TRUE(lake.ParseFromString(lreq.Encode()));
  EXPECT_TRUE(lake.readable());
  EXPECT_EQ(lake.snapshot_id(), 4);

  wire::GetLatestKvSnapshotsRequest kv;
  GetLatestKvSnapshotsRequest kreq{{"db", "t"}, std::string("2024$a")};
  ASSERT_TRUE(kv.ParseFromString(kreq.Encode()));
  EXPECT_EQ(kv.partition_name(), "2024$a");
}

TEST(RpcMessages, ListOffsetsRequestCarriesTheQuery) {
  ListOffsetsRequest req;
  req.table_id = 42;
  req.partition_id = 3;
  req.buckets = {0, 2};
  req.query = OffsetQuery::AtTimestamp(1700000000000);
  wire::ListOffsetsRequest p;
  ASSERT_TRUE(p.ParseFromString(req.Encode()));
  EXPECT_EQ(p.follower_server_id(), -1);
  EXPECT_EQ(p.offset_type(), 2);
  EXPECT_EQ(p.table_id(), 42);
  EXPECT_EQ(p.partition_id(), 3);
  EXPECT_EQ(p.start_timestamp(), 1700000000000);
  ASSERT_EQ(p.bucket_id_size(), 2);
  EXPECT_EQ(p.bucket_id(1), 2);

  req.partition_id.reset();
  req.query = OffsetQuery::Earliest();
  ASSERT_TRUE(p.ParseFromString(req.Encode()));
  EXPECT_EQ(p.offset_type(), 0);
  EXPECT_FALSE(p.has_partition_id());
  EXPECT_FALSE(p.has_start_timestamp());
  req.query = OffsetQuery::Latest();
  ASSERT_TRUE(p.ParseFromString(req.Encode()));
  EXPECT_EQ(p.offset_type(), 1);
}

TEST(RpcMessages, FetchLogRequestProjectsOnlyWhenAsked) {
  FetchLogRequest req;
  req.max_bytes = 1 << 24;
  req.table_id = 5;
  req.buckets = {{std::nullopt, 0, 10, 4096}, {int64_t{8}, 1, 20, 4096}};
  wire::FetchLogRequest p;
  ASSERT_TRUE(p.ParseFromString(req.Encode()));
  EXPECT_EQ(p.follower_server_id(), -1);
  EXPECT_EQ(p.max_bytes(), 1 << 24);
  EXPECT_EQ(p.max_wait_ms(), 100);
  EXPECT_EQ(p.min_bytes(), 1);
  ASSERT_EQ(p.tables_req_size(), 1);
  const auto& t = p.tables_req(0);
  EXPECT_EQ(t.table_id(), 5);
  EXPECT_FALSE(t.projection_pushdown_enabled());
  EXPECT_EQ(t.projected_fields_size(), 0);
  ASSERT_EQ(t.buckets_req_size(), 2);
  EXPECT_FALSE(t.buckets_req(0).has_partition_id());
  EXPECT_EQ(t.buckets_req(1).partition_id(), 8);
  EXPECT_EQ(t.buckets_req(1).fetch_offset(), 20);
  EXPECT_EQ(t.buckets_req(1).max_fetch_bytes(), 4096);

  req.projected_fields = std::vector<int>{0, 3};
  ASSERT_TRUE(p.ParseFromString(req.Encode()));
  EXPECT_TRUE(p.tables_req(0).projection_pushdown_enabled());
  ASSERT_EQ(p.tables_req(0).projected_fields_size(), 2);
  EXPECT_EQ(p.tables_req(0).projected_fields(1), 3);
}

// ---- responses ----

TEST(RpcMessages, CatalogResponsesDecode) {
  wire::ListDatabasesResponse dbs;
  dbs.add_database_name("b");
  dbs.add_database_name("a");
  auto d = ListDatabasesResponse::Decode(dbs.SerializeAsString());
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->names, (std::vector<std::string>{"b", "a"}));

  wire::TableExistsResponse exists;
  exists.set_exists(true);
  auto e = TableExistsResponse::Decode(exists.SerializeAsString());
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(e->exists);

  wire::GetTableInfoResponse info;
  info.set_table_id(11);
  info.set_schema_id(2);
  info.set_table_json("{}");
  info.set_created_time(100);
  info.set_modified_time(200);
  auto i = GetTableInfoResponse::Decode(info.SerializeAsString());
  ASSERT_TRUE(i.ok()) << i.status().ToString();
  EXPECT_EQ(i->table_id, 11);
  EXPECT_EQ(i->schema_id, 2);
  EXPECT_EQ(i->table_json, "{}");
  EXPECT_EQ(i->created_time, 100);
  EXPECT_EQ(i->modified_time, 200);

  wire::ListPartitionInfosResponse parts;
  auto* p = parts.add_partitions_info();
  p->set_partition_id(17);
  auto* kv = p->mutable_partition_spec()->add_partition_key_values();
  kv->set_key("dt");
  kv->set_value("2024");
  auto l = ListPartitionInfosResponse::Decode(parts.SerializeAsString());
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  ASSERT_EQ(l->partitions.size(), 1u);
  EXPECT_EQ(l->partitions[0].id, 17);
  ASSERT_EQ(l->partitions[0].spec.size(), 1u);
  EXPECT_EQ(l->partitions[0].spec[0], (std::pair<std::string, std::string>("dt", "2024")));
}

TEST(RpcMessages, MetadataResponseDecodesServersAndLeaders) {
  wire::MetadataResponse md;
  auto* coord = md.mutable_coordinator_server();
  coord->set_node_id(-1);
  coord->set_host("c");
  coord->set_port(1);
  auto* ts = md.add_tablet_servers();
  ts->set_node_id(3);
  ts->set_host("h3");
  ts->set_port(9123);
  ts->set_rack("r1");
  auto* t = md.add_table_metadata();
  t->mutable_table_path()->set_database_name("db");
  t->mutable_table_path()->set_table_name("t");
  t->set_table_id(5);
  t->set_schema_id(1);
  t->set_table_json("{}");
  t->set_created_time(0);
  t->set_modified_time(0);
  auto* b = t->add_bucket_metadata();
  b->set_bucket_id(0);
  b->set_leader_id(3);
  b->set_leader_epoch(7);
  b->add_replica_id(3);
  b->add_replica_id(4);
  t->add_bucket_metadata()->set_bucket_id(1);  // no leader
  auto* pm = md.add_partition_metadata();
  pm->set_table_id(6);
  pm->set_partition_id(60);
  pm->set_partition_name("2024");
  pm->add_bucket_metadata()->set_bucket_id(2);

  auto r = MetadataResponse::Decode(md.SerializeAsString());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_TRUE(r->coordinator);
  EXPECT_EQ(r->coordinator->host, "c");
  ASSERT_EQ(r->tablet_servers.size(), 1u);
  EXPECT_EQ(r->tablet_servers[0].id, 3);
  EXPECT_EQ(r->tablet_servers[0].port, 9123);
  EXPECT_EQ(r->tablet_servers[0].rack, "r1");
  ASSERT_EQ(r->tables.size(), 1u);
  EXPECT_EQ(r->tables[0].table_id, 5);
  EXPECT_EQ(r->tables[0].path, (TablePath{"db", "t"}));
  ASSERT_EQ(r->tables[0].buckets.size(), 2u);
  EXPECT_EQ(r->tables[0].buckets[0].leader, 3);
  EXPECT_EQ(r->tables[0].buckets[0].leader_epoch, 7);
  EXPECT_EQ(r->tables[0].buckets[0].replicas, (std::vector<int>{3, 4}));
  EXPECT_FALSE(r->tables[0].buckets[0].partition_id);
  EXPECT_EQ(r->tables[0].buckets[1].leader, -1);
  EXPECT_EQ(r->tables[0].buckets[1].leader_epoch, -1);
  ASSERT_EQ(r->partitions.size(), 1u);
  ASSERT_EQ(r->partitions[0].buckets.size(), 1u);
  EXPECT_EQ(r->partitions[0].buckets[0].partition_id, 60);
  EXPECT_EQ(r->partitions[0].buckets[0].partition_name, "2024");
  EXPECT_EQ(r->partitions[0].buckets[0].bucket, 2);

  auto empty = MetadataResponse::Decode("");
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->coordinator);
}

TEST(RpcMessages, ListOffsetsBucketErrorsBecomeStatus) {
  wire::ListOffsetsResponse resp;
  auto* ok = resp.add_buckets_resp();
  ok->set_bucket_id(0);
  ok->set_offset(123);
  auto* zero = resp.add_buckets_resp();  // an explicit code 0 is no error
  zero->set_bucket_id(1);
  zero->set_error_code(0);
  zero->set_offset(5);
  auto* moved = resp.add_buckets_resp();
  moved->set_bucket_id(2);
  moved->set_error_code(12);
  moved->set_error_message("not the leader");
  auto* gone = resp.add_buckets_resp();
  gone->set_bucket_id(3);
  gone->set_error_code(7);
  gone->set_offset(9);  // ignored beside an error

  auto r = ListOffsetsResponse::Decode(resp.SerializeAsString());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->buckets.size(), 4u);
  EXPECT_TRUE(r->buckets[0].error.ok());
  EXPECT_EQ(r->buckets[0].offset, 123);
  EXPECT_TRUE(r->buckets[1].error.ok());
  EXPECT_EQ(r->buckets[1].offset, 5);
  EXPECT_EQ(r->buckets[2].error.code(), StatusCode::kNotLeader);
  EXPECT_TRUE(r->buckets[2].error.retriable());
  EXPECT_TRUE(Contains(r->buckets[2].error.message(), "not the leader"));
  EXPECT_FALSE(r->buckets[2].offset);
  EXPECT_EQ(r->buckets[3].error.code(), StatusCode::kNotFound);
  EXPECT_EQ(r->buckets[3].error.server_error_code(), 7);
  EXPECT_FALSE(r->buckets[3].offset);
}

TEST(RpcMessages, SnapshotResponsesDecode) {
  wire::GetLakeSnapshotResponse lake;
  lake.set_table_id(5);
  lake.set_snapshot_id(9);
  auto* b0 = lake.add_bucket_snapshots();
  b0->set_bucket_id(0);
  b0->set_partition_id(60);
  b0->set_log_offset(1000);
  lake.add_bucket_snapshots()->set_bucket_id(1);  // no offset
  auto l = GetLakeSnapshotResponse::Decode(lake.SerializeAsString());
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  EXPECT_EQ(l->table_id, 5);
  EXPECT_EQ(l->snapshot_id, 9);
  ASSERT_EQ(l->buckets.size(), 2u);
  EXPECT_EQ(l->buckets[0].partition_id, 60);
  EXPECT_EQ(l->buckets[0].log_offset, 1000);
  EXPECT_EQ(l->buckets[0].partition_name, "");
  EXPECT_FALSE(l->buckets[1].partition_id);
  EXPECT_EQ(l->buckets[1].log_offset, -1);

  wire::GetLatestKvSnapshotsResponse kv;
  kv.set_table_id(5);
  auto* s = kv.add_latest_snapshots();
  s->set_bucket_id(2);
  s->set_snapshot_id(3);
  s->set_log_offset(44);
  kv.add_latest_snapshots()->set_bucket_id(3);
  auto k = GetLatestKvSnapshotsResponse::Decode(kv.SerializeAsString());
  ASSERT_TRUE(k.ok()) << k.status().ToString();
  ASSERT_EQ(k->buckets.size(), 2u);
  EXPECT_EQ(k->buckets[0].bucket, 2);
  EXPECT_EQ(k->buckets[0].snapshot_id, 3);
  EXPECT_EQ(k->buckets[0].log_offset, 44);
  EXPECT_FALSE(k->buckets[1].snapshot_id);
  EXPECT_FALSE(k->buckets[1].log_offset);
}

TEST(RpcMessages, HandshakeMessages) {
  wire::ApiVersionsRequest vreq;
  ASSERT_TRUE(vreq.ParseFromString(ApiVersionsRequest{"fluss-native", "0.1.0"}.Encode()));
  EXPECT_EQ(vreq.client_software_name(), "fluss-native");
  wire::ApiVersionsResponse vresp;
  auto* v = vresp.add_api_versions();
  v->set_api_key(1015);
  v->set_min_version(0);
  v->set_max_version(2);
  auto versions = ApiVersionsResponse::Decode(vresp.SerializeAsString());
  ASSERT_TRUE(versions.ok());
  ASSERT_EQ(versions->versions.size(), 1u);
  EXPECT_EQ(versions->versions[0].api_key, 1015);
  EXPECT_EQ(versions->versions[0].max_version, 2);
  v->set_max_version(70000);  // not a 16-bit version
  ExpectMalformed(ApiVersionsResponse::Decode(vresp.SerializeAsString()).status(), "ApiVersions");

  wire::AuthenticateRequest areq;
  ASSERT_TRUE(areq.ParseFromString(AuthenticateRequest{"PLAIN", std::string("\0u\0p", 4)}.Encode()));
  EXPECT_EQ(areq.token(), std::string("\0u\0p", 4));

  wire::ErrorResponse err;
  err.set_error_code(7);
  err.set_error_message("no such table");
  auto e = ErrorResponse::Decode(err.SerializeAsString());
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->ToStatus().code(), StatusCode::kNotFound);
  EXPECT_EQ(e->ToStatus().server_error_code(), 7);
  EXPECT_EQ(ErrorResponse::Decode("\x08").status().code(), StatusCode::kCorruption);
}

// A FetchLog response with records in bucket 0, remote segments in bucket
// 1 (partition 60) and an error in bucket 2.
std::string SampleFetchLogBody() {
  wire::FetchLogResponse resp;
  auto* t = resp.add_tables_resp();
  t->set_table_id(5);
  auto* b0 = t->add_buckets_resp();
  b0->set_bucket_id(0);
  b0->set_high_watermark(100);
  b0->set_log_start_offset(3);
  b0->set_records(std::string("RECORDS-OF-BUCKET-0\0tail", 24));
  auto* b1 = t->add_buckets_resp();
  b1->set_bucket_id(1);
  b1->set_partition_id(60);
  auto* info = b1->mutable_remote_log_fetch_info();
  info->set_remote_log_tablet_dir("/remote/db/t-5/1");
  info->set_first_start_pos(512);
  auto* seg = info->add_remote_log_segments();
  seg->set_remote_log_segment_id("seg-a");
  seg->set_remote_log_start_offset(0);
  seg->set_remote_log_end_offset(49);
  seg->set_segment_size_in_bytes(4096);
  auto* seg2 = info->add_remote_log_segments();
  seg2->set_remote_log_segment_id("seg-b");
  seg2->set_remote_log_start_offset(50);
  seg2->set_remote_log_end_offset(99);
  seg2->set_segment_size_in_bytes(8192);
  auto* b2 = t->add_buckets_resp();
  b2->set_bucket_id(2);
  b2->set_error_code(12);
  b2->set_error_message("leader moved");
  return resp.SerializeAsString();
}

TEST(RpcMessages, FetchLogResponseDecodes) {
  auto r = FetchLogResponse::Decode(SampleFetchLogBody());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->tables.size(), 1u);
  const auto& t = r->tables[0];
  EXPECT_EQ(t.table_id, 5);
  ASSERT_EQ(t.buckets.size(), 3u);

  const auto& b0 = t.buckets[0];
  EXPECT_EQ(b0.bucket, 0);
  EXPECT_FALSE(b0.partition_id);
  EXPECT_TRUE(b0.error.ok());
  EXPECT_EQ(b0.high_watermark, 100);
  EXPECT_EQ(b0.log_start_offset, 3);
  EXPECT_FALSE(b0.remote);
  EXPECT_EQ(r->RecordsOf(b0), std::string_view("RECORDS-OF-BUCKET-0\0tail", 24));

  const auto& b1 = t.buckets[1];
  EXPECT_EQ(b1.partition_id, 60);
  ASSERT_TRUE(b1.remote);
  EXPECT_EQ(b1.remote->tablet_dir, "/remote/db/t-5/1");
  EXPECT_EQ(b1.remote->first_start_pos, 512);
  ASSERT_EQ(b1.remote->segments.size(), 2u);
  EXPECT_EQ(b1.remote->segments[1].segment_id, "seg-b");
  EXPECT_EQ(b1.remote->segments[1].start_offset, 50);
  EXPECT_EQ(b1.remote->segments[1].end_offset, 99);
  EXPECT_EQ(b1.remote->segments[1].size_in_bytes, 8192);
  EXPECT_TRUE(r->RecordsOf(b1).empty());

  const auto& b2 = t.buckets[2];
  EXPECT_EQ(b2.error.code(), StatusCode::kNotLeader);
  EXPECT_TRUE(b2.error.retriable());
  EXPECT_TRUE(Contains(b2.error.message(), "leader moved"));
}

TEST(RpcMessages, FetchLogRecordsStayInTheResponseBuffer) {
  auto body = std::make_shared<const std::string>(SampleFetchLogBody());
  const char* begin = body->data();
  const char* end = begin + body->size();
  auto r = FetchLogResponse::Decode(body);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->body.get(), body.get());  // the same buffer, not a copy
  std::string_view records = r->RecordsOf(r->tables[0].buckets[0]);
  ASSERT_EQ(records.size(), 24u);
  EXPECT_GE(records.data(), begin);
  EXPECT_LE(records.data() + records.size(), end);
  // Moving a body in keeps its bytes where they are (no copy of large bodies).
  std::string big(1 << 16, 'x');
  wire::FetchLogResponse resp;
  auto* t = resp.add_tables_resp();
  t->set_table_id(1);
  auto* b = t->add_buckets_resp();
  b->set_bucket_id(0);
  b->set_records(big);
  std::string encoded = resp.SerializeAsString();
  const char* encoded_data = encoded.data();
  auto moved = FetchLogResponse::Decode(std::move(encoded));
  ASSERT_TRUE(moved.ok());
  EXPECT_EQ(moved->body->data(), encoded_data);
  EXPECT_EQ(moved->RecordsOf(moved->tables[0].buckets[0]), big);
}

TEST(RpcMessages, FetchLogDecodeMatchesProtobufOnEveryPrefix) {
  // Every prefix of a valid body is accepted exactly when the generated
  // protobuf parser accepts it; a refused one is a FetchLog Corruption, and
  // no accepted one has records outside the body.
  const std::string body = SampleFetchLogBody();
  int failures = 0;
  for (size_t n = 0; n < body.size(); ++n) {
    auto r = FetchLogResponse::Decode(body.substr(0, n));
    wire::FetchLogResponse generated;
    EXPECT_EQ(r.ok(), generated.ParseFromString(body.substr(0, n))) << "prefix of " << n << " bytes";
    if (!r.ok()) {
      ExpectMalformed(r.status(), "FetchLog");
      ++failures;
    } else {
      for (const auto& t : r->tables) {
        for (const auto& b : t.buckets) {
          EXPECT_LE(b.records.offset + b.records.size, r->body->size());
        }
      }
    }
  }
  EXPECT_GT(failures, static_cast<int>(body.size()) / 2);
}

TEST(RpcMessages, FetchLogHostileBodies) {
  auto decode = [](const std::string& bytes) { return FetchLogResponse::Decode(bytes).status(); };
  // Field 1 (tables) as a varint instead of a message.
  ExpectMalformed(decode(std::string("\x08\x05", 2)), "FetchLog");
  // A table length running past the end.
  ExpectMalformed(decode(std::string("\x0a\x7f\x08\x05", 4)), "FetchLog");
  // A varint that never ends.
  ExpectMalformed(decode(std::string("\x0a\x0b\x08\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff", 13)), "FetchLog");
  // A group wire type.
  ExpectMalformed(decode(std::string("\x0b", 1)), "FetchLog");
  // Field number 0.
  ExpectMalformed(decode(std::string("\x00\x00", 2)), "FetchLog");
  // A table without its required table id.
  ExpectMalformed(decode(std::string("\x0a\x00", 2)), "FetchLog");
  // A bucket without its required bucket id: table {id 5, bucket {}}.
  ExpectMalformed(decode(std::string("\x0a\x04\x08\x05\x12\x00", 6)), "FetchLog");
  // Records (field 8) as a varint: table {id 5, bucket {bucket 0, 8: varint}}.
  Status st = decode(std::string("\x0a\x08\x08\x05\x12\x04\x10\x00\x40\x01", 10));
  ExpectMalformed(st, "FetchLog");
  EXPECT_TRUE(Contains(st.message(), "wire type")) << st.ToString();

  // A remote segment of negative size.
  wire::FetchLogResponse resp;
  auto* t = resp.add_tables_resp();
  t->set_table_id(1);
  auto* b = t->add_buckets_resp();
  b->set_bucket_id(0);
  auto* info = b->mutable_remote_log_fetch_info();
  info->set_remote_log_tablet_dir("/r");
  auto* seg = info->add_remote_log_segments();
  seg->set_remote_log_segment_id("s");
  seg->set_remote_log_start_offset(0);
  seg->set_remote_log_end_offset(1);
  seg->set_segment_size_in_bytes(-4);
  st = decode(resp.SerializePartialAsString());
  ExpectMalformed(st, "FetchLog");
  EXPECT_TRUE(Contains(st.message(), "negative size")) << st.ToString();
  // A remote segment without its required size.
  seg->clear_segment_size_in_bytes();
  ExpectMalformed(decode(resp.SerializePartialAsString()), "FetchLog");

  // Unknown fields are skipped, as protobuf does: field 15 varint and a
  // fixed32 field 14 beside table {id 5}.
  auto ok = FetchLogResponse::Decode(std::string("\x78\x01\x75\x01\x02\x03\x04\x0a\x02\x08\x05", 11));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  ASSERT_EQ(ok->tables.size(), 1u);
  EXPECT_EQ(ok->tables[0].table_id, 5);
}

TEST(RpcMessages, ProtobufResponsesRejectHostileBodies) {
  // Not protobuf at all: a truncated length-delimited field.
  ExpectMalformed(MetadataResponse::Decode(std::string("\x12\x40\x08", 3)).status(), "GetMetadata");
  ExpectMalformed(ListOffsetsResponse::Decode(std::string("\x0a\x05\x08", 3)).status(), "ListOffsets");
  // A required field missing: a table info without table_json...
  wire::GetTableInfoResponse info;
  info.set_table_id(1);
  info.set_schema_id(1);
  info.set_created_time(1);
  info.set_modified_time(1);
  ExpectMalformed(GetTableInfoResponse::Decode(info.SerializePartialAsString()).status(), "GetTableInfo");
  // ...or table_json sent with the wrong wire type (a varint), which
  // protobuf keeps as an unknown field, leaving the required one unset.
  std::string wrong_type = info.SerializePartialAsString() + std::string("\x18\x01", 2);
  ExpectMalformed(GetTableInfoResponse::Decode(wrong_type).status(), "GetTableInfo");
  // Truncations of valid bodies.
  info.set_table_json("{\"schema\":{}}");
  std::string body = info.SerializeAsString();
  ASSERT_TRUE(GetTableInfoResponse::Decode(body).ok());
  for (size_t n = 0; n < body.size(); ++n) {
    ExpectMalformed(GetTableInfoResponse::Decode(body.substr(0, n)).status(), "GetTableInfo");
  }
  wire::GetLakeSnapshotResponse lake;
  lake.set_table_id(1);
  lake.set_snapshot_id(2);
  lake.add_bucket_snapshots()->set_bucket_id(0);
  body = lake.SerializeAsString();
  for (size_t n = 0; n < body.size(); ++n) {
    // A cut before the bucket list is a valid snapshot without buckets.
    auto r = GetLakeSnapshotResponse::Decode(body.substr(0, n));
    if (!r.ok()) ExpectMalformed(r.status(), "GetLakeSnapshot");
    if (r.ok()) EXPECT_TRUE(r->buckets.empty()) << n;
  }
  // A lake bucket without its bucket id.
  wire::GetLakeSnapshotResponse no_bucket;
  no_bucket.set_table_id(1);
  no_bucket.set_snapshot_id(2);
  no_bucket.add_bucket_snapshots()->set_log_offset(4);
  ExpectMalformed(GetLakeSnapshotResponse::Decode(no_bucket.SerializePartialAsString()).status(),
                  "GetLakeSnapshot");
}

TEST(RpcMessages, DecodingNeverWritesToStderr) {
  // A body missing a required field: protobuf's ParseFromString (what the
  // callers used before) logs that to stderr, which a library inside a host
  // engine must never do; our decoders report it only as a Status.
  wire::GetTableInfoResponse info;
  info.set_table_id(1);
  const std::string body = info.SerializePartialAsString();
  testing::internal::CaptureStderr();
  wire::GetTableInfoResponse generated;
  EXPECT_FALSE(generated.ParseFromString(body));
  EXPECT_FALSE(testing::internal::GetCapturedStderr().empty());  // the old way logged

  testing::internal::CaptureStderr();
  ExpectMalformed(GetTableInfoResponse::Decode(body).status(), "GetTableInfo");
  EXPECT_FALSE(ErrorResponse::Decode("").ok());  // error_code is required
  wire::FetchLogResponse fetch;
  auto* seg = fetch.add_tables_resp();
  seg->set_table_id(1);
  seg->add_buckets_resp()->set_bucket_id(0);
  seg->mutable_buckets_resp(0)->mutable_remote_log_fetch_info();  // lacks its tablet dir
  ExpectMalformed(FetchLogResponse::Decode(fetch.SerializePartialAsString()).status(), "FetchLog");
  EXPECT_EQ(testing::internal::GetCapturedStderr(), "");
}

TEST(RpcMessages, BucketStatusIsTheOneMapping) {
  EXPECT_TRUE(BucketStatus(std::nullopt, "").ok());
  EXPECT_TRUE(BucketStatus(0, "ignored").ok());
  Status st = BucketStatus(44, "no leader yet");
  EXPECT_EQ(st.code(), StatusCode::kNotLeader);
  EXPECT_TRUE(st.retriable());
  EXPECT_EQ(st.server_error_code(), 44);
  EXPECT_TRUE(Contains(st.message(), "LEADER_NOT_AVAILABLE"));
}

}  // namespace
}  // namespace fluss_native::rpc::messages
