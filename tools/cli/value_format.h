// How the CLI shows a column value. Two styles:
//  - human (the table format): DATE 2024-01-01, TIME(p) 12:00:00.123,
//    TIMESTAMP(p) 2024-01-01 00:00:00.123456 (p fraction digits),
//    TIMESTAMP_LTZ(p) the same in the --time-zone with its offset
//    (2024-01-01 01:00:00.123+01:00), DECIMAL exact, BINARY/BYTES as 0x + hex,
//    control characters in strings escaped (\n, \t, \x01), ARRAY [1, 2],
//    MAP {"k": 1, 2: "v"}, ROW {a: 1, b: "x"} (nested strings and times in
//    double quotes);
//  - iso (json, jsonl, csv): the same texts with 'T' between date and time
//    (ISO 8601), strings as they are, BINARY/BYTES lowercase hex, DECIMAL a
//    string of its exact digits, numbers as JSON numbers; nested values stay
//    JSON (a MAP a list of [key, value] pairs, a ROW an object).
// Values arrive as fluss_native::ArrowBatchToJson renders them (dates in
// days, times and timestamps in their column's Arrow unit).
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "fluss_native/types.h"
#include "result_set.h"
#include "time_zone.h"

namespace fluss_native::cli {

enum class ValueStyle { kHuman, kIso };

struct ValueFormat {
  ValueStyle style = ValueStyle::kHuman;
  TimeZone zone = TimeZone::Utc();  // TIMESTAMP_LTZ and table times
};

// Days since 1970-01-01 as yyyy-MM-dd (proleptic Gregorian; years beyond
// 0..9999 get more digits or a '-').
std::string FormatDate(int64_t days);
// A TIME(p) value, counted in its Arrow unit (s, ms, us or ns by p).
std::string FormatTime(int64_t count, int precision);
// A TIMESTAMP(p) (zone == nullptr) or TIMESTAMP_LTZ(p) value counted in its
// Arrow unit; `separator` is ' ' (human) or 'T' (iso).
std::string FormatTimestamp(int64_t count, int precision, const TimeZone* zone, char separator);
// Epoch milliseconds (table created/modified times) as TIMESTAMP_LTZ(3).
std::string FormatEpochMillis(int64_t millis, const ValueFormat& format);

// One value of `type` (JSON null for NULL) as a result cell. Human cells of
// strings, binaries and nested values are marked `cut` (table truncation).
Cell FormatCell(const nlohmann::json& value, const DataType& type, const ValueFormat& format);

// Cuts `text` to at most `width` code points, the last one '…'; 0: no cut.
std::string CutToWidth(const std::string& text, size_t width);

}  // namespace fluss_native::cli
