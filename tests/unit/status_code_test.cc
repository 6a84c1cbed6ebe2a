// StatusCode::kResourceExhausted: its name, and how a stream reports it.
#include <gtest/gtest.h>

#include <memory>

#include <cerrno>

#include "format/arrow/stream.h"

namespace fluss_native {
namespace {

DataType IntRow() {
  DataType field;
  field.root = TypeRoot::kInt;
  DataType row;
  row.root = TypeRoot::kRow;
  row.children = {field};
  row.field_names = {"id"};
  row.field_ids = {0};
  row.field_descriptions = {std::nullopt};
  return row;
}

TEST(StatusCodes, ProducerErrorStatusKeepsItsCode) {
  ArrowArrayStream stream;
  ASSERT_TRUE(arrow::ExportArrayStream(
                  IntRow(),
                  [](ArrowArray*) -> Result<bool> { return Status::ResourceExhausted("no room for bucket 1"); },
                  &stream)
                  .ok());
  ArrowArray batch;
  EXPECT_EQ(stream.get_next(&stream, &batch), ENOMEM);
  EXPECT_STREQ(stream.get_last_error(&stream), "ResourceExhausted: no room for bucket 1");
  stream.release(&stream);
}

// After a failed get_next, every later one answers the same error with the
// same last error text, and the producer is not asked again.
TEST(StatusCodes, StreamErrorIsSticky) {
  auto calls = std::make_shared<int>(0);
  ArrowArrayStream stream;
  ASSERT_TRUE(arrow::ExportArrayStream(
                  IntRow(),
                  [calls](ArrowArray*) -> Result<bool> {
                    ++*calls;
                    if (*calls == 1) return Status::Cancelled("split LOG_ONLY of table 'db.t' bucket 2 was cancelled");
                    return Status::Internal("the producer was asked again");
                  },
                  &stream)
                  .ok());
  for (int i = 0; i < 3; ++i) {
    ArrowArray batch;
    batch.release = reinterpret_cast<void (*)(ArrowArray*)>(1);  // must be cleared
    EXPECT_EQ(stream.get_next(&stream, &batch), ECANCELED);
    EXPECT_EQ(batch.release, nullptr);
    EXPECT_STREQ(stream.get_last_error(&stream), "Cancelled: split LOG_ONLY of table 'db.t' bucket 2 was cancelled");
  }
  EXPECT_EQ(*calls, 1);
  stream.release(&stream);
}

TEST(StatusCodes, ResourceExhaustedHasAStableName) {
  EXPECT_STREQ(StatusCodeName(StatusCode::kResourceExhausted), "ResourceExhausted");
  EXPECT_EQ(Status::ResourceExhausted("x").ToString(), "ResourceExhausted: x");
  EXPECT_FALSE(Status::ResourceExhausted("x").retriable());
}

}  // namespace
}  // namespace fluss_native
