#include "read/merge/keyed_merge.h"

#include <algorithm>
#include <cstring>

#include "format/arrow/array_take.h"
#include "common/type_builder.h"
#include "format/arrow/arrow_compose.h"
#include "read/merge/array_bytes.h"
#include "read/merge/key_bytes.h"
#include "read/merge/spill_file.h"

namespace fluss_native::read::merge {
namespace {

// What a key costs beyond its encoded bytes: the hash map's node (next
// pointer, std::string, winner, cached hash: 96 bytes in libstdc++) with its
// allocator header (16), one to two bucket slots (8-16), and its pointer in
// the sorted vector a spill or the final merge builds (8).
constexpr int64_t kPerKeyOverhead = 144;
constexpr int64_t kMinSpillBatchRows = 16;
constexpr int64_t kMaxSpillBatchRows = 8192;

DataType Scalar(TypeRoot root) { return MakeType(root, /*nullable=*/false); }

std::string_view BytesAt(const ArrowArray& a, int64_t row) {
  const auto* offsets = static_cast<const int32_t*>(a.buffers[1]);
  const int64_t at = a.offset + row;
  return {static_cast<const char*>(a.buffers[2]) + offsets[at], static_cast<size_t>(offsets[at + 1] - offsets[at])};
}

}  // namespace

bool DecodeChangeKind(RowSource source, int8_t kind, bool* retract) {
  if (source == RowSource::kLake) {
    if (kind < 0 || kind > 3) return false;  // +I, -U, +U, -D
    *retract = kind == 1 || kind == 3;
  } else {
    if (kind < 0 || kind > 4) return false;  // +A, +I, -U, +U, -D
    *retract = kind == 2 || kind == 4;
  }
  return true;
}

// A row taking part in the final merge, from memory or from a run.
struct KeyedMerge::Candidate {
  std::string_view key;
  const ArrowArray* const* columns = nullptr;  // the output columns of the row's batch
  int64_t row = 0;
  Version version{};
  bool retract = false;
  arrow::KeepAlive keep;  // the run batch `key` and `columns` point into; null for rows in memory
};

// Rows in strictly increasing key order.
class KeyedMerge::Source {
 public:
  virtual ~Source() = default;
  // Moves to the next row (the first, on the first call); false at the end.
  virtual Result<bool> Advance() = 0;
  const Candidate& current() const { return current_; }

 protected:
  Candidate current_;
};

class KeyedMerge::MemorySource : public Source {
 public:
  MemorySource(std::vector<const WinnerEntry*> rows, const std::vector<HeldBatch>* held)
      : rows_(std::move(rows)), held_(held) {}
  Result<bool> Advance() override {
    if (next_ >= rows_.size()) return false;
    const auto& [key, w] = *rows_[next_++];
    current_ = Candidate{key, (*held_)[w.batch].input.columns.data(), w.row, w.version, w.retract, nullptr};
    return true;
  }

 private:
  std::vector<const WinnerEntry*> rows_;
  const std::vector<HeldBatch>* held_;
  size_t next_ = 0;
};

class KeyedMerge::RunSource : public Source {
 public:
  RunSource(SpillRun run, const DataType& row_type, const std::string& where, size_t output_columns)
      : reader_(std::move(run), row_type, where), where_(where), key_column_(output_columns) {}

  Result<bool> Advance() override {
    while (!batch_ || row_ + 1 >= batch_->get()->length) {
      FN_ASSIGN_OR_RETURN(batch_, reader_.Next());
      if (!batch_) return false;
      row_ = -1;
    }
    ++row_;
    const ArrowArray& b = *batch_->get();
    const ArrowArray* const* cols = b.children;
    const ArrowArray& keys = *cols[key_column_];
    for (size_t c = key_column_; c < key_column_ + 5; ++c) {
      if (!IsValid(RowRef{cols[c], row_})) return Corrupt("a null merge column");
    }
    const int8_t source = Int8At(*cols[key_column_ + 1], row_);
    const int8_t retract = Int8At(*cols[key_column_ + 4], row_);
    if (source < 0 || source > 1 || retract < 0 || retract > 1) return Corrupt("an unknown source or kind");
    current_.key = BytesAt(keys, row_);
    if (started_ && current_.key <= std::string_view(last_key_)) return Corrupt("keys out of order");
    started_ = true;
    last_key_.assign(current_.key);
    current_.columns = cols;
    current_.row = row_;
    current_.version = Version{source, Int64At(*cols[key_column_ + 2], row_), Int64At(*cols[key_column_ + 3], row_)};
    current_.retract = retract != 0;
    current_.keep = batch_;
    return true;
  }

 private:
  Status Corrupt(const std::string& what) const {
    return Status::Corruption("spill file '" + reader_.run().path + "' of " + where_ + " has " + what +
                              " in row " + std::to_string(row_) + " of a batch");
  }

  SpillRunReader reader_;
  std::string where_;
  size_t key_column_;
  std::shared_ptr<arrow::UniqueArrowArray> batch_;
  int64_t row_ = -1;
  std::string last_key_;
  bool started_ = false;
};

// Merges sources by key: per key, the candidate with the highest version.
class KeyedMerge::Merger {
 public:
  explicit Merger(std::vector<std::unique_ptr<Source>> sources) : sources_(std::move(sources)) {}

  Status Start() {
    for (size_t i = 0; i < sources_.size(); ++i) FN_RETURN_IF_ERROR(Push(i));
    return Status::OK();
  }

  // The newest candidate of the next key; false at the end.
  Result<bool> Next(Candidate* out) {
    if (heap_.empty()) return false;
    size_t i = Pop();
    *out = sources_[i]->current();
    FN_RETURN_IF_ERROR(Push(i));
    while (!heap_.empty() && sources_[heap_.front()]->current().key == out->key) {
      size_t j = Pop();
      if (out->version < sources_[j]->current().version) *out = sources_[j]->current();
      FN_RETURN_IF_ERROR(Push(j));
    }
    return true;
  }

 private:
  // Min-heap on (key, source index): the comparator says which is larger.
  bool Greater(size_t a, size_t b) const {
    const auto& ka = sources_[a]->current().key;
    const auto& kb = sources_[b]->current().key;
    return ka != kb ? ka > kb : a > b;
  }
  // Advances source `i` and puts it back in the heap unless it ended.
  Status Push(size_t i) {
    FN_ASSIGN_OR_RETURN(bool more, sources_[i]->Advance());
    if (!more) return Status::OK();
    heap_.push_back(i);
    std::push_heap(heap_.begin(), heap_.end(), [this](size_t a, size_t b) { return Greater(a, b); });
    return Status::OK();
  }
  size_t Pop() {
    std::pop_heap(heap_.begin(), heap_.end(), [this](size_t a, size_t b) { return Greater(a, b); });
    size_t i = heap_.back();
    heap_.pop_back();
    return i;
  }

  std::vector<std::unique_ptr<Source>> sources_;
  std::vector<size_t> heap_;
};

KeyedMerge::KeyedMerge(KeyedMergeOptions options) : options_(std::move(options)) {}
KeyedMerge::~KeyedMerge() {
  // Readers first (they may hold run batches), then the files.
  merger_.reset();
  spill_dir_.reset();
}

Result<std::unique_ptr<KeyedMerge>> KeyedMerge::Create(KeyedMergeOptions options) {
  const std::string& where = options.description;
  if (options.output_type.root != TypeRoot::kRow) {
    return Status::InvalidArgument("the output of the merge of " + where + " must be a ROW type");
  }
  if (options.key_types.empty()) return Status::InvalidArgument("the merge of " + where + " has no key columns");
  for (const auto& t : options.key_types) FN_RETURN_IF_ERROR(CheckKeyType(t).WithContext("merge of " + where));
  if (options.memory_budget <= 0) {
    return Status::InvalidArgument("the memory budget of the merge of " + where + " must be positive");
  }
  return std::unique_ptr<KeyedMerge>(new KeyedMerge(std::move(options)));
}

std::string KeyedMerge::spill_directory() const { return spill_dir_ ? spill_dir_->path() : std::string(); }

Status KeyedMerge::CheckBatch(const MergeBatch& b) const {
  auto bad = [&](const std::string& what) {
    return Status::Internal("batch from " + b.origin + " given to the merge of " + options_.description + " " + what);
  };
  if (b.source != RowSource::kLake && b.source != RowSource::kLog) return bad("has an unknown source");
  if (b.length < 0) return bad("has a negative length");
  if (b.columns.size() != options_.output_type.children.size()) return bad("has the wrong number of columns");
  if (b.keys.size() != options_.key_types.size()) return bad("has the wrong number of key columns");
  if (!b.versions || !b.kinds) return bad("has no version or kind column");
  auto short_array = [&](const ArrowArray* a) { return !a || a->length < b.length; };
  if (std::any_of(b.columns.begin(), b.columns.end(), short_array) ||
      std::any_of(b.keys.begin(), b.keys.end(), short_array) || short_array(b.versions) || short_array(b.kinds)) {
    return bad("has a column shorter than the batch");
  }
  if (b.rows) {
    for (size_t i = 0; i < b.rows->size(); ++i) {
      int64_t r = (*b.rows)[i];
      if (r < 0 || r >= b.length || (i > 0 && r <= (*b.rows)[i - 1])) return bad("selects rows out of order");
    }
  }
  // Versions and kinds come from files and the network: checked before the
  // merge state changes, so a bad batch leaves the merge as it was.
  for (int64_t row = 0; row < b.length; ++row) {
    if (!IsValid(RowRef{b.versions, row}) || !IsValid(RowRef{b.kinds, row})) {
      return Status::Corruption("row " + std::to_string(row) + " of " + b.origin + " in " + options_.description +
                                " has no version or change kind");
    }
    bool retract;
    const int8_t kind = Int8At(*b.kinds, row);
    if (!DecodeChangeKind(b.source, kind, &retract)) {
      return Status::Corruption("row " + std::to_string(row) + " of " + b.origin + " in " + options_.description +
                                " has the unknown change kind " + std::to_string(kind));
    }
  }
  return Status::OK();
}

void KeyedMerge::Release(uint32_t slot) {
  HeldBatch& h = held_[slot];
  batch_bytes_ -= h.bytes;
  h = HeldBatch{};
  free_slots_.push_back(slot);
}

Status KeyedMerge::CheckCancelled() const {
  if (options_.cancel && options_.cancel->cancelled()) {
    return Status::Cancelled("the merge of " + options_.description + " was cancelled");
  }
  return Status::OK();
}

Status KeyedMerge::Add(MergeBatch batch) {
  FN_RETURN_IF_ERROR(CheckCancelled());
  if (finished_) return Status::Internal("rows added to the merge of " + options_.description + " after its output began");
  FN_RETURN_IF_ERROR(CheckBatch(batch));
  const int64_t count = batch.rows ? static_cast<int64_t>(batch.rows->size()) : batch.length;
  if (count == 0) return Status::OK();
  uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<uint32_t>(held_.size());
    held_.emplace_back();
  }
  HeldBatch& held = held_[slot];
  int64_t bytes = ArrayBytes(*batch.versions, Scalar(TypeRoot::kBigInt)) + ArrayBytes(*batch.kinds, Scalar(TypeRoot::kTinyInt));
  for (size_t c = 0; c < batch.columns.size(); ++c) {
    bytes += ArrayBytes(*batch.columns[c], options_.output_type.children[c]);
  }
  for (size_t k = 0; k < batch.keys.size(); ++k) {
    if (std::find(batch.columns.begin(), batch.columns.end(), batch.keys[k]) == batch.columns.end()) {
      bytes += ArrayBytes(*batch.keys[k], options_.key_types[k]);
    }
  }
  held.bytes = bytes;
  batch_bytes_ += bytes;

  const RowSource source = batch.source;
  const ArrowArray& versions = *batch.versions;
  const ArrowArray& kinds = *batch.kinds;
  std::string key;
  for (int64_t n = 0; n < count; ++n) {
    const int64_t row = batch.rows ? (*batch.rows)[static_cast<size_t>(n)] : n;
    bool retract = false;
    DecodeChangeKind(source, Int8At(kinds, row), &retract);  // checked by CheckBatch
    key.clear();
    for (size_t k = 0; k < batch.keys.size(); ++k) AppendKeyBytes(*batch.keys[k], options_.key_types[k], row, &key);
    const Winner w{slot, row, Version{static_cast<int8_t>(source), Int64At(versions, row), arrival_++}, retract};
    auto [it, inserted] = winners_.try_emplace(key, w);
    if (inserted) {
      key_bytes_ += kPerKeyOverhead + static_cast<int64_t>(key.size());
      ++held_[slot].winners;
    } else if (it->second.version < w.version) {
      const uint32_t old = it->second.batch;
      it->second = w;
      ++held_[slot].winners;
      if (--held_[old].winners == 0 && old != slot) Release(old);
    }
  }
  // `batch` was checked but not moved yet: keep it only if it holds a winner.
  stats_.rows_added += count;
  if (held_[slot].winners == 0) {
    Release(slot);
  } else {
    held_[slot].input = std::move(batch);
  }
  stats_.peak_held_bytes = std::max(stats_.peak_held_bytes, HeldBytes());
  if (HeldBytes() > options_.memory_budget) FN_RETURN_IF_ERROR(Spill());
  return Status::OK();
}

DataType KeyedMerge::SpillRowType() const {
  DataType row = options_.output_type;
  AddField(&row, "__merge_key", Scalar(TypeRoot::kBytes));
  AddField(&row, "__merge_source", Scalar(TypeRoot::kTinyInt));
  AddField(&row, "__merge_version", Scalar(TypeRoot::kBigInt));
  AddField(&row, "__merge_arrival", Scalar(TypeRoot::kBigInt));
  AddField(&row, "__merge_retract", Scalar(TypeRoot::kTinyInt));
  return row;
}

int64_t KeyedMerge::SpillBatchRows(int64_t bytes_per_row) const {
  // Reading back holds one batch per run merged at once: keep that within
  // half the budget.
  const int64_t target = options_.memory_budget / 2 / static_cast<int64_t>(kMaxFanIn);
  return std::clamp<int64_t>(target / std::max<int64_t>(1, bytes_per_row), kMinSpillBatchRows, kMaxSpillBatchRows);
}

Result<arrow::ArrayNode> KeyedMerge::Materialize(const std::vector<Candidate>& rows, bool with_merge_columns) const {
  arrow::ArrayNode node;
  node.length = static_cast<int64_t>(rows.size());
  node.null_count = 0;
  node.buffers = {nullptr};
  std::vector<RowRef> refs(rows.size());
  for (size_t c = 0; c < options_.output_type.children.size(); ++c) {
    for (size_t i = 0; i < rows.size(); ++i) refs[i] = RowRef{rows[i].columns[c], rows[i].row};
    FN_ASSIGN_OR_RETURN(auto column, Take(refs, options_.output_type.children[c]));
    node.children.push_back(std::move(column));
  }
  if (!with_merge_columns) return node;
  std::vector<std::string_view> keys;
  std::vector<int8_t> sources, retracts;
  std::vector<int64_t> versions, arrivals;
  for (const auto& r : rows) {
    keys.push_back(r.key);
    sources.push_back(r.version.source);
    versions.push_back(r.version.value);
    arrivals.push_back(r.version.arrival);
    retracts.push_back(r.retract ? 1 : 0);
  }
  FN_ASSIGN_OR_RETURN(auto key_column, Utf8Column(keys));  // BYTES has the same layout
  FN_ASSIGN_OR_RETURN(auto source_column, Int8Column(sources));
  FN_ASSIGN_OR_RETURN(auto version_column, Int64Column(versions));
  FN_ASSIGN_OR_RETURN(auto arrival_column, Int64Column(arrivals));
  FN_ASSIGN_OR_RETURN(auto retract_column, Int8Column(retracts));
  node.children.push_back(std::move(key_column));
  node.children.push_back(std::move(source_column));
  node.children.push_back(std::move(version_column));
  node.children.push_back(std::move(arrival_column));
  node.children.push_back(std::move(retract_column));
  return node;
}

Status KeyedMerge::WriteRows(const std::vector<Candidate>& rows, SpillRunWriter* writer) const {
  FN_ASSIGN_OR_RETURN(auto node, Materialize(rows, /*with_merge_columns=*/true));
  arrow::UniqueArrowArray batch;
  arrow::ExportArray(std::move(node), batch.get());
  return writer->Write(*batch.get());
}

Status KeyedMerge::EnsureSpillDirectory() {
  if (spill_dir_) return Status::OK();
  FN_ASSIGN_OR_RETURN(spill_dir_, SpillDirectory::Create(options_.temp_dir, "the merge of " + options_.description));
  return Status::OK();
}

std::vector<const KeyedMerge::WinnerEntry*> KeyedMerge::SortedWinners() const {
  std::vector<const WinnerEntry*> sorted;
  sorted.reserve(winners_.size());
  for (const auto& e : winners_) sorted.push_back(&e);
  std::sort(sorted.begin(), sorted.end(), [](const WinnerEntry* a, const WinnerEntry* b) { return a->first < b->first; });
  return sorted;
}

Status KeyedMerge::Spill() {
  if (winners_.empty()) return Status::OK();
  FN_RETURN_IF_ERROR(EnsureSpillDirectory());
  const int64_t rows_per_batch = SpillBatchRows(HeldBytes() / static_cast<int64_t>(winners_.size()));
  MemorySource memory(SortedWinners(), &held_);
  FN_ASSIGN_OR_RETURN(auto writer, SpillRunWriter::Open(spill_dir_->NewFilePath(), SpillRowType()));
  std::vector<Candidate> rows;
  for (;;) {
    FN_ASSIGN_OR_RETURN(bool more, memory.Advance());
    if (more) rows.push_back(memory.current());
    if (rows.size() >= static_cast<size_t>(rows_per_batch) || (!more && !rows.empty())) {
      FN_RETURN_IF_ERROR(CheckCancelled());
      FN_RETURN_IF_ERROR(WriteRows(rows, writer.get()).WithContext("spill of " + options_.description));
      rows.clear();
    }
    if (!more) break;
  }
  FN_ASSIGN_OR_RETURN(auto run, writer->Finish());
  ++stats_.spill_runs;
  stats_.spilled_rows += run.rows;
  stats_.spilled_bytes += run.bytes;
  runs_.push_back(std::move(run));
  winners_.clear();
  held_.clear();
  free_slots_.clear();
  batch_bytes_ = 0;
  key_bytes_ = 0;
  return Status::OK();
}

Status KeyedMerge::MergeRuns(size_t count) {
  // Intermediate pass: a retraction may still beat an older put in a run
  // not merged here, so every key's winner is kept, retractions included.
  int64_t rows = 0, bytes = 0;
  std::vector<std::unique_ptr<Source>> sources;
  for (size_t i = 0; i < count; ++i) {
    rows += runs_[i].rows;
    bytes += runs_[i].bytes;
    sources.push_back(std::make_unique<RunSource>(runs_[i], SpillRowType(), options_.description,
                                                  options_.output_type.children.size()));
  }
  const int64_t rows_per_batch = SpillBatchRows(bytes / std::max<int64_t>(1, rows));
  Merger merger(std::move(sources));
  FN_RETURN_IF_ERROR(merger.Start());
  FN_ASSIGN_OR_RETURN(auto writer, SpillRunWriter::Open(spill_dir_->NewFilePath(), SpillRowType()));
  std::vector<Candidate> out;
  for (;;) {
    Candidate c;
    FN_ASSIGN_OR_RETURN(bool more, merger.Next(&c));
    if (more) out.push_back(std::move(c));
    if (out.size() >= static_cast<size_t>(rows_per_batch) || (!more && !out.empty())) {
      FN_RETURN_IF_ERROR(CheckCancelled());
      FN_RETURN_IF_ERROR(WriteRows(out, writer.get()).WithContext("merge of the spill runs of " + options_.description));
      out.clear();
    }
    if (!more) break;
  }
  FN_ASSIGN_OR_RETURN(auto merged, writer->Finish());
  stats_.spilled_bytes += merged.bytes;
  for (size_t i = 0; i < count; ++i) spill_dir_->Remove(runs_[i].path);
  runs_.erase(runs_.begin(), runs_.begin() + static_cast<std::ptrdiff_t>(count));
  runs_.push_back(std::move(merged));
  return Status::OK();
}

Status KeyedMerge::Finish() {
  finished_ = true;
  // With runs to read back beside it, keep the in-memory rest small enough
  // that both together stay within the budget.
  if (!runs_.empty() && HeldBytes() > options_.memory_budget / 2) FN_RETURN_IF_ERROR(Spill());
  const size_t memory_sources = winners_.empty() ? 0 : 1;
  while (runs_.size() + memory_sources > kMaxFanIn) {
    FN_RETURN_IF_ERROR(CheckCancelled());
    FN_RETURN_IF_ERROR(MergeRuns(std::min(kMaxFanIn, runs_.size() + memory_sources - kMaxFanIn + 1)));
  }
  std::vector<std::unique_ptr<Source>> sources;
  for (const auto& run : runs_) {
    sources.push_back(std::make_unique<RunSource>(run, SpillRowType(), options_.description,
                                                  options_.output_type.children.size()));
  }
  if (memory_sources) sources.push_back(std::make_unique<MemorySource>(SortedWinners(), &held_));
  merger_ = std::make_unique<Merger>(std::move(sources));
  return merger_->Start();
}

Result<bool> KeyedMerge::Next(ArrowArray* out, int64_t max_rows) {
  FN_RETURN_IF_ERROR(CheckCancelled());
  if (!finished_) FN_RETURN_IF_ERROR(Finish());
  std::vector<Candidate> rows;
  // Retractions are dropped here, so a batch may take many steps: look at
  // the token now and then within it too.
  constexpr int64_t kStepsPerCancelCheck = 1 << 14;
  for (int64_t steps = 1; static_cast<int64_t>(rows.size()) < max_rows; ++steps) {
    if (steps % kStepsPerCancelCheck == 0) FN_RETURN_IF_ERROR(CheckCancelled());
    Candidate c;
    FN_ASSIGN_OR_RETURN(bool more, merger_->Next(&c));
    if (!more) break;
    if (!c.retract) rows.push_back(std::move(c));
  }
  if (rows.empty()) return false;
  FN_ASSIGN_OR_RETURN(auto node, Materialize(rows, /*with_merge_columns=*/false));
  arrow::ExportArray(std::move(node), out);
  return true;
}

}  // namespace fluss_native::read::merge
