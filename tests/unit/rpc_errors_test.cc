#include <gtest/gtest.h>

#include "rpc/errors.h"
#include "rpc/retry.h"

namespace fluss_native::rpc {
namespace {

TEST(ErrorMapping, NonRetriableCatalogErrors) {
  Status st = FromServerError(error_code::kTableNotExist, "Table 'a.b' does not exist.");
  EXPECT_EQ(st.code(), StatusCode::kNotFound);
  EXPECT_FALSE(st.retriable());
  EXPECT_EQ(st.server_error_code(), 7);
  EXPECT_NE(st.message().find("TABLE_NOT_EXIST"), std::string::npos);
  EXPECT_NE(st.message().find("a.b"), std::string::npos);
  EXPECT_EQ(FromServerError(4, "").code(), StatusCode::kNotFound);
  EXPECT_EQ(FromServerError(46, "").code(), StatusCode::kAuthentication);
  EXPECT_FALSE(FromServerError(46, "").retriable());
  EXPECT_EQ(FromServerError(9, "").code(), StatusCode::kSchema);
  EXPECT_FALSE(FromServerError(9, "").retriable());
}

TEST(ErrorMapping, RetriableTransientErrors) {
  for (int code : {1, 12, 21, 25, 44}) {
    EXPECT_TRUE(FromServerError(code, "").retriable()) << code;
  }
  EXPECT_EQ(FromServerError(12, "").code(), StatusCode::kNotLeader);
  EXPECT_EQ(FromServerError(25, "").code(), StatusCode::kTimeout);
  EXPECT_EQ(FromServerError(19, "").code(), StatusCode::kOutOfRange);
}

TEST(ErrorMapping, UnknownCodeKeepsNumber) {
  Status st = FromServerError(999, "boom");
  EXPECT_EQ(st.code(), StatusCode::kServerError);
  EXPECT_FALSE(st.retriable());
  EXPECT_NE(st.message().find("UNKNOWN(999)"), std::string::npos);
}

TEST(Retry, BackoffDoublesAndCaps) {
  RetryPolicy p{10, std::chrono::milliseconds(100), std::chrono::milliseconds(1000)};
  EXPECT_EQ(p.BackoffFor(1).count(), 100);
  EXPECT_EQ(p.BackoffFor(2).count(), 200);
  EXPECT_EQ(p.BackoffFor(4).count(), 800);
  EXPECT_EQ(p.BackoffFor(5).count(), 1000);
  EXPECT_EQ(p.BackoffFor(30).count(), 1000);
}

TEST(Retry, RetriesOnlyRetriableAndStopsAtLimit) {
  RetryPolicy p{3, std::chrono::milliseconds(1), std::chrono::milliseconds(2)};
  int calls = 0;
  int hooks = 0;
  std::function<Result<int>()> transient = [&]() -> Result<int> {
    ++calls;
    return Status::Network("down");
  };
  std::function<void(const Status&)> hook = [&](const Status&) { ++hooks; };
  auto r = WithRetry<int>(p, transient, hook);
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(calls, 4);
  EXPECT_EQ(hooks, 3);
  EXPECT_NE(r.status().message().find("4 attempts"), std::string::npos);

  calls = 0;
  std::function<Result<int>()> fatal = [&]() -> Result<int> {
    ++calls;
    return Status::NotFound("no table");
  };
  EXPECT_FALSE(WithRetry<int>(p, fatal).ok());
  EXPECT_EQ(calls, 1);

  calls = 0;
  std::function<Result<int>()> flaky = [&]() -> Result<int> {
    return ++calls < 3 ? Result<int>(Status::Timeout("slow")) : Result<int>(42);
  };
  auto ok = WithRetry<int>(p, flaky);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 42);
}

}  // namespace
}  // namespace fluss_native::rpc
