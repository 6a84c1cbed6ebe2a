#include <gtest/gtest.h>

#include "common/endian.h"
#include "rpc/frame.h"

namespace fluss_native::rpc {
namespace {

std::string ResponseBytes(int8_t type, int32_t id, const std::string& body) {
  std::string out;
  PutBigEndian<int32_t>(&out, static_cast<int32_t>(kResponseHeaderBytes + body.size()));
  out.push_back(static_cast<char>(type));
  PutBigEndian<int32_t>(&out, id);
  return out + body;
}

TEST(Frame, RequestHeaderLayout) {
  std::string out;
  AppendRequestFrame(ApiKey::kGetTableInfo, 0, 0x01020304, "xyz", &out);
  ASSERT_EQ(out.size(), 4u + 8u + 3u);
  EXPECT_EQ(GetBigEndian<int32_t>(out.data()), 11);
  EXPECT_EQ(GetBigEndian<int16_t>(out.data() + 4), 1007);
  EXPECT_EQ(GetBigEndian<int16_t>(out.data() + 6), 0);
  EXPECT_EQ(GetBigEndian<int32_t>(out.data() + 8), 0x01020304);
  EXPECT_EQ(out.substr(12), "xyz");
}

TEST(Frame, ReassemblesFramesSplitAcrossReads) {
  std::string stream = ResponseBytes(0, 7, "hello") + ResponseBytes(1, 8, "err");
  FrameReader reader(1 << 20);
  std::vector<ReceivedFrame> frames;
  for (char c : stream) {  // one byte at a time: the worst TCP can do
    reader.Append(std::string_view(&c, 1));
    auto f = reader.Next();
    ASSERT_TRUE(f.ok());
    if (f->has_value()) frames.push_back(**f);
  }
  ASSERT_EQ(frames.size(), 2u);
  auto a = ParseResponseFrame(frames[0].head);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->type, ResponseType::kSuccess);
  EXPECT_EQ(a->request_id, 7);
  EXPECT_EQ(frames[0].body, "hello");
  EXPECT_EQ(frames[1].body, "err");
  auto b = ParseResponseFrame(frames[1].head);
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->type, ResponseType::kError);
  EXPECT_EQ(b->request_id, 8);
  EXPECT_EQ(reader.buffered_bytes(), 0u);
}

TEST(Frame, TruncatedFrameWaitsForMoreBytes) {
  std::string bytes = ResponseBytes(0, 1, "0123456789");
  FrameReader reader(1 << 20);
  reader.Append(std::string_view(bytes).substr(0, bytes.size() - 1));
  auto f = reader.Next();
  ASSERT_TRUE(f.ok());
  EXPECT_FALSE(f->has_value());
  EXPECT_EQ(reader.buffered_bytes(), bytes.size() - 1);
}

TEST(Frame, OversizedFrameIsRejected) {
  std::string bytes;
  PutBigEndian<int32_t>(&bytes, 2 << 20);
  FrameReader reader(1 << 20);
  reader.Append(bytes);
  auto f = reader.Next();
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), StatusCode::kCorruption);
  EXPECT_NE(f.status().message().find("2097152"), std::string::npos);
}

TEST(Frame, NegativeAndZeroLengthsAreRejected) {
  for (int32_t len : {0, -1, INT32_MIN}) {
    std::string bytes;
    PutBigEndian<int32_t>(&bytes, len);
    FrameReader reader(1 << 20);
    reader.Append(bytes);
    EXPECT_FALSE(reader.Next().ok()) << len;
  }
}

TEST(Frame, FramesInOneReadAndAServerFailureAreCutApart) {
  std::string failure_payload = std::string("\x02") + "boom";
  std::string failure;
  PutBigEndian<int32_t>(&failure, static_cast<int32_t>(failure_payload.size()));
  failure += failure_payload;
  std::string stream = ResponseBytes(0, 1, "one") + ResponseBytes(0, 2, "") + failure;
  FrameReader reader(1 << 20);
  reader.Append(stream);
  std::vector<ReceivedFrame> frames;
  while (true) {
    auto f = reader.Next();
    ASSERT_TRUE(f.ok());
    if (!f->has_value()) break;
    frames.push_back(std::move(**f));
  }
  ASSERT_EQ(frames.size(), 3u);
  EXPECT_EQ(frames[0].body, "one");
  EXPECT_EQ(ParseResponseFrame(frames[1].head)->request_id, 2);
  EXPECT_EQ(frames[1].body, "");
  EXPECT_EQ(ParseResponseFrame(frames[2].head)->type, ResponseType::kServerFailure);
  EXPECT_EQ(frames[2].body, "boom");
}

TEST(Frame, FrameShorterThanItsHeaderIsRejectedWhenParsed) {
  std::string bytes;
  PutBigEndian<int32_t>(&bytes, 3);
  bytes += std::string("\0\0\0", 3);
  FrameReader reader(1 << 20);
  reader.Append(bytes);
  auto f = reader.Next();
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE(f->has_value());
  EXPECT_FALSE(ParseResponseFrame((*f)->head).ok());
}

TEST(Frame, FramesBeforeABadLengthAreStillHandedOut) {
  std::string stream = ResponseBytes(0, 9, "ok");
  PutBigEndian<int32_t>(&stream, -5);
  FrameReader reader(1 << 20);
  reader.Append(stream);
  auto first = reader.Next();
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->has_value());
  EXPECT_EQ((*first)->body, "ok");
  EXPECT_FALSE(reader.Next().ok());
  EXPECT_FALSE(reader.Next().ok());  // stays poisoned
}

TEST(Frame, ShortAndUnknownResponsesAreRejected) {
  EXPECT_FALSE(ParseResponseFrame("").ok());
  EXPECT_FALSE(ParseResponseFrame(std::string("\0\0\0", 3)).ok());  // header cut short
  EXPECT_FALSE(ParseResponseFrame(std::string("\x09\0\0\0\0", 5)).ok());
  const std::string payload("\x02zz", 3);  // the frame's body points into it: keep it alive
  auto failure = ParseResponseFrame(payload);
  ASSERT_TRUE(failure.ok());
  EXPECT_EQ(failure->type, ResponseType::kServerFailure);
  EXPECT_EQ(failure->body, "zz");
}

// Defect 3: a 4-byte header alone reserved the whole announced frame.
TEST(Frame, HugeLengthHeaderDoesNotReserveTheAnnouncedSize) {
  std::string bytes;
  PutBigEndian<int32_t>(&bytes, 200 << 20);
  bytes += std::string(1, '\0') + "abcdefgh";
  FrameReader reader(256 << 20);
  reader.Append(bytes);
  auto f = reader.Next();
  ASSERT_TRUE(f.ok());
  EXPECT_FALSE(f->has_value());
  EXPECT_LT(reader.capacity_bytes(), size_t{1} << 20);
}

// Defect 3: the capacity of a large frame stayed with the reader for the
// connection's life.
TEST(Frame, LargeFrameCapacityIsReleasedOnceHandedOut) {
  std::string body(3 << 20, 'q');
  std::string stream = ResponseBytes(0, 5, body);
  FrameReader reader(256 << 20);
  for (size_t at = 0; at < stream.size(); at += 65536) {
    reader.Append(std::string_view(stream).substr(at, 65536));
  }
  auto f = reader.Next();
  ASSERT_TRUE(f.ok());
  ASSERT_TRUE(f->has_value());
  EXPECT_EQ((*f)->body, body);
  EXPECT_EQ((*f)->body.capacity(), body.size());  // grown to the exact size, not beyond
  EXPECT_LT(reader.capacity_bytes(), size_t{64} << 10);
  EXPECT_EQ(reader.buffered_bytes(), 0u);
}

}  // namespace
}  // namespace fluss_native::rpc
