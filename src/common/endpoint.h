// A server address. Parsed from user text, so every part is validated.
#pragma once

#include <string>

#include "fluss_native/status.h"

namespace fluss_native {

struct Endpoint {
  std::string host;
  int port = 0;

  // Accepts "host:port" and "[v6addr]:port"; port in [1, 65535].
  static Result<Endpoint> Parse(const std::string& text);
  std::string ToString() const;
  bool operator==(const Endpoint& o) const { return host == o.host && port == o.port; }
  bool operator<(const Endpoint& o) const { return host < o.host || (host == o.host && port < o.port); }
};

}  // namespace fluss_native
