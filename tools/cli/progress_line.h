// The progress line a long SELECT shows on a terminal's stderr: splits done,
// rows and bytes, redrawn in place, first after a second, then at most ten
// times a second, and erased when the statement ends.
#pragma once

#include <chrono>
#include <cstdio>
#include <functional>

#include "executor.h"

namespace fluss_native::cli {

class ProgressLine {
 public:
  // `out` is where the line goes (stderr); `enabled` false: never draws.
  ProgressLine(std::FILE* out, bool enabled) : out_(out), enabled_(enabled) {}
  ~ProgressLine() { Finish(); }
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;

  // A callback for ExecOptions::progress, valid while this object lives.
  std::function<void(const ScanProgress&)> Callback();
  // Erases the line if it was drawn.
  void Finish();

  // "3/10 splits, 1,234 rows, 1.2 MiB" (splits omitted when unknown).
  static std::string Text(const ScanProgress& p);

 private:
  void Update(const ScanProgress& p);
  std::FILE* out_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_;
};

}  // namespace fluss_native::cli
