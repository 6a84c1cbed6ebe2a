// Fuzz target: the CLI's own parsers of untrusted text. Input byte 0 picks
// one: a script (SplitScript, then ParseStatement of every piece, WHERE
// clauses included), a TZif file (TimeZone::FromTzif, then offsets at a few
// instants), or a POSIX TZ rule. None may crash; a statement that parses
// must parse again from its pieces the same way.
#include <fstream>
#include <sstream>

#include "fuzz_target.h"
#include "statement.h"
#include "time_zone.h"

using namespace fluss_native;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0: {
      for (const auto& piece : cli::SplitStatements(body)) {
        auto st = cli::ParseStatement(piece);
        if (st.ok() && st->where && st->where_text.empty()) __builtin_trap();
      }
      break;
    }
    case 1: {
      auto tz = cli::TimeZone::FromTzif("fuzz", body);
      if (tz.ok()) {
        for (int64_t t : {int64_t{-4000000000}, int64_t{0}, int64_t{1719792000}, int64_t{4118126400},
                          int64_t{253402300799}}) {
          int32_t off = tz->OffsetAt(t);
          if (off < -26 * 3600 || off > 26 * 3600) __builtin_trap();
        }
      }
      break;
    }
    default: {
      cli::TimeZone::Rule rule;
      if (cli::TimeZone::ParseRule(body, &rule)) {
        for (int64_t t : {int64_t{-4000000000}, int64_t{0}, int64_t{4118126400}}) (void)rule.OffsetAt(t);
      }
      break;
    }
  }
  return 0;
}

std::vector<std::string> FuzzSeeds() {
  std::vector<std::string> seeds = {
      std::string(1, 0) + "SELECT * FROM db.t WHERE id > 0 LIMIT 10; EXPLAIN ANALYZE SELECT COUNT(*) FROM db.t",
      std::string(1, 0) + "select \"a b\", `c` from db.t$log where (x in (1, 2) or s like 'p%') -- c\n limit 3;",
      std::string(1, 0) + "SHOW OFFSETS FROM db.t PARTITION 'x;y' AT TIMESTAMP 5; DESC db.t",
      std::string(1, 2) + "CET-1CEST,M3.5.0,M10.5.0/3",
      std::string(1, 2) + "<+0530>-5:30",
      std::string(1, 2) + "AEST-10AEDT,M10.1.0,M4.1.0/3",
  };
  for (const char* zone : {"Europe/Berlin", "America/New_York", "Asia/Kolkata"}) {
    std::ifstream in(std::string("/usr/share/zoneinfo/") + zone, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    if (!ss.str().empty()) seeds.push_back(std::string(1, 1) + ss.str());
  }
  return seeds;
}
