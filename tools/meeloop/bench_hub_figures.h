#pragma once
// How `meeloop bench hub` prints: one figure a line, "bench hub: <name> <value> <unit>", with an
// optional note in brackets, flushed at once so a long run shows its progress.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace meeloop::cli::hub_bench {

inline void figure(const char* name, double value, const char* unit, const std::string& note = "") {
  std::printf("bench hub: %s %.1f %s%s\n", name, value, unit, note.empty() ? "" : ("  (" + note + ")").c_str());
  std::fflush(stdout);
}

inline double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

}  // namespace meeloop::cli::hub_bench
