// Fuzz target: a whole Parquet file. Opens it, reads every column with a
// small batch size, and renders the batches as JSON so every exported
// buffer is touched; also decodes every top-level column's footer statistics
// and dictionary per row group, and its page index (ColumnIndex and
// OffsetIndex, every page's bounds decoded), as the pruners do; and reads
// again by row ranges, skipping pages by the offset index. Any outcome but a crash
// or sanitizer report is fine.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "format/parquet/file_reader.h"
#include "format/parquet/json_dump.h"
#include "fuzz_target.h"

using namespace fluss_native::parquet;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto reader = ParquetFileReader::Open(
      MakeMemoryFile("fuzz.parquet", std::string(reinterpret_cast<const char*>(data), size)));
  if (!reader.ok()) return 0;
  ReadOptions opts;
  opts.batch_size = 37;
  ArrowSchema schema;
  if (!(*reader)->GetArrowSchema({}, &schema).ok()) return 0;
  for (int rg = 0; rg < (*reader)->num_row_groups() && rg < 16; ++rg) {
    for (const auto& column : (*reader)->schema().columns) {
      (void)(*reader)->ColumnStats(rg, column.name);
      (void)(*reader)->DictionaryValues(rg, column.name, 1 << 20);
      (void)(*reader)->PageIndex(rg, column.name, 1 << 20);
    }
  }
  // Once whole, once by row ranges (pages skipped by the offset index).
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1) {
      opts.select_rows = [](int rg) -> std::optional<std::vector<RowRange>> {
        if (rg % 3 == 2) return std::vector<RowRange>();
        return std::vector<RowRange>{{3, 25}, {41, 42}, {60, 1 << 20}};
      };
    }
    auto batches = (*reader)->NewBatchReader(opts);
    if (!batches.ok()) continue;
    for (int i = 0; i < 1000; ++i) {
      ArrowArray batch;
      auto more = (*batches)->Next(&batch);
      if (!more.ok() || !*more) break;
      (void)BatchToJson(schema, batch);
      batch.release(&batch);
    }
  }
  schema.release(&schema);
  return 0;
}

std::vector<std::string> FuzzSeeds() {
  std::vector<std::string> seeds;
  for (const char* name : {"single_rg", "int96", "nested_plain", "encodings_v2", "flat_v2_zstd", "flat_v1_gzip",
                           "flat_v1_lz4", "nested_v1", "page_index", "page_index_dict"}) {
    std::ifstream in(std::string(FN_SOURCE_DIR) + "/tests/data/parquet/" + name + ".parquet", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    if (!ss.str().empty()) seeds.push_back(ss.str());
  }
  return seeds;
}
