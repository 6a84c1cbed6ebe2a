// The SQL text of DATE, TIME and TIMESTAMP values ('2024-01-01',
// '12:00:00.123', '2024-01-01 00:00:00.123456789'), both ways, on the
// proleptic Gregorian calendar in UTC. Parsing is strict: fixed field widths,
// real calendar dates, at most 9 fraction digits.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fluss_native::expr {

constexpr int64_t kNanosPerDay = 86'400'000'000'000;

int64_t DaysFromCivil(int64_t year, int month, int day);
std::string FormatDate(int64_t days);
// "HH:MM:SS" plus a fraction in groups of 3 digits, trailing zero groups cut.
std::string FormatTimeOfDay(int64_t nanos_of_day);
std::string FormatTimestamp(int64_t epoch_millis, int32_t nanos_of_milli);

std::optional<int64_t> ParseDate(std::string_view text);          // days
std::optional<int64_t> ParseTimeOfDay(std::string_view text);     // nanos
// Epoch nanoseconds as (floor millis, nanos of milli); a date alone is its
// midnight.
std::optional<std::pair<int64_t, int32_t>> ParseTimestamp(std::string_view text);

}  // namespace fluss_native::expr
