// Shared helpers for tests against the fixture cluster.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "fluss_native/client.h"

namespace fluss_native::it {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
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

inline std::unique_ptr<Client> OpenClient() {
  ClientConfig config;
  config.bootstrap_servers = {Bootstrap()};
  auto client = Client::Open(config);
  EXPECT_TRUE(client.ok()) << client.status().ToString();
  return client.ok() ? std::move(client).value() : nullptr;
}

}  // namespace fluss_native::it
