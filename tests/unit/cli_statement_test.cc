#include <gtest/gtest.h>

#include "fluss_native/config.h"
#include "../../tools/cli/statement.h"

namespace fluss_native::cli {
namespace {

TEST(Statement, ParsesTheSurface) {
  auto s = ParseStatement("show databases");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->kind, StatementKind::kShowDatabases);
  s = ParseStatement("SHOW TABLES FROM `my db`");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->database, "my db");
  s = ParseStatement("DESC db.orders");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->kind, StatementKind::kDescribe);
  EXPECT_EQ(s->table.ToString(), "db.orders");
  s = ParseStatement("SHOW OFFSETS FROM db.t PARTITION '2024$eu' AT TIMESTAMP 1700000000000");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->partition, "2024$eu");
  EXPECT_EQ(s->timestamp_ms, 1700000000000);
  s = ParseStatement("show lake status from db.t");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->kind, StatementKind::kShowLakeStatus);
  s = ParseStatement("INVALIDATE METADATA db.t");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->kind, StatementKind::kInvalidate);
}

TEST(Statement, MalformedInputSaysWhere) {
  const char* bad[] = {"", "SELEC 1", "SHOW", "SHOW TABLES", "DESC db", "DESC db.", "DESC db.t extra",
                       "SHOW OFFSETS FROM db.t AT 5", "SHOW OFFSETS FROM db.t PARTITION p",
                       "DESC 'db.t", "SHOW TABLES FROM db; x", "DESC db.t @"};
  for (const char* b : bad) {
    auto s = ParseStatement(b);
    ASSERT_FALSE(s.ok()) << b;
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument) << b;
  }
  auto s = ParseStatement("SHOW TABLEZ");
  EXPECT_NE(s.status().message().find("'TABLEZ'"), std::string::npos);
}

TEST(Statement, SplitsOnSemicolonsOutsideQuotes) {
  auto parts = SplitStatements("SHOW DATABASES; SHOW OFFSETS FROM a.b PARTITION 'x;y' ;; ");
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_NE(parts[1].find("'x;y'"), std::string::npos);
}

TEST(Config, PropertiesAndDurations) {
  auto c = ClientConfig::FromProperties({{"fluss.bootstrap.servers", "h1:9123, h2:9124"},
                                         {"client.request-timeout", "2s"},
                                         {"metadata.cache.ttl", "5min"},
                                         {"client.retries", "3"},
                                         {"unrelated.key", "ignored"}});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->bootstrap_servers.size(), 2u);
  EXPECT_EQ(c->request_timeout.count(), 2000);
  EXPECT_EQ(c->metadata_cache_ttl.count(), 300000);
  EXPECT_EQ(c->max_retries, 3);
  EXPECT_EQ(ParseDuration("250")->count(), 250);
  EXPECT_EQ(ParseDuration("1h")->count(), 3600000);
}

TEST(Config, BadValuesNameTheKey) {
  auto c = ClientConfig::FromProperties({{"bootstrap.servers", "h:1"}, {"client.retries", "many"}});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("client.retries"), std::string::npos);
  EXPECT_FALSE(ClientConfig::FromProperties({}).ok());
  EXPECT_FALSE(ClientConfig::FromProperties({{"bootstrap.servers", "h:99999"}}).ok());
  EXPECT_FALSE(ClientConfig::FromProperties({{"bootstrap.servers", "h"}}).ok());
  EXPECT_FALSE(ClientConfig::FromProperties({{"bootstrap.servers", "h:1"},
                                             {"client.security.protocol", "SSL"}}).ok());
  EXPECT_FALSE(ParseDuration("5 parsecs").ok());
  EXPECT_FALSE(ParseDuration("").ok());
  EXPECT_FALSE(ParseDuration("99999999999999999999").ok());
}

}  // namespace
}  // namespace fluss_native::cli
