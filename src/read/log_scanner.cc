#include "read/log_scanner.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <set>

#include "common/file_system.h"
#include "common/type_builder.h"
#include "format/arrow/arrow_compose.h"
#include "format/logbatch/batch_header.h"
#include "expr/bound_predicate.h"
#include "read/log_batch_prune.h"
#include "read/server_filter.h"
#include "rpc/messages/fetch_log.h"

namespace fluss_native::read {
namespace {

namespace msg = rpc::messages;

std::string Key(const std::string& partition, int bucket) {
  return partition + "\x1f" + std::to_string(bucket);
}

Result<logbatch::LogFormat> ParseLogFormat(const TableInfo& t) {
  std::string f = t.log_format();
  if (f == "ARROW") return logbatch::LogFormat::kArrow;
  if (f == "INDEXED") return logbatch::LogFormat::kIndexed;
  if (f == "COMPACTED") return logbatch::LogFormat::kCompacted;
  return Status::Unsupported("unsupported log format '" + f + "' of table '" + t.path.ToString() + "'");
}

// `base` with the bucket filled in, so decode errors name it.
logbatch::LogReadContext ForBucket(const logbatch::LogReadContext& base, const BucketCursor& cursor) {
  logbatch::LogReadContext ctx = base;
  ctx.bucket = cursor.bucket;
  ctx.partition_id = cursor.partition_id;
  ctx.partition_name = cursor.partition_name;
  ctx.v1_layout = cursor.v1_layout;
  return ctx;
}

// {tablet dir}/{segment id}/{start offset, 20 digits}.log (Fluss FlussPaths).
std::string RemoteSegmentPath(const std::string& tablet_dir, const std::string& segment_id, int64_t start) {
  std::string digits = std::to_string(start);
  if (digits.size() < 20) digits.insert(0, 20 - digits.size(), '0');
  return tablet_dir + "/" + segment_id + "/" + digits + ".log";
}


}  // namespace

std::string BucketCursor::Describe(const TablePath& table) const {
  return "bucket " + std::to_string(bucket) +
         (partition_name.empty() ? "" : " of partition '" + partition_name + "'") + " of table '" +
         table.ToString() + "'";
}

Result<std::unique_ptr<LogScanner>> LogScanner::Open(std::shared_ptr<cluster::Gateway> gateway,
                                                     std::shared_ptr<Catalog> catalog, const TablePath& table,
                                                     const LogScanOptions& options, LogScanInternalOptions internal) {
  std::unique_ptr<LogScanner> scanner(new LogScanner(std::move(gateway), std::move(catalog), options, internal));
  FN_RETURN_IF_ERROR(scanner->Plan(table));
  return scanner;
}

Status LogScanner::Plan(const TablePath& path) {
  FN_ASSIGN_OR_RETURN(table_, catalog_->GetTable(path));
  const TableInfo& t = *table_;
  if (options_.fetch_max_bytes < 1024 || options_.bucket_max_bytes < 1024) {
    return Status::InvalidArgument("fetch sizes must be at least 1024 bytes");
  }

  // Projection: the server returns projected fields in table order.
  std::vector<int> wanted;
  if (options_.columns.empty()) {
    for (size_t i = 0; i < t.columns.size(); ++i) wanted.push_back(static_cast<int>(i));
  } else {
    for (const auto& name : options_.columns) {
      int idx = t.ColumnIndex(name);
      if (idx < 0) {
        return Status::InvalidArgument("column '" + name + "' does not exist in table '" +
                                       path.ToString() + "'");
      }
      if (std::find(wanted.begin(), wanted.end(), idx) != wanted.end()) {
        return Status::InvalidArgument("column '" + name + "' is selected twice");
      }
      wanted.push_back(idx);
    }
  }
  wanted_fields_ = wanted;
  projected_fields_ = wanted;
  std::sort(projected_fields_.begin(), projected_fields_.end());
  DataType wire_row = MakeType(TypeRoot::kRow, false);
  for (int idx : projected_fields_) {
    const Column& c = t.columns[static_cast<size_t>(idx)];
    AddField(&wire_row, c.name, c.type);
  }
  output_type_ = MakeType(TypeRoot::kRow, false);
  for (int idx : wanted) {
    output_positions_.push_back(static_cast<int>(
        std::find(projected_fields_.begin(), projected_fields_.end(), idx) - projected_fields_.begin()));
    const Column& c = t.columns[static_cast<size_t>(idx)];
    AddField(&output_type_, c.name, c.type);
  }
  if (options_.metadata_columns) {
    AddField(&output_type_, "__offset", MakeType(TypeRoot::kBigInt, false));
    AddField(&output_type_, "__timestamp", MakeType(TypeRoot::kTimestampLtz, false, 3));
    AddField(&output_type_, "__bucket", MakeType(TypeRoot::kInt, false));
    AddField(&output_type_, "__change_type", MakeType(TypeRoot::kString, false));
  }
  if (internal_.change_kind_column) AddField(&output_type_, "__change_kind", MakeType(TypeRoot::kTinyInt, false));

  context_.table_name = path.ToString();
  FN_ASSIGN_OR_RETURN(context_.log_format, ParseLogFormat(t));
  if (context_.log_format != logbatch::LogFormat::kArrow) {
    return Status::Unsupported("unsupported log format " + t.log_format() + " of table '" +
                               path.ToString() + "' (only ARROW logs are read)");
  }
  context_.row_type = wire_row;
  // A projected batch is rewritten by the server but keeps the original CRC.
  context_.verify_crc = projected_fields_.size() == t.columns.size();
  if (internal_.prune_by) {
    context_.keep_batch = LogBatchFilter(*internal_.prune_by, t);
    auto bound = expr::Bind(*internal_.prune_by, t.RowType());
    if (bound.ok() && t.schema_id >= 0) server_filter_ = ServerFilterFor(*bound, t);
  }
  remote_context_ = context_;
  remote_context_.row_type = t.RowType();
  remote_context_.verify_crc = true;

  // Which partitions and buckets.
  std::vector<std::optional<std::string>> partitions;
  if (options_.partitions) {
    if (!t.is_partitioned()) {
      return Status::InvalidArgument("table '" + path.ToString() + "' is not partitioned");
    }
    for (const auto& p : *options_.partitions) partitions.emplace_back(p);
  } else {
    partitions.emplace_back(std::nullopt);
  }
  for (int b : options_.buckets) {
    if (b < 0 || b >= t.bucket_count) {
      return Status::InvalidArgument("bucket " + std::to_string(b) + " does not exist in table '" +
                                     path.ToString() + "' (" + std::to_string(t.bucket_count) +
                                     " buckets)");
    }
  }
  for (const auto& part : partitions) {
    FN_ASSIGN_OR_RETURN(auto locations, catalog_->GetBucketLocations(path, part));
    std::map<std::string, int64_t> start_of, stop_of;
    if (!internal_.fixed_start || !internal_.fixed_stop) {
      FN_ASSIGN_OR_RETURN(auto starts, catalog_->ListOffsets(path, options_.start, part));
      FN_ASSIGN_OR_RETURN(auto stops, catalog_->ListOffsets(path, options_.stop, part));
      for (const auto& o : starts) start_of[Key(o.partition_name, o.bucket)] = o.offset;
      for (const auto& o : stops) stop_of[Key(o.partition_name, o.bucket)] = o.offset;
    }
    for (const auto& loc : locations) {
      if (!options_.buckets.empty() &&
          std::find(options_.buckets.begin(), options_.buckets.end(), loc.bucket) == options_.buckets.end()) {
        continue;
      }
      BucketCursor c;
      c.partition_id = loc.partition_id;
      c.partition_name = loc.partition_name;
      c.bucket = loc.bucket;
      c.leader = loc.leader;
      if (internal_.fixed_start && internal_.fixed_stop) {
        c.next_offset = *internal_.fixed_start;
        c.stop_offset = *internal_.fixed_stop;
      } else {
        c.next_offset = start_of[Key(loc.partition_name, loc.bucket)];
        c.stop_offset = stop_of[Key(loc.partition_name, loc.bucket)];
      }
      // A timestamp with no later rows answers -1: nothing to read there.
      if (c.next_offset < 0) c.next_offset = c.stop_offset;
      cursors_.push_back(std::move(c));
    }
  }
  return Status::OK();
}

Result<bool> LogScanner::Next(ArrowArray* out) {
  while (ready_.empty()) {
    bool all_done = std::all_of(cursors_.begin(), cursors_.end(), [](const BucketCursor& c) { return c.done(); });
    if (all_done || (options_.limit && emitted_rows_ >= *options_.limit)) return false;
    if (cancelled()) return Cancelled();
    FN_RETURN_IF_ERROR(FetchRound());
  }
  ready_.front().MoveTo(out);
  ready_.pop_front();
  if (internal_.metrics) internal_.metrics->log_rows.fetch_add(out->length, std::memory_order_relaxed);
  gateway_->metrics()->AddRead(obs::ReadTier::kLog, out->length, 0);
  return true;
}

Status LogScanner::FetchRound() {
  // Remote segments first, one chunk per round, so memory stays bounded.
  for (auto& c : cursors_) {
    if (!c.remote.empty()) {
      if (c.done()) {
        c.remote.clear();
        continue;
      }
      return ReadRemoteChunk(&c);
    }
  }
  // One request per leader, carrying all of that leader's unfinished buckets.
  std::map<int, std::vector<BucketCursor*>> by_leader;
  bool stale = false;
  for (auto& c : cursors_) {
    if (c.done()) continue;
    if (c.leader < 0) {
      stale = true;
      continue;
    }
    by_leader[c.leader].push_back(&c);
  }
  // Every leader's request goes on the wire first; then this (the caller's)
  // thread waits for each answer in turn. The library starts no thread here:
  // the connections' reader threads complete the calls.
  std::vector<std::pair<int, Result<cluster::PendingServerCall>>> inflight;
  for (const auto& [leader, buckets] : by_leader) {
    msg::FetchLogRequest req;
    req.max_bytes = static_cast<int32_t>(std::min<int64_t>(options_.fetch_max_bytes, FetchCap()));
    req.max_wait_ms = 100;
    req.min_bytes = 1;
    req.table_id = table_->table_id;
    if (projected_fields_.size() != table_->columns.size()) req.projected_fields = projected_fields_;
    for (const BucketCursor* c : buckets) {
      req.buckets.push_back({c->partition_id, c->bucket, c->next_offset, BucketFetchBytes()});
    }
    // The leader's ApiVersions decide the batch layout and the filter: a
    // 0.9 server is never sent one. No answer: this leader fails the round
    // like a failed call (retried with the leader looked up again).
    auto features = gateway_->ServerFeaturesOf(leader);
    if (!features.ok()) {
      inflight.emplace_back(leader, Result<cluster::PendingServerCall>(features.status()));
      continue;
    }
    const bool fluss_1_0 = features->v1_batches_carry_statistics;
    for (BucketCursor* c : buckets) {
      c->v1_layout = fluss_1_0 ? logbatch::V1Layout::kStatistics : logbatch::V1Layout::kLeaderEpoch;
    }
    if (server_filter_ && features->fetch_log_filter) {
      req.filter = server_filter_;
      req.filter_schema_id = table_->schema_id;
    }
    inflight.emplace_back(leader, gateway_->StartServer(leader, msg::FetchLogRequest::kApiKey, req.Encode()));
  }

  Status round_failure;
  for (auto& [leader, started] : inflight) {
    if (cancelled()) return Cancelled();
    Result<std::string> body =
        started.ok() ? started->Wait(options_.cancel.get()) : Result<std::string>(started.status());
    if (!body.ok() && body.status().code() == StatusCode::kCancelled) return Cancelled();
    if (body.ok()) {
      gateway_->metrics()->AddRead(obs::ReadTier::kLog, 0, static_cast<int64_t>(body->size()));
      if (internal_.metrics) {
        internal_.metrics->log_bytes_fetched.fetch_add(static_cast<int64_t>(body->size()), std::memory_order_relaxed);
      }
    }
    auto& buckets = by_leader[leader];
    if (!body.ok()) {
      if (!body.status().retriable()) {
        return body.status().WithContext("fetch log of table '" + table_->path.ToString() + "'");
      }
      round_failure = body.status();
      for (auto* c : buckets) c->leader = -1;  // find the leader again
      gateway_->metrics()->failovers.fetch_add(buckets.size(), std::memory_order_relaxed);
      stale = true;
      continue;
    }
    auto resp = msg::FetchLogResponse::Decode(std::move(body).value());
    if (!resp.ok()) return resp.status();
    for (const auto& tresp : resp->tables) {
      if (tresp.table_id != table_->table_id) continue;
      for (const auto& bresp : tresp.buckets) {
        BucketCursor* cursor = nullptr;
        for (auto* c : buckets) {
          if (c->bucket == bresp.bucket && c->partition_id.value_or(-1) == bresp.partition_id.value_or(-1)) {
            cursor = c;
          }
        }
        if (!cursor) {
          return Status::Corruption("FetchLog answered for bucket " + std::to_string(bresp.bucket) +
                                    " of table '" + table_->path.ToString() + "', which was not asked");
        }
        if (!bresp.error.ok()) {
          if (!bresp.error.retriable()) {
            return bresp.error.WithContext("fetch " + cursor->Describe(table_->path) + " at offset " +
                                           std::to_string(cursor->next_offset));
          }
          round_failure = bresp.error;
          cursor->leader = -1;
          gateway_->metrics()->failovers.fetch_add(1, std::memory_order_relaxed);
          stale = true;
          continue;
        }
        if (bresp.remote && !bresp.remote->segments.empty()) {
          const auto& info = *bresp.remote;
          for (size_t i = 0; i < info.segments.size(); ++i) {
            const auto& seg = info.segments[i];
            RemoteRead r;
            r.path = RemoteSegmentPath(info.tablet_dir, seg.segment_id, seg.start_offset);
            r.position = i == 0 ? info.first_start_pos : 0;
            r.size = seg.size_in_bytes;
            cursor->remote.push_back(std::move(r));
          }
          continue;
        }
        FN_RETURN_IF_ERROR(HandleBucket(cursor, *resp, bresp));
        // With a filter, the server may have read past what it returned.
        if (bresp.filtered_end_offset && *bresp.filtered_end_offset > cursor->next_offset) {
          cursor->next_offset = std::min(*bresp.filtered_end_offset, cursor->stop_offset);
          cursor->empty_fetches = 0;
        }
        if (options_.limit && emitted_rows_ >= *options_.limit) return Status::OK();
      }
    }
  }
  if (stale) {
    auto now = std::chrono::steady_clock::now();
    if (failed_rounds_++ == 0) first_failure_ = now;
    if (now - first_failure_ > options_.failover_timeout) {
      Status why = round_failure.ok() ? Status(StatusCode::kNotLeader, "no leader", true) : round_failure;
      return why.WithContext("fetch log of table '" + table_->path.ToString() + "' found no leader for " +
                             std::to_string(std::chrono::duration_cast<std::chrono::seconds>(
                                                options_.failover_timeout).count()) +
                             "s (" + std::to_string(failed_rounds_) + " rounds)");
    }
    gateway_->metrics()->rpc_retries.fetch_add(1);
    if (internal_.metrics) internal_.metrics->retries.fetch_add(1, std::memory_order_relaxed);
    // Not a bare sleep: a cancellation (backoff_.Interrupt()) wakes it.
    if (PauseCancelled(gateway_->retry_policy().BackoffFor(failed_rounds_))) return Cancelled();
    FN_RETURN_IF_ERROR(RefreshLeaders());
    if (cancelled()) return Cancelled();
  } else {
    failed_rounds_ = 0;
  }
  return Status::OK();
}

int64_t LogScanner::FetchCap() const {
  if (!internal_.budget) return std::numeric_limits<int32_t>::max();
  return std::max<int64_t>(1024, internal_.budget->limit() / 4);
}

std::string LogScanner::ScanName() const {
  return internal_.scan_description.empty() ? "log scan of table '" + table_->path.ToString() + "'"
                                            : internal_.scan_description;
}

int32_t LogScanner::BucketFetchBytes() const {
  if (!options_.limit) return static_cast<int32_t>(std::min<int64_t>(options_.bucket_max_bytes, FetchCap()));
  // A LIMIT asks for about what the rows it still needs take (the server
  // still sends at least one whole batch), so LIMIT 10 reads O(10) rows'
  // bytes, not a full fetch.
  constexpr int64_t kBytesPerRowGuess = 256, kMinBytes = 16 << 10;
  const int64_t rows_left = std::max<int64_t>(*options_.limit - emitted_rows_, 1);
  const int64_t want = std::max<int64_t>(kMinBytes, rows_left * kBytesPerRowGuess);
  return static_cast<int32_t>(std::min<int64_t>({want, options_.bucket_max_bytes, FetchCap()}));
}

bool LogScanner::PauseCancelled(std::chrono::milliseconds pause) {
  const auto end = std::chrono::steady_clock::now() + pause;
  if (!options_.cancel) return backoff_.WaitUntil(end);
  while (std::chrono::steady_clock::now() < end) {
    if (cancelled()) return true;
    if (backoff_.WaitUntil(std::min(end, std::chrono::steady_clock::now() + rpc::kCancelPollInterval))) return true;
  }
  return cancelled();
}

Status LogScanner::Cancelled() const {
  return Status(StatusCode::kCancelled, "log scan of table '" + table_->path.ToString() + "' was cancelled");
}

Status LogScanner::RefreshLeaders() {
  std::set<std::optional<std::string>> partitions;
  for (const auto& c : cursors_) {
    if (!c.done() && c.leader < 0) {
      partitions.insert(c.partition_name.empty() ? std::nullopt : std::optional<std::string>(c.partition_name));
    }
  }
  for (const auto& part : partitions) {
    auto locations = catalog_->GetBucketLocations(table_->path, part);
    if (!locations.ok()) {
      if (!locations.status().retriable()) return locations.status();
      continue;  // the next round tries again
    }
    for (auto& c : cursors_) {
      for (const auto& loc : *locations) {
        if (loc.bucket == c.bucket && loc.partition_name == c.partition_name) c.leader = loc.leader;
      }
    }
  }
  return Status::OK();
}

Status LogScanner::HandleBucket(BucketCursor* cursor, const msg::FetchLogResponse& response,
                                const msg::FetchLogBucketResult& bucket) {
  std::string_view records = response.RecordsOf(bucket);
  const bool filtered_ahead = bucket.filtered_end_offset && *bucket.filtered_end_offset > cursor->next_offset;
  if (records.empty() && filtered_ahead) return Status::OK();  // the caller moves on
  if (records.empty()) {
    // The stop offset was at most the high watermark when pinned, so data
    // must come; a leader that lost it answers empty until a new one takes over.
    if (++cursor->empty_fetches > 600) {
      return Status::Timeout("no data at offset " + std::to_string(cursor->next_offset) + " of " +
                             cursor->Describe(table_->path) + " (stop offset " +
                             std::to_string(cursor->stop_offset) + ")");
    }
    return Status::OK();
  }
  cursor->empty_fetches = 0;
  // The batches point into the response body, which the arrays keep alive;
  // under a budget, into a copy in the budget's memory instead, so that
  // what the scan and its consumer hold is what the budget counts.
  const uint8_t* data = reinterpret_cast<const uint8_t*>(records.data());
  arrow::KeepAlive owner = response.body;
  if (internal_.budget) {
    auto copy = internal_.budget->Allocate(static_cast<int64_t>(records.size()),
                                           ScanName() + ": a fetch of log records at offset " +
                                               std::to_string(cursor->next_offset) + " of " +
                                               cursor->Describe(table_->path));
    if (!copy.ok()) return copy.status();
    std::memcpy(copy->get(), records.data(), records.size());
    data = copy->get();
    owner = std::move(copy).value();
  }
  FN_ASSIGN_OR_RETURN(auto decoded,
                      logbatch::DecodeLogRecords(data, records.size(), std::move(owner), ForBucket(context_, *cursor)));
  if (decoded.batches.empty() && decoded.truncated_bytes > 0 && internal_.budget &&
      BucketFetchBytes() >= FetchCap()) {
    return Status::ResourceExhausted(ScanName() + ": a log batch at offset " + std::to_string(cursor->next_offset) +
                                     " of " + cursor->Describe(table_->path) +
                                     " is larger than the fetch size the scan's memory budget of " +
                                     std::to_string(internal_.budget->limit()) + " bytes allows (" +
                                     std::to_string(FetchCap()) + " bytes)");
  }
  if (decoded.batches.empty() && decoded.truncated_bytes > 0) {
    return Status::Unsupported("a log batch at offset " + std::to_string(cursor->next_offset) + " of " +
                               cursor->Describe(table_->path) + " is larger than the fetch size of " +
                               std::to_string(options_.bucket_max_bytes) + " bytes");
  }
  for (auto& batch : decoded.batches) {
    if (cursor->done()) break;
    CountBatch(batch);
    if (!batch.skipped) FN_RETURN_IF_ERROR(EmitBatch(cursor, batch, output_positions_));
    cursor->next_offset = std::max(cursor->next_offset, std::min(batch.next_offset(), cursor->stop_offset));
  }
  return Status::OK();
}

Status LogScanner::ReadRemoteChunk(BucketCursor* cursor) {
  RemoteRead& r = cursor->remote.front();
  auto where = [&] {
    return "remote log segment '" + r.path + "' at byte " + std::to_string(r.position) + " of " +
           cursor->Describe(table_->path);
  };
  if (r.position < 0 || r.position > r.size) {
    return Status::Corruption("start position outside the " + where());
  }
  FN_ASSIGN_OR_RETURN(auto fs, FileSystemFor(r.path));
  gateway_->metrics()->remote_log_chunks.fetch_add(1);
  int64_t chunk = BucketFetchBytes();  // smaller under a LIMIT
  while (true) {
    int64_t length = std::min(chunk, r.size - r.position);
    // Under a budget the chunk is counted before it is read, so a budget
    // smaller than one chunk (or than the batch a chunk must hold) is
    // refused here, naming the split, rather than read around.
    std::shared_ptr<uint8_t> counted;
    if (internal_.budget) {
      auto held = internal_.budget->Allocate(length, ScanName() + ": a chunk of " + where());
      if (!held.ok()) return held.status();
      counted = std::move(held).value();
    }
    auto bytes = fs->ReadRange(r.path, r.position, length);
    if (!bytes.ok()) return bytes.status().WithContext("read " + where());
    if (static_cast<int64_t>(bytes->size()) < length) {
      return Status::Corruption("file is shorter than the " + where() + " says (" +
                                std::to_string(r.size) + " bytes)");
    }
    gateway_->metrics()->remote_log_bytes.fetch_add(bytes->size());
    gateway_->metrics()->AddRead(obs::ReadTier::kLog, 0, static_cast<int64_t>(bytes->size()));
    if (internal_.metrics) {
      internal_.metrics->log_bytes_fetched.fetch_add(static_cast<int64_t>(bytes->size()), std::memory_order_relaxed);
    }
    logbatch::DecodedLogRecords decoded;
    std::shared_ptr<const std::string> owned;
    if (counted) {
      // The batches point into the budget's copy; the read buffer goes now.
      const size_t got = bytes->size();
      std::memcpy(counted.get(), bytes->data(), got);
      bytes = std::string();
      FN_ASSIGN_OR_RETURN(decoded, logbatch::DecodeLogRecords(counted.get(), got, counted,
                                                              ForBucket(remote_context_, *cursor)));
    } else {
      owned = std::make_shared<const std::string>(std::move(bytes).value());
      FN_ASSIGN_OR_RETURN(decoded, logbatch::DecodeLogRecords(owned, ForBucket(remote_context_, *cursor)));
    }
    const uint8_t* head = counted ? counted.get() : reinterpret_cast<const uint8_t*>(owned->data());
    const size_t head_size = counted ? static_cast<size_t>(length) : owned->size();
    if (decoded.batches.empty() && length > 0) {
      // One batch is larger than the chunk: read more at once, within reason.
      if (length == r.size - r.position || chunk >= (int64_t{256} << 20)) {
        return Status::Corruption("no complete log batch in the " + where());
      }
      // The batch header says how much is needed: read that (a LIMIT's
      // small first chunk then costs one extra read, not a doubling series).
      int64_t need = 0;
      if (head_size >= logbatch::kLogOverhead) {
        uint32_t length = 0;  // little-endian
        for (int i = 3; i >= 0; --i) {
          length = (length << 8) | head[logbatch::kLengthOffset + static_cast<size_t>(i)];
        }
        need = static_cast<int64_t>(logbatch::kLogOverhead) + static_cast<int32_t>(length);
      }
      chunk = need > chunk ? std::min<int64_t>(need, int64_t{256} << 20) : chunk * 2;
      continue;
    }
    for (auto& batch : decoded.batches) {
      if (cursor->done()) break;
      CountBatch(batch);
      if (!batch.skipped) FN_RETURN_IF_ERROR(EmitBatch(cursor, batch, wanted_fields_));
      cursor->next_offset = std::max(cursor->next_offset, std::min(batch.next_offset(), cursor->stop_offset));
    }
    r.position += static_cast<int64_t>(decoded.bytes_consumed);
    if (r.position >= r.size || cursor->done()) cursor->remote.pop_front();
    return Status::OK();
  }
}

void LogScanner::CountBatch(const logbatch::LogBatch& batch) {
  if (!internal_.metrics) return;
  internal_.metrics->log_batches_total.fetch_add(1, std::memory_order_relaxed);
  if (!batch.skipped) internal_.metrics->log_batches_kept.fetch_add(1, std::memory_order_relaxed);
}

Status LogScanner::EmitBatch(BucketCursor* cursor, logbatch::LogBatch& batch,
                             const std::vector<int>& positions) {
  const int64_t base = batch.base_offset();
  const int64_t rows = batch.record_count();
  int64_t from = std::max<int64_t>(0, cursor->next_offset - base);
  int64_t to = std::min<int64_t>(rows, cursor->stop_offset - base);
  if (options_.limit) to = std::min(to, from + (*options_.limit - emitted_rows_));
  if (to <= from) return Status::OK();
  const int64_t n = to - from;

  // The decoded struct array is shared by the columns borrowed from it.
  auto columns = std::make_shared<arrow::UniqueArrowArray>(std::move(batch.columns));
  arrow::KeepAlive owner(columns, static_cast<const void*>(columns.get()));
  const ArrowArray& src = *columns->get();
  int max_position = positions.empty() ? -1 : *std::max_element(positions.begin(), positions.end());
  if (src.n_children <= max_position || src.length != rows) {
    return Status::Corruption("log batch at offset " + std::to_string(base) + " of " +
                              cursor->Describe(table_->path) + " has " + std::to_string(src.n_children) +
                              " columns and " + std::to_string(src.length) + " rows, expected " +
                              std::to_string(max_position + 1) + "+ and " + std::to_string(rows));
  }
  arrow::ArrayNode out;
  out.length = n;
  out.null_count = 0;
  out.buffers = {nullptr};
  for (int pos : positions) {
    arrow::ArrayNode child = BorrowArray(*src.children[pos], owner);
    SliceNode(&child, from, n);
    out.children.push_back(std::move(child));
  }
  if (options_.metadata_columns) {
    std::vector<int64_t> offsets(static_cast<size_t>(n)), timestamps(static_cast<size_t>(n), batch.commit_timestamp());
    std::vector<int32_t> buckets(static_cast<size_t>(n), cursor->bucket);
    std::vector<std::string_view> changes(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) {
      offsets[static_cast<size_t>(i)] = base + from + i;
      changes[static_cast<size_t>(i)] = logbatch::ChangeTypeShortString(batch.change_type(from + i));
    }
    FN_ASSIGN_OR_RETURN(auto c1, Int64Column(offsets));
    FN_ASSIGN_OR_RETURN(auto c2, Int64Column(timestamps));
    FN_ASSIGN_OR_RETURN(auto c3, Int32Column(buckets));
    FN_ASSIGN_OR_RETURN(auto c4, Utf8Column(changes));
    out.children.push_back(std::move(c1));
    out.children.push_back(std::move(c2));
    out.children.push_back(std::move(c3));
    out.children.push_back(std::move(c4));
  }
  if (internal_.change_kind_column) {
    std::vector<int8_t> kinds(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i) kinds[static_cast<size_t>(i)] = static_cast<int8_t>(batch.change_type(from + i));
    FN_ASSIGN_OR_RETURN(auto kind_column, Int8Column(kinds));
    out.children.push_back(std::move(kind_column));
  }
  arrow::UniqueArrowArray exported;
  arrow::ExportArray(std::move(out), exported.get());
  ready_.push_back(std::move(exported));
  emitted_rows_ += n;
  return Status::OK();
}

}  // namespace fluss_native::read
