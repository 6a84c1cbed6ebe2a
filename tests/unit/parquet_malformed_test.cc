// Hostile files: truncated, with lying lengths and offsets, and with bytes
// flipped in the footer and in pages. Every case must end in a clean
// Corruption/Unsupported status naming the file, never a crash (run under
// -DFN_SANITIZE=ON to make over-reads fatal).
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "format/parquet/file_reader.h"

namespace fluss_native::parquet {
namespace {

std::string Corpus(const std::string& name) {
  std::ifstream in(std::string(FN_SOURCE_DIR) + "/tests/data/parquet/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Opens and reads every column of `bytes` to the end.
Status ReadEverything(const std::string& name, std::string bytes, int64_t batch_size = 100) {
  FN_ASSIGN_OR_RETURN(auto reader, ParquetFileReader::Open(MakeMemoryFile(name, std::move(bytes))));
  ReadOptions opts;
  opts.batch_size = batch_size;
  FN_ASSIGN_OR_RETURN(auto batches, reader->NewBatchReader(opts));
  while (true) {
    ArrowArray batch;
    FN_ASSIGN_OR_RETURN(bool more, batches->Next(&batch));
    if (!more) return Status::OK();
    batch.release(&batch);
  }
}

void ExpectCleanError(const Status& st, const std::string& name) {
  ASSERT_FALSE(st.ok());
  EXPECT_TRUE(st.code() == StatusCode::kCorruption || st.code() == StatusCode::kUnsupported) << st.ToString();
  EXPECT_NE(st.message().find(name), std::string::npos) << st.ToString();
}

uint32_t FooterLength(const std::string& bytes) {
  uint32_t len;
  std::memcpy(&len, bytes.data() + bytes.size() - 8, 4);
  return len;
}

TEST(ParquetMalformed, TooSmallOrNoMagic) {
  for (std::string bytes : {std::string(), std::string("PAR1"), std::string("PAR1PAR1"), std::string(11, 'x'),
                            std::string("PAR1") + std::string(100, '\0') + "PAR2"}) {
    ExpectCleanError(ReadEverything("tiny.parquet", bytes), "tiny.parquet");
  }
}

TEST(ParquetMalformed, EncryptedFooterIsUnsupported) {
  std::string bytes = Corpus("single_rg.parquet");
  bytes.replace(bytes.size() - 4, 4, "PARE");
  Status st = ReadEverything("enc.parquet", bytes);
  EXPECT_EQ(st.code(), StatusCode::kUnsupported);
}

TEST(ParquetMalformed, FooterLengthLies) {
  const std::string good = Corpus("flat_v1_snappy.parquet");
  for (uint32_t len : {uint32_t{0}, uint32_t{1}, uint32_t{7}, FooterLength(good) - 1, FooterLength(good) + 1,
                       static_cast<uint32_t>(good.size()), 0xffffffffu}) {
    std::string bytes = good;
    std::memcpy(bytes.data() + bytes.size() - 8, &len, 4);
    ExpectCleanError(ReadEverything("lying_footer.parquet", bytes), "lying_footer.parquet");
  }
}

TEST(ParquetMalformed, TruncatedFilesKeepingTheTail) {
  // Cut bytes out of the middle while keeping the footer: every offset in
  // the footer now points somewhere wrong.
  const std::string good = Corpus("nested_v1.parquet");
  const size_t footer = FooterLength(good) + 8;
  for (size_t cut : {size_t{1}, size_t{13}, size_t{500}, good.size() / 2}) {
    for (size_t at : {size_t{4}, size_t{100}, good.size() / 3}) {
      if (at + cut + footer > good.size()) continue;
      std::string bytes = good.substr(0, at) + good.substr(at + cut);
      Status st = ReadEverything("cut.parquet", bytes);
      if (!st.ok()) ExpectCleanError(st, "cut.parquet");
    }
  }
  // Plain truncation loses the tail magic.
  for (size_t keep = 0; keep < good.size(); keep += good.size() / 17) {
    ExpectCleanError(ReadEverything("short.parquet", good.substr(0, keep)), "short.parquet");
  }
}

// Flipping single bytes all over the footer exercises every length, offset,
// count and enum it holds.
void FlipEachByte(const std::string& corpus, size_t from, size_t to, size_t step) {
  const std::string good = Corpus(corpus);
  int errors = 0;
  for (size_t i = from; i < to && i < good.size(); i += step) {
    for (uint8_t x : {uint8_t{0xff}, uint8_t{0x01}, uint8_t{0x80}}) {
      std::string bytes = good;
      bytes[i] = static_cast<char>(bytes[i] ^ x);
      Status st = ReadEverything("flipped.parquet", bytes);
      if (!st.ok()) {
        ++errors;
        ExpectCleanError(st, "flipped.parquet");
      }
    }
  }
  EXPECT_GT(errors, 0);
}

TEST(ParquetMalformed, FlippedFooterBytes) {
  const std::string good = Corpus("nested_plain.parquet");
  const size_t footer_start = good.size() - 8 - FooterLength(good);
  FlipEachByte("nested_plain.parquet", footer_start, good.size() - 8, 3);
}

TEST(ParquetMalformed, FlippedPageBytes) {
  FlipEachByte("nested_plain.parquet", 4, 3000, 5);
  FlipEachByte("encodings_v2.parquet", 4, 4000, 7);
  FlipEachByte("flat_v1_gzip.parquet", 4, 2000, 11);
  FlipEachByte("flat_v2_zstd.parquet", 4, 2000, 11);
}

}  // namespace
}  // namespace fluss_native::parquet
