// Uses the installed headers and library only: a few calls that need no
// server, each checked, so a broken package fails at build, link or run.
#include <cstdio>
#include <map>
#include <string>

#include "fluss_native/client.h"
#include "fluss_native/host.h"

int main() {
  using namespace fluss_native;
  auto config = ClientConfig::FromProperties({{"bootstrap.servers", "127.0.0.1:9123"}});
  if (!config.ok()) {
    std::fprintf(stderr, "FromProperties: %s\n", config.status().ToString().c_str());
    return 1;
  }
  auto predicate = ParsePredicate("id > 10 AND name LIKE 'a%'");
  if (!predicate.ok()) {
    std::fprintf(stderr, "ParsePredicate: %s\n", predicate.status().ToString().c_str());
    return 1;
  }
  CancellationToken token;
  token.Cancel();
  if (!token.cancelled()) return 1;
  std::printf("consumer ok: %s\n", predicate->ToString().c_str());
  return 0;
}
