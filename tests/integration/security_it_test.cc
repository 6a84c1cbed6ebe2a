// Against the shared (PLAINTEXT) fixture cluster: Client::Health and SHOW
// HEALTH report every server the cluster metadata lists as reachable with a
// positive latency; and a CLI run given secrets (SASL password from the
// environment and from --password-file, a lake S3 secret as a property)
// never prints them, in any statement's output or error.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <set>

#include "it_env.h"

namespace fluss_native::it {
namespace {

TEST(HealthIt, EveryServerReachableWithLatency) {
  auto client = OpenClient();
  ASSERT_NE(client, nullptr);
  auto cluster = client->catalog().DescribeCluster();
  ASSERT_TRUE(cluster.ok()) << cluster.status().ToString();
  auto health = client->Health();
  ASSERT_TRUE(health.ok()) << health.status().ToString();
  ASSERT_EQ(health->servers.size(), cluster->tablet_servers.size() + (cluster->coordinator ? 1 : 0));
  ASSERT_GE(health->servers.size(), 2u);
  EXPECT_EQ(health->servers[0].role, "coordinator");
  std::set<int> tablet_ids;
  for (const auto& s : health->servers) {
    EXPECT_TRUE(s.reachable) << s.role << " " << s.server.id << ": " << s.error;
    EXPECT_GT(s.latency_us, 0) << s.role << " " << s.server.id;
    EXPECT_EQ(s.circuit, "closed");
    if (s.role == "tablet-server") tablet_ids.insert(s.server.id);
  }
  std::set<int> want;
  for (const auto& t : cluster->tablet_servers) want.insert(t.id);
  EXPECT_EQ(tablet_ids, want);

  CliRun run = RunCli("-b " + Bootstrap() + " --format csv -e 'SHOW HEALTH'");
  ASSERT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("role,id,host,port,reachable,latency_ms,circuit,error"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find(",false,"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("coordinator,"), std::string::npos) << run.out;
}

// Every output of a run, stdout and stderr, is searched for each secret.
void ExpectNoSecret(const CliRun& run, const std::vector<std::string>& secrets, const std::string& what) {
  for (const auto& s : secrets) {
    EXPECT_EQ(run.out.find(s), std::string::npos) << what << " printed a secret:\n" << run.out;
  }
}

TEST(SecretsIt, NoOutputOfACliRunShowsTheSecrets) {
  const std::string password = "pw-7f3a9c-never-print";
  const std::string s3_secret = "s3-2b8e1d-never-print";
  const std::vector<std::string> secrets = {password, s3_secret};
  const std::string base = "-b " + Bootstrap() + " -p 'lake.paimon.s3.secret-key=" + s3_secret + "' ";
  ASSERT_EQ(setenv("FLUSS_NATIVE_SASL_PASSWORD", password.c_str(), 1), 0);
  const std::string statements =
      "SHOW DATABASES; SHOW TABLES FROM fn_lake; DESC fn_lake.log_nokey; DESC fn_lake.pk; "
      "EXPLAIN SELECT * FROM fn_lake.log_nokey; EXPLAIN ANALYZE SELECT COUNT(*) FROM fn_lake.log_nokey; "
      "SELECT * FROM fn_lake.log_nokey LIMIT 3; SELECT * FROM fn_union.pk_float LIMIT 3; SHOW CLUSTER; "
      "SHOW HEALTH; SHOW METRICS";
  for (const char* format : {"table", "json", "csv"}) {
    CliRun run = RunCli(base + "--format " + format + " -e '" + statements + "'");
    EXPECT_EQ(run.exit_code, 0) << run.out;
    EXPECT_NE(run.out.find("log_nokey"), std::string::npos) << run.out;
    ExpectNoSecret(run, secrets, std::string("statements in ") + format);
  }
  // Errors: a missing table, a bad statement, a bad property, a server that
  // is not there, and SASL against the PLAINTEXT listener.
  for (const std::string& args :
       {base + "-e 'DESC fn_lake.no_such_table'", base + "-e 'SELECT FROM WHERE'",
        base + "-p 'client.security.sasl.password:" + password + "' -e 'SHOW DATABASES'",
        std::string("-b 127.0.0.1:1 -p client.connect-timeout=500ms -p client.call-timeout=1s -e 'SHOW DATABASES'"),
        base + "-p client.security.protocol=SASL -p client.security.sasl.username=u "
               "-p client.call-timeout=3s -p client.request-timeout=1s -e 'SHOW DATABASES'",
        base + "-p client.security.protocol=SASL -p client.security.sasl.mechanism=SCRAM -e 'SHOW DATABASES'",
        std::string("-p ='") + password + "' -b x:1 -e 'SHOW DATABASES'"}) {
    CliRun run = RunCli(args);
    EXPECT_NE(run.exit_code, 0) << args << "\n" << run.out;
    ExpectNoSecret(run, secrets, args);
  }
  unsetenv("FLUSS_NATIVE_SASL_PASSWORD");
  // --password-file: the password is not in argv at all.
  const std::string file = "/tmp/security_it_password." + std::to_string(getpid());
  {
    std::ofstream out(file);
    out << password << "\n";
  }
  const std::string args = base + "--password-file " + file + " -e 'SHOW DATABASES; SHOW METRICS'";
  EXPECT_EQ(args.find(password), std::string::npos);
  CliRun run = RunCli(args);
  EXPECT_EQ(run.exit_code, 0) << run.out;
  ExpectNoSecret(run, secrets, "--password-file");
  CliRun missing = RunCli(base + "--password-file " + file + ".absent -e 'SHOW DATABASES'");
  EXPECT_EQ(missing.exit_code, 2) << missing.out;
  EXPECT_NE(missing.out.find("cannot read password file"), std::string::npos) << missing.out;
  std::remove(file.c_str());
}

}  // namespace
}  // namespace fluss_native::it
