#include "profile/profile.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace meeloop::profile {

Profile build_profile(const store::Participant& who, const std::vector<store::Event>& events,
                      const DimensionSet& dims, const ScoringRule& rule) {
  Profile p;
  p.code = who.code;
  p.language = who.language;
  p.background = who.background;
  p.dimensions.resize(dims.size());
  for (size_t i = 0; i < dims.size(); ++i) p.dimensions[i].id = dims.all()[i].id;

  // Sort by (session, seq) through pointers: the caller's vector stays untouched and the trail
  // reads in the order the person played, whatever order the events came in.
  std::vector<const store::Event*> order;
  order.reserve(events.size());
  for (const auto& e : events) order.push_back(&e);
  std::sort(order.begin(), order.end(), [](const store::Event* a, const store::Event* b) {
    return a->session_id != b->session_id ? a->session_id < b->session_id : a->seq < b->seq;
  });

  std::vector<double> sum(dims.size(), 0.0);
  std::set<int64_t> sessions;
  double decision_total = 0;
  int decisions = 0;
  for (const store::Event* e : order) {
    sessions.insert(e->session_id);
    ++p.events;
    if (e->help_asked) ++p.help_asked;
    if (e->decision_seconds > 0) {
      decision_total += e->decision_seconds;
      ++decisions;
    }
    for (const auto& ev : e->evidence) {
      TrailEntry t{e->session_id, e->id,      e->at,      e->scene_id, e->step_id,
                   e->item_id,    e->kind,    ev.weight,  ev.reason};
      auto idx = dims.index_of(ev.dimension);
      if (!idx || !std::isfinite(ev.weight)) {
        p.unknown_evidence.push_back(std::move(t));
        continue;
      }
      DimensionScore& d = p.dimensions[*idx];
      sum[*idx] += ev.weight;
      d.amount += std::fabs(ev.weight);
      ++d.evidence_count;
      d.trail.push_back(std::move(t));
    }
  }
  p.sessions = int(sessions.size());
  p.mean_decision_seconds = decisions ? decision_total / decisions : 0;

  double conf_total = 0;
  for (size_t i = 0; i < dims.size(); ++i) {
    DimensionScore& d = p.dimensions[i];
    if (d.amount > 0) {
      // The prior keeps one lucky click from reading as a strong trait.
      d.score = std::clamp(sum[i] / (d.amount + rule.prior), -1.0, 1.0);
      d.consistency = std::fabs(sum[i]) / d.amount;
      double amount_part = 1.0 - std::exp(-d.amount / rule.saturation);
      double agree_part = rule.disagreement_floor + (1.0 - rule.disagreement_floor) * d.consistency;
      d.confidence = amount_part * agree_part;
    }
    conf_total += d.confidence;
  }
  p.confidence = dims.size() ? conf_total / double(dims.size()) : 0;
  return p;
}

}  // namespace meeloop::profile
