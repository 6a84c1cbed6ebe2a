#include "rpc/server_features.h"

#include "rpc/api_keys.h"

namespace fluss_native::rpc {
namespace {

// 0.9.1-incubating's highest API key (GET_TABLE_STATS).
constexpr int16_t kLastKeyOf09 = 1059;
// PRODUCE_LOG's highest version in 0.9.1; 1.0.0 announces 1.
constexpr int16_t kProduceLogMaxOf09 = 0;
constexpr int16_t kProduceLog = 1014;

}  // namespace

ServerFeatures ServerFeatures::FromApiVersions(const AnnouncedVersions& versions) {
  ServerFeatures f;
  for (const auto& [key, range] : versions) {
    if (key > kLastKeyOf09 && key < 2000) f.fluss_1_0 = true;
    if (key == kProduceLog && range.second > kProduceLogMaxOf09) f.fluss_1_0 = true;
  }
  auto offers = [&](ApiKey key) {
    auto it = versions.find(static_cast<int16_t>(key));
    return it != versions.end() && it->second.first <= 0 && it->second.second >= 0;
  };
  f.v1_batches_carry_statistics = f.fluss_1_0;
  f.fetch_log_filter = f.fluss_1_0 && offers(ApiKey::kFetchLog);
  f.scan_kv = offers(ApiKey::kScanKv);
  return f;
}

std::string ServerFeatures::Describe() const {
  if (!fluss_1_0) return "Fluss 0.9 protocol";
  std::string out = "Fluss 1.0 protocol (";
  out += fetch_log_filter ? "filter pushdown" : "no filter pushdown";
  out += scan_kv ? ", SCAN_KV)" : ", no SCAN_KV)";
  return out;
}

}  // namespace fluss_native::rpc
