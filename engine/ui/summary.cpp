#include "ui/summary.h"

#include <algorithm>
#include <cmath>

namespace meeloop::ui {

Summary make_summary(const profile::Profile& p, const profile::DimensionSet& dims,
                     const std::string& lang, int max_points) {
  Summary s;
  s.help_asked = p.help_asked;
  s.little_known = p.confidence < profile::kLowConfidence;
  // Strength of a signal = how far the score leans, weighed by how sure we are of it.
  std::vector<std::pair<double, size_t>> ranked;
  for (size_t i = 0; i < p.dimensions.size() && i < dims.size(); ++i) {
    const auto& d = p.dimensions[i];
    if (d.evidence_count == 0 || std::abs(d.score) < 0.1) continue;
    ranked.emplace_back(std::abs(d.score) * d.confidence, i);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](auto& a, auto& b) { return a.first > b.first; });
  for (const auto& [strength, i] : ranked) {
    if (static_cast<int>(s.points.size()) >= max_points) break;
    const profile::Dimension& dim = dims.all()[i];
    const auto& pole = p.dimensions[i].score > 0 ? dim.high : dim.low;
    s.points.push_back({dim.name.in(lang), pole.in(lang)});
  }
  return s;
}

}  // namespace meeloop::ui
