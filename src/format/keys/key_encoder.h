// Fluss's key encodings: the bytes a key is stored under in the KV tier (and
// looked up by) and the bytes its bucket is hashed from. Two layouts exist:
//
//  - compacted (fluss-common CompactedKeyEncoder): the fields one after
//    another, no null bits; INT/DATE/TIME and BIGINT as unsigned varints,
//    SMALLINT/FLOAT/DOUBLE as little-endian raw bits, strings and bytes as a
//    varint length and the bytes, DECIMAL(p <= 18) as a varint of the
//    unscaled value else a length-prefixed BigInteger, TIMESTAMP(p <= 3) as
//    varint millis else millis then a varint of nanos-of-milli;
//  - Paimon's BinaryRow (fluss-common PaimonKeyEncoder), for tables whose
//    datalake format is paimon, so that Fluss's buckets are Paimon's buckets:
//    a header word (row kind 0 and null bits), one 8-byte slot per field,
//    then the variable part (8-byte aligned). Strings/bytes of up to 7 bytes
//    live in the slot itself (high byte 0x80 | length).
//
// Which layout a table uses, for its primary key and for its bucket key, is
// KeyLayout's business (key_layout.h).
#pragma once

#include <string>
#include <vector>

#include "format/keys/key_value.h"

namespace fluss_native::keys {

enum class KeyEncoding { kCompacted, kPaimon };

const char* KeyEncodingName(KeyEncoding e);

// Encodes `values` (one per field, of the matching `types`). The types must
// satisfy IsKeyType; values must come from CoerceKeyLiteral for that type.
std::string EncodeKey(KeyEncoding encoding, const std::vector<DataType>& types, const std::vector<KeyValue>& values);

}  // namespace fluss_native::keys
