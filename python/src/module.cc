// fluss_native._native: the C++ API (include/fluss_native/*.h) for the
// Python package. Thin on purpose: the Python layer (fluss_native/*.py)
// makes the user-facing classes; this file converts values, releases the
// GIL around every call that may wait on the network, and turns every
// non-OK Status into the matching fluss_native exception (errors.h). The
// library never throws, so no C++ exception of its own crosses here.
#include <nanobind/nanobind.h>
#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/pair.h>
#include <nanobind/stl/shared_ptr.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/vector.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "errors.h"
#include "fluss_native/arrow_output.h"
#include "fluss_native/client.h"
#include "fluss_native/predicate.h"
#include "fluss_native/scan.h"
#include "fluss_native/split.h"
#include "reader.h"

namespace nb = nanobind;
using namespace nb::literals;

namespace fluss_native::python {

namespace {

// What Table.scan / Table.plan were given, already in the library's terms
// except the predicate, which is its SQL text (expression objects render to
// it in Python).
struct SpecArgs {
  std::vector<std::string> columns;
  std::optional<std::string> filter;
  std::optional<int64_t> limit;
  std::string tier = "auto";
  std::optional<int64_t> snapshot_id;
  std::optional<int64_t> as_of_ms;
  std::optional<std::vector<std::string>> partitions;
  std::vector<int> buckets;
  std::optional<int64_t> target_split_bytes;
  std::optional<int64_t> memory_budget_bytes;
  std::string spill_directory;
};

template <typename T>
T Unwrap(Result<T> result) {
  if (!result.ok()) Raise(result.status());
  return std::move(result).value();
}

TablePath ParsePath(const std::string& text) { return Unwrap(TablePath::Parse(text)); }

ScanSpec ToSpec(const SpecArgs& args) {
  ScanSpec spec;
  spec.columns = args.columns;
  if (args.filter && !args.filter->empty()) spec.predicate = Unwrap(ParsePredicate(*args.filter));
  spec.limit = args.limit;
  if (args.limit && *args.limit < 0) Raise(Status::InvalidArgument("limit must be >= 0, got " + std::to_string(*args.limit)));
  if (args.tier == "auto") {
    spec.tier = ScanTier::kAuto;
  } else if (args.tier == "log") {
    spec.tier = ScanTier::kLog;
  } else if (args.tier == "lake") {
    spec.tier = ScanTier::kLake;
  } else if (args.tier == "union") {
    spec.tier = ScanTier::kUnion;
  } else {
    Raise(Status::InvalidArgument("tier must be auto, log, lake or union, got '" + args.tier + "'"));
  }
  spec.snapshot_id = args.snapshot_id;
  spec.as_of_timestamp_ms = args.as_of_ms;
  spec.partitions = args.partitions;
  spec.buckets = args.buckets;
  if (args.target_split_bytes) spec.target_split_bytes = *args.target_split_bytes;
  if (args.memory_budget_bytes) spec.read.memory_budget_bytes = *args.memory_budget_bytes;
  spec.read.spill_directory = args.spill_directory;
  return spec;
}

// A Python literal rendered as SQL (fluss_native/_expr.py) back to a Literal:
// the predicate grammar is the one place literal text is defined.
std::vector<Literal> ParseLiterals(const std::vector<std::string>& texts) {
  std::string sql = "k IN (";
  for (size_t i = 0; i < texts.size(); ++i) sql += (i ? ", " : "") + texts[i];
  sql += ")";
  Predicate p = Unwrap(ParsePredicate(sql));
  return p.literals();
}

nb::dict ColumnDict(const Column& c) {
  nb::dict d;
  d["name"] = Utf8(c.name);
  d["type"] = Utf8(c.type.ToFlussString());
  d["nullable"] = c.type.nullable;
  d["comment"] = c.comment ? nb::object(Utf8(*c.comment)) : nb::none();
  d["id"] = c.id;
  return d;
}

nb::dict TableInfoDict(const TableInfo& info) {
  nb::dict d;
  d["database"] = Utf8(info.path.database);
  d["table"] = Utf8(info.path.table);
  d["table_id"] = info.table_id;
  d["schema_id"] = info.schema_id;
  d["created_time"] = info.created_time;
  d["modified_time"] = info.modified_time;
  d["comment"] = info.comment ? nb::object(Utf8(*info.comment)) : nb::none();
  nb::list columns;
  for (const auto& c : info.columns) columns.append(ColumnDict(c));
  d["columns"] = columns;
  d["primary_key"] = info.primary_key;
  d["partition_keys"] = info.partition_keys;
  d["bucket_keys"] = info.bucket_keys;
  d["bucket_count"] = info.bucket_count;
  d["properties"] = info.properties;
  d["custom_properties"] = info.custom_properties;
  d["datalake_enabled"] = info.datalake_enabled();
  d["log_format"] = info.log_format();
  return d;
}

nb::bytes Bytes(const std::string& s) { return nb::bytes(s.data(), s.size()); }

nb::dict SplitDict(const Split& s) {
  nb::dict d;
  d["database"] = Utf8(s.database_name);
  d["table"] = Utf8(s.table_name);
  d["table_id"] = s.table_id;
  d["bucket"] = s.bucket_id;
  d["partition_name"] = s.partition_name ? nb::object(Utf8(*s.partition_name)) : nb::none();
  d["partition_id"] = s.partition_id;
  d["tier"] = SplitTierName(s.tier);
  d["lake_snapshot_id"] = s.lake_snapshot_id;
  d["log_start_offset"] = s.log_start_offset;
  d["log_end_offset"] = s.log_end_offset;
  int64_t lake_bytes = 0;
  int64_t lake_rows = 0;
  bool rows_known = true;
  for (const auto& f : s.lake_files) {
    if (f.size_bytes > 0) lake_bytes += f.size_bytes;
    if (f.row_count >= 0) {
      lake_rows += f.row_count;
    } else {
      rows_known = false;
    }
  }
  d["lake_files"] = static_cast<int64_t>(s.lake_files.size());
  d["lake_bytes"] = lake_bytes;
  d["lake_rows"] = rows_known ? nb::object(nb::int_(lake_rows)) : nb::none();
  d["columns"] = s.columns;
  d["predicate"] = s.predicate ? nb::object(Utf8(s.predicate->ToString())) : nb::none();
  d["limit"] = s.limit;
  d["primary_key"] = s.primary_key;
  return d;
}

nb::dict PlanDict(const ScanPlan& plan) {
  nb::dict d;
  d["table"] = Utf8(plan.table.ToString());
  d["table_id"] = plan.table_id;
  d["primary_key"] = plan.primary_key;
  d["requested_tier"] = ScanTierName(plan.requested_tier);
  d["tier"] = ScanTierName(plan.tier);
  d["lake_snapshot_id"] = plan.lake_snapshot_id;
  d["metadata_row_count"] = plan.metadata_row_count;
  d["lookup"] = plan.lookup_keys.has_value();
  d["columns"] = plan.columns;
  d["predicate"] = plan.predicate ? nb::object(Utf8(plan.predicate->ToString())) : nb::none();
  d["limit"] = plan.limit;
  // (ScanPlan::lake_files()/lake_bytes() are not exported from the shared
  // library: counted here from the splits.)
  int64_t lake_files = 0;
  int64_t lake_bytes = 0;
  for (const auto& s : plan.splits) {
    lake_files += static_cast<int64_t>(s.lake_files.size());
    for (const auto& f : s.lake_files) lake_bytes += f.size_bytes > 0 ? f.size_bytes : 0;
  }
  d["lake_files"] = lake_files;
  d["lake_bytes"] = lake_bytes;
  d["explain"] = Utf8(plan.Explain());
  nb::list fallbacks;
  for (const auto& f : plan.fallbacks) fallbacks.append(nb::make_tuple(Utf8(f.scope), Utf8(f.reason)));
  d["fallbacks"] = fallbacks;
  nb::list ranges;
  for (const auto& r : plan.log_ranges) {
    nb::dict rd;
    rd["partition_id"] = r.partition_id;
    rd["partition_name"] = Utf8(r.partition_name);
    rd["bucket"] = r.bucket;
    rd["lake_offset"] = r.lake_offset;
    rd["start_offset"] = r.start_offset;
    rd["stop_offset"] = r.stop_offset;
    ranges.append(rd);
  }
  d["log_ranges"] = ranges;
  nb::list splits;
  for (const auto& s : plan.splits) {
    std::string bytes = s.ToThrift();
    if (bytes.empty()) Raise(Status::ResourceExhausted("could not encode a split of " + plan.table.ToString()));
    splits.append(Bytes(bytes));
  }
  d["splits"] = splits;
  return d;
}

nb::object SchemaCapsuleOf(const DataType& row_type) {
  auto* schema = new ArrowSchema();
  schema->release = nullptr;
  Status st = ExportArrowSchema(row_type, schema);
  if (!st.ok()) {
    delete schema;
    Raise(st);
  }
  PyObject* capsule = PyCapsule_New(schema, "arrow_schema", [](PyObject* cap) {
    auto* s = static_cast<ArrowSchema*>(PyCapsule_GetPointer(cap, "arrow_schema"));
    if (s == nullptr) {
      PyErr_Clear();
      return;
    }
    if (s->release != nullptr) s->release(s);
    delete s;
  });
  if (capsule == nullptr) {
    schema->release(schema);
    delete schema;
    throw nb::python_error();
  }
  return nb::steal(capsule);
}

// A Client as Python holds it: shared, so streams and the Python object may
// go in any order (the library's streams keep what they read through).
class PyClient {
 public:
  static std::shared_ptr<PyClient> Open(const std::map<std::string, std::string>& props) {
    ClientConfig config = Unwrap(ClientConfig::FromProperties(props));
    Result<std::unique_ptr<Client>> client = Status::Internal("not opened");
    {
      nb::gil_scoped_release release;
      client = Client::Open(config);
    }
    auto self = std::make_shared<PyClient>();
    self->client_ = std::shared_ptr<Client>(Unwrap(std::move(client)).release());
    return self;
  }

  std::vector<std::string> ListDatabases() {
    return Call([&] { return client_->catalog().ListDatabases(); });
  }
  std::vector<std::string> ListTables(const std::string& db) {
    return Call([&] { return client_->catalog().ListTables(db); });
  }
  nb::dict TableInfoOf(const std::string& path) {
    TablePath p = ParsePath(path);
    auto info = Call([&] { return client_->catalog().GetTable(p); });
    return TableInfoDict(*info);
  }
  nb::object TableSchema(const std::string& path) {
    TablePath p = ParsePath(path);
    auto info = Call([&] { return client_->catalog().GetTable(p); });
    return SchemaCapsuleOf(info->RowType());
  }
  nb::object LakeSnapshot(const std::string& path, bool readable) {
    TablePath p = ParsePath(path);
    auto snap = Call([&] { return client_->catalog().GetLakeSnapshot(p, readable); });
    if (!snap) return nb::none();
    nb::dict d;
    d["snapshot_id"] = snap->snapshot_id;
    nb::list buckets;
    for (const auto& b : snap->buckets) {
      buckets.append(nb::make_tuple(Utf8(b.partition_name), b.bucket, b.log_offset));
    }
    d["buckets"] = buckets;
    return d;
  }
  nb::list Partitions(const std::string& path) {
    TablePath p = ParsePath(path);
    auto parts = Call([&] { return client_->catalog().ListPartitions(p); });
    nb::list out;
    for (const auto& part : parts) {
      nb::dict spec;
      for (const auto& [k, v] : part.spec) spec[Utf8(k)] = Utf8(v);
      out.append(nb::make_tuple(part.id, Utf8(part.name), spec));
    }
    return out;
  }
  nb::dict Plan(const std::string& path, const SpecArgs& args) {
    TablePath p = ParsePath(path);
    ScanSpec spec = ToSpec(args);
    ScanPlan plan = Call([&] { return client_->Plan(p, spec); });
    return PlanDict(plan);
  }
  int64_t Count(const std::string& path, const SpecArgs& args) {
    TablePath p = ParsePath(path);
    ScanSpec spec = ToSpec(args);
    return Call([&] { return client_->Count(p, spec); });
  }
  std::shared_ptr<Reader> Scan(const std::string& path, const SpecArgs& args) {
    TablePath p = ParsePath(path);
    ScanSpec spec = ToSpec(args);
    auto cancel = std::make_shared<CancellationToken>();
    auto metrics = std::make_shared<ScanMetrics>();
    spec.read.cancel = cancel;
    spec.read.metrics = metrics;
    ArrowArrayStream stream{};
    stream.release = nullptr;
    Status st;
    {
      nb::gil_scoped_release release;
      st = client_->Scan(p, spec, &stream);
    }
    Check(st);
    return std::make_shared<Reader>(&stream, cancel, metrics);
  }
  std::shared_ptr<Reader> OpenSplit(nb::bytes thrift, std::optional<int64_t> memory_budget_bytes,
                                    const std::string& spill_directory) {
    Split split = Unwrap(Split::FromThriftAnyProtocol(std::string_view(thrift.c_str(), thrift.size())));
    SplitReadOptions options;
    if (memory_budget_bytes) options.memory_budget_bytes = *memory_budget_bytes;
    options.spill_directory = spill_directory;
    options.cancel = std::make_shared<CancellationToken>();
    options.metrics = std::make_shared<ScanMetrics>();
    ArrowArrayStream stream{};
    stream.release = nullptr;
    Status st;
    {
      nb::gil_scoped_release release;
      st = client_->OpenSplit(split, &stream, options);
    }
    Check(st);
    return std::make_shared<Reader>(&stream, options.cancel, options.metrics);
  }
  std::shared_ptr<Reader> Lookup(const std::string& path, const std::vector<std::vector<std::string>>& keys,
                                 const std::vector<std::string>& columns, bool prefix) {
    TablePath p = ParsePath(path);
    std::vector<std::vector<Literal>> literal_keys;
    literal_keys.reserve(keys.size());
    for (const auto& k : keys) literal_keys.push_back(ParseLiterals(k));
    ArrowArrayStream stream{};
    stream.release = nullptr;
    Status st;
    {
      nb::gil_scoped_release release;
      st = prefix ? client_->PrefixLookup(p, literal_keys, columns, &stream)
                  : client_->Lookup(p, literal_keys, columns, &stream);
    }
    Check(st);
    return std::make_shared<Reader>(&stream, std::make_shared<CancellationToken>(), nullptr);
  }
  std::string MetricsText() const { return client_->MetricsText(); }

 private:
  // Runs a catalog/planning call without the GIL (they wait on the network,
  // bounded by the client's call timeout) and raises its error.
  template <typename F>
  auto Call(F&& f) -> std::decay_t<decltype(f().value())> {
    using T = std::decay_t<decltype(f().value())>;
    std::optional<Result<T>> result;
    {
      nb::gil_scoped_release release;
      result.emplace(f());
    }
    return Unwrap(std::move(*result));
  }

  std::shared_ptr<Client> client_;
};

nb::dict SplitInfo(nb::bytes thrift) {
  Split split = Unwrap(Split::FromThriftAnyProtocol(std::string_view(thrift.c_str(), thrift.size())));
  return SplitDict(split);
}

// Re-encodes a split in the binary protocol (normalising compact input).
nb::bytes SplitNormalise(nb::bytes thrift) {
  Split split = Unwrap(Split::FromThriftAnyProtocol(std::string_view(thrift.c_str(), thrift.size())));
  return Bytes(split.ToThrift());
}

std::string NormalisePredicate(const std::string& text) { return Unwrap(ParsePredicate(text)).ToString(); }

}  // namespace

}  // namespace fluss_native::python

NB_MODULE(_native, m) {
  using namespace fluss_native::python;
  m.doc() = "fluss_native's C++ core (use the fluss_native package, not this module)";

  nb::class_<SpecArgs>(m, "SpecArgs")
      .def(nb::init<>())
      .def_rw("columns", &SpecArgs::columns)
      .def_rw("filter", &SpecArgs::filter, nb::arg().none())
      .def_rw("limit", &SpecArgs::limit, nb::arg().none())
      .def_rw("tier", &SpecArgs::tier)
      .def_rw("snapshot_id", &SpecArgs::snapshot_id, nb::arg().none())
      .def_rw("as_of_ms", &SpecArgs::as_of_ms, nb::arg().none())
      .def_rw("partitions", &SpecArgs::partitions, nb::arg().none())
      .def_rw("buckets", &SpecArgs::buckets)
      .def_rw("target_split_bytes", &SpecArgs::target_split_bytes, nb::arg().none())
      .def_rw("memory_budget_bytes", &SpecArgs::memory_budget_bytes, nb::arg().none())
      .def_rw("spill_directory", &SpecArgs::spill_directory);

  nb::class_<Reader>(m, "Reader")
      .def("schema_capsule", &Reader::SchemaCapsule)
      .def("next", &Reader::Next)
      .def("next_batch", &Reader::NextBatch)
      .def("next_with_addresses", &Reader::NextWithAddresses)
      .def("stream_capsule", &Reader::StreamCapsule)
      .def("cancel", &Reader::Cancel)
      .def("close", &Reader::Close)
      .def_prop_ro("cancelled", &Reader::cancelled)
      .def_prop_ro("rows", &Reader::rows)
      .def_prop_ro("batches", &Reader::batches)
      .def("metrics", [](const Reader& r) {
        nb::dict d;
        const auto& m = r.metrics();
        if (!m) return d;
        d["log_bytes_fetched"] = m->log_bytes_fetched.load();
        d["log_rows"] = m->log_rows.load();
        d["lake_bytes_read"] = m->lake_bytes_read.load();
        d["lake_rows"] = m->lake_rows.load();
        d["lake_files_opened"] = m->lake_files_opened.load();
        d["row_groups_total"] = m->row_groups_total.load();
        d["row_groups_kept"] = m->row_groups_kept.load();
        return d;
      });

  nb::class_<PyClient>(m, "Client")
      .def_static("open", &PyClient::Open, "properties"_a)
      .def("list_databases", &PyClient::ListDatabases)
      .def("list_tables", &PyClient::ListTables, "database"_a)
      .def("table_info", &PyClient::TableInfoOf, "path"_a)
      .def("table_schema", &PyClient::TableSchema, "path"_a)
      .def("lake_snapshot", &PyClient::LakeSnapshot, "path"_a, "readable"_a = true)
      .def("partitions", &PyClient::Partitions, "path"_a)
      .def("plan", &PyClient::Plan, "path"_a, "spec"_a)
      .def("count", &PyClient::Count, "path"_a, "spec"_a)
      .def("scan", &PyClient::Scan, "path"_a, "spec"_a)
      .def("open_split", &PyClient::OpenSplit, "thrift"_a, "memory_budget_bytes"_a = nb::none(),
           "spill_directory"_a = "")
      .def("lookup", &PyClient::Lookup, "path"_a, "keys"_a, "columns"_a, "prefix"_a = false)
      .def("metrics_text", &PyClient::MetricsText);

  m.def("split_info", &SplitInfo, "thrift"_a);
  m.def("split_normalise", &SplitNormalise, "thrift"_a);
  m.def("normalise_predicate", &NormalisePredicate, "text"_a);
}
