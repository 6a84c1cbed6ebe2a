// Shared helpers for tests against the fixture cluster.
#pragma once

#include <gtest/gtest.h>

#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "fluss_native/client.h"

namespace fluss_native::it {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// One JSON value per non-empty line (the oracles' .jsonl dumps).
inline std::vector<nlohmann::json> ReadJsonLines(const std::string& path) {
  std::vector<nlohmann::json> rows;
  std::istringstream in(ReadFile(path));
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) rows.push_back(nlohmann::json::parse(line));
  }
  return rows;
}

inline std::string Bootstrap() {
  std::string b = ReadFile(std::string(FN_IT_DIR) + "/bootstrap");
  while (!b.empty() && (b.back() == '\n' || b.back() == ' ')) b.pop_back();
  return b;
}

// What the Fluss Java client reported (testing/README.md, dump-meta).
inline nlohmann::json JavaMeta() {
  return nlohmann::json::parse(ReadFile(std::string(FN_IT_DIR) + "/meta.json"));
}

struct CliRun {
  int exit_code;
  std::string out;  // stdout and stderr
};

// Runs `cmd` (a shell command) and returns its stdout and exit code.
inline CliRun Shell(const std::string& cmd) {
  FILE* p = popen(cmd.c_str(), "r");
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), p)) > 0) out.append(buf, n);
  int status = pclose(p);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

// Runs the CLI binary with `args` (a shell fragment); stderr is in `out` too.
inline CliRun RunCli(const std::string& args) { return Shell(std::string(FN_CLI) + " " + args + " 2>&1"); }

inline std::unique_ptr<Client> OpenClient() {
  ClientConfig config;
  config.bootstrap_servers = {Bootstrap()};
  auto client = Client::Open(config);
  EXPECT_TRUE(client.ok()) << client.status().ToString();
  return client.ok() ? std::move(client).value() : nullptr;
}

}  // namespace fluss_native::it
