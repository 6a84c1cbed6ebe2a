// What a Fluss server can do beyond the 0.9 protocol, decided from its
// ApiVersions answer alone (the handshake every connection makes), never
// from configuration or a guess.
//
// Neither the ApiVersions response nor any API version tells 0.9 from 1.0
// directly: FETCH_LOG is version 0 in both, although 1.0's FetchLog accepts
// a filter and 1.0 writes magic 1 with statistics where 0.9 wrote it with a
// leader epoch. What differs is the set of APIs announced (fluss-rpc
// ApiKeys of 0.9.1-incubating and 1.0.0): 0.9.1's last key is
// GET_TABLE_STATS (1059) and PRODUCE_LOG is 0..0; 1.0.0 adds ALTER_DATABASE
// (1060), SCAN_KV (1061), GET_CLUSTER_HEALTH (1062) ... and takes PRODUCE_LOG
// to 0..1. A server announcing any of those speaks the 1.0 protocol.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace fluss_native::rpc {

// api key -> (min version, max version), as announced.
using AnnouncedVersions = std::map<int16_t, std::pair<int16_t, int16_t>>;

struct ServerFeatures {
  // The server speaks Fluss 1.0's protocol (see above).
  bool fluss_1_0 = false;
  // Magic 1 batches are 1.0's (statistics after the header), not 0.9's
  // (leader epoch). True exactly when fluss_1_0.
  bool v1_batches_carry_statistics = false;
  // FetchLog understands filter_predicate / filter_schema_id and answers
  // filtered_end_offset: a 1.0 server that announces FETCH_LOG.
  bool fetch_log_filter = false;
  // SCAN_KV (FIP-17) is announced: primary-key state by scanner sessions.
  bool scan_kv = false;

  static ServerFeatures FromApiVersions(const AnnouncedVersions& versions);
  // "Fluss 1.0 protocol (filter pushdown, SCAN_KV)" or "Fluss 0.9 protocol".
  std::string Describe() const;
};

}  // namespace fluss_native::rpc
