#include "lake/paimon/snapshot.h"

#include <nlohmann/json.hpp>

namespace fluss_native::lake::paimon {

Result<Snapshot> ParseSnapshot(const std::string& json, const std::string& where) {
  using Json = nlohmann::json;
  Json j = Json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Status::Corruption("Paimon snapshot " + where + " is not a JSON object");
  auto integer = [&](const char* key) -> std::optional<int64_t> {
    if (j.contains(key) && j[key].is_number_integer()) return j[key].get<int64_t>();
    return std::nullopt;
  };
  auto text = [&](const char* key) -> std::optional<std::string> {
    if (j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
    return std::nullopt;
  };
  Snapshot s;
  auto id = integer("id");
  auto schema_id = integer("schemaId");
  auto base = text("baseManifestList");
  auto delta = text("deltaManifestList");
  if (!id || !schema_id || !base || !delta) {
    return Status::Corruption("Paimon snapshot " + where +
                              " lacks one of id, schemaId, baseManifestList, deltaManifestList");
  }
  s.id = *id;
  s.schema_id = *schema_id;
  s.base_manifest_list = *base;
  s.delta_manifest_list = *delta;
  s.changelog_manifest_list = text("changelogManifestList");
  s.index_manifest = text("indexManifest");
  s.commit_kind = text("commitKind").value_or("");
  s.time_millis = integer("timeMillis").value_or(0);
  s.total_record_count = integer("totalRecordCount");
  if (j.contains("properties") && j["properties"].is_object()) {
    for (const auto& [k, v] : j["properties"].items()) {
      if (v.is_string()) s.properties[k] = v.get<std::string>();
    }
  }
  return s;
}

}  // namespace fluss_native::lake::paimon
