#include "lake/paimon/scan_plan.h"

#include <algorithm>
#include <tuple>

#include "lake/paimon/binary_row.h"

namespace fluss_native::lake::paimon {
namespace {

constexpr const char* kDeletionVectorsIndex = "DELETION_VECTORS";


using FileId = std::tuple<std::string, int32_t, int32_t, std::string>;  // partition, bucket, level, name

Status ApplyManifestList(PaimonTable* table, const std::string& list_name, std::map<FileId, ManifestEntry>* live) {
  if (!IsPlainFileName(list_name)) return Status::Corruption("bad manifest list name '" + list_name + "'");
  FN_ASSIGN_OR_RETURN(auto manifests, ReadManifestList(table->ManifestPath(list_name)));
  for (const auto& m : manifests) {
    if (!IsPlainFileName(m.file_name)) {
      return Status::Corruption("manifest list " + list_name + " names a bad manifest '" + m.file_name + "'");
    }
    FN_ASSIGN_OR_RETURN(auto entries, ReadManifest(table->ManifestPath(m.file_name)));
    for (auto& e : entries) {
      if (!IsPlainFileName(e.file.file_name)) {
        return Status::Corruption("manifest " + m.file_name + " names a bad data file '" + e.file.file_name + "'");
      }
      FileId id{e.partition, e.bucket, e.file.level, e.file.file_name};
      if (e.kind == FileKind::kAdd) {
        (*live)[id] = std::move(e);
      } else {
        live->erase(id);
      }
    }
  }
  return Status::OK();
}

PartitionNameOptions NameOptions(const TableSchema& schema) {
  PartitionNameOptions o;
  o.default_name = schema.Option("partition.default-name", o.default_name);
  o.legacy_name = schema.Option("partition.legacy-name", "true") == "true";
  return o;
}

// Fills the partition's values, Fluss name and Paimon directory.
Status DescribePartition(const TableSchema& schema, const std::string& where, BucketFiles* g) {
  if (schema.partition_keys.empty()) return Status::OK();
  FN_ASSIGN_OR_RETURN(auto row, BinaryRowView::Parse(g->partition));
  if (row.arity() != static_cast<int>(schema.partition_keys.size())) {
    return Status::Corruption(where + ": partition row has " + std::to_string(row.arity()) + " fields, the table " +
                              std::to_string(schema.partition_keys.size()) + " partition keys");
  }
  const PartitionNameOptions options = NameOptions(schema);
  std::vector<DataType> types;
  for (size_t i = 0; i < schema.partition_keys.size(); ++i) {
    const auto& field = schema.fields[static_cast<size_t>(schema.FieldIndex(schema.partition_keys[i]))];
    types.push_back(field.type);
    auto text = PartitionValueString(row, static_cast<int>(i), field.type, options);
    if (!text.ok()) return text.status().WithContext(where + ": partition key '" + field.name + "'");
    if (i > 0) g->partition_name += "$";
    g->partition_name += text->value_or(options.default_name);
    g->partition_values.push_back(std::move(*text));
  }
  auto path = PartitionPath(row, schema.partition_keys, types, options);
  if (!path.ok()) return path.status().WithContext(where);
  g->partition_path = std::move(*path);
  return Status::OK();
}

}  // namespace

int64_t BucketFiles::total_bytes() const {
  int64_t n = 0;
  for (const auto& f : files) n += f.file_size;
  return n;
}

int64_t BucketFiles::total_rows() const {
  int64_t n = 0;
  for (const auto& f : files) n += f.row_count;
  return n;
}

Result<ScanPlan> PlanScan(PaimonTable* table, int64_t snapshot_id) {
  ScanPlan plan;
  FN_ASSIGN_OR_RETURN(plan.snapshot, table->ReadSnapshot(snapshot_id));
  FN_ASSIGN_OR_RETURN(plan.schema, table->ReadSchema(plan.snapshot.schema_id));
  const TableSchema& schema = *plan.schema;
  const std::string where = "Paimon table " + table->name() + " snapshot " + std::to_string(snapshot_id);
  plan.primary_key = schema.HasPrimaryKey();
  plan.deletion_vectors = schema.Option("deletion-vectors.enabled", "false") == "true";
  const std::string merge_engine = schema.Option("merge-engine", "deduplicate");
  if (plan.primary_key && merge_engine != "deduplicate") {
    return Status::Unsupported(where + " uses merge engine '" + merge_engine +
                               "'; only 'deduplicate' is read natively");
  }

  std::map<FileId, ManifestEntry> live;
  for (const auto* list : {&plan.snapshot.base_manifest_list, &plan.snapshot.delta_manifest_list}) {
    Status s = ApplyManifestList(table, *list, &live);
    if (!s.ok()) return s.WithContext(where);
  }

  // Deletion vectors: data file name -> where its bitmap is.
  std::map<std::pair<std::string, int32_t>, std::map<std::string, DeletionVectorRef>> dvs;
  if (plan.snapshot.index_manifest) {
    if (!IsPlainFileName(*plan.snapshot.index_manifest)) return Status::Corruption(where + ": bad index manifest name");
    auto index = ReadIndexManifest(table->ManifestPath(*plan.snapshot.index_manifest));
    if (!index.ok()) return index.status().WithContext(where);
    std::map<std::tuple<std::string, int32_t, std::string>, IndexManifestEntry> files;
    for (auto& e : *index) {
      if (e.index_file.index_type != kDeletionVectorsIndex) continue;
      auto id = std::make_tuple(e.partition, e.bucket, e.index_file.file_name);
      if (e.kind == FileKind::kAdd) files[id] = std::move(e);
      else files.erase(id);
    }
    for (const auto& [id, e] : files) {
      if (!IsPlainFileName(e.index_file.file_name)) return Status::Corruption(where + ": bad index file name");
      auto& by_file = dvs[{e.partition, e.bucket}];
      for (const auto& [data_file, range] : e.index_file.deletion_vectors) {
        by_file[data_file] = DeletionVectorRef{table->IndexPath(e.index_file.file_name), range};
      }
    }
  }

  std::map<std::pair<std::string, int32_t>, BucketFiles> groups;
  for (auto& [id, entry] : live) {
    if (plan.primary_key && plan.deletion_vectors && entry.file.level == 0) continue;
    auto key = std::make_pair(entry.partition, entry.bucket);
    auto it = groups.find(key);
    if (it == groups.end()) {
      BucketFiles g;
      g.partition = entry.partition;
      g.bucket = entry.bucket;
      FN_RETURN_IF_ERROR(DescribePartition(schema, where, &g));
      auto dv = dvs.find(key);
      if (dv != dvs.end()) g.deletion_vectors = dv->second;
      it = groups.emplace(key, std::move(g)).first;
    }
    it->second.files.push_back(std::move(entry.file));
  }
  for (auto& [key, g] : groups) {
    std::sort(g.files.begin(), g.files.end(), [](const DataFileMeta& a, const DataFileMeta& b) {
      if (a.level != b.level) return a.level > b.level;
      return a.max_sequence_number < b.max_sequence_number;
    });
    plan.buckets.push_back(std::move(g));
  }
  std::sort(plan.buckets.begin(), plan.buckets.end(), [](const BucketFiles& a, const BucketFiles& b) {
    return std::tie(a.partition_name, a.bucket) < std::tie(b.partition_name, b.bucket);
  });
  return plan;
}

}  // namespace fluss_native::lake::paimon
