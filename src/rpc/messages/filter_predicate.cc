#include "rpc/messages/filter_predicate.h"

#include "rpc/messages/filter_predicate_wire.h"
#include "rpc/messages/proto_codec.h"

namespace fluss_native::rpc::messages {
namespace {

constexpr int32_t kLeafType = 0;
constexpr int32_t kCompoundType = 1;
constexpr int32_t kAndFunction = 0;
constexpr int32_t kOrFunction = 1;

void FillLiteral(const FilterLiteral& lit, wire::LiteralValue* out) {
  out->set_literal_type(static_cast<int32_t>(lit.type));
  out->set_is_null(lit.is_null);
  if (lit.is_null) return;
  if (lit.boolean_value) out->set_boolean_value(*lit.boolean_value);
  if (lit.int_value) out->set_int_value(*lit.int_value);
  if (lit.bigint_value) out->set_bigint_value(*lit.bigint_value);
  if (lit.float_value) out->set_float_value(*lit.float_value);
  if (lit.double_value) out->set_double_value(*lit.double_value);
  if (lit.string_value) out->set_string_value(*lit.string_value);
  if (lit.binary_value) out->set_binary_value(*lit.binary_value);
  if (lit.decimal_value) out->set_decimal_value(*lit.decimal_value);
  if (lit.timestamp_millis) out->set_timestamp_millis_value(*lit.timestamp_millis);
  if (lit.timestamp_nanos_of_milli) out->set_timestamp_nano_of_millis_value(*lit.timestamp_nanos_of_milli);
  if (lit.decimal_bytes) out->set_decimal_bytes(*lit.decimal_bytes);
}

}  // namespace

void FillFilterPredicate(const FilterPredicate& p, wire::Predicate* out) {
  if (p.kind == FilterPredicate::Kind::kLeaf) {
    out->set_type(kLeafType);
    auto* leaf = out->mutable_leaf();
    leaf->set_function(static_cast<int32_t>(p.function));
    leaf->set_field_id(p.field_id);
    for (const auto& lit : p.literals) FillLiteral(lit, leaf->add_literals());
    return;
  }
  out->set_type(kCompoundType);
  auto* compound = out->mutable_compound();
  compound->set_function(p.kind == FilterPredicate::Kind::kAnd ? kAndFunction : kOrFunction);
  for (const auto& child : p.children) FillFilterPredicate(child, compound->add_children());
}

FilterPredicate FilterPredicate::Leaf(FilterFunction function, int32_t field_id, std::vector<FilterLiteral> literals) {
  FilterPredicate p;
  p.kind = Kind::kLeaf;
  p.function = function;
  p.field_id = field_id;
  p.literals = std::move(literals);
  return p;
}

FilterPredicate FilterPredicate::Binary(Kind kind, FilterPredicate left, FilterPredicate right) {
  FilterPredicate p;
  p.kind = kind;
  p.children.push_back(std::move(left));
  p.children.push_back(std::move(right));
  return p;
}

std::string FilterPredicate::Encode() const {
  wire::Predicate proto;
  FillFilterPredicate(*this, &proto);
  return proto.SerializeAsString();
}

}  // namespace fluss_native::rpc::messages
