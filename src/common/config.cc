#include "fluss_native/config.h"

#include <cctype>
#include <limits>

#include "common/api_boundary.h"
#include "common/endpoint.h"

namespace fluss_native {
namespace {

Result<int64_t> ParseInt(const std::string& key, const std::string& text, int64_t lo, int64_t hi) {
  if (text.empty()) return Status::InvalidArgument("property '" + key + "' is empty");
  int64_t v = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c)) || v > (hi - (c - '0')) / 10) {
      return Status::InvalidArgument("property '" + key + "' = '" + text +
                                     "' is not a whole number in [" + std::to_string(lo) +
                                     ", " + std::to_string(hi) + "]");
    }
    v = v * 10 + (c - '0');
  }
  if (v < lo) {
    return Status::InvalidArgument("property '" + key + "' = '" + text + "' is below " +
                                   std::to_string(lo));
  }
  return v;
}

std::vector<std::string> SplitServers(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text + ",") {
    if (c == ',') {
      size_t b = cur.find_first_not_of(" \t");
      size_t e = cur.find_last_not_of(" \t");
      if (b != std::string::npos) out.push_back(cur.substr(b, e - b + 1));
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

}  // namespace

namespace {

Result<std::chrono::milliseconds> ParseDurationImpl(const std::string& text) {
  size_t i = 0;
  while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) ++i;
  if (i == 0) return Status::InvalidArgument("duration '" + text + "' does not start with a number");
  std::string unit = text.substr(i);
  for (auto& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  int64_t scale;
  if (unit.empty() || unit == "ms") scale = 1;
  else if (unit == "s") scale = 1000;
  else if (unit == "min" || unit == "m") scale = 60 * 1000;
  else if (unit == "h") scale = 3600 * 1000;
  else if (unit == "d") scale = 24 * 3600 * 1000;
  else return Status::InvalidArgument("duration '" + text + "' has unknown unit '" + unit + "'");
  FN_ASSIGN_OR_RETURN(int64_t n, ParseInt("duration", text.substr(0, i), 0,
                                          std::numeric_limits<int64_t>::max() / scale));
  return std::chrono::milliseconds(n * scale);
}

}  // namespace

// The public functions here are API entry points: nothing may throw out.
Result<std::chrono::milliseconds> ParseDuration(const std::string& text) {
  return CallAtBoundary("ParseDuration", [&] { return ParseDurationImpl(text); });
}

Result<ClientConfig> ClientConfig::FromProperties(const std::map<std::string, std::string>& props) {
  return CallAtBoundary("ClientConfig::FromProperties", [&]() -> Result<ClientConfig> {
  ClientConfig c;
  for (const auto& [raw_key, value] : props) {
    std::string key = raw_key.rfind("fluss.", 0) == 0 ? raw_key.substr(6) : raw_key;
    auto duration = [&](std::chrono::milliseconds* out) -> Status {
      auto d = ParseDuration(value);
      if (!d.ok()) return d.status().WithContext("property '" + raw_key + "'");
      *out = *d;
      return Status::OK();
    };
    if (key == "bootstrap.servers") {
      c.bootstrap_servers = SplitServers(value);
    } else if (key == "client.connect-timeout") {
      FN_RETURN_IF_ERROR(duration(&c.connect_timeout));
    } else if (key == "client.request-timeout") {
      FN_RETURN_IF_ERROR(duration(&c.request_timeout));
    } else if (key == "client.call-timeout") {
      FN_RETURN_IF_ERROR(duration(&c.call_timeout));
    } else if (key == "client.tcp.keepalive-idle") {
      FN_RETURN_IF_ERROR(duration(&c.tcp_keepalive_idle));
    } else if (key == "client.tcp.keepalive-interval") {
      FN_RETURN_IF_ERROR(duration(&c.tcp_keepalive_interval));
    } else if (key == "client.tcp.keepalive-count") {
      FN_ASSIGN_OR_RETURN(int64_t n, ParseInt(raw_key, value, 1, 100));
      c.tcp_keepalive_count = static_cast<int>(n);
    } else if (key == "client.tcp.user-timeout") {
      FN_RETURN_IF_ERROR(duration(&c.tcp_user_timeout));
    } else if (key == "client.circuit-breaker.failure-threshold") {
      FN_ASSIGN_OR_RETURN(int64_t n, ParseInt(raw_key, value, 0, 1000000));
      c.circuit_breaker_failure_threshold = static_cast<int>(n);
    } else if (key == "client.circuit-breaker.cooldown") {
      FN_RETURN_IF_ERROR(duration(&c.circuit_breaker_cooldown));
    } else if (key == "client.retries") {
      FN_ASSIGN_OR_RETURN(int64_t n, ParseInt(raw_key, value, 0, 100));
      c.max_retries = static_cast<int>(n);
    } else if (key == "client.retry.backoff") {
      FN_RETURN_IF_ERROR(duration(&c.retry_backoff));
    } else if (key == "client.retry.max-backoff") {
      FN_RETURN_IF_ERROR(duration(&c.retry_max_backoff));
    } else if (key == "client.max-frame-size") {
      FN_ASSIGN_OR_RETURN(c.max_frame_bytes, ParseInt(raw_key, value, 1024, INT32_MAX));
    } else if (key == "metadata.cache.ttl") {
      FN_RETURN_IF_ERROR(duration(&c.metadata_cache_ttl));
    } else if (key == "metadata.cache.max-tables") {
      FN_ASSIGN_OR_RETURN(int64_t n, ParseInt(raw_key, value, 1, 10'000'000));
      c.metadata_cache_max_tables = static_cast<size_t>(n);
    } else if (key == "client.security.protocol") {
      c.security_protocol = value;
    } else if (key == "client.security.sasl.mechanism") {
      c.sasl_mechanism = value;
    } else if (key == "client.security.sasl.username") {
      c.sasl_username = value;
    } else if (key == "client.security.sasl.password") {
      c.sasl_password = value;
    } else if (key.rfind("lake.paimon.", 0) == 0 && key.size() > 12) {
      c.lake_paimon_overrides[key.substr(12)] = value;
    }
  }
    FN_RETURN_IF_ERROR(c.Validate());
    return c;
  });
}

Status ClientConfig::Validate() const {
  return CallAtBoundary("ClientConfig::Validate", [&]() -> Status {
  if (bootstrap_servers.empty()) {
    return Status::InvalidArgument("'bootstrap.servers' is required (host:port[,host:port...])");
  }
  for (const auto& s : bootstrap_servers) {
    auto ep = Endpoint::Parse(s);
    if (!ep.ok()) return ep.status().WithContext("'bootstrap.servers'");
  }
  if (connect_timeout.count() <= 0 || request_timeout.count() <= 0) {
    return Status::InvalidArgument("connect and request timeouts must be positive");
  }
  if (call_timeout.count() <= 0) return Status::InvalidArgument("'client.call-timeout' must be positive");
  if (tcp_keepalive_idle.count() < 0 || tcp_keepalive_interval.count() < 0 || tcp_keepalive_count < 1 ||
      tcp_user_timeout.count() < 0 || tcp_keepalive_idle > std::chrono::hours(24 * 365) ||
      tcp_keepalive_interval > std::chrono::hours(24 * 365) || tcp_user_timeout > std::chrono::hours(24 * 24)) {
    return Status::InvalidArgument("'client.tcp.*' keepalive settings out of range");
  }
  if (circuit_breaker_failure_threshold < 0 || circuit_breaker_cooldown.count() < 0) {
    return Status::InvalidArgument("'client.circuit-breaker.*' settings must not be negative");
  }
  if (max_frame_bytes < 1024) return Status::InvalidArgument("'client.max-frame-size' below 1024");
  if (security_protocol != "PLAINTEXT" && security_protocol != "SASL" &&
      security_protocol != "SASL_PLAINTEXT") {
    return Status::InvalidArgument("'client.security.protocol' = '" + security_protocol +
                                   "' is not PLAINTEXT or SASL (Fluss has no TLS listener)");
  }
  if (security_protocol != "PLAINTEXT" && sasl_mechanism != "PLAIN") {
    return Status::Unsupported("SASL mechanism '" + sasl_mechanism + "' (only PLAIN is supported)");
  }
  return Status::OK();
  });
}

}  // namespace fluss_native
