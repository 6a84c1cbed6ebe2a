#include "result_set.h"

#include <nlohmann/json.hpp>
#include <sstream>

#include "value_format.h"

namespace fluss_native::cli {
namespace {

std::string Display(const Cell& c) { return c.text ? *c.text : "NULL"; }

// Width in terminal columns: one per code point, two for East Asian wide
// and full-width ones (so CJK text stays aligned).
size_t DisplayWidth(const std::string& s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    uint32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF && cp != 0x303F) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
                      (cp >= 0x20000 && cp <= 0x3FFFD);
    n += wide ? 2 : 1;
    i += len;
  }
  return n;
}

}  // namespace

void PrintTable(const ResultSet& rs, std::ostream& out, size_t max_cell_width) {
  auto shown = [max_cell_width](const Cell& c) {
    return c.cut && c.text ? CutToWidth(*c.text, max_cell_width) : Display(c);
  };
  if (rs.text) {
    out << *rs.text;
    if (!rs.text->empty() && rs.text->back() != '\n') out << '\n';
    return;
  }
  std::vector<size_t> width(rs.columns.size());
  for (size_t i = 0; i < rs.columns.size(); ++i) width[i] = DisplayWidth(rs.columns[i]);
  for (const auto& row : rs.rows) {
    for (size_t i = 0; i < row.size() && i < width.size(); ++i) {
      width[i] = std::max(width[i], DisplayWidth(shown(row[i])));
    }
  }
  auto rule = [&] {
    out << '+';
    for (size_t w : width) out << std::string(w + 2, '-') << '+';
    out << '\n';
  };
  auto line = [&](const std::vector<std::string>& cells, const std::vector<bool>& right) {
    out << '|';
    for (size_t i = 0; i < width.size(); ++i) {
      const std::string& s = i < cells.size() ? cells[i] : "";
      std::string pad(width[i] - DisplayWidth(s), ' ');
      out << ' ' << (right[i] ? pad + s : s + pad) << " |";
    }
    out << '\n';
  };
  if (!rs.title.empty()) out << rs.title << '\n';
  rule();
  line(rs.columns, std::vector<bool>(width.size(), false));
  rule();
  for (const auto& row : rs.rows) {
    std::vector<std::string> cells;
    std::vector<bool> right;
    for (const auto& c : row) {
      cells.push_back(shown(c));
      right.push_back(c.is_number);
    }
    right.resize(width.size(), false);
    line(cells, right);
  }
  if (!rs.rows.empty()) rule();
  out << rs.rows.size() << (rs.rows.size() == 1 ? " row" : " rows") << "\n";
}

void PrintJsonLines(const ResultSet& rs, std::ostream& out) {
  if (rs.json) {
    out << *rs.json << '\n';
    return;
  }
  for (size_t r = 0; r < rs.rows.size(); ++r) {
    ResultSet one{"", rs.columns, {rs.rows[r]}, std::nullopt, std::nullopt};
    std::ostringstream line;
    PrintJson(one, line);
    std::string text = line.str();  // "[{...}]\n"
    out << text.substr(1, text.size() - 3) << '\n';
  }
}

void PrintCsv(const ResultSet& rs, std::ostream& out) {
  auto field = [&](const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  for (size_t i = 0; i < rs.columns.size(); ++i) out << (i ? "," : "") << field(rs.columns[i]);
  out << '\n';
  for (const auto& row : rs.rows) {
    for (size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << (row[i].text ? field(*row[i].text) : "");
    out << '\n';
  }
}

void PrintJson(const ResultSet& rs, std::ostream& out) {
  if (rs.json) {
    out << *rs.json << '\n';
    return;
  }
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  for (const auto& row : rs.rows) {
    nlohmann::ordered_json obj = nlohmann::ordered_json::object();
    for (size_t i = 0; i < rs.columns.size() && i < row.size(); ++i) {
      const Cell& c = row[i];
      if (!c.text) {
        obj[rs.columns[i]] = nullptr;
      } else if (c.is_json) {
        obj[rs.columns[i]] = nlohmann::ordered_json::parse(*c.text, nullptr, false);
      } else if (c.is_number) {
        auto n = nlohmann::ordered_json::parse(*c.text, nullptr, false);
        obj[rs.columns[i]] = n.is_number() ? n : nlohmann::ordered_json(*c.text);
      } else {
        obj[rs.columns[i]] = *c.text;
      }
    }
    arr.push_back(std::move(obj));
  }
  out << arr.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

}  // namespace fluss_native::cli
