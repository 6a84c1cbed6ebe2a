// StatusCode::kResourceExhausted: its name, and how a stream reports it.
#include <gtest/gtest.h>

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

TEST(StatusCodes, ResourceExhaustedHasAStableName) {
  EXPECT_STREQ(StatusCodeName(StatusCode::kResourceExhausted), "ResourceExhausted");
  EXPECT_EQ(Status::ResourceExhausted("x").ToString(), "ResourceExhausted: x");
  EXPECT_FALSE(Status::ResourceExhausted("x").retriable());
}

}  // namespace
}  // namespace fluss_native
