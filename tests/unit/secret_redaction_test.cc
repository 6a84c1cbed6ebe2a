// Secret-looking property keys are redacted wherever properties are shown
// (DESC uses TableInfo::DisplayProperties), and the circuit-breaker keys parse.
#include <gtest/gtest.h>

#include "fluss_native/config.h"
#include "fluss_native/table_info.h"

namespace fluss_native {
namespace {

TEST(SecretRedaction, KeysThatLookSecret) {
  for (const char* key : {"client.security.sasl.password", "table.datalake.paimon.s3.secret-key",
                          "table.datalake.paimon.s3.access-key", "table.datalake.paimon.fs.s3a.access.key",
                          "table.datalake.paimon.oss.accessKeySecret", "custom.API_TOKEN", "my_Password",
                          "gcs.credentials.json", "table.datalake.paimon.s3.access_key", "sftp.private-key"}) {
    EXPECT_TRUE(IsSecretPropertyKey(key)) << key;
    EXPECT_EQ(DisplayPropertyValue(key, "hunter2"), kRedactedValue) << key;
  }
  for (const char* key : {"table.replication.factor", "table.datalake.paimon.warehouse", "table.log.format",
                          "bucket.key", "table.datalake.enabled"}) {
    EXPECT_FALSE(IsSecretPropertyKey(key)) << key;
    EXPECT_EQ(DisplayPropertyValue(key, "v"), "v") << key;
  }
}

TEST(SecretRedaction, TableInfoDisplayPropertiesHideSecretValuesOnly) {
  TableInfo t;
  t.properties = {{"table.datalake.paimon.s3.secret-key", "s3cr3t-value"},
                  {"table.datalake.paimon.warehouse", "s3://bucket/wh"}};
  t.custom_properties = {{"token", "tok-value"}, {"owner", "ana"}};
  auto shown = t.DisplayProperties();
  EXPECT_EQ(shown["table.datalake.paimon.s3.secret-key"], "******");
  EXPECT_EQ(shown["table.datalake.paimon.warehouse"], "s3://bucket/wh");
  auto custom = t.DisplayCustomProperties();
  EXPECT_EQ(custom["token"], "******");
  EXPECT_EQ(custom["owner"], "ana");
  // The values themselves stay available to the reader (lake access needs them).
  EXPECT_EQ(t.properties["table.datalake.paimon.s3.secret-key"], "s3cr3t-value");
}

TEST(SecretRedaction, ConfigErrorsDoNotEchoThePassword) {
  auto c = ClientConfig::FromProperties({{"bootstrap.servers", "h:1"},
                                         {"client.security.protocol", "SASL"},
                                         {"client.security.sasl.mechanism", "SCRAM-SHA-256"},
                                         {"client.security.sasl.password", "pw-do-not-print"}});
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().message().find("pw-do-not-print"), std::string::npos) << c.status().ToString();
}

TEST(CircuitBreakerConfig, KeysParseAndAreChecked) {
  auto c = ClientConfig::FromProperties({{"bootstrap.servers", "h:1"},
                                         {"client.circuit-breaker.failure-threshold", "7"},
                                         {"client.circuit-breaker.cooldown", "3s"}});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->circuit_breaker_failure_threshold, 7);
  EXPECT_EQ(c->circuit_breaker_cooldown.count(), 3000);
  auto defaults = ClientConfig::FromProperties({{"bootstrap.servers", "h:1"}});
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->circuit_breaker_failure_threshold, 5);
  EXPECT_EQ(defaults->circuit_breaker_cooldown.count(), 2000);
  EXPECT_FALSE(ClientConfig::FromProperties({{"bootstrap.servers", "h:1"},
                                             {"client.circuit-breaker.failure-threshold", "-1"}})
                   .ok());
}

}  // namespace
}  // namespace fluss_native
