#include "common/endpoint.h"

#include <cctype>

namespace fluss_native {

Result<Endpoint> Endpoint::Parse(const std::string& text) {
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("bad server address '" + text + "': " + why +
                                   " (expected host:port)");
  };
  size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0) return bad("no host:port separator");
  Endpoint ep;
  ep.host = text.substr(0, colon);
  if (ep.host.size() > 2 && ep.host.front() == '[' && ep.host.back() == ']') {
    ep.host = ep.host.substr(1, ep.host.size() - 2);
  }
  for (char c : ep.host) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ||
          c == ':')) {
      return bad("host has character '" + std::string(1, c) + "'");
    }
  }
  std::string port = text.substr(colon + 1);
  if (port.empty() || port.size() > 5) return bad("port is not a number in [1, 65535]");
  for (char c : port) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return bad("port is not a number");
  }
  ep.port = std::stoi(port);
  if (ep.port < 1 || ep.port > 65535) return bad("port is not in [1, 65535]");
  return ep;
}

std::string Endpoint::ToString() const {
  return host.find(':') != std::string::npos ? "[" + host + "]:" + std::to_string(port)
                                             : host + ":" + std::to_string(port);
}

}  // namespace fluss_native
