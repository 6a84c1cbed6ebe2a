// The CLI binary against the fixture cluster: output and exit codes.
#include "integration/it_env.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <set>
#include <sstream>

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

std::vector<nlohmann::json> JsonLines(const std::string& text) {
  std::vector<nlohmann::json> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) rows.push_back(nlohmann::json::parse(line));
  }
  return rows;
}

// WHERE on db.tbl$log and db.tbl$lake: the filtered read equals the
// unfiltered read of the same tier filtered by pyarrow.compute
// (cli_tier_where_check.py), with the predicate's columns outside the
// SELECT list and with the log's metadata columns.
TEST(CliIT, WhereOnTierTablesEqualsPyarrowFilter) {
  struct Case {
    std::string from, columns, where, pyarrow;
  };
  const std::vector<Case> cases = {
      {"fn_types.log_all_types$log", "*", "c_int > 0 AND c_bigint IS NOT NULL",
       "(F('c_int') > 0) & F('c_bigint').is_valid()"},
      {"fn_types.log_all_types$log", "c_int", "c_bigint < 0", "F('c_bigint') < 0"},
      {"fn_types.log_big$log", "*", "__offset >= 100 AND __offset < 150", "(F('__offset') >= 100) & (F('__offset') < 150)"},
      {"fn_lake.pk$lake", "*", "id > 2", "F('id') > 2"},
      {"fn_lake.log_part$lake", "id", "id < 50", "F('id') < 50"},
  };
  const std::string dir = std::string(FN_IT_DIR);
  int n = 0;
  for (const auto& c : cases) {
    const std::string all = dir + "/where_all_" + std::to_string(n) + ".arrows";
    const std::string some = dir + "/where_some_" + std::to_string(n) + ".arrows";
    ++n;
    // The oracle's input: every row, with the predicate's columns, then
    // just the wanted columns of the kept rows.
    CliRun r = RunCli("--bootstrap " + Bootstrap() + " --output-ipc " + all + " -e 'SELECT * FROM " + c.from + "'");
    ASSERT_EQ(r.exit_code, 0) << r.out;
    r = RunCli("--bootstrap " + Bootstrap() + " --output-ipc " + some + " -e 'SELECT " + c.columns + " FROM " +
               c.from + " WHERE " + c.where + "'");
    ASSERT_EQ(r.exit_code, 0) << c.from << " WHERE " << c.where << ": " << r.out;
    std::string cmd = "python3 " + std::string(FN_SOURCE_DIR) + "/tests/integration/cli_tier_where_check.py " + all +
                      " " + some + " \"" + c.pyarrow + "\" " + (c.columns == "*" ? "" : c.columns) + " 2>&1";
    CliRun check = Shell(cmd);
    EXPECT_EQ(check.exit_code, 0) << c.from << " WHERE " << c.where << ": " << check.out;
    std::cerr << c.from << " WHERE " << c.where << ": " << check.out;
    std::filesystem::remove(all);
    std::filesystem::remove(some);
  }
}

// The Java client's current state of a primary-key table (dump-state).
std::vector<nlohmann::json> JavaState(const std::string& table) {
  return ReadJsonLines(std::string(FN_IT_DIR) + "/rows/" + table + ".state.jsonl");
}

// The seed's acceptance suite (§5.3, test_fluss_catalog), statement by
// statement through the CLI, on a table with an INT `id` first.
TEST(CliIT, SeedGroovySuiteReplayed) {
  const std::string b = "--bootstrap " + Bootstrap() + " --format jsonl";
  CliRun r = RunCli(b + " -e 'SHOW DATABASES'");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find(R"({"Database":"fn_lake"})"), std::string::npos) << r.out;
  r = RunCli(b + " -e 'SHOW TABLES FROM fn_lake'");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find(R"({"Tables_in_fn_lake":"pk"})"), std::string::npos) << r.out;
  r = RunCli(b + " -e 'DESC fn_lake.pk'");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto desc = JsonLines(r.out);
  ASSERT_FALSE(desc.empty());
  EXPECT_EQ(desc[0]["Field"], "id");
  EXPECT_EQ(desc[0]["Type"], "INT");

  r = RunCli(b + " -e 'SELECT * FROM fn_lake.pk WHERE id > 0 LIMIT 10'");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto rows = JsonLines(r.out);
  EXPECT_EQ(rows.size(), 10u) << r.out;
  std::set<int64_t> java_ids;
  for (const auto& row : JavaState("fn_lake.pk")) java_ids.insert(row["row"]["id"].get<int64_t>());
  for (const auto& row : rows) {
    EXPECT_GT(row["id"].get<int64_t>(), 0) << row.dump();
    EXPECT_TRUE(java_ids.count(row["id"].get<int64_t>())) << row.dump();
  }

  // The table format prints the plan's text as is.
  r = RunCli("--bootstrap " + Bootstrap() + " -e 'EXPLAIN SELECT * FROM fn_lake.pk WHERE id = 1'");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("predicates: id = 1"), std::string::npos) << r.out;
}

TEST(CliIT, CountEqualsTheRowsOfAnUnfilteredScanAndTheJavaState) {
  const std::string b = "--bootstrap " + Bootstrap() + " --format jsonl";
  const auto java = JavaState("fn_lake.pk");
  CliRun all = RunCli(b + " -e 'SELECT * FROM fn_lake.pk'");
  ASSERT_EQ(all.exit_code, 0) << all.out;
  const size_t scanned = JsonLines(all.out).size();
  EXPECT_EQ(scanned, java.size());
  CliRun count = RunCli(b + " -e 'select count(*) from fn_lake.pk;'");
  ASSERT_EQ(count.exit_code, 0) << count.out;
  EXPECT_EQ(count.out, "{\"count\":" + std::to_string(scanned) + "}\n");
  // With a predicate: the Java state filtered by the same condition.
  size_t over_100 = 0;
  for (const auto& row : java) over_100 += row["row"]["id"].get<int64_t>() > 100;
  count = RunCli(b + " -e 'SELECT COUNT(*) FROM fn_lake.pk WHERE id > 100'");
  ASSERT_EQ(count.exit_code, 0) << count.out;
  EXPECT_EQ(count.out, "{\"count\":" + std::to_string(over_100) + "}\n");
  // EXPLAIN ANALYZE reads the same rows and says so.
  CliRun analyze = RunCli("--bootstrap " + Bootstrap() + " -e 'EXPLAIN ANALYZE SELECT * FROM fn_lake.pk'");
  ASSERT_EQ(analyze.exit_code, 0) << analyze.out;
  EXPECT_NE(analyze.out.find("analyze: " + std::to_string(scanned) + " rows"), std::string::npos) << analyze.out;
}

TEST(CliIT, PipedStdinRunsAsAScript) {
  const std::string script =
      "-- a script on stdin; comments and ';' in quotes are fine\n"
      "SHOW DATABASES;\n"
      "SELECT COUNT(*)\n  FROM fn_lake.pk; -- two lines\n"
      "SELECT id FROM fn_lake.pk WHERE name = 'no;such' LIMIT 1;\n";
  CliRun r = Shell("printf '%s' \"" + script + "\" | " + std::string(FN_CLI) + " --bootstrap " + Bootstrap() +
                   " --format jsonl 2>&1");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find(R"({"Database":"fn_lake"})"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("{\"count\":" + std::to_string(JavaState("fn_lake.pk").size()) + "}"), std::string::npos)
      << r.out;
  // A malformed statement in a script: one line naming where, exit 2, nothing run.
  r = Shell("printf 'SHOW DATABASES;\\nSELECT * FROM fn_lake.pk WHERE id >;' | " + std::string(FN_CLI) +
            " --bootstrap " + Bootstrap() + " 2>&1");
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_EQ(Lines(r.out), 1) << r.out;
  EXPECT_NE(r.out.find("statement 2 of 2: malformed statement: in the WHERE clause at position 32"), std::string::npos)
      << r.out;
}

// DATE/TIME/TIMESTAMP(p)/TIMESTAMP_LTZ(p) as the CLI prints them (jsonl: ISO
// strings) against Python's datetime/zoneinfo applied to the Java client's values.
TEST(CliIT, TemporalValuesMatchPythonDatetimeOfTheJavaRows) {
  const std::string table = "fn_types.log_all_types";
  for (const std::string zone : {"UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata"}) {
    const std::string out = std::string(FN_IT_DIR) + "/cli_render_" + std::to_string(::getpid()) + ".jsonl";
    CliRun r = RunCli("--bootstrap " + Bootstrap() + " --format jsonl --time-zone " + zone + " -e 'SELECT * FROM " +
                      table + "$log' > " + out);
    ASSERT_EQ(r.exit_code, 0) << r.out;
    CliRun check = Shell("python3 " + std::string(FN_SOURCE_DIR) + "/tests/integration/cli_render_check.py " +
                         std::string(FN_IT_DIR) + "/rows/" + table + ".jsonl " + out + " " + zone + " " +
                         std::string(FN_IT_DIR) + "/meta.json " + table + " 2>&1");
    std::remove(out.c_str());
    ASSERT_EQ(check.exit_code, 0) << zone << "\n" << check.out;
    EXPECT_EQ(std::stoi(check.out), 300 * 10) << zone;  // 300 rows, 10 temporal columns
  }
}

TEST(CliIT, TableFormatShowsTimesAsPeopleReadThem) {
  // The row at bucket 0, offset 0 (its texts checked against Python above),
  // in the table format: a space between date and time, not 'T'.
  CliRun r = RunCli("--bootstrap " + Bootstrap() + " --format jsonl -e 'SELECT * FROM fn_types.log_all_types$log'");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  std::string iso_date, iso_ts;
  for (const auto& row : JsonLines(r.out)) {
    if (row["__bucket"] == 0 && row["__offset"] == 0) {
      iso_date = row["c_date"].is_null() ? "NULL" : row["c_date"].get<std::string>();
      iso_ts = row["c_ts6"].is_null() ? "NULL" : row["c_ts6"].get<std::string>();
    }
  }
  ASSERT_FALSE(iso_date.empty());
  std::string human_ts = iso_ts;
  if (human_ts.size() > 10) human_ts[10] = ' ';
  CliRun table = RunCli("--bootstrap " + Bootstrap() + " -e 'SELECT * FROM fn_types.log_all_types$log'");
  ASSERT_EQ(table.exit_code, 0) << table.out;
  EXPECT_NE(table.out.find("| " + iso_date + " "), std::string::npos) << table.out.substr(0, 2000);
  EXPECT_NE(table.out.find("| " + human_ts + " "), std::string::npos) << human_ts;
  // DESC shows the table's created time as a timestamp (the Java client's millis).
  auto meta = JavaMeta()["tables"]["fn_types.log_all_types"];
  CliRun desc = RunCli("--bootstrap " + Bootstrap() + " --format jsonl -e 'DESC fn_types.log_all_types'");
  ASSERT_EQ(desc.exit_code, 0) << desc.out;
  CliRun want = Shell("python3 -c \"import datetime as d, sys; t = d.datetime.fromtimestamp(" +
                      std::to_string(meta["created_time"].get<int64_t>()) +
                      " / 1000, d.timezone.utc); print(t.strftime('%Y-%m-%dT%H:%M:%S.') + '%03d' % (t.microsecond // "
                      "1000) + '+00:00', end='')\"");
  EXPECT_NE(desc.out.find(R"({"Property":"created_time","Value":")" + want.out + "\"}"), std::string::npos)
      << want.out << "\n" << desc.out;
}

TEST(CliIT, TableFormatCutsLongCells) {
  CliRun r = RunCli("--bootstrap " + Bootstrap() + " --max-cell-width 12 -e 'SELECT blob FROM fn_types.log_big$log LIMIT 3'");
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("\xE2\x80\xA6 |"), std::string::npos) << r.out;
}

// The interactive shell on a pseudo-terminal: prompt, a two-line statement,
// Tab completion of a database, `quit`, and the history file.
TEST(CliIT, InteractiveShellOnAPty) {
  const std::string home = std::string(FN_IT_DIR) + "/cli_shell_home_" + std::to_string(::getpid());
  CliRun r = Shell("python3 " + std::string(FN_SOURCE_DIR) + "/tests/integration/cli_shell_check.py " + FN_CLI + " " +
                   Bootstrap() + " " + home);
  ASSERT_EQ(r.exit_code, 0) << r.out;
  auto report = nlohmann::json::parse(r.out);
  EXPECT_NE(report["banner"].get<std::string>().find("fluss> "), std::string::npos) << r.out;
  EXPECT_NE(report["continuation"].get<std::string>().find("-> "), std::string::npos) << r.out;
  const std::string count = std::to_string(JavaState("fn_lake.pk").size());
  EXPECT_NE(report["output"].get<std::string>().find(" " + count + " |"), std::string::npos) << r.out;
  EXPECT_NE(report["completed"].get<std::string>().find("ke."), std::string::npos) << r.out;
  EXPECT_EQ(report["exit"], 0);
  ASSERT_TRUE(report["history"].is_string()) << r.out;
  EXPECT_NE(report["history"].get<std::string>().find("COUNT(*)"), std::string::npos) << r.out;
  std::filesystem::remove_all(home);
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
