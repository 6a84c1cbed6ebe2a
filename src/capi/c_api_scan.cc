// The C ABI's planning and reading: scan specs, read options, cancel and
// metrics handles, fluss_native_plan and fluss_native_open_split.
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <string_view>

#include "capi/handles.h"
#include "common/api_boundary.h"
#include "fluss_native/c_api.h"
#include "fluss_native/predicate.h"
#include "fluss_native/split.h"

using fluss_native::CallAtBoundary;
using fluss_native::Status;
using fluss_native::capi::Report;

namespace {

fluss_native::Result<fluss_native::ScanTier> ParseTier(const std::string& tier) {
  if (tier == "auto") return fluss_native::ScanTier::kAuto;
  if (tier == "log") return fluss_native::ScanTier::kLog;
  if (tier == "lake") return fluss_native::ScanTier::kLake;
  if (tier == "union") return fluss_native::ScanTier::kUnion;
  return Status::InvalidArgument("scan tier '" + tier + "' is not one of auto, log, lake, union");
}

struct MetricField {
  const char* name;
  std::atomic<int64_t> fluss_native::ScanMetrics::*field;
};

constexpr MetricField kMetricFields[] = {
    {"log_bytes_fetched", &fluss_native::ScanMetrics::log_bytes_fetched},
    {"log_rows", &fluss_native::ScanMetrics::log_rows},
    {"lake_bytes_read", &fluss_native::ScanMetrics::lake_bytes_read},
    {"lake_rows", &fluss_native::ScanMetrics::lake_rows},
    {"lake_files_opened", &fluss_native::ScanMetrics::lake_files_opened},
    {"row_groups_total", &fluss_native::ScanMetrics::row_groups_total},
    {"row_groups_kept", &fluss_native::ScanMetrics::row_groups_kept},
    {"row_groups_pruned_by_dictionary", &fluss_native::ScanMetrics::row_groups_pruned_by_dictionary},
    {"pages_total", &fluss_native::ScanMetrics::pages_total},
    {"pages_kept", &fluss_native::ScanMetrics::pages_kept},
    {"log_batches_total", &fluss_native::ScanMetrics::log_batches_total},
    {"log_batches_kept", &fluss_native::ScanMetrics::log_batches_kept},
    {"pages_skipped", &fluss_native::ScanMetrics::pages_skipped},
    {"rows_skipped", &fluss_native::ScanMetrics::rows_skipped},
    // The per-scan profile.
    {"log_read_time_ns", &fluss_native::ScanMetrics::log_read_time_ns},
    {"lake_read_time_ns", &fluss_native::ScanMetrics::lake_read_time_ns},
    {"union_tail_read_time_ns", &fluss_native::ScanMetrics::union_tail_read_time_ns},
    {"rows_returned_log_only", &fluss_native::ScanMetrics::rows_returned_log_only},
    {"rows_returned_lake_only", &fluss_native::ScanMetrics::rows_returned_lake_only},
    {"rows_returned_hybrid", &fluss_native::ScanMetrics::rows_returned_hybrid},
    {"lake_splits_kept", &fluss_native::ScanMetrics::lake_splits_kept},
    {"lake_splits_suppressed", &fluss_native::ScanMetrics::lake_splits_suppressed},
    {"bytes_decompressed", &fluss_native::ScanMetrics::bytes_decompressed},
    {"retries", &fluss_native::ScanMetrics::retries},
    {"memory_high_water_bytes", &fluss_native::ScanMetrics::memory_high_water_bytes},
};

// Guards the setters, which return nothing: a failed allocation leaves the
// value unset instead of throwing into C.
template <typename Body>
void NoThrow(Body&& body) noexcept {
  try {
    body();
  } catch (...) {
  }
}

}  // namespace

extern "C" {

// ---- Scan specs ----

fluss_native_scan_spec_t* fluss_native_scan_spec_create(void) { return new (std::nothrow) fluss_native_scan_spec_t; }

void fluss_native_scan_spec_destroy(fluss_native_scan_spec_t* spec) { delete spec; }

void fluss_native_scan_spec_add_column(fluss_native_scan_spec_t* spec, const char* column) {
  if (spec == nullptr || column == nullptr) return;
  NoThrow([&] { spec->columns.emplace_back(column); });
}

void fluss_native_scan_spec_set_predicate(fluss_native_scan_spec_t* spec, const char* predicate) {
  if (spec == nullptr) return;
  if (predicate == nullptr) {
    spec->predicate.reset();
    return;
  }
  NoThrow([&] { spec->predicate = std::string(predicate); });
}

void fluss_native_scan_spec_set_limit(fluss_native_scan_spec_t* spec, int64_t limit) {
  if (spec == nullptr) return;
  if (limit < 0) {
    spec->limit.reset();
  } else {
    spec->limit = limit;
  }
}

void fluss_native_scan_spec_set_snapshot_id(fluss_native_scan_spec_t* spec, int64_t snapshot_id) {
  if (spec == nullptr) return;
  if (snapshot_id < 0) {
    spec->snapshot_id.reset();
  } else {
    spec->snapshot_id = snapshot_id;
  }
}

void fluss_native_scan_spec_set_tier(fluss_native_scan_spec_t* spec, const char* tier) {
  if (spec == nullptr) return;
  NoThrow([&] { spec->tier = tier == nullptr ? "auto" : tier; });
}

fluss_native_code_t fluss_native_plan(fluss_native_client_t* client, const char* database, const char* table,
                                      const fluss_native_scan_spec_t* spec, fluss_native_buffer_t** splits,
                                      size_t* count, char** errmsg) {
  return Report(CallAtBoundary("fluss_native_plan", [&]() -> Status {
    if (client == nullptr || database == nullptr || table == nullptr || splits == nullptr || count == nullptr) {
      return Status::InvalidArgument("fluss_native_plan: client, database, table, splits or count is NULL");
    }
    fluss_native::ScanSpec scan;
    if (spec != nullptr) {
      scan.columns = spec->columns;
      if (spec->predicate) {
        auto parsed = fluss_native::ParsePredicate(*spec->predicate);
        if (!parsed.ok()) return parsed.status().WithContext("predicate '" + *spec->predicate + "'");
        scan.predicate = std::move(parsed).value();
      }
      scan.limit = spec->limit;
      scan.snapshot_id = spec->snapshot_id;
      FN_ASSIGN_OR_RETURN(scan.tier, ParseTier(spec->tier));
    }
    FN_ASSIGN_OR_RETURN(auto plan, client->client->Plan(fluss_native::TablePath{database, table}, scan));
    const size_t n = plan.splits.size();
    auto* buffers = static_cast<fluss_native_buffer_t*>(std::calloc(n == 0 ? 1 : n, sizeof(fluss_native_buffer_t)));
    if (buffers == nullptr) return Status::ResourceExhausted("out of memory for " + std::to_string(n) + " splits");
    for (size_t i = 0; i < n; ++i) {
      std::string bytes = plan.splits[i].ToThrift(fluss_native::ThriftProtocol::kBinary);
      char* data = bytes.empty() ? nullptr : static_cast<char*>(std::malloc(bytes.size()));
      if (data == nullptr) {
        fluss_native_free_buffers(buffers, i);
        return Status::ResourceExhausted("out of memory encoding split " + std::to_string(i) + " of " +
                                         std::string(database) + "." + table);
      }
      std::memcpy(data, bytes.data(), bytes.size());
      buffers[i].data = data;
      buffers[i].size = bytes.size();
    }
    *splits = buffers;
    *count = n;
    return Status::OK();
  }), errmsg);
}

// ---- Cancel handles ----

fluss_native_cancel_t* fluss_native_cancel_create(void) {
  try {
    return new fluss_native_cancel_t{std::make_shared<fluss_native::CancellationToken>()};
  } catch (...) {
    return nullptr;
  }
}

void fluss_native_cancel(fluss_native_cancel_t* cancel) {
  if (cancel != nullptr) cancel->token->Cancel();
}

int fluss_native_cancel_is_cancelled(const fluss_native_cancel_t* cancel) {
  return cancel != nullptr && cancel->token->cancelled() ? 1 : 0;
}

void fluss_native_cancel_destroy(fluss_native_cancel_t* cancel) { delete cancel; }

// ---- Scan metrics ----

fluss_native_scan_metrics_t* fluss_native_scan_metrics_create(void) {
  try {
    return new fluss_native_scan_metrics_t{std::make_shared<fluss_native::ScanMetrics>()};
  } catch (...) {
    return nullptr;
  }
}

void fluss_native_scan_metrics_destroy(fluss_native_scan_metrics_t* metrics) { delete metrics; }

int64_t fluss_native_scan_metrics_get(const fluss_native_scan_metrics_t* metrics, const char* name) {
  if (metrics == nullptr || name == nullptr) return -1;
  for (const MetricField& f : kMetricFields) {
    if (std::strcmp(f.name, name) == 0) return ((*metrics->metrics).*(f.field)).load(std::memory_order_relaxed);
  }
  return -1;
}

char* fluss_native_scan_metrics_text(const fluss_native_scan_metrics_t* metrics) {
  if (metrics == nullptr) return nullptr;
  try {
    std::string text;
    for (const MetricField& f : kMetricFields) {
      text += std::string(f.name) + " " +
              std::to_string(((*metrics->metrics).*(f.field)).load(std::memory_order_relaxed)) + "\n";
    }
    return fluss_native::capi::MallocCopy(text);
  } catch (...) {
    return nullptr;
  }
}

// ---- Read options ----

fluss_native_read_options_t* fluss_native_read_options_create(void) {
  return new (std::nothrow) fluss_native_read_options_t;
}

void fluss_native_read_options_destroy(fluss_native_read_options_t* options) { delete options; }

void fluss_native_read_options_set_memory_budget(fluss_native_read_options_t* options, int64_t bytes) {
  if (options != nullptr && bytes > 0) options->options.memory_budget_bytes = bytes;
}

void fluss_native_read_options_set_spill_dir(fluss_native_read_options_t* options, const char* dir) {
  if (options == nullptr) return;
  NoThrow([&] { options->options.spill_directory = dir == nullptr ? "" : dir; });
}

void fluss_native_read_options_set_memory_hook(fluss_native_read_options_t* options, void* context,
                                               fluss_native_allocate_fn allocate, fluss_native_release_fn release) {
  if (options == nullptr) return;
  if (allocate == nullptr && release == nullptr) {
    options->options.memory_hook.reset();
    return;
  }
  NoThrow([&] {
    auto hook = std::make_shared<fluss_native::MemoryHook>();
    hook->context = context;
    hook->allocate = allocate;
    hook->release = release;
    options->options.memory_hook = std::move(hook);
  });
}

void fluss_native_read_options_set_cancel(fluss_native_read_options_t* options, fluss_native_cancel_t* cancel) {
  if (options == nullptr) return;
  options->options.cancel = cancel == nullptr ? nullptr : cancel->token;
}

void fluss_native_read_options_set_metrics(fluss_native_read_options_t* options,
                                           fluss_native_scan_metrics_t* metrics) {
  if (options == nullptr) return;
  options->options.metrics = metrics == nullptr ? nullptr : metrics->metrics;
}

// ---- Reading ----

fluss_native_code_t fluss_native_open_split(fluss_native_client_t* client, const void* split_bytes,
                                            size_t split_size, const fluss_native_read_options_t* options,
                                            struct ArrowArrayStream* out, char** errmsg) {
  return Report(CallAtBoundary("fluss_native_open_split", [&]() -> Status {
    if (client == nullptr || out == nullptr || (split_bytes == nullptr && split_size > 0)) {
      return Status::InvalidArgument("fluss_native_open_split: client, split_bytes or out is NULL");
    }
    std::string_view bytes(static_cast<const char*>(split_bytes), split_size);
    auto split = fluss_native::Split::FromThriftAnyProtocol(bytes);
    if (!split.ok()) {
      return split.status().WithContext("fluss_native_open_split: a split of " + std::to_string(split_size) + " bytes");
    }
    const fluss_native::SplitReadOptions defaults;
    return client->client->OpenSplit(*split, out, options == nullptr ? defaults : options->options);
  }), errmsg);
}

fluss_native_code_t fluss_native_stream_error_code(struct ArrowArrayStream* stream) {
  if (stream == nullptr || stream->release == nullptr || stream->get_last_error == nullptr) {
    return FLUSS_NATIVE_INTERNAL;
  }
  const char* text = stream->get_last_error(stream);
  if (text == nullptr) return FLUSS_NATIVE_OK;
  // The library's streams report Status::ToString(): "<CodeName>: message".
  std::string_view message(text);
  for (int code = FLUSS_NATIVE_INVALID_ARGUMENT; code <= FLUSS_NATIVE_RESOURCE_EXHAUSTED; ++code) {
    std::string_view name = fluss_native_code_name(code);
    if (message.size() > name.size() && message.substr(0, name.size()) == name && message[name.size()] == ':') {
      return static_cast<fluss_native_code_t>(code);
    }
  }
  return FLUSS_NATIVE_INTERNAL;
}

}  // extern "C"
