// fluss-native: the command-line face of the library.
//
//   fluss-native --bootstrap 127.0.0.1:9123                (an interactive shell on a terminal)
//   fluss-native --bootstrap 127.0.0.1:9123 -e "SHOW DATABASES; DESC db.t"
//   echo "SELECT COUNT(*) FROM db.t;" | fluss-native --bootstrap H:P
//   fluss-native --bootstrap H:P plan -e "SELECT * FROM db.t" --splits-out DIR
//   fluss-native --bootstrap H:P read-split DIR/split-0000.thrift ...
//
// Exit codes: 0 success, 1 a statement failed (cluster, table, ...),
// 2 bad usage (flags, properties, malformed statement). Every failure prints
// exactly one line on stderr; nothing else is printed on error.
#include <CLI/CLI.hpp>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "executor.h"
#include "fluss_native/client.h"
#include "progress_line.h"
#include "shell.h"
#include "statement.h"
#include "time_zone.h"

namespace {

using fluss_native::Status;
using fluss_native::StatusCode;

int Fail(const Status& st, int code) {
  std::cerr << "fluss-native: error: " << st.ToString() << std::endl;
  return code;
}

bool IsUsageError(const Status& st) { return st.code() == StatusCode::kInvalidArgument; }

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"fluss-native: a native reader for Apache Fluss tables"};
  std::string bootstrap;
  std::string format = "table";
  std::string script;
  std::string script_file;
  std::vector<std::string> properties;
  std::string ipc_file;
  std::string tier_name = "auto";
  std::string splits_dir;
  std::vector<std::string> split_files;
  app.add_option("-b,--bootstrap", bootstrap, "Fluss bootstrap server(s), host:port[,host:port]");
  app.add_option("--format", format,
                 "Output format: table (values as people read them: DATE 2024-01-01, TIMESTAMP "
                 "2024-01-01 00:00:00.123456, TIMESTAMP_LTZ with its offset, long strings, binaries and nested "
                 "values cut at --max-cell-width with '…'), or json, jsonl, csv (ISO 8601 strings for "
                 "DATE/TIME/TIMESTAMP, 'T' between date and time, TIMESTAMP_LTZ with its offset; DECIMAL as "
                 "exact digits, binaries as hex; never cut)")
      ->check(CLI::IsMember({"table", "json", "jsonl", "csv"}));
  std::string time_zone = "UTC";
  app.add_option("--time-zone", time_zone,
                 "Zone TIMESTAMP_LTZ values and table times are shown in: UTC (default), +hh:mm/-hh:mm, or an "
                 "IANA name such as Europe/Berlin (from the system tz database)");
  size_t max_cell_width = fluss_native::cli::kDefaultMaxCellWidth;
  app.add_option("--max-cell-width", max_cell_width,
                 "Table format: cut string, binary and nested cells to this many characters (0: never)");
  app.add_option("-e,--execute", script, "Statements to run, separated by ';'");
  app.add_option("-f,--file", script_file, "File of statements to run");
  app.add_option("-p,--property", properties, "Client property key=value (repeatable)");
  std::string password_file;
  app.add_option("--password-file", password_file,
                 "Read the SASL password (client.security.sasl.password) from this file's first line; the "
                 "environment variable FLUSS_NATIVE_SASL_PASSWORD also sets it. Either keeps the password "
                 "out of argv, where `ps` shows it");
  app.add_option("--output-ipc", ipc_file, "Write SELECT results to this file as an Arrow IPC stream");
  app.add_option("--tier", tier_name,
                 "Tier a plain SELECT/EXPLAIN of db.tbl reads: auto (union where the lake is readable, else "
                 "the log), log, lake, or union (both tiers, never falling back)")
      ->check(CLI::IsMember({"auto", "log", "lake", "union"}));
  int64_t split_target_bytes = 0;
  app.add_option("--split-target-bytes", split_target_bytes,
                 "Bytes a log table's lake split aims at (default 128 MiB; smaller: more splits)")
      ->check(CLI::PositiveNumber);
  app.set_version_flag("--version", "fluss-native 0.1.0");
  // Options given after a subcommand (plan -e ...) belong to the main command.
  app.fallthrough();
  CLI::App* plan_cmd = app.add_subcommand(
      "plan", "Plan one SELECT of a plain table: write its splits as Thrift files and print its EXPLAIN");
  plan_cmd->add_option("--splits-out", splits_dir, "Directory for split-NNNN.thrift (binary protocol)")
      ->required();
  CLI::App* read_cmd = app.add_subcommand(
      "read-split", "Read split files (Thrift, binary or compact protocol) and print their rows");
  read_cmd->add_option("split-files", split_files, "Split files (FILE...), all of one table")->required();
  app.require_subcommand(0, 1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return Fail(Status::InvalidArgument(e.what()), 2);
  }

  std::map<std::string, std::string> props;
  for (const auto& p : properties) {
    size_t eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      // Echoed only when it cannot be carrying a secret: "=value", or text
      // whose key part looks secret (a mistyped password property), is not.
      const bool hide = eq == 0 || fluss_native::IsSecretPropertyKey(p);
      return Fail(Status::InvalidArgument(hide ? std::string("a -p/--property argument (hidden: it may hold a "
                                                             "secret) is not of the form key=value")
                                               : "property '" + p + "' is not of the form key=value"),
                  2);
    }
    props[p.substr(0, eq)] = p.substr(eq + 1);
  }
  // The password: --password-file, else the environment, else -p (argv).
  if (!password_file.empty()) {
    std::ifstream in(password_file, std::ios::binary);
    if (!in) return Fail(Status::InvalidArgument("cannot read password file '" + password_file + "'"), 2);
    std::string line;
    std::getline(in, line);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    props["client.security.sasl.password"] = line;
  } else if (const char* env = std::getenv("FLUSS_NATIVE_SASL_PASSWORD"); env != nullptr && *env != '\0') {
    if (props.count("client.security.sasl.password") == 0) props["client.security.sasl.password"] = env;
  }
  if (!bootstrap.empty()) props["bootstrap.servers"] = bootstrap;
  if (props.find("bootstrap.servers") == props.end() && props.find("fluss.bootstrap.servers") == props.end()) {
    return Fail(Status::InvalidArgument("--bootstrap host:port is required"), 2);
  }

  auto zone = fluss_native::cli::TimeZone::Parse(time_zone);
  if (!zone.ok()) return Fail(zone.status(), 2);
  // No statements on a terminal: the interactive shell.
  const bool shell = !read_cmd->parsed() && !plan_cmd->parsed() && script.empty() && script_file.empty() &&
                     ::isatty(STDIN_FILENO) == 1;
  std::vector<fluss_native::cli::Statement> statements;
  if (!read_cmd->parsed() && !shell) {
    if (!script_file.empty()) {
      std::ifstream in(script_file);
      if (!in) return Fail(Status::InvalidArgument("cannot read statement file '" + script_file + "'"), 2);
      std::stringstream ss;
      ss << in.rdbuf();
      script += ";" + ss.str();
    } else if (script.empty()) {
      std::stringstream ss;
      ss << std::cin.rdbuf();
      script = ss.str();
    }
    auto pieces = fluss_native::cli::SplitStatements(script);
    if (pieces.empty()) return Fail(Status::InvalidArgument("no statement given (use -e or -f)"), 2);
    // Parse everything first so a typo in the third statement does not leave
    // the first two half-applied.
    for (size_t i = 0; i < pieces.size(); ++i) {
      auto st = fluss_native::cli::ParseStatement(pieces[i]);
      if (!st.ok() && pieces.size() > 1) {
        return Fail(Status::InvalidArgument("statement " + std::to_string(i + 1) + " of " +
                                            std::to_string(pieces.size()) + ": " + st.status().message()),
                    2);
      }
      if (!st.ok()) return Fail(st.status(), 2);
      statements.push_back(*st);
    }
    if (plan_cmd->parsed() && statements.size() != 1) {
      return Fail(Status::InvalidArgument("plan takes exactly one SELECT, got " +
                                          std::to_string(statements.size()) + " statements"),
                  2);
    }
  } else if (!script.empty() || !script_file.empty()) {
    return Fail(Status::InvalidArgument("read-split takes split files, not statements (-e/-f)"), 2);
  }

  auto config = fluss_native::ClientConfig::FromProperties(props);
  if (!config.ok()) return Fail(config.status(), 2);
  auto client = fluss_native::Client::Open(*config);
  if (!client.ok()) return Fail(client.status(), IsUsageError(client.status()) ? 2 : 1);

  std::ofstream ipc_stream;
  fluss_native::cli::ExecOptions exec;
  if (!ipc_file.empty()) {
    ipc_stream.open(ipc_file, std::ios::binary | std::ios::trunc);
    if (!ipc_stream) return Fail(Status::InvalidArgument("cannot write file '" + ipc_file + "'"), 2);
    exec.ipc_out = &ipc_stream;
  }
  exec.tier = tier_name == "log"     ? fluss_native::ScanTier::kLog
              : tier_name == "lake"  ? fluss_native::ScanTier::kLake
              : tier_name == "union" ? fluss_native::ScanTier::kUnion
                                     : fluss_native::ScanTier::kAuto;
  if (split_target_bytes > 0) exec.target_split_bytes = split_target_bytes;
  exec.values.style =
      format == "table" ? fluss_native::cli::ValueStyle::kHuman : fluss_native::cli::ValueStyle::kIso;
  exec.values.zone = *zone;
  auto print = [&](const std::vector<fluss_native::cli::ResultSet>& results) {
    for (const auto& rs : results) {
      if (format == "json") {
        fluss_native::cli::PrintJson(rs, std::cout);
      } else if (format == "jsonl") {
        fluss_native::cli::PrintJsonLines(rs, std::cout);
      } else if (format == "csv") {
        fluss_native::cli::PrintCsv(rs, std::cout);
      } else {
        fluss_native::cli::PrintTable(rs, std::cout, max_cell_width);
      }
    }
  };
  if (shell) return fluss_native::cli::RunShell(**client, exec, print);
  const bool progress_on_tty = ::isatty(STDERR_FILENO) == 1;
  auto run = [&](size_t i) -> fluss_native::Result<std::vector<fluss_native::cli::ResultSet>> {
    if (read_cmd->parsed()) return fluss_native::cli::ReadSplitFiles(**client, split_files, exec);
    if (plan_cmd->parsed()) return fluss_native::cli::PlanToSplitFiles(**client, statements[i], exec, splits_dir);
    fluss_native::cli::ProgressLine progress(stderr, progress_on_tty);
    fluss_native::cli::ExecOptions with_progress = exec;
    with_progress.progress = progress.Callback();
    return fluss_native::cli::Execute(**client, statements[i], with_progress);
  };
  const size_t runs = read_cmd->parsed() ? 1 : statements.size();
  for (size_t i = 0; i < runs; ++i) {
    auto results = run(i);
    if (!results.ok()) return Fail(results.status(), IsUsageError(results.status()) ? 2 : 1);
    print(*results);
  }
  return 0;
}
