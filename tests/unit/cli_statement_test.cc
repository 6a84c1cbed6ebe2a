#include <gtest/gtest.h>

#include "fluss_native/config.h"
#include "../../tools/cli/statement.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../../tools/cli/executor.h"
#include "../../tools/cli/split_files.h"

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

TEST(Statement, ShowHealth) {
  auto s = ParseStatement("show health");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->kind, StatementKind::kShowHealth);
  auto bad = ParseStatement("SHOW HEALTHY");
  EXPECT_FALSE(bad.ok());
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

TEST(Statement, SelectTiersAndTimeTravel) {
  auto s = ParseStatement("SELECT a, b FROM db.t LIMIT 5");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->kind, StatementKind::kSelect);
  EXPECT_EQ(s->tier, Tier::kDefault);
  EXPECT_EQ(s->columns, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(s->limit, 5);
  // A plain table's FOR VERSION AS OF is a union read pinned to that lake snapshot.
  s = ParseStatement("select * from db.t for version as of 7");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->tier, Tier::kDefault);
  EXPECT_EQ(s->snapshot_id, 7);
  EXPECT_FALSE(s->as_of_timestamp_ms);
  s = ParseStatement("SELECT * FROM db.t$lake FOR VERSION AS OF 3 LIMIT 1");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->tier, Tier::kLake);
  EXPECT_EQ(s->snapshot_id, 3);
  s = ParseStatement("SELECT * FROM db.t$log LIMIT 2");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->tier, Tier::kLog);
  s = ParseStatement("SELECT * FROM db.t FOR TIMESTAMP AS OF '2026-12-03 12:00:00' LIMIT 4");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->as_of_timestamp_ms, 1796299200000);  // date -u -d '2026-12-03 12:00:00' +%s
  EXPECT_EQ(s->limit, 4);
  EXPECT_FALSE(s->snapshot_id);
  s = ParseStatement("SELECT * FROM db.t FOR TIMESTAMP AS OF 1796299200123");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->as_of_timestamp_ms, 1796299200123);
}

TEST(Statement, Explain) {
  auto s = ParseStatement("EXPLAIN SELECT c FROM db.t FOR TIMESTAMP AS OF '2026-12-03T12:00:00.5' LIMIT 9");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->kind, StatementKind::kExplain);
  EXPECT_EQ(s->table.ToString(), "db.t");
  EXPECT_EQ(s->columns, std::vector<std::string>{"c"});
  EXPECT_EQ(s->as_of_timestamp_ms, 1796299200500);
  EXPECT_EQ(s->limit, 9);
  s = ParseStatement("explain select * from db.t for version as of 2");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->snapshot_id, 2);
}

TEST(Statement, TimeTravelAndExplainErrors) {
  const char* bad[] = {
      "SELECT * FROM db.t FOR",
      "SELECT * FROM db.t FOR SYSTEM_TIME AS OF 1",
      "SELECT * FROM db.t FOR VERSION AS OF 'x'",
      "SELECT * FROM db.t FOR TIMESTAMP AS 1",
      "SELECT * FROM db.t$log FOR VERSION AS OF 1",
      "SELECT * FROM db.t$log FOR TIMESTAMP AS OF 1",
      "SELECT * FROM db.t$lake FOR TIMESTAMP AS OF 1",
      "SELECT * FROM db.t FOR TIMESTAMP AS OF '2026-12-03'",
      "SELECT * FROM db.t FOR TIMESTAMP AS OF '2026-13-03 12:00:00'",
      "SELECT * FROM db.t FOR TIMESTAMP AS OF '2026-02-29 12:00:00'",
      "SELECT * FROM db.t FOR TIMESTAMP AS OF '2026-12-03 24:00:00'",
      "SELECT * FROM db.t FOR TIMESTAMP AS OF '2026-12-03 12:00:00.'",
      "SELECT * FROM db.t FOR TIMESTAMP AS OF '2026-12-03 12:00:00Z'",
      "SELECT * FROM db.t FOR VERSION AS OF 1 FOR TIMESTAMP AS OF 2",
      "EXPLAIN",
      "EXPLAIN SHOW DATABASES",
      "EXPLAIN SELECT * FROM db.t$log",
      "EXPLAIN SELECT * FROM db.t$lake",
      "EXPLAIN SELECT * FROM db.t LIMIT",
  };
  for (const char* b : bad) {
    auto s = ParseStatement(b);
    ASSERT_FALSE(s.ok()) << b;
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument) << b;
  }
  auto s = ParseStatement("SELECT * FROM db.t FOR TIMESTAMP AS OF '2026-12-3 1:00'");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("'2026-12-3 1:00'"), std::string::npos) << s.status().ToString();
}

TEST(Statement, WhereLimitAndCount) {
  auto s = ParseStatement("SELECT * FROM db.t WHERE id > 0 LIMIT 10");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_TRUE(s->where);
  EXPECT_EQ(s->where_text, "id > 0");
  EXPECT_EQ(s->where->ToString(), "id > 0");
  EXPECT_EQ(s->limit, 10);
  // LIMIT inside a string, parentheses and comments do not end the WHERE.
  s = ParseStatement(
      "select a from db.t where (name = 'no limit' or id in (1, 2)) -- the filter\n and v <> 1.5 limit 3;");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_NE(s->where_text.find("'no limit'"), std::string::npos);
  EXPECT_EQ(s->where_text.find("limit 3"), std::string::npos);
  EXPECT_EQ(s->limit, 3);
  s = ParseStatement("SELECT COUNT(*) FROM db.t");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->count);
  EXPECT_FALSE(s->where);
  s = ParseStatement("select count ( * ) from db.t$log where id = 1");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->count);
  EXPECT_EQ(s->tier, Tier::kLog);
  EXPECT_EQ(s->where->ToString(), "id = 1");
  s = ParseStatement("SELECT * FROM db.t FOR VERSION AS OF 3 WHERE d = DATE '2024-01-01' AND n IS NOT NULL");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->snapshot_id, 3);
  EXPECT_EQ(s->where->op(), PredicateOp::kAnd);
}

TEST(Statement, QuotedNamesCommentsCaseAndSemicolon) {
  auto s = ParseStatement("-- first a comment\nSeLeCt \"a b\", `c d`, e FROM \"my db\".`my table`; ");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->columns, (std::vector<std::string>{"a b", "c d", "e"}));
  EXPECT_EQ(s->table.database, "my db");
  EXPECT_EQ(s->table.table, "my table");
  s = ParseStatement("show databases; -- done");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  s = ParseStatement("SELECT * FROM db.t WHERE \"a b\" = 'it''s'");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->where->column().names, std::vector<std::string>{"a b"});
  EXPECT_EQ(s->where->literals()[0].text, "it's");
}

TEST(Statement, ExplainAnalyze) {
  auto s = ParseStatement("EXPLAIN SELECT * FROM db.t WHERE id = 1");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->kind, StatementKind::kExplain);
  EXPECT_FALSE(s->analyze);
  EXPECT_EQ(s->where->ToString(), "id = 1");
  s = ParseStatement("explain analyze select count(*) from db.t where id between 1 and 5 limit 2");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->analyze);
  EXPECT_TRUE(s->count);
  EXPECT_EQ(s->limit, 2);
}

TEST(Statement, ErrorsNameThePosition) {
  struct Case {
    const char* text;
    const char* mention;
  } cases[] = {
      {"SELECT * FROM db.t WHERE", "position 25"},
      {"SELECT * FROM db.t WHERE LIMIT 3", "position 26"},
      {"SELECT * FROM db.t WHERE id >", "WHERE clause at position 26"},
      // The predicate parser's own position, counted from the statement's start.
      {"SELECT * FROM db.t WHERE id > 1 AND AND x = 2", "predicate: at position 41"},
      {"SELECT COUNT(id) FROM db.t", "COUNT(*)"},
      {"SELECT * FROM db.t LIMIT 1.5", "position 26"},
      {"SELECT * FROM db.t WHERE id = 1 LIMIT 2 x", "'x'"},
      {"SHOW TABLES FROM db ; ; x", "position"},
      {"SELECT * FROM db.t WHERE s = 'open", "unterminated"},
      {"SELECT * FROM db.t @", "position 20"},
      {"EXPLAIN ANALYZE SHOW DATABASES", "expected SELECT"},
  };
  for (const auto& c : cases) {
    auto s = ParseStatement(c.text);
    ASSERT_FALSE(s.ok()) << c.text;
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument) << c.text;
    EXPECT_NE(s.status().message().find(c.mention), std::string::npos) << c.text << ": " << s.status().ToString();
  }
}

TEST(Statement, ScriptsSplitOutsideQuotesAndComments) {
  auto pieces = SplitScript("SHOW DATABASES; -- a comment; with 'quote\nSELECT 'a;b' FROM db.t; -- only a comment;\nDESC db.t");
  ASSERT_EQ(pieces.complete.size(), 2u);
  EXPECT_NE(pieces.complete[1].find("'a;b'"), std::string::npos);
  EXPECT_NE(pieces.rest.find("DESC db.t"), std::string::npos);
  pieces = SplitScript("SELECT * FROM db.t\nWHERE id = 1");
  EXPECT_TRUE(pieces.complete.empty());
  EXPECT_FALSE(pieces.rest.empty());
  pieces = SplitScript("SHOW DATABASES;\n-- trailing comment\n  ");
  EXPECT_EQ(pieces.complete.size(), 1u);
  EXPECT_TRUE(pieces.rest.empty());
  EXPECT_EQ(SplitStatements("a; b; 'c;d'").size(), 3u);
  // Every piece parses on its own.
  for (const auto& text : SplitStatements("show databases;\nSELECT COUNT(*) FROM db.t -- n;\n;DESC db.t;")) {
    EXPECT_TRUE(ParseStatement(text).ok()) << text;
  }
}

TEST(CliPlan, SpecCarriesThePredicateAndCountReadsFewColumns) {
  std::vector<Column> columns(3);
  columns[0].name = "id";
  columns[1].name = "v";
  columns[2].name = "w";
  auto s = ParseStatement("SELECT COUNT(*) FROM db.t WHERE w > 1 OR NOT v IS NULL LIMIT 4");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ScanSpec spec = PlannedSpec(*s, ExecOptions{}, columns);
  EXPECT_EQ(spec.columns, (std::vector<std::string>{"w", "v"}));
  EXPECT_FALSE(spec.limit);  // COUNT(*) counts every row; LIMIT limits the one result row
  ASSERT_TRUE(spec.predicate);
  s = ParseStatement("SELECT COUNT(*) FROM db.t");
  spec = PlannedSpec(*s, ExecOptions{}, columns);
  EXPECT_EQ(spec.columns, std::vector<std::string>{"id"});
  EXPECT_FALSE(spec.predicate);
}

TEST(Statement, UtcTimestamps) {
  EXPECT_EQ(*ParseUtcTimestamp("1970-01-01 00:00:00"), 0);
  EXPECT_EQ(*ParseUtcTimestamp("2000-02-29 23:59:59.999"), 951868799999);
  EXPECT_EQ(*ParseUtcTimestamp("2024-03-01 00:00:00.123456789"), 1709251200123);
  EXPECT_FALSE(ParseUtcTimestamp("1900-02-29 00:00:00").ok());
  EXPECT_FALSE(ParseUtcTimestamp("0000-01-01 00:00:00").ok());
}

TEST(CliPlan, SpecCarriesTierAndTimeTravel) {
  auto s = ParseStatement("SELECT a FROM db.t FOR VERSION AS OF 4 LIMIT 3");
  ASSERT_TRUE(s.ok());
  ExecOptions exec;
  exec.tier = ScanTier::kUnion;
  exec.target_split_bytes = 1024;
  ScanSpec spec = PlannedSpec(*s, exec);
  EXPECT_EQ(spec.target_split_bytes, 1024);
  EXPECT_EQ(spec.tier, ScanTier::kUnion);
  EXPECT_EQ(spec.snapshot_id, 4);
  EXPECT_FALSE(spec.as_of_timestamp_ms);
  EXPECT_EQ(spec.limit, 3);
  EXPECT_EQ(spec.columns, std::vector<std::string>{"a"});
  s = ParseStatement("SELECT * FROM db.t FOR TIMESTAMP AS OF 99");
  ASSERT_TRUE(s.ok());
  spec = PlannedSpec(*s, ExecOptions{});
  EXPECT_EQ(spec.tier, ScanTier::kAuto);
  EXPECT_EQ(spec.target_split_bytes, ScanSpec{}.target_split_bytes);
  EXPECT_EQ(spec.as_of_timestamp_ms, 99);
  EXPECT_FALSE(spec.snapshot_id);
}

TEST(CliPlan, ExplainJsonHasThePlanFields) {
  ScanPlan plan;
  plan.table = {"db", "t"};
  plan.table_id = 12;
  plan.primary_key = true;
  plan.tier = ScanTier::kUnion;
  plan.lake_snapshot_id = 5;
  plan.columns = {"k", "v"};
  Split hybrid;
  hybrid.database_name = "db";
  hybrid.table_name = "t";
  hybrid.bucket_id = 0;
  hybrid.tier = SplitTier::kHybrid;
  LakeFileRef file;
  file.path = "/w/f.parquet";
  file.size_bytes = 100;
  hybrid.lake_files.push_back(file);
  Split log = hybrid;
  log.tier = SplitTier::kLogOnly;
  log.lake_files.clear();
  plan.splits = {hybrid, log, log};
  plan.log_ranges.push_back({std::nullopt, "", 0, 10, 10, 25});
  plan.fallbacks.push_back({"db.t bucket 1", "nothing tiered yet"});
  ResultSet rs = ExplainResult(plan);
  ASSERT_TRUE(rs.json && rs.text);
  auto j = nlohmann::json::parse(*rs.json);
  EXPECT_EQ(j["lake_snapshot_id"], 5);
  EXPECT_EQ(j["tier"], "union");
  EXPECT_EQ(j["requested_tier"], "auto");
  EXPECT_EQ(j["splits"]["total"], 3);
  EXPECT_EQ(j["splits"]["HYBRID"], 1);
  EXPECT_EQ(j["splits"]["LOG_ONLY"], 2);
  EXPECT_EQ(j["splits"]["LAKE_ONLY"], 0);
  EXPECT_EQ(j["lake_files"], 1);
  EXPECT_EQ(j["lake_bytes"], 100);
  ASSERT_EQ(j["log_ranges"].size(), 1u);
  EXPECT_EQ(j["log_ranges"][0]["lake_offset"], 10);
  EXPECT_EQ(j["log_ranges"][0]["stop_offset"], 25);
  EXPECT_TRUE(j["log_ranges"][0]["partition"].is_null());
  ASSERT_EQ(j["fallbacks"].size(), 1u);
  EXPECT_EQ(j["fallbacks"][0]["reason"], "nothing tiered yet");
  EXPECT_EQ(j["text"], plan.Explain());
  // csv: the text's lines as rows
  ASSERT_FALSE(rs.rows.empty());
  EXPECT_EQ(*rs.rows[0][0].text, plan.Explain().substr(0, plan.Explain().find('\n')));
}

Split LogSplit(const std::string& table, int bucket) {
  Split s;
  s.database_name = "db";
  s.table_name = table;
  s.table_id = 3;
  s.bucket_id = bucket;
  s.tier = SplitTier::kLogOnly;
  s.log_start_offset = 0;
  s.log_end_offset = 10 + bucket;
  return s;
}

TEST(CliSplitFiles, WriteThenLoadRoundTripsAndReplacesOldFiles) {
  namespace fs = std::filesystem;
  fs::path dir = fs::temp_directory_path() / ("fn_cli_splits_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  auto first = WriteSplitFiles(dir.string(), {LogSplit("t", 0), LogSplit("t", 1), LogSplit("t", 2)});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->size(), 3u);
  EXPECT_EQ(fs::path((*first)[0]).filename(), "split-0000.thrift");
  std::ofstream((dir / "notes.txt").string()) << "kept";
  // A second, smaller plan into the same directory leaves exactly its files.
  auto second = WriteSplitFiles(dir.string(), {LogSplit("t", 5), LogSplit("t", 6)});
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  int split_files = 0;
  for (const auto& e : fs::directory_iterator(dir)) split_files += e.path().extension() == ".thrift";
  EXPECT_EQ(split_files, 2);
  EXPECT_TRUE(fs::exists(dir / "notes.txt"));
  auto loaded = LoadSplitFiles(*second);
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(loaded->size(), 2u);
  EXPECT_EQ((*loaded)[0].split, LogSplit("t", 5));
  EXPECT_EQ((*loaded)[1].split, LogSplit("t", 6));
  // The compact protocol is read too.
  std::string compact = (dir / "compact.thrift").string();
  std::string bytes = LogSplit("t", 7).ToThrift(ThriftProtocol::kCompact);
  std::ofstream(compact, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  loaded = LoadSplitFiles({compact});
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ((*loaded)[0].split, LogSplit("t", 7));

  // Errors name the file.
  std::string missing = (dir / "nope.thrift").string();
  auto bad = LoadSplitFiles({(*second)[0], missing});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(missing), std::string::npos) << bad.status().ToString();
  std::string garbled = (dir / "garbled.thrift").string();
  std::ofstream(garbled, std::ios::binary) << "\x0b\x00\x01\x7f\xff\xff\xffnot thrift";
  bad = LoadSplitFiles({garbled});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(garbled), std::string::npos) << bad.status().ToString();
  std::string other = (dir / "other.thrift").string();
  bytes = LogSplit("u", 0).ToThrift();
  std::ofstream(other, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  bad = LoadSplitFiles({(*second)[0], other});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find(other), std::string::npos) << bad.status().ToString();
  EXPECT_FALSE(LoadSplitFiles({}).ok());
  fs::remove_all(dir);
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
