// The CLI binary against the fixture cluster: output and exit codes.
#include "integration/it_env.h"

namespace fluss_native::it {
namespace {

int Lines(const std::string& s) { return static_cast<int>(std::count(s.begin(), s.end(), '\n')); }

TEST(CliIT, ShowDatabasesAsJsonEqualsJavaClient) {
  auto meta = JavaMeta();
  CliRun r = RunCli("--bootstrap " + Bootstrap() + " --format json -e 'SHOW DATABASES'");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto rows = nlohmann::json::parse(r.out);
  std::vector<std::string> dbs;
  for (const auto& row : rows) dbs.push_back(row["Database"]);
  EXPECT_EQ(nlohmann::json(dbs), meta["databases"]);
}

TEST(CliIT, DescShowsDorisTypesAndKeys) {
  auto meta = JavaMeta();
  for (const auto& [key, t] : meta["tables"].items()) {
    CliRun r = RunCli("--bootstrap " + Bootstrap() + " --format json -e 'DESC " + key + "'");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    auto first_line = r.out.substr(0, r.out.find('\n'));
    auto cols = nlohmann::json::parse(first_line);
    ASSERT_EQ(cols.size(), t["columns"].size()) << key;
    for (size_t i = 0; i < cols.size(); ++i) {
      EXPECT_EQ(cols[i]["Field"], t["columns"][i]["name"]) << key;
      EXPECT_EQ(cols[i]["Null"], t["columns"][i]["nullable"].get<bool>() ? "YES" : "NO") << key;
      bool pk = std::find(t["primary_key"].begin(), t["primary_key"].end(), t["columns"][i]["name"]) !=
                t["primary_key"].end();
      EXPECT_EQ(cols[i]["Key"], pk ? "true" : "false") << key;
    }
  }
}

TEST(CliIT, TableOutputIsAligned) {
  CliRun r = RunCli("--bootstrap " + Bootstrap() + " -e 'SHOW DATABASES; SHOW CLUSTER'");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("| Database"), std::string::npos);
  EXPECT_NE(r.out.find("tablet-server"), std::string::npos);
}

TEST(CliIT, SelectWritesAnArrowIpcStreamPyarrowReads) {
  auto meta = JavaMeta();
  for (const std::string table : {"fn_types.log_nested", "fn_types.log_all_types", "fn_parts.log_part_multi"}) {
    std::string rows_file = std::string(FN_IT_DIR) + "/rows/" + table + ".jsonl";
    size_t java_rows = static_cast<size_t>(Lines(ReadFile(rows_file)));
    std::string path = std::string(FN_IT_DIR) + "/" + table + ".arrows";
    CliRun r = RunCli("--bootstrap " + Bootstrap() + " --output-ipc " + path + " -e 'SELECT * FROM " + table + "$log'");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    EXPECT_NE(r.out.find(std::to_string(java_rows)), std::string::npos) << r.out;
    std::string cmd = "python3 -c \"import sys, pyarrow.ipc as ipc\n"
                      "t = ipc.open_stream(sys.argv[1]).read_all()\n"
                      "print(t.num_rows, t.schema.field('__change_type').type)\" " + path + " 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    char buf[512] = {0};
    size_t n = fread(buf, 1, sizeof(buf) - 1, p);
    ASSERT_EQ(pclose(p), 0) << std::string(buf, n);
    EXPECT_EQ(std::string(buf, n), std::to_string(java_rows) + " string\n") << table;
  }
}

TEST(CliIT, BadInputGetsOneLineAndNonZeroExit) {
  const std::string b = "--bootstrap " + Bootstrap();
  struct Case {
    std::string args;
    int code;
    std::string mention;
  } cases[] = {
      {b + " -e 'DESC fn_types.no_such'", 1, "fn_types.no_such"},
      {b + " -e 'SHOW TABLES FROM no_db'", 1, "no_db"},
      {"--bootstrap 127.0.0.1:1 -p client.retries=1 -e 'SHOW DATABASES'", 1, "127.0.0.1:1"},
      {"--bootstrap not-an-address -e 'SHOW DATABASES'", 2, "not-an-address"},
      {b + " -e 'SHOW TABLEZ'", 2, "TABLEZ"},
      {b + " -e 'DESC'", 2, "malformed statement"},
      {b + " -p nokeyvalue -e 'SHOW DATABASES'", 2, "nokeyvalue"},
      {b + " -p client.request-timeout=soon -e 'SHOW DATABASES'", 2, "client.request-timeout"},
  };
  for (const auto& c : cases) {
    CliRun r = RunCli(c.args);
    EXPECT_EQ(r.exit_code, c.code) << c.args << "\n" << r.out;
    EXPECT_EQ(Lines(r.out), 1) << c.args << "\n" << r.out;
    EXPECT_NE(r.out.find(c.mention), std::string::npos) << c.args << "\n" << r.out;
    EXPECT_EQ(r.out.find("terminate"), std::string::npos) << r.out;
  }
}

}  // namespace
}  // namespace fluss_native::it
