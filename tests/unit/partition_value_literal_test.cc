// Fluss partition values (text) as typed Literals for partition pruning
// (plan/stats_literal.h): what is understood converts exactly, anything else
// is nullopt (never prunes).
#include <gtest/gtest.h>

#include "common/type_builder.h"
#include "plan/stats_literal.h"

namespace fluss_native::plan {
namespace {

TEST(PartitionValueLiteral, ConvertsByColumnType) {
  EXPECT_EQ(PartitionValueLiteral("42", MakeType(TypeRoot::kInt, false)), Literal::Integer(42));
  EXPECT_EQ(PartitionValueLiteral("-7", MakeType(TypeRoot::kBigInt, false)), Literal::Integer(-7));
  EXPECT_EQ(PartitionValueLiteral("2024", MakeType(TypeRoot::kString, false)), Literal::String("2024"));
  EXPECT_EQ(PartitionValueLiteral("true", MakeType(TypeRoot::kBoolean, false)), Literal::Boolean(true));
  EXPECT_EQ(PartitionValueLiteral("2024-01-02", MakeType(TypeRoot::kDate, false)), Literal::Date(19724));
  DataType dec = MakeType(TypeRoot::kDecimal, false, 10);
  dec.scale = 2;
  EXPECT_EQ(PartitionValueLiteral("-12.34", dec), Literal::Decimal("-1234", 2).value());
}

TEST(PartitionValueLiteral, UnknownTextNeverPrunes) {
  EXPECT_FALSE(PartitionValueLiteral("4x", MakeType(TypeRoot::kInt, false)));
  EXPECT_FALSE(PartitionValueLiteral("", MakeType(TypeRoot::kInt, false)));
  EXPECT_FALSE(PartitionValueLiteral("99999999999999999999", MakeType(TypeRoot::kBigInt, false)));
  EXPECT_FALSE(PartitionValueLiteral("yes", MakeType(TypeRoot::kBoolean, false)));
  EXPECT_FALSE(PartitionValueLiteral("2024-13-01", MakeType(TypeRoot::kDate, false)));
  EXPECT_FALSE(PartitionValueLiteral("19724", MakeType(TypeRoot::kDate, false)));
  EXPECT_FALSE(PartitionValueLiteral("2024-01-01 00:00:00", MakeType(TypeRoot::kTimestamp, false, 3)));
  // FLOAT text does not round-trip the stored value: not used.
  EXPECT_FALSE(PartitionValueLiteral("1.1", MakeType(TypeRoot::kFloat, false)));
  EXPECT_FALSE(PartitionValueLiteral("__DEFAULT_PARTITION__", MakeType(TypeRoot::kInt, false)));
}

}  // namespace
}  // namespace fluss_native::plan
