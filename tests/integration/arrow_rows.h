// Arrow streams as rows of canonical JSON, the form the Java and Python
// oracles dump (testing/README.md): shared by the log and lake tests.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "format/arrow/array_json.h"
#include "format/arrow/c_export.h"
#include "fluss_native/arrow_c_abi.h"
#include "fluss_native/status.h"
#include "fluss_native/table_info.h"
#include "fluss_native/types.h"

namespace fluss_native::it {

using nlohmann::json;

// The Java dump lists a MAP in its hash map's order, ours in wire order:
// compare entries as a set.
inline json SortedEntries(json entries) {
  std::sort(entries.begin(), entries.end(), [](const json& a, const json& b) { return a.dump() < b.dump(); });
  return entries;
}

// Brings a value into the form both sides are compared in. Ours
// (`from_arrow`) get timestamps as epoch nanoseconds and TIME as
// milliseconds of the day, the dump-rows encoding; both sides get FLOAT at
// float precision and MAP entries in one order.
inline json Normalize(const json& v, const DataType& t, bool from_arrow) {
  if (v.is_null()) return v;
  auto scale_of = [](int p) -> int64_t { return p == 0 ? 1000000000 : p <= 3 ? 1000000 : p <= 6 ? 1000 : 1; };
  switch (t.root) {
    case TypeRoot::kTimestamp:
    case TypeRoot::kTimestampLtz:
      return from_arrow ? json(v.get<int64_t>() * scale_of(t.precision)) : v;
    case TypeRoot::kTime: {
      if (!from_arrow) return v;
      int64_t raw = v.get<int64_t>();
      return t.precision == 0 ? raw * 1000 : t.precision <= 3 ? raw : t.precision <= 6 ? raw / 1000 : raw / 1000000;
    }
    case TypeRoot::kFloat:
      return v.is_number() ? json(static_cast<double>(static_cast<float>(v.get<double>()))) : v;
    case TypeRoot::kArray: {
      json out = json::array();
      for (const auto& e : v) out.push_back(Normalize(e, t.children[0], from_arrow));
      return out;
    }
    case TypeRoot::kMap: {
      json out = json::array();
      for (const auto& kv : v) {
        out.push_back({Normalize(kv[0], t.children[0], from_arrow), Normalize(kv[1], t.children[1], from_arrow)});
      }
      return SortedEntries(out);
    }
    case TypeRoot::kRow: {
      json out = json::object();
      for (size_t i = 0; i < t.children.size(); ++i) {
        out[t.field_names[i]] = Normalize(v.at(t.field_names[i]), t.children[i], from_arrow);
      }
      return out;
    }
    default:
      return v;
  }
}

// "db.table" as a TablePath (the oracles name tables so).
inline TablePath PathOf(const std::string& name) {
  auto dot = name.find('.');
  return TablePath{name.substr(0, dot), name.substr(dot + 1)};
}

// Rows as sorted JSON texts: compares two reads as multisets.
inline std::vector<std::string> Sorted(const std::vector<json>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.dump());
  std::sort(out.begin(), out.end());
  return out;
}

struct StreamRows {
  Status status;
  std::vector<std::string> columns;
  std::vector<json> rows;  // one object per row, in stream order, normalized
};

// Drains and releases `stream`; `type_of` gives each column's type by name.
inline StreamRows DrainStream(ArrowArrayStream* stream,
                              const std::function<DataType(const std::string&)>& type_of) {
  StreamRows out;
  ArrowSchema schema;
  EXPECT_EQ(stream->get_schema(stream, &schema), 0);
  DataType row_type;
  row_type.root = TypeRoot::kRow;
  for (int64_t i = 0; i < schema.n_children; ++i) {
    std::string name = schema.children[i]->name;
    out.columns.push_back(name);
    row_type.children.push_back(type_of(name));
    row_type.field_names.push_back(name);
    row_type.field_ids.push_back(-1);
    row_type.field_descriptions.push_back(std::nullopt);
  }
  schema.release(&schema);
  while (true) {
    arrow::UniqueArrowArray batch;
    if (stream->get_next(stream, batch.get()) != 0) {
      out.status = Status(StatusCode::kServerError, stream->get_last_error(stream));
      break;
    }
    if (!batch.valid()) break;
    auto text = arrow::BatchToJson(*batch.get(), row_type);
    if (!text.ok()) {
      out.status = text.status();
      break;
    }
    for (auto& row : json::parse(*text)) {
      json norm = json::object();
      for (size_t i = 0; i < row_type.children.size(); ++i) {
        norm[row_type.field_names[i]] = Normalize(row[row_type.field_names[i]], row_type.children[i], true);
      }
      out.rows.push_back(std::move(norm));
    }
  }
  stream->release(stream);
  return out;
}

}  // namespace fluss_native::it
