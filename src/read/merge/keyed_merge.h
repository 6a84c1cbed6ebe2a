// One merge by primary key for every reader that needs "the newest row of
// each key": the changelog applied by key (a primary-key table's current
// state), Paimon's merge-on-read of a lake bucket, and the union read (a
// bucket's lake state followed by the changelog tail after it).
//
// Rows come in batches. Each row has a key (the key columns, encoded by
// AppendKeyBytes), a version and a change kind (a put or a retraction).
// Per key the row with the highest version wins; a retracting winner
// removes the key. Versions are ordered by a policy chosen per batch:
//
//   RowSource::kLake  (Paimon merge-on-read) version = _SEQUENCE_NUMBER,
//                     kind = _VALUE_KIND (0 +I, 1 -U, 2 +U, 3 -D); equal
//                     sequence numbers go to the row added later (files are
//                     added oldest first, so a newer file wins a tie).
//   RowSource::kLog   (changelog)  version = log offset, kind = Fluss's
//                     change-type byte (0 +A, 1 +I, 2 -U, 3 +U, 4 -D).
//
// and every log row is newer than every lake row (the union read: the lake
// holds the state up to the offsets it records, the log tail follows).
// So the winner is the max of (source, version, arrival).
//
// Memory: below the budget the merge is a hash map over the batches it
// holds (a batch is released as soon as no key's current winner is in it).
// When the batches held plus the per-key overhead pass the budget, the
// winners are sorted by key and spilled as a run (Arrow IPC: the output
// columns plus key, source, version, arrival and kind) into a private
// directory under the temp directory; at the end the runs and the in-memory
// rest are merged by key, at most kMaxFanIn at a time, reading each run back
// one batch at a time. The spill directory goes when the merge is destroyed.
//
// Output: one row per live key, in key-byte order (so the same input gives
// the same output whether it spilled or not). Errors name the merge's
// `description` (table, partition, bucket), the batch's `origin` and the
// spill file.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "format/arrow/c_export.h"
#include "fluss_native/host.h"
#include "fluss_native/status.h"
#include "fluss_native/types.h"

namespace fluss_native::read::merge {

class SpillDirectory;
class SpillRunWriter;
struct SpillRun;

enum class RowSource : int8_t { kLake = 0, kLog = 1 };

// One batch of input. The arrays are borrowed: `owner` keeps them alive for
// as long as the merge holds the batch.
struct MergeBatch {
  RowSource source = RowSource::kLog;
  int64_t length = 0;
  std::vector<const ArrowArray*> columns;  // the output columns (options.output_type's fields)
  std::vector<const ArrowArray*> keys;     // the key columns (options.key_types)
  const ArrowArray* versions = nullptr;    // BIGINT, never null
  const ArrowArray* kinds = nullptr;       // TINYINT, never null, coded as `source` says
  // The rows to merge, ascending; nullopt means all.
  std::optional<std::vector<int64_t>> rows;
  arrow::KeepAlive owner;
  std::string origin;  // where the batch came from, for errors: "file x.parquet", "bucket 3 offsets 0-99"
};

// Whether a change kind retracts its key (-U, -D), coded as `source` says
// (Paimon's RowKind for kLake, Fluss's ChangeType for kLog); false for a
// code that is neither.
bool DecodeChangeKind(RowSource source, int8_t kind, bool* retract);

struct KeyedMergeOptions {
  DataType output_type;             // ROW of the output columns
  std::vector<DataType> key_types;  // per key column; flat types
  // Bytes of batches and per-key state held before spilling.
  int64_t memory_budget = int64_t{256} << 20;
  // Under which the private spill directory is made; empty: $TMPDIR or /tmp.
  std::string temp_dir;
  // Names the merge in errors: "lake table db.t partition 'p' bucket 3".
  std::string description;
  // The scan's cancellation; looked at per batch added, per spill batch
  // written or read back and per output batch. Null: not cancellable.
  std::shared_ptr<CancellationToken> cancel;
};

struct KeyedMergeStats {
  int64_t rows_added = 0;
  int64_t spill_runs = 0;       // runs written by spills (not counting merges of runs)
  int64_t spilled_rows = 0;
  int64_t spilled_bytes = 0;    // file bytes of every run written, merged runs included
  int64_t peak_held_bytes = 0;  // most bytes held in memory by the input side
};

class KeyedMerge {
 public:
  // Runs merged at once in the final pass (more are merged into one first).
  static constexpr size_t kMaxFanIn = 32;

  static Result<std::unique_ptr<KeyedMerge>> Create(KeyedMergeOptions options);
  ~KeyedMerge();
  KeyedMerge(const KeyedMerge&) = delete;
  KeyedMerge& operator=(const KeyedMerge&) = delete;

  // Adds a batch; may spill. Not after the first Next.
  Status Add(MergeBatch batch);
  // The next at most `max_rows` (> 0) live rows (a struct array of output_type),
  // or false at the end. The first call ends the input.
  Result<bool> Next(ArrowArray* out, int64_t max_rows = 8192);

  // Whether a run went to disk. Until then, and before the first Next,
  // HasKey tells whether `key` (AppendKeyBytes form) has a row here, put or
  // retraction: a caller streaming rows older than all the merge holds
  // drops exactly those.
  bool spilled() const { return !runs_.empty(); }
  bool HasKey(const std::string& key) const { return winners_.count(key) > 0; }

  const KeyedMergeStats& stats() const { return stats_; }
  // The private spill directory; empty until the first spill.
  std::string spill_directory() const;

 private:
  // Versions of one key compare as (source, value, arrival): a log row is
  // newer than any lake row, then the higher sequence number or offset,
  // then the row added later.
  struct Version {
    int8_t source;
    int64_t value;
    int64_t arrival;
    bool operator<(const Version& o) const {
      if (source != o.source) return source < o.source;
      if (value != o.value) return value < o.value;
      return arrival < o.arrival;
    }
  };
  // A key's newest row so far, while the merge is in memory.
  struct Winner {
    uint32_t batch;  // slot in held_
    int64_t row;
    Version version;
    bool retract;
  };
  using WinnerEntry = std::pair<const std::string, Winner>;
  struct HeldBatch {
    MergeBatch input;
    int64_t bytes = 0;    // counted against the budget
    int64_t winners = 0;  // keys whose winner is in this batch; released at 0
  };
  struct Candidate;
  class Source;
  class MemorySource;
  class RunSource;
  class Merger;

  explicit KeyedMerge(KeyedMergeOptions options);
  Status CheckBatch(const MergeBatch& batch) const;
  // Cancelled (naming the merge) once the options' token is cancelled.
  Status CheckCancelled() const;
  void Release(uint32_t slot);
  int64_t HeldBytes() const { return batch_bytes_ + key_bytes_; }
  std::vector<const WinnerEntry*> SortedWinners() const;
  Status EnsureSpillDirectory();
  // Writes the winners, sorted by key, as a run and empties the memory.
  Status Spill();
  // Merges the first `count` runs into one.
  Status MergeRuns(size_t count);
  // Ends the input: leaves at most kMaxFanIn sources and starts the merger.
  Status Finish();
  // The output columns of `rows`, plus the merge columns for a run.
  Result<arrow::ArrayNode> Materialize(const std::vector<Candidate>& rows, bool with_merge_columns) const;
  Status WriteRows(const std::vector<Candidate>& rows, SpillRunWriter* writer) const;
  DataType SpillRowType() const;
  int64_t SpillBatchRows(int64_t bytes_per_row) const;

  KeyedMergeOptions options_;
  KeyedMergeStats stats_;
  std::vector<HeldBatch> held_;
  std::vector<uint32_t> free_slots_;
  std::unordered_map<std::string, Winner> winners_;
  int64_t batch_bytes_ = 0;
  int64_t key_bytes_ = 0;
  int64_t arrival_ = 0;
  std::unique_ptr<SpillDirectory> spill_dir_;
  std::vector<SpillRun> runs_;
  bool finished_ = false;
  std::unique_ptr<Merger> merger_;
};

}  // namespace fluss_native::read::merge
