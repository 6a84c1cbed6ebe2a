#include "fluss_native/table_info.h"

#include <cctype>
#include <string>

#include "common/api_boundary.h"

namespace fluss_native {
namespace {

// Reads one identifier from `text` at `pos`: plain (up to '.') or `quoted`
// with `` for a literal backtick.
Result<std::string> ReadIdentifier(const std::string& text, size_t* pos) {
  std::string out;
  if (*pos < text.size() && text[*pos] == '`') {
    for (size_t i = *pos + 1; i < text.size(); ++i) {
      if (text[i] == '`') {
        if (i + 1 < text.size() && text[i + 1] == '`') {
          out += '`';
          ++i;
          continue;
        }
        *pos = i + 1;
        return out;
      }
      out += text[i];
    }
    return Status::InvalidArgument("unterminated quoted name in '" + text + "'");
  }
  size_t end = text.find('.', *pos);
  if (end == std::string::npos) end = text.size();
  out = text.substr(*pos, end - *pos);
  *pos = end;
  return out;
}

// Case-insensitive substring search without allocating (IsSecretPropertyKey
// is noexcept).
bool ContainsNoCase(const std::string& haystack, const char* needle) {
  const size_t n = std::char_traits<char>::length(needle);
  if (n > haystack.size()) return false;
  for (size_t i = 0; i + n <= haystack.size(); ++i) {
    size_t j = 0;
    while (j < n && std::tolower(static_cast<unsigned char>(haystack[i + j])) == needle[j]) ++j;
    if (j == n) return true;
  }
  return false;
}

std::map<std::string, std::string> Redacted(const std::map<std::string, std::string>& props) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : props) out.emplace(k, DisplayPropertyValue(k, v));
  return out;
}

}  // namespace

bool IsSecretPropertyKey(const std::string& key) noexcept {
  static constexpr const char* kMarkers[] = {"password", "passwd",      "secret",     "token",
                                             "credential", "private-key", "private.key", "private_key",
                                             "access-key", "access.key",  "access_key", "accesskey"};
  for (const char* marker : kMarkers) {
    if (ContainsNoCase(key, marker)) return true;
  }
  return false;
}

std::string DisplayPropertyValue(const std::string& key, const std::string& value) {
  return IsSecretPropertyKey(key) ? std::string(kRedactedValue) : value;
}

std::map<std::string, std::string> TableInfo::DisplayProperties() const { return Redacted(properties); }

std::map<std::string, std::string> TableInfo::DisplayCustomProperties() const {
  return Redacted(custom_properties);
}

Result<TablePath> TablePath::Parse(const std::string& text) {
  return CallAtBoundary("TablePath::Parse", [&]() -> Result<TablePath> {
    size_t pos = 0;
    TablePath p;
    FN_ASSIGN_OR_RETURN(p.database, ReadIdentifier(text, &pos));
    if (pos >= text.size() || text[pos] != '.') {
      return Status::InvalidArgument("table name '" + text + "' is not of the form database.table");
    }
    ++pos;
    FN_ASSIGN_OR_RETURN(p.table, ReadIdentifier(text, &pos));
    if (pos != text.size() || p.database.empty() || p.table.empty()) {
      return Status::InvalidArgument("table name '" + text + "' is not of the form database.table");
    }
    return p;
  });
}

bool TableInfo::datalake_enabled() const {
  auto it = properties.find("table.datalake.enabled");
  return it != properties.end() && (it->second == "true" || it->second == "TRUE");
}

std::string TableInfo::log_format() const {
  auto it = properties.find("table.log.format");
  return it == properties.end() ? "ARROW" : it->second;
}

DataType TableInfo::RowType() const {
  DataType row;
  row.root = TypeRoot::kRow;
  row.nullable = false;
  for (const auto& c : columns) {
    row.children.push_back(c.type);
    row.field_names.push_back(c.name);
    row.field_ids.push_back(c.id);
    row.field_descriptions.push_back(c.comment);
  }
  return row;
}

int TableInfo::ColumnIndex(const std::string& name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace fluss_native
