// The 1.0 features are decided per server from its ApiVersions answer, never
// guessed: the fixture cluster (Fluss 0.9.1-incubating) is found to speak
// the 0.9 protocol on every tablet server, so its magic-1 batches are read
// with 0.9's layout, FetchLog is never given a filter, and a primary-key
// table without a lake is planned as the changelog merge, which EXPLAIN says.
// (Filtered reads against the Java/pyarrow oracles: predicate_it_test.)
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "integration/it_env.h"
#include "rpc/connection.h"
#include "rpc/server_features.h"

namespace fluss_native {
namespace {

TEST(Fluss10GatingIt, EveryTabletServerIsDetectedAsFluss09) {
  auto cluster = nlohmann::json::parse(it::ReadFile(std::string(FN_IT_DIR) + "/cluster.json"));
  ASSERT_FALSE(cluster["tablet_servers"].empty());
  for (const auto& ts : cluster["tablet_servers"]) {
    Endpoint ep{ts["host"].get<std::string>(), ts["port"].get<int>()};
    auto conn = rpc::ServerConnection::Open(ep, rpc::ConnectionOptions{});
    ASSERT_TRUE(conn.ok()) << conn.status().ToString();
    const rpc::ServerFeatures& f = (*conn)->features();
    SCOPED_TRACE("tablet server " + ep.ToString());
    EXPECT_FALSE(f.fluss_1_0);
    EXPECT_FALSE(f.v1_batches_carry_statistics);
    EXPECT_FALSE(f.fetch_log_filter);
    EXPECT_FALSE(f.scan_kv);
    EXPECT_EQ(f.Describe(), "Fluss 0.9 protocol");
    // The 0.9.1 server still offers what we call.
    EXPECT_TRUE((*conn)->NegotiatedVersion(rpc::ApiKey::kFetchLog).ok());
  }
  // The coordinator too.
  Endpoint coord{cluster["coordinator"]["host"].get<std::string>(), cluster["coordinator"]["port"].get<int>()};
  auto conn = rpc::ServerConnection::Open(coord, rpc::ConnectionOptions{});
  ASSERT_TRUE(conn.ok()) << conn.status().ToString();
  EXPECT_FALSE((*conn)->features().fluss_1_0);
}

TEST(Fluss10GatingIt, ExplainSaysThePrimaryKeyStateIsTheChangelogMerge) {
  auto client = it::OpenClient();
  ASSERT_TRUE(client);
  ScanSpec spec;
  auto plan = client->Plan({"fn_parts", "pk_part_region"}, spec);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  const std::string text = plan->Explain();
  EXPECT_NE(text.find("primary-key state: changelog merge: tablet server(s) 0, 1 announce no SCAN_KV"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find("server-side log filter"), std::string::npos) << text;  // no predicate
  // A filtered read of the log: the filter is not sent to 0.9 servers.
  ScanSpec filtered;
  auto predicate = ParsePredicate("id > 1");
  ASSERT_TRUE(predicate.ok());
  filtered.predicate = *predicate;
  auto fplan = client->Plan({"fn_parts", "pk_part_region"}, filtered);
  ASSERT_TRUE(fplan.ok()) << fplan.status().ToString();
  EXPECT_NE(fplan->Explain().find("server-side log filter: not sent to tablet server(s) 0, 1 (Fluss 0.9 protocol"),
            std::string::npos)
      << fplan->Explain();
  // A log table gets no primary-key state line.
  auto log_plan = client->Plan({"fn_types", "log_all_types"}, spec);
  if (log_plan.ok()) EXPECT_EQ(log_plan->Explain().find("primary-key state"), std::string::npos);
}

}  // namespace
}  // namespace fluss_native
