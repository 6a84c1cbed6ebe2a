#include "read/lookup/key_lookup.h"

#include <chrono>
#include <map>
#include <optional>
#include <thread>

#include "format/keys/key_layout.h"
#include "format/keys/value_rows.h"
#include "rpc/messages/lookup.h"

namespace fluss_native::read {
namespace {

using Clock = std::chrono::steady_clock;

std::string KeyText(const std::vector<Literal>& key) {
  std::string out;
  for (const auto& v : key) out += (out.empty() ? "" : ", ") + v.ToString();
  return "(" + out + ")";
}

// One encoded key still to be answered.
struct PendingKey {
  size_t index;  // position in the caller's keys
  std::string bytes;
};

struct BucketWork {
  std::string partition;  // name; empty when not partitioned
  std::optional<int64_t> partition_id;
  int bucket = 0;
  std::vector<PendingKey> keys;
};

std::string BucketText(const TableInfo& t, const BucketWork& w) {
  return "bucket " + std::to_string(w.bucket) + (w.partition.empty() ? "" : " of partition '" + w.partition + "'") +
         " of table '" + t.path.ToString() + "'";
}

bool LeaderMoved(const Status& s) {
  return s.code() == StatusCode::kNotLeader || s.code() == StatusCode::kNetwork || s.code() == StatusCode::kTimeout ||
         s.server_error_code() == 21 /* UNKNOWN_TABLE_OR_BUCKET: metadata not there yet */ || s.retriable();
}

Result<std::optional<int64_t>> PartitionId(Catalog* catalog, const TableInfo& table, const std::string& name,
                                          std::map<std::string, std::optional<int64_t>>* memo) {
  auto it = memo->find(name);
  if (it != memo->end()) return it->second;
  auto find = [&]() -> Result<std::optional<int64_t>> {
    FN_ASSIGN_OR_RETURN(auto parts, catalog->ListPartitions(table.path));
    for (const auto& p : parts) {
      if (p.name == name) return std::optional<int64_t>(p.id);
    }
    return std::optional<int64_t>();
  };
  FN_ASSIGN_OR_RETURN(auto id, find());
  if (!id) {
    // The cached list may predate the partition: ask once more.
    catalog->Invalidate(table.path);
    FN_ASSIGN_OR_RETURN(id, find());
  }
  (*memo)[name] = id;
  return id;
}

}  // namespace

Result<LookupRows> LookupByKeys(const LookupEnv& env, const TablePath& path, LookupKind kind,
                                const std::vector<std::vector<Literal>>& keys,
                                const std::vector<std::string>& columns) {
  FN_ASSIGN_OR_RETURN(std::shared_ptr<const TableInfo> info, env.catalog->GetTable(path));
  const TableInfo& table = *info;
  auto layout = kind == LookupKind::kPrimaryKey ? keys::KeyLayout::ForPrimaryKey(table)
                                                : keys::KeyLayout::ForPrefix(table);
  if (!layout.ok()) return layout.status();

  // Output columns.
  std::vector<int> column_index;
  LookupRows out;
  out.row_type.root = TypeRoot::kRow;
  out.row_type.nullable = false;
  if (columns.empty()) {
    for (size_t i = 0; i < table.columns.size(); ++i) column_index.push_back(static_cast<int>(i));
  } else {
    for (const auto& c : columns) {
      int i = table.ColumnIndex(c);
      if (i < 0) return Status::InvalidArgument("table '" + path.ToString() + "' has no column '" + c + "'");
      column_index.push_back(i);
    }
  }
  for (int i : column_index) {
    out.row_type.children.push_back(table.columns[i].type);
    out.row_type.field_names.push_back(table.columns[i].name);
    out.row_type.field_ids.push_back(table.columns[i].id);
    out.row_type.field_descriptions.push_back(table.columns[i].comment);
  }
  auto kv_format = table.properties.find("table.kv.format");
  FN_ASSIGN_OR_RETURN(keys::ValueRowsBuilder rows,
                      keys::ValueRowsBuilder::Make(table.RowType(), table.schema_id,
                                                   kv_format == table.properties.end() ? "" : kv_format->second,
                                                   column_index));

  // Encode, find partitions, group by bucket.
  std::map<std::string, std::optional<int64_t>> partition_ids;
  std::map<std::pair<std::string, int>, BucketWork> work;
  for (size_t k = 0; k < keys.size(); ++k) {
    FN_ASSIGN_OR_RETURN(keys::EncodedKey enc, layout->Encode(keys[k]));
    std::optional<int64_t> partition_id;
    if (table.is_partitioned()) {
      FN_ASSIGN_OR_RETURN(partition_id, PartitionId(env.catalog, table, enc.partition, &partition_ids));
      if (!partition_id) continue;  // no such partition: no row
    }
    auto& w = work[{enc.partition, enc.bucket}];
    w.partition = enc.partition;
    w.partition_id = partition_id;
    w.bucket = enc.bucket;
    w.keys.push_back(PendingKey{k, std::move(enc.key_bytes)});
  }

  // Answers by key index (Lookup: at most one value; PrefixLookup: a list).
  std::vector<std::vector<std::string>> answers(keys.size());
  const rpc::RetryPolicy& policy = env.gateway->retry_policy();
  Clock::time_point deadline = rpc::DeadlineAfter(policy.call_timeout);
  std::vector<BucketWork*> pending;
  for (auto& [k, w] : work) pending.push_back(&w);
  Status last_failure;
  for (int attempt = 0; !pending.empty(); ++attempt) {
    if (attempt > 0) {
      if (attempt > policy.max_retries) {
        return last_failure.WithContext("lookup gave up after " + std::to_string(attempt) + " attempts");
      }
      auto backoff = policy.BackoffFor(attempt);
      if (Clock::now() + backoff >= deadline) {
        return last_failure.WithContext("lookup: the call's deadline leaves no room for another attempt");
      }
      env.gateway->metrics()->rpc_retries.fetch_add(1);
      std::this_thread::sleep_for(backoff);
    }
    // Group the pending buckets by leader.
    std::map<int, std::vector<BucketWork*>> by_leader;
    std::vector<BucketWork*> retry;
    for (BucketWork* w : pending) {
      auto leader = env.leaders->Leader(env.catalog, table, w->partition, w->bucket);
      if (!leader.ok()) {
        if (!leader.status().retriable()) return leader.status().WithContext("lookup in table '" + path.ToString() + "'");
        last_failure = leader.status();
        retry.push_back(w);
        continue;
      }
      by_leader[*leader].push_back(w);
    }
    // Start one request per leader, then wait for each.
    struct InFlight {
      int leader;
      std::vector<BucketWork*> buckets;
      Result<cluster::PendingServerCall> call;
    };
    std::vector<InFlight> calls;
    for (auto& [leader, buckets] : by_leader) {
      std::vector<rpc::messages::LookupBucketKeys> reqs;
      for (BucketWork* w : buckets) {
        rpc::messages::LookupBucketKeys b;
        b.partition_id = w->partition_id;
        b.bucket = w->bucket;
        for (const auto& k : w->keys) b.keys.push_back(k.bytes);
        reqs.push_back(std::move(b));
      }
      std::string body;
      rpc::ApiKey api;
      if (kind == LookupKind::kPrimaryKey) {
        rpc::messages::LookupRequest req;
        req.table_id = table.table_id;
        req.buckets = std::move(reqs);
        body = req.Encode();
        api = req.kApiKey;
      } else {
        rpc::messages::PrefixLookupRequest req;
        req.table_id = table.table_id;
        req.buckets = std::move(reqs);
        body = req.Encode();
        api = req.kApiKey;
      }
      calls.push_back(InFlight{leader, buckets, env.gateway->StartServer(leader, api, body)});
    }
    for (auto& c : calls) {
      Result<std::string> body = c.call.ok() ? c.call->Wait() : Result<std::string>(c.call.status());
      if (!body.ok()) {
        if (!LeaderMoved(body.status())) {
          return body.status().WithContext("lookup in " + BucketText(table, *c.buckets.front()));
        }
        last_failure = body.status().WithContext("lookup in " + BucketText(table, *c.buckets.front()));
        for (BucketWork* w : c.buckets) {
          env.leaders->Forget(table.table_id, w->partition);
          retry.push_back(w);
        }
        continue;
      }
      std::vector<rpc::messages::LookupBucketResult> results;
      if (kind == LookupKind::kPrimaryKey) {
        FN_ASSIGN_OR_RETURN(auto resp, rpc::messages::LookupResponse::Decode(*body));
        results = std::move(resp.buckets);
      } else {
        FN_ASSIGN_OR_RETURN(auto resp, rpc::messages::PrefixLookupResponse::Decode(*body));
        results = std::move(resp.buckets);
      }
      for (BucketWork* w : c.buckets) {
        const rpc::messages::LookupBucketResult* r = nullptr;
        for (const auto& candidate : results) {
          if (candidate.bucket == w->bucket && candidate.partition_id == w->partition_id) r = &candidate;
        }
        if (r == nullptr) {
          return Status::Corruption("lookup response of server " + std::to_string(c.leader) + " has no answer for " +
                                    BucketText(table, *w));
        }
        if (!r->error.ok()) {
          Status e = r->error.WithContext("lookup of key " + KeyText(keys[w->keys.front().index]) + " in " +
                                          BucketText(table, *w));
          if (!LeaderMoved(r->error)) return e;
          last_failure = e;
          env.leaders->Forget(table.table_id, w->partition);
          retry.push_back(w);
          continue;
        }
        size_t n = kind == LookupKind::kPrimaryKey ? r->values.size() : r->value_lists.size();
        if (n != w->keys.size()) {
          return Status::Corruption("lookup response for " + BucketText(table, *w) + " has " + std::to_string(n) +
                                    " answers for " + std::to_string(w->keys.size()) + " keys");
        }
        for (size_t i = 0; i < n; ++i) {
          auto& a = answers[w->keys[i].index];
          if (kind == LookupKind::kPrimaryKey) {
            if (r->values[i]) a.push_back(*r->values[i]);
          } else {
            a = r->value_lists[i];
          }
        }
      }
    }
    pending = std::move(retry);
  }

  // Rows in key order.
  for (size_t k = 0; k < keys.size(); ++k) {
    for (const auto& v : answers[k]) {
      FN_RETURN_IF_ERROR(rows.Append(v, "key " + KeyText(keys[k]) + " of table '" + path.ToString() + "'"));
    }
  }
  FN_ASSIGN_OR_RETURN(out.batch, rows.Finish());
  return out;
}

}  // namespace fluss_native::read
