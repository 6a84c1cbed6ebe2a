// The public API never throws (status.h): an exception inside a stream's
// batch producer, and value() on a failed Result, come back as values.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

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

// A stream whose producer throws `make_exception()` on the first get_next.
template <typename Thrower>
ArrowArrayStream ThrowingStream(Thrower thrower) {
  ArrowArrayStream stream;
  Status st = arrow::ExportArrayStream(
      IntRow(), [thrower](ArrowArray*) -> Result<bool> { thrower(); return false; }, &stream);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return stream;
}

TEST(StreamBoundary, FailedAllocationInProducerIsResourceExhausted) {
  ArrowArrayStream stream = ThrowingStream([] { throw std::bad_alloc(); });
  ArrowArray batch;
  int rc = stream.get_next(&stream, &batch);
  EXPECT_EQ(rc, ENOMEM);
  EXPECT_EQ(batch.release, nullptr);
  const char* error = stream.get_last_error(&stream);
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(std::string(error).rfind("ResourceExhausted: ", 0), 0u) << error;
  stream.release(&stream);
}

TEST(StreamBoundary, OtherExceptionIsInternalWithItsMessage) {
  ArrowArrayStream stream = ThrowingStream([] { throw std::runtime_error("bucket 3 exploded"); });
  ArrowArray batch;
  int rc = stream.get_next(&stream, &batch);
  EXPECT_NE(rc, 0);
  EXPECT_NE(rc, ENOMEM);
  const char* error = stream.get_last_error(&stream);
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(std::string(error).rfind("Internal: ", 0), 0u) << error;
  EXPECT_NE(std::string(error).find("bucket 3 exploded"), std::string::npos) << error;
  stream.release(&stream);
}

TEST(StreamBoundary, NonStandardExceptionIsInternal) {
  ArrowArrayStream stream = ThrowingStream([] { throw 42; });
  ArrowArray batch;
  EXPECT_NE(stream.get_next(&stream, &batch), 0);
  const char* error = stream.get_last_error(&stream);
  ASSERT_NE(error, nullptr);
  EXPECT_EQ(std::string(error).rfind("Internal: ", 0), 0u) << error;
  stream.release(&stream);
}

TEST(ResultValue, OnAnErrorDoesNotThrowAndIsValueInitialised) {
  Result<std::vector<std::string>> names = Status::NotFound("database 'nope' does not exist");
  EXPECT_NO_THROW({
    EXPECT_TRUE(names.value().empty());
    EXPECT_TRUE(names->empty());
    EXPECT_EQ((*names).size(), 0u);
  });
  EXPECT_EQ(names.status().code(), StatusCode::kNotFound);  // still the error
  EXPECT_FALSE(names.ok());

  const Result<int64_t> count = Status::Timeout("list offsets of db.t");
  EXPECT_NO_THROW(EXPECT_EQ(count.value(), 0));

  Result<std::unique_ptr<int>> owner = Status::Internal("no");
  std::unique_ptr<int> taken;
  EXPECT_NO_THROW(taken = std::move(owner).value());
  EXPECT_EQ(taken, nullptr);
  EXPECT_FALSE(owner.ok());
}

TEST(ResultValue, OkResultsAreUnchanged) {
  Result<std::string> text = std::string("db.orders");
  ASSERT_TRUE(text.ok());
  EXPECT_TRUE(text.status().ok());
  EXPECT_EQ(*text, "db.orders");
  std::string moved = std::move(text).value();
  EXPECT_EQ(moved, "db.orders");
  Result<int> from_ok_status = Status::OK();  // a bug: still an error, never a value
  EXPECT_FALSE(from_ok_status.ok());
  EXPECT_EQ(from_ok_status.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace fluss_native
