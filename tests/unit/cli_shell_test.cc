// The shell's pieces that need no terminal: completion candidates, the
// history path, and the byte tally SELECT's progress and EXPLAIN ANALYZE use.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "../../tools/cli/result_set.h"
#include "../../tools/cli/select.h"
#include "../../tools/cli/shell.h"

namespace fluss_native::cli {
namespace {

using Names = std::vector<std::string>;

CompletionSource FakeCatalog(int* catalog_calls) {
  CompletionSource s;
  s.databases = [catalog_calls] {
    ++*catalog_calls;
    return Names{"fn_lake", "fn_types", "sales"};
  };
  s.tables_of = [](const std::string& db) { return db == "fn_lake" ? Names{"pk", "pk_part", "log_part"} : Names{}; };
  s.columns_of = [](const std::string& db, const std::string& table) {
    return db == "fn_lake" && table == "pk" ? Names{"id", "name", "score", "d"} : Names{};
  };
  return s;
}

TEST(CliShell, CompletesKeywordsInTheCaseTyped) {
  int calls = 0;
  auto source = FakeCatalog(&calls);
  EXPECT_EQ(CompletionCandidates("SEL", "SEL", source), Names{"SELECT"});
  EXPECT_EQ(CompletionCandidates("sel", "sel", source), Names{"select"});
  auto show = CompletionCandidates("SHOW D", "D", source);
  EXPECT_NE(std::find(show.begin(), show.end(), "DATABASES"), show.end());
  EXPECT_NE(std::find(show.begin(), show.end(), "DESC"), show.end());
}

TEST(CliShell, CompletesDatabasesTablesAndColumns) {
  int calls = 0;
  auto source = FakeCatalog(&calls);
  EXPECT_EQ(CompletionCandidates("SELECT * FROM fn_", "fn_", source), (Names{"fn_lake.", "fn_types."}));
  EXPECT_EQ(CompletionCandidates("SELECT * FROM fn_lake.pk", "fn_lake.pk", source),
            (Names{"fn_lake.pk", "fn_lake.pk_part"}));
  EXPECT_EQ(CompletionCandidates("DESC fn_lake.", "fn_lake.", source),
            (Names{"fn_lake.log_part", "fn_lake.pk", "fn_lake.pk_part"}));
  EXPECT_TRUE(CompletionCandidates("DESC nope.", "nope.", source).empty());
  EXPECT_EQ(CompletionCandidates("show tables from fn_l", "fn_l", source), Names{"fn_lake"});
  // Columns of the tables the line names (and keywords that share the prefix).
  EXPECT_EQ(CompletionCandidates("SELECT * FROM fn_lake.pk WHERE sc", "sc", source), Names{"score"});
  auto n = CompletionCandidates("SELECT n FROM fn_lake.pk", "n", source);
  EXPECT_NE(std::find(n.begin(), n.end(), "name"), n.end());
  EXPECT_NE(std::find(n.begin(), n.end(), "not"), n.end());
  // A catalog that fails (empty lists) leaves the keywords.
  CompletionSource empty;
  EXPECT_EQ(CompletionCandidates("LIM", "LIM", empty), Names{"LIMIT"});
}

TEST(CliShell, HistoryPath) {
  const char* old_home = std::getenv("HOME");
  const std::string saved = old_home ? old_home : "";
  ::unsetenv("FLUSS_NATIVE_HISTORY");
  ::setenv("HOME", "/home/someone", 1);
  EXPECT_EQ(HistoryPath(), "/home/someone/.fluss_native_history");
  ::setenv("FLUSS_NATIVE_HISTORY", "/tmp/h", 1);
  EXPECT_EQ(HistoryPath(), "/tmp/h");
  ::unsetenv("FLUSS_NATIVE_HISTORY");
  ::setenv("HOME", "", 1);
  EXPECT_EQ(HistoryPath(), "");
  if (old_home) ::setenv("HOME", saved.c_str(), 1);
}

TEST(CliShell, TableAlignsWideCharacters) {
  ResultSet rs;
  rs.columns = {"s"};
  rs.rows = {{Cell::Str("日本語")}, {Cell::Str("abcdef")}, {Cell::Str("héllo")}};
  std::ostringstream out;
  PrintTable(rs, out, 0);
  // Each row line ends at the same terminal column: "| " + 6 columns + " |".
  EXPECT_NE(out.str().find("| 日本語 |"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("| abcdef |"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find("| héllo  |"), std::string::npos) << out.str();
}

TEST(CliShell, ArrowBytesCountTheBuffersOfTheSlice) {
  // A struct of one nullable INT (3 rows, validity) and one STRING ("ab", "", "cde").
  int32_t ints[3] = {1, 2, 3};
  uint8_t validity[1] = {0x05};
  const void* int_buffers[2] = {validity, ints};
  ArrowArray int_array{};
  int_array.length = 3;
  int_array.n_buffers = 2;
  int_array.buffers = int_buffers;
  int32_t offsets[4] = {0, 2, 2, 5};
  const char* chars = "abcde";
  const void* str_buffers[3] = {nullptr, offsets, chars};
  ArrowArray str_array{};
  str_array.length = 3;
  str_array.n_buffers = 3;
  str_array.buffers = str_buffers;
  ArrowArray* children[2] = {&int_array, &str_array};
  const void* struct_buffers[1] = {nullptr};
  ArrowArray batch{};
  batch.length = 3;
  batch.n_buffers = 1;
  batch.buffers = struct_buffers;
  batch.n_children = 2;
  batch.children = children;
  DataType row;
  row.root = TypeRoot::kRow;
  DataType i;
  i.root = TypeRoot::kInt;
  DataType s;
  s.root = TypeRoot::kString;
  row.children = {i, s};
  row.field_names = {"i", "s"};
  EXPECT_EQ(ArrowArrayBytes(int_array, i), 1 + 12);
  EXPECT_EQ(ArrowArrayBytes(str_array, s), 16 + 5);
  EXPECT_EQ(ArrowArrayBytes(batch, row), 13 + 21);
}

// An endless stream of 2-row batches of one INT column `i` (1, 2), for the
// progress and cancellation paths of a SELECT's drain.
struct EndlessStream {
  static int GetSchema(ArrowArrayStream*, ArrowSchema* out) {
    static ArrowSchema child_template{};
    *out = ArrowSchema{};
    auto* child = new ArrowSchema(child_template);
    child->format = "i";
    child->name = "i";
    child->release = [](ArrowSchema* s) { s->release = nullptr; };
    auto** children = new ArrowSchema*[1]{child};
    out->format = "+s";
    out->name = "";
    out->n_children = 1;
    out->children = children;
    out->release = [](ArrowSchema* s) {
      s->children[0]->release(s->children[0]);
      delete s->children[0];
      delete[] s->children;
      s->release = nullptr;
    };
    return 0;
  }
  static int GetNext(ArrowArrayStream*, ArrowArray* out) {
    static const int32_t values[2] = {1, 2};
    static const void* child_buffers[2] = {nullptr, values};
    static const void* struct_buffers[1] = {nullptr};
    auto* child = new ArrowArray{};
    child->length = 2;
    child->n_buffers = 2;
    child->buffers = child_buffers;
    child->release = [](ArrowArray* a) { a->release = nullptr; };
    *out = ArrowArray{};
    out->length = 2;
    out->n_buffers = 1;
    out->buffers = struct_buffers;
    out->n_children = 1;
    out->children = new ArrowArray*[1]{child};
    out->release = [](ArrowArray* a) {
      a->children[0]->release(a->children[0]);
      delete a->children[0];
      delete[] a->children;
      a->release = nullptr;
    };
    return 0;
  }
  static ArrowArrayStream Make(bool* released) {
    ArrowArrayStream s{};
    s.get_schema = GetSchema;
    s.get_next = GetNext;
    s.get_last_error = [](ArrowArrayStream*) -> const char* { return nullptr; };
    s.private_data = released;
    s.release = [](ArrowArrayStream* self) {
      *static_cast<bool*>(self->private_data) = true;
      self->release = nullptr;
    };
    return s;
  }
};

TEST(CliShell, CancelStopsADrainBetweenBatchesAndReportsProgress) {
  bool released = false;
  ArrowArrayStream stream = EndlessStream::Make(&released);
  Column column;
  column.name = "i";
  column.type.root = TypeRoot::kInt;
  ExecOptions exec;
  std::vector<int64_t> rows_seen;
  exec.progress = [&rows_seen](const ScanProgress& p) { rows_seen.push_back(p.rows); };
  int asked = 0;
  exec.cancelled = [&asked] { return ++asked > 3; };
  auto result = DrainToResult(stream, {column}, exec);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kCancelled);
  EXPECT_NE(result.status().message().find("after 6 rows"), std::string::npos) << result.status().ToString();
  EXPECT_EQ(rows_seen, (std::vector<int64_t>{2, 4, 6}));
  EXPECT_TRUE(released);
}

}  // namespace
}  // namespace fluss_native::cli
