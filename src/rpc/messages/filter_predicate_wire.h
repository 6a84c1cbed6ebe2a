// Internal to src/rpc/messages/*.cc: a FilterPredicate into the generated
// wire message (FetchLog embeds it).
#pragma once

#include "fluss_native/wire/fluss_api.pb.h"
#include "rpc/messages/filter_predicate.h"

namespace fluss_native::rpc::messages {

void FillFilterPredicate(const FilterPredicate& predicate, wire::Predicate* out);

}  // namespace fluss_native::rpc::messages
