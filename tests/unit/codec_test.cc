// The raw codecs of src/format/codec against the system libraries' own
// compressors (the oracle: data they encode must decode to the original),
// and against hostile input: wrong announced sizes, cut-short data, output
// beyond the bound. Every error must name the codec.
#include <gtest/gtest.h>
#include <lz4.h>
#include <lz4frame.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <string>
#include <vector>

#include "format/codec/deflate.h"
#include "format/codec/lz4.h"
#include "format/codec/snappy.h"
#include "format/codec/zstd.h"

namespace fluss_native::codec {
namespace {

std::string Sample(size_t n) {
  std::string s;
  for (size_t i = 0; s.size() < n; ++i) s += "row " + std::to_string(i % 977) + " value " + std::to_string(i * 31) + ";";
  s.resize(n);
  return s;
}

const uint8_t* U8(const std::string& s) { return reinterpret_cast<const uint8_t*>(s.data()); }

std::string ZstdCompress(const std::string& in) {
  std::string out(ZSTD_compressBound(in.size()), '\0');
  size_t n = ZSTD_compress(out.data(), out.size(), in.data(), in.size(), 3);
  EXPECT_FALSE(ZSTD_isError(n));
  out.resize(n);
  return out;
}

// A streamed frame does not record its content size (as Paimon's Avro writer produces).
std::string ZstdCompressStreamed(const std::string& in) {
  ZSTD_CCtx* c = ZSTD_createCCtx();
  std::string out(ZSTD_compressBound(in.size()) + 64, '\0');
  ZSTD_inBuffer ib{in.data(), in.size(), 0};
  ZSTD_outBuffer ob{out.data(), out.size(), 0};
  size_t left = ZSTD_compressStream2(c, &ob, &ib, ZSTD_e_end);
  EXPECT_EQ(left, 0u);
  ZSTD_freeCCtx(c);
  out.resize(ob.pos);
  return out;
}

std::string Lz4FrameCompress(const std::string& in) {
  std::string out(LZ4F_compressFrameBound(in.size(), nullptr), '\0');
  size_t n = LZ4F_compressFrame(out.data(), out.size(), in.data(), in.size(), nullptr);
  EXPECT_FALSE(LZ4F_isError(n));
  out.resize(n);
  return out;
}

std::string Lz4BlockCompress(const std::string& in) {
  std::string out(LZ4_compressBound(static_cast<int>(in.size())), '\0');
  int n = LZ4_compress_default(in.data(), out.data(), static_cast<int>(in.size()), static_cast<int>(out.size()));
  EXPECT_GT(n, 0);
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string SnappyCompress(const std::string& in) {
  size_t n = snappy_max_compressed_length(in.size());
  std::string out(n, '\0');
  EXPECT_EQ(snappy_compress(in.data(), in.size(), out.data(), &n), SNAPPY_OK);
  out.resize(n);
  return out;
}

// window_bits: -15 raw deflate, 15 zlib, 31 gzip.
std::string Deflate(const std::string& in, int window_bits) {
  z_stream zs{};
  EXPECT_EQ(deflateInit2(&zs, 6, Z_DEFLATED, window_bits, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&zs, in.size()) + 32, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

void ExpectNames(const Status& st, const std::string& codec) {
  EXPECT_FALSE(st.ok());
  EXPECT_NE(st.message().find(codec), std::string::npos) << st.ToString();
}

TEST(Codec, ZstdExactAndBoundedRoundTrip) {
  const std::string plain = Sample(300000);
  ZstdDecoder d;
  for (const std::string& packed : {ZstdCompress(plain), ZstdCompressStreamed(plain)}) {
    std::string out;
    ASSERT_TRUE(d.DecodeBounded(U8(packed), packed.size(), plain.size(), &out).ok());
    EXPECT_EQ(out, plain);
  }
  // Two frames back to back decode to both contents, in both modes.
  const std::string two = ZstdCompress(plain) + ZstdCompressStreamed("tail");
  std::string out = "prefix:";
  ASSERT_TRUE(d.DecodeBounded(U8(two), two.size(), plain.size() + 4, &out).ok());
  EXPECT_EQ(out, "prefix:" + plain + "tail");
  const std::string exact_two = ZstdCompress(plain) + ZstdCompress("tail");
  std::string dst(plain.size() + 4, '\0');
  ASSERT_TRUE(d.DecodeExact(U8(exact_two), exact_two.size(), reinterpret_cast<uint8_t*>(dst.data()), dst.size()).ok());
  EXPECT_EQ(dst, plain + "tail");
}

TEST(Codec, ZstdRefusesWrongSizesTruncationAndOverflow) {
  const std::string plain = Sample(100000);
  const std::string packed = ZstdCompress(plain);
  ZstdDecoder d;
  std::string dst(plain.size() + 1, '\0');
  ExpectNames(d.DecodeExact(U8(packed), packed.size(), reinterpret_cast<uint8_t*>(dst.data()), dst.size()), "ZSTD");
  ExpectNames(d.DecodeExact(U8(packed), packed.size(), reinterpret_cast<uint8_t*>(dst.data()), plain.size() - 1),
              "ZSTD");
  std::string out;
  ExpectNames(d.DecodeBounded(U8(packed), packed.size() / 2, 1 << 20, &out), "ZSTD");
  out.clear();
  Status over = d.DecodeBounded(U8(packed), packed.size(), 1000, &out);
  ExpectNames(over, "ZSTD");
  EXPECT_NE(over.message().find("limit of 1000"), std::string::npos) << over.ToString();
  // The context is still good after failures.
  out.clear();
  ASSERT_TRUE(d.DecodeBounded(U8(packed), packed.size(), plain.size(), &out).ok());
  EXPECT_EQ(out, plain);
  ExpectNames(d.DecodeBounded(U8(std::string("garbage!")), 8, 100, &out), "ZSTD");
}

TEST(Codec, Lz4FrameAndBlock) {
  const std::string plain = Sample(200000);
  Lz4FrameDecoder frames;
  const std::string frame = Lz4FrameCompress(plain);
  std::string dst(plain.size(), '\0');
  auto* d = reinterpret_cast<uint8_t*>(dst.data());
  ASSERT_TRUE(frames.DecodeExact(U8(frame), frame.size(), d, dst.size()).ok());
  EXPECT_EQ(dst, plain);
  ExpectNames(frames.DecodeExact(U8(frame), frame.size(), d, dst.size() - 1), "LZ4 frame");
  ExpectNames(frames.DecodeExact(U8(frame), frame.size() - 5, d, dst.size()), "LZ4 frame");
  std::string bigger(plain.size() + 10, '\0');
  ExpectNames(frames.DecodeExact(U8(frame), frame.size(), reinterpret_cast<uint8_t*>(bigger.data()), bigger.size()),
              "LZ4 frame");
  ASSERT_TRUE(frames.DecodeExact(U8(frame), frame.size(), d, dst.size()).ok());  // reusable after errors

  const std::string block = Lz4BlockCompress(plain);
  std::fill(dst.begin(), dst.end(), '\0');
  ASSERT_TRUE(Lz4BlockDecodeExact(U8(block), block.size(), d, dst.size()).ok());
  EXPECT_EQ(dst, plain);
  ExpectNames(Lz4BlockDecodeExact(U8(block), block.size(), d, dst.size() - 1), "LZ4 block");
  ExpectNames(Lz4BlockDecodeExact(U8(block), block.size() / 2, d, dst.size()), "LZ4 block");
}

TEST(Codec, Snappy) {
  const std::string plain = Sample(150000);
  const std::string packed = SnappyCompress(plain);
  auto len = SnappyDecodedLength(U8(packed), packed.size());
  ASSERT_TRUE(len.ok());
  EXPECT_EQ(*len, plain.size());
  std::string dst(plain.size(), '\0');
  auto* d = reinterpret_cast<uint8_t*>(dst.data());
  ASSERT_TRUE(SnappyDecodeExact(U8(packed), packed.size(), d, dst.size()).ok());
  EXPECT_EQ(dst, plain);
  ExpectNames(SnappyDecodeExact(U8(packed), packed.size(), d, dst.size() - 1), "SNAPPY");
  ExpectNames(SnappyDecodeExact(U8(packed), packed.size() / 2, d, dst.size()), "SNAPPY");
  ExpectNames(SnappyDecodedLength(U8(std::string("\xff\xff\xff\xff\xff\xff", 6)), 6).status(), "SNAPPY");
}

TEST(Codec, DeflateRawZlibGzipAndConcatenatedMembers) {
  const std::string plain = Sample(120000);
  std::string dst(plain.size(), '\0');
  auto* d = reinterpret_cast<uint8_t*>(dst.data());
  for (int bits : {15, 31}) {
    const std::string packed = Deflate(plain, bits);
    ASSERT_TRUE(InflateExact(DeflateWrapper::kGzipOrZlib, U8(packed), packed.size(), d, dst.size()).ok()) << bits;
    EXPECT_EQ(dst, plain);
    ExpectNames(InflateExact(DeflateWrapper::kGzipOrZlib, U8(packed), packed.size(), d, dst.size() - 1), "GZIP");
    ExpectNames(InflateExact(DeflateWrapper::kGzipOrZlib, U8(packed), packed.size() / 2, d, dst.size()), "GZIP");
  }
  // Two gzip members: Parquet readers continue with the second.
  const std::string half = plain.substr(0, 60000);
  const std::string members = Deflate(half, 31) + Deflate(plain.substr(60000), 31);
  ASSERT_TRUE(InflateExact(DeflateWrapper::kGzipOrZlib, U8(members), members.size(), d, dst.size()).ok());
  EXPECT_EQ(dst, plain);
  // An empty output still arrives as a stream.
  const std::string empty = Deflate("", 31);
  EXPECT_TRUE(InflateExact(DeflateWrapper::kGzipOrZlib, U8(empty), empty.size(), nullptr, 0).ok());

  const std::string raw = Deflate(plain, -15);
  std::string out;
  ASSERT_TRUE(InflateBounded(DeflateWrapper::kRaw, U8(raw), raw.size(), plain.size(), &out).ok());
  EXPECT_EQ(out, plain);
  out.clear();
  ExpectNames(InflateBounded(DeflateWrapper::kRaw, U8(raw), raw.size() / 2, plain.size(), &out), "DEFLATE");
  out.clear();
  ExpectNames(InflateBounded(DeflateWrapper::kRaw, U8(raw), raw.size(), 4096, &out), "DEFLATE");
}

TEST(Codec, Crc32IsZlibs) {
  const std::string plain = Sample(5000);
  EXPECT_EQ(Crc32(U8(plain), plain.size()),
            static_cast<uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(plain.data()), static_cast<uInt>(plain.size()))));
  EXPECT_EQ(Crc32(U8(std::string("123456789")), 9), 0xCBF43926u);  // the CRC-32 check value
}

}  // namespace
}  // namespace fluss_native::codec
