#include "progress_line.h"

#include <string>

namespace fluss_native::cli {
namespace {

std::string Grouped(int64_t v) {
  std::string digits = std::to_string(v);
  std::string out;
  const size_t lead = digits.size() % 3;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && i >= lead && (i - lead) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string Bytes(int64_t b) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(b);
  int u = 0;
  while (v >= 1024 && u < 4) {
    v /= 1024;
    ++u;
  }
  char buf[32];
  std::snprintf(buf, sizeof(buf), u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return buf;
}

}  // namespace

std::string ProgressLine::Text(const ScanProgress& p) {
  std::string s;
  if (p.splits_total > 0) s = std::to_string(p.splits_done) + "/" + std::to_string(p.splits_total) + " splits, ";
  return s + Grouped(p.rows) + " rows, " + Bytes(p.bytes);
}

std::function<void(const ScanProgress&)> ProgressLine::Callback() {
  if (!enabled_) return {};
  started_ = std::chrono::steady_clock::now();
  return [this](const ScanProgress& p) { Update(p); };
}

void ProgressLine::Update(const ScanProgress& p) {
  const auto now = std::chrono::steady_clock::now();
  if (now - started_ < std::chrono::seconds(1)) return;
  if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  drawn_ = true;
  std::fprintf(out_, "\r\033[K%s", Text(p).c_str());
  std::fflush(out_);
}

void ProgressLine::Finish() {
  if (!drawn_) return;
  std::fprintf(out_, "\r\033[K");
  std::fflush(out_);
  drawn_ = false;
}

}  // namespace fluss_native::cli
