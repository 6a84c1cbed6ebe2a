// Vectorised evaluation of a bound predicate over one exported Arrow batch
// (a struct array whose children are the fields of the row type the
// predicate was bound against, laid out as our readers export them), in
// SQL's three-valued logic.
#pragma once

#include <cstdint>
#include <vector>

#include "expr/bound_predicate.h"
#include "fluss_native/arrow_c_abi.h"
#include "fluss_native/status.h"

namespace fluss_native::expr {

constexpr uint8_t kFalse = 0, kUnknown = 1, kTrue = 2;  // truth values: AND = min, OR = max  // AND = min, OR = max

// The truth value of `bound` for each row of `batch`. Fails (InvalidArgument)
// when the batch does not have the shape of the bound row type.
Result<std::vector<uint8_t>> Evaluate(const BoundPredicate& bound, const ArrowArray& batch);

// The rows (ascending) for which `bound` is TRUE.
Result<std::vector<int64_t>> SelectRows(const BoundPredicate& bound, const ArrowArray& batch);

}  // namespace fluss_native::expr
