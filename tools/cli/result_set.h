// A statement's output: named columns and string cells, printed as an
// aligned table, or as JSON (one array of row objects per result set, with
// numbers and nulls typed so scripts can consume it).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace fluss_native::cli {

struct Cell {
  std::optional<std::string> text;  // nullopt prints as NULL / null
  bool is_number = false;
  bool is_json = false;  // already-encoded JSON (arrays, objects)
  bool cut = false;      // a long string, binary or nested value: the table format may cut it

  static Cell Str(std::string s) { return Cell{std::move(s), false, false}; }
  static Cell Num(int64_t v) { return Cell{std::to_string(v), true, false}; }
  static Cell Null() { return Cell{std::nullopt, false, false}; }
  static Cell Json(std::string s) { return Cell{std::move(s), false, true}; }
};

struct ResultSet {
  std::string title;  // optional caption, printed above the table
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
  // A result that reads better whole (EXPLAIN): when set, the table format
  // prints `text` as is and json/jsonl print `json` (one object, one line);
  // csv still prints the rows.
  std::optional<std::string> text;
  std::optional<std::string> json;
};

// Cells marked `cut` longer than `max_cell_width` code points are cut to
// that width, ending in '…' (0: never cut).
inline constexpr size_t kDefaultMaxCellWidth = 60;
void PrintTable(const ResultSet& rs, std::ostream& out, size_t max_cell_width = kDefaultMaxCellWidth);
void PrintJson(const ResultSet& rs, std::ostream& out);
// One JSON object per row and line.
void PrintJsonLines(const ResultSet& rs, std::ostream& out);
// RFC 4180: a header line, quoted fields where needed, NULL as an empty field.
void PrintCsv(const ResultSet& rs, std::ostream& out);

}  // namespace fluss_native::cli
