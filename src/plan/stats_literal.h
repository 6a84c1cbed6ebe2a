// Values the planner reads from metadata (Fluss partition names, Paimon
// BinaryRows in partitions and manifest stats) as Literals in a column's
// comparison domain (expr/literal_compare.h), for the pruners.
#pragma once

#include <optional>
#include <string>

#include "fluss_native/predicate.h"
#include "fluss_native/types.h"
#include "lake/paimon/binary_row.h"

namespace fluss_native::plan {

// A Fluss partition value (always text) as a value of `type`: digits for the
// integer types, ISO text for DATE, "true"/"false", plain decimals, strings. nullopt when the text is not understood, which only
// means the partition cannot be pruned by that column.
std::optional<Literal> PartitionValueLiteral(const std::string& value, const DataType& type);

// Field `pos` of a BinaryRow as a Literal of `type`; Literal::Null() for a
// NULL field, nullopt for a type or field we cannot read (never prunes).
std::optional<Literal> BinaryRowLiteral(const lake::paimon::BinaryRowView& row, int pos, const DataType& type);

}  // namespace fluss_native::plan
