// The CLI's value rendering: every type in both styles, time zones from the
// system tz database (expected texts from Python's datetime/zoneinfo), and
// the table format's cutting of long cells.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <sstream>
#include <thread>

#include "expr/datetime_text.h"
#include "../../tools/cli/progress_line.h"
#include "../../tools/cli/result_set.h"
#include "../../tools/cli/time_zone.h"
#include "../../tools/cli/value_format.h"

namespace fluss_native::cli {
namespace {

using json = nlohmann::json;

DataType T(TypeRoot root, int precision = 0, int scale = 0) {
  DataType t;
  t.root = root;
  t.precision = precision;
  t.scale = scale;
  if (root == TypeRoot::kBinary || root == TypeRoot::kChar) t.length = 4;
  return t;
}

DataType Array(DataType e) {
  DataType t = T(TypeRoot::kArray);
  t.children = {std::move(e)};
  return t;
}

DataType Map(DataType k, DataType v) {
  DataType t = T(TypeRoot::kMap);
  t.children = {std::move(k), std::move(v)};
  return t;
}

DataType Row(std::vector<std::pair<std::string, DataType>> fields) {
  DataType t = T(TypeRoot::kRow);
  for (auto& [n, f] : fields) {
    t.field_names.push_back(n);
    t.children.push_back(f);
    t.field_ids.push_back(-1);
    t.field_descriptions.push_back(std::nullopt);
  }
  return t;
}

ValueFormat Human(const std::string& zone = "UTC") {
  ValueFormat f;
  f.zone = *TimeZone::Parse(zone);
  return f;
}

ValueFormat Iso(const std::string& zone = "UTC") {
  ValueFormat f = Human(zone);
  f.style = ValueStyle::kIso;
  return f;
}

std::string Text(const json& v, const DataType& t, const ValueFormat& f) {
  Cell c = FormatCell(v, t, f);
  return c.text ? *c.text : "NULL";
}

TEST(CliValueFormat, Dates) {
  EXPECT_EQ(FormatDate(0), "1970-01-01");
  EXPECT_EQ(FormatDate(19723), "2024-01-01");
  EXPECT_EQ(FormatDate(-1), "1969-12-31");
  EXPECT_EQ(FormatDate(-719162), "0001-01-01");
  EXPECT_EQ(FormatDate(2932896), "9999-12-31");
  EXPECT_EQ(FormatDate(11016), "2000-02-29");
  EXPECT_EQ(Text(19723, T(TypeRoot::kDate), Human()), "2024-01-01");
  EXPECT_EQ(Text(19723, T(TypeRoot::kDate), Iso()), "2024-01-01");
}

TEST(CliValueFormat, TimesHavePrecisionDigits) {
  EXPECT_EQ(FormatTime(43200123, 3), "12:00:00.123");
  EXPECT_EQ(FormatTime(43200, 0), "12:00:00");
  EXPECT_EQ(FormatTime(86399999999LL, 6), "23:59:59.999999");
  EXPECT_EQ(FormatTime(1, 9), "00:00:00.000000001");
  EXPECT_EQ(FormatTime(45296100, 2), "12:34:56.10");
  EXPECT_EQ(Text(43200123, T(TypeRoot::kTime, 3), Human()), "12:00:00.123");
}

TEST(CliValueFormat, TimestampsWithoutZone) {
  const int64_t s = 1704067200;  // 2024-01-01 00:00:00 UTC
  EXPECT_EQ(FormatTimestamp(s, 0, nullptr, ' '), "2024-01-01 00:00:00");
  EXPECT_EQ(FormatTimestamp(s * 1000 + 123, 3, nullptr, ' '), "2024-01-01 00:00:00.123");
  EXPECT_EQ(FormatTimestamp(s * 1000000 + 123456, 6, nullptr, ' '), "2024-01-01 00:00:00.123456");
  EXPECT_EQ(FormatTimestamp(s * 1000000000 + 123456789, 9, nullptr, 'T'), "2024-01-01T00:00:00.123456789");
  EXPECT_EQ(FormatTimestamp(s * 1000000 + 120000, 5, nullptr, ' '), "2024-01-01 00:00:00.12000");
  // Before the epoch: floor, not truncation.
  EXPECT_EQ(FormatTimestamp(-1, 3, nullptr, ' '), "1969-12-31 23:59:59.999");
  EXPECT_EQ(FormatTimestamp(-1, 9, nullptr, ' '), "1969-12-31 23:59:59.999999999");
  // A TIMESTAMP ignores --time-zone: it is wall-clock time.
  EXPECT_EQ(Text(s * 1000000 + 123456, T(TypeRoot::kTimestamp, 6), Human("Europe/Berlin")),
            "2024-01-01 00:00:00.123456");
  EXPECT_EQ(Text(s * 1000, T(TypeRoot::kTimestamp, 3), Iso("Europe/Berlin")), "2024-01-01T00:00:00.000");
}

TEST(CliValueFormat, LocalZonedTimestampsInTheChosenZone) {
  // Expected texts: Python's datetime.astimezone(zoneinfo.ZoneInfo(zone)).isoformat().
  struct Case {
    const char* zone;
    int64_t seconds;
    const char* iso;
  } cases[] = {
      {"UTC", 1704067200, "2024-01-01T00:00:00+00:00"},
      {"Europe/Berlin", 1704067200, "2024-01-01T01:00:00+01:00"},
      {"Europe/Berlin", 1719792000, "2024-07-01T02:00:00+02:00"},
      {"America/New_York", 1704067200, "2023-12-31T19:00:00-05:00"},
      {"America/New_York", 1719792000, "2024-06-30T20:00:00-04:00"},
      {"Asia/Kolkata", 1719792000, "2024-07-01T05:30:00+05:30"},
      {"+05:30", 1719792000, "2024-07-01T05:30:00+05:30"},
      {"-08:00", 1704067200, "2023-12-31T16:00:00-08:00"},
      {"+0100", 1704067200, "2024-01-01T01:00:00+01:00"},
  };
  for (const auto& c : cases) {
    auto zone = TimeZone::Parse(c.zone);
    ASSERT_TRUE(zone.ok()) << zone.status().ToString();
    EXPECT_EQ(FormatTimestamp(c.seconds, 0, &*zone, 'T'), c.iso) << c.zone;
    EXPECT_EQ(Text(c.seconds * 1000 + 5, T(TypeRoot::kTimestampLtz, 3), Human(c.zone)),
              std::string(c.iso).replace(10, 1, " ").insert(19, ".005"))
        << c.zone;
  }
  // Table times (epoch millis) are shown the same way.
  EXPECT_EQ(FormatEpochMillis(1704067200123, Human("Europe/Berlin")), "2024-01-01 01:00:00.123+01:00");
  EXPECT_EQ(FormatEpochMillis(1704067200123, Iso()), "2024-01-01T00:00:00.123+00:00");
}

TEST(CliValueFormat, ZonesFollowTheirRulesPastTheLastTransition) {
  // TZif files list transitions up to 2037; later instants follow the file's
  // POSIX TZ footer. Expected: Python's zoneinfo.
  struct Case {
    const char* zone;
    int64_t seconds;
    const char* iso;
  } cases[] = {
      {"Europe/Berlin", 4102488000, "2100-01-01T13:00:00+01:00"},
      {"Europe/Berlin", 4118126400, "2100-07-01T14:00:00+02:00"},
      {"Europe/Berlin", 4109918400, "2100-03-28T14:00:00+02:00"},
      {"Europe/Berlin", 4128667200, "2100-10-31T13:00:00+01:00"},
      {"America/New_York", 4102488000, "2100-01-01T07:00:00-05:00"},
      {"America/New_York", 4128667200, "2100-10-31T08:00:00-04:00"},
      {"Australia/Sydney", 4118126400, "2100-07-01T22:00:00+10:00"},
      {"Australia/Sydney", 4109918400, "2100-03-28T23:00:00+11:00"},
      {"Australia/Sydney", 4102488000, "2100-01-01T23:00:00+11:00"},
  };
  for (const auto& c : cases) {
    auto zone = TimeZone::Parse(c.zone);
    ASSERT_TRUE(zone.ok()) << zone.status().ToString();
    EXPECT_EQ(FormatTimestamp(c.seconds, 0, &*zone, 'T'), c.iso) << c.zone;
  }
  TimeZone::Rule rule;
  EXPECT_TRUE(TimeZone::ParseRule("<+0530>-5:30", &rule));
  EXPECT_EQ(rule.std_offset, 19800);
  EXPECT_FALSE(rule.has_dst);
  EXPECT_TRUE(TimeZone::ParseRule("EST5EDT,M3.2.0,M11.1.0", &rule));
  EXPECT_EQ(rule.std_offset, -18000);
  EXPECT_EQ(rule.dst_offset, -14400);
  for (const char* bad : {"", "X1", "CET-1CEST", "CET-1CEST,M13.5.0,M10.5.0", "CET-1CEST,M3.5.0", "CET-999"}) {
    EXPECT_FALSE(TimeZone::ParseRule(bad, &rule)) << bad;
  }
}

TEST(CliValueFormat, BadZonesAreRejected) {
  for (const char* bad : {"Mars/Olympus", "../etc/passwd", "/etc/passwd", "+25:00", "+1:00", "", "Europe/../x"}) {
    auto zone = TimeZone::Parse(bad);
    ASSERT_FALSE(zone.ok()) << bad;
    EXPECT_EQ(zone.status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_FALSE(TimeZone::FromTzif("x", "").ok());
  EXPECT_FALSE(TimeZone::FromTzif("x", "TZif2" + std::string(39, '\0')).ok());
  EXPECT_FALSE(TimeZone::FromTzif("x", "TZif2" + std::string(30, '\0') + "\xff\xff\xff\xff" + std::string(5, '\0')).ok());
}

TEST(CliValueFormat, ScalarsInBothStyles) {
  EXPECT_EQ(Text(json(), T(TypeRoot::kInt), Human()), "NULL");
  EXPECT_FALSE(FormatCell(json(), T(TypeRoot::kString), Iso()).text);
  EXPECT_EQ(Text(true, T(TypeRoot::kBoolean), Human()), "true");
  EXPECT_EQ(Text(-42, T(TypeRoot::kBigInt), Human()), "-42");
  EXPECT_TRUE(FormatCell(-42, T(TypeRoot::kBigInt), Human()).is_number);
  EXPECT_EQ(Text(1.5, T(TypeRoot::kDouble), Human()), "1.5");
  // FLOAT: its shortest float text, not the widened double's.
  EXPECT_EQ(Text(static_cast<double>(-125.15472f), T(TypeRoot::kFloat), Human()), "-125.15472");
  EXPECT_EQ(Text(static_cast<double>(0.1f), T(TypeRoot::kFloat), Iso()), "0.1");
  EXPECT_EQ(Text("NaN", T(TypeRoot::kFloat), Human()), "NaN");
  // DECIMAL stays exact (38 digits) in both styles.
  const std::string dec = "1234567890123456789012345678.1234567890";
  EXPECT_EQ(Text(dec, T(TypeRoot::kDecimal, 38, 10), Human()), dec);
  EXPECT_EQ(Text(dec, T(TypeRoot::kDecimal, 38, 10), Iso()), dec);
  EXPECT_EQ(Text("0a0b", T(TypeRoot::kBytes), Human()), "0x0a0b");
  EXPECT_EQ(Text("0a0b", T(TypeRoot::kBinary), Iso()), "0a0b");
  EXPECT_EQ(Text("a\nb\t\x01", T(TypeRoot::kString), Human()), "a\\nb\\t\\x01");
  EXPECT_EQ(Text("a\nb", T(TypeRoot::kString), Iso()), "a\nb");
  EXPECT_TRUE(FormatCell("x", T(TypeRoot::kString), Human()).cut);
  EXPECT_FALSE(FormatCell(1, T(TypeRoot::kInt), Human()).cut);
}

TEST(CliValueFormat, NestedValues) {
  const DataType arr = Array(T(TypeRoot::kInt));
  EXPECT_EQ(Text(json::parse("[1, null, 3]"), arr, Human()), "[1, null, 3]");
  const DataType map = Map(T(TypeRoot::kString), T(TypeRoot::kDate));
  EXPECT_EQ(Text(json::parse(R"([["a", 0], ["b", null]])"), map, Human()), R"({"a": "1970-01-01", "b": null})");
  const DataType row = Row({{"x", T(TypeRoot::kInt)},
                            {"ts", T(TypeRoot::kTimestampLtz, 6)},
                            {"b", T(TypeRoot::kBytes)},
                            {"d", T(TypeRoot::kDecimal, 10, 2)}});
  const json v = json::parse(R"({"x": 1, "ts": 1704067200000001, "b": "ff", "d": "-1.50"})");
  EXPECT_EQ(Text(v, row, Human("Europe/Berlin")), R"({x: 1, ts: "2024-01-01 01:00:00.000001+01:00", b: 0xff, d: -1.50})");
  // iso: JSON with ISO strings inside; a MAP stays a list of pairs.
  Cell c = FormatCell(v, row, Iso());
  ASSERT_TRUE(c.is_json);
  EXPECT_EQ(json::parse(*c.text), json::parse(R"({"x": 1, "ts": "2024-01-01T00:00:00.000001+00:00", "b": "ff", "d": "-1.50"})"));
  c = FormatCell(json::parse(R"([[1, [0, 1]]])"), Map(T(TypeRoot::kInt), Array(T(TypeRoot::kDate))), Iso());
  EXPECT_EQ(json::parse(*c.text), json::parse(R"([[1, ["1970-01-01", "1970-01-02"]]])"));
  // Malformed shapes (not what the type says) are shown, not crashed on.
  EXPECT_EQ(Text(json::parse("{}"), arr, Human()), "{}");
  EXPECT_EQ(Text(json::parse("[[1]]"), map, Human()), "[[1]]");
}

TEST(CliValueFormat, TableCutsLongCellsWithAnEllipsis) {
  EXPECT_EQ(CutToWidth("abcdef", 4), "abc…");
  EXPECT_EQ(CutToWidth("abcd", 4), "abcd");
  EXPECT_EQ(CutToWidth("äöüßx", 3), "äö…");
  EXPECT_EQ(CutToWidth("äöü", 3), "äöü");
  EXPECT_EQ(CutToWidth("abcdef", 0), "abcdef");
  ResultSet rs;
  rs.columns = {"id", "s"};
  Cell long_text = FormatCell(std::string(100, 'x'), T(TypeRoot::kString), Human());
  Cell number = FormatCell(int64_t{1234567890123}, T(TypeRoot::kBigInt), Human());
  rs.rows.push_back({number, long_text});
  std::ostringstream out;
  PrintTable(rs, out, 10);
  EXPECT_NE(out.str().find("| 1234567890123 | xxxxxxxxx… |"), std::string::npos) << out.str();
  std::ostringstream whole;
  PrintTable(rs, whole, 0);
  EXPECT_NE(whole.str().find(std::string(100, 'x')), std::string::npos);
  // csv/json never cut.
  std::ostringstream csv;
  PrintCsv(rs, csv);
  EXPECT_NE(csv.str().find(std::string(100, 'x')), std::string::npos);
}

TEST(CliProgressLine, Text) {
  ScanProgress p;
  p.splits_done = 3;
  p.splits_total = 10;
  p.rows = 1234567;
  p.bytes = 3 * 1024 * 1024 + 512 * 1024;
  EXPECT_EQ(ProgressLine::Text(p), "3/10 splits, 1,234,567 rows, 3.5 MiB");
  p.splits_total = 0;
  p.rows = 12;
  p.bytes = 100;
  EXPECT_EQ(ProgressLine::Text(p), "12 rows, 100 B");
}

TEST(CliProgressLine, DrawsAfterASecondAndErasesAtTheEnd) {
  std::FILE* out = std::tmpfile();
  ASSERT_NE(out, nullptr);
  ScanProgress p;
  p.splits_done = 1;
  p.splits_total = 2;
  p.rows = 10;
  p.bytes = 2048;
  {
    ProgressLine line(out, true);
    auto callback = line.Callback();
    callback(p);  // under a second: nothing yet
    std::fflush(out);
    EXPECT_EQ(std::ftell(out), 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(1050));
    callback(p);
    line.Finish();
  }
  std::rewind(out);
  char buf[256] = {0};
  size_t n = std::fread(buf, 1, sizeof(buf) - 1, out);
  std::fclose(out);
  EXPECT_EQ(std::string(buf, n), "\r\033[K1/2 splits, 10 rows, 2.0 KiB\r\033[K");
  ProgressLine off(stderr, false);
  EXPECT_FALSE(off.Callback());
}

}  // namespace
}  // namespace fluss_native::cli

namespace fluss_native::expr {
namespace {
// fuzz_logbatch (UBSan) found days * 86'400'000 overflowing for a timestamp
// statistic near INT64_MIN; the time of day is now the remainder itself.
TEST(DatetimeText, TimestampNearInt64MinDoesNotOverflow) {
  const std::string text = FormatTimestamp(INT64_MIN, 0);
  EXPECT_FALSE(text.empty());
  EXPECT_NE(FormatTimestamp(-1, 0).find("1969-12-31 23:59:59"), std::string::npos) << FormatTimestamp(-1, 0);
}
}  // namespace
}  // namespace fluss_native::expr
