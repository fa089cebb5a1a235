#pragma once
// In-memory events and data for the profile and export tests: no SQLite needed.
#include <string>
#include <vector>

#include "test_settings.h"
#include "profile/report.h"
#include "store/records.h"

namespace meeloop::test {

// One choice event with the given evidence {dimension, weight}.
inline store::Event choice(int64_t session, int seq, const std::string& step,
                           std::vector<std::pair<std::string, double>> evidence,
                           const std::string& scene = "living_room_breakfast") {
  store::Event e;
  e.id = session * 1000 + seq;
  e.session_id = session;
  e.seq = seq;
  e.at = "2026-05-01T09:" + std::string(seq < 10 ? "0" : "") + std::to_string(seq) + ":00Z";
  e.scene_id = scene;
  e.step_id = step;
  e.kind = "choice";
  e.item_id = step + "_choice";
  e.decision_seconds = 3.5;
  for (auto& [dim, w] : evidence)
    e.evidence.push_back({dim, w, "Because of " + step + " (" + dim + ")"});
  return e;
}

inline store::Participant person(const std::string& care_experience, const std::string& lang = "nl") {
  store::Participant p;
  p.code = "MEE-TEST-01";
  p.consent = true;
  p.language = lang;
  p.background.care_experience = care_experience;
  return p;
}

// `n` consistent choices leaning toward dementia care (psychogeriatrics) and away from the other
// client groups, touching most dimensions as a real session does.
inline std::vector<store::Event> pg_leaning_events(int n = 8) {
  std::vector<store::Event> out;
  for (int i = 0; i < n; ++i)
    out.push_back(choice(1, i + 1, "step" + std::to_string(i),
                         {{"affinity_pg", 1.0}, {"affinity_homecare", -0.5}, {"affinity_somatic", -0.3},
                          {"affinity_rehab", -0.3}, {"communication", 0.6}, {"autonomy_dignity", 0.5},
                          {"teamwork", 0.4}, {"safety_hygiene", 0.5}, {"noticing_reporting", 0.4},
                          {"daring_to_ask", 0.4}}));
  return out;
}

// The shipped data files (data/), loaded once per test binary.
inline const profile::ProfileData& shipped_data() {
  static const profile::ProfileData data = [] {
    auto d = profile::load_profile_data(settings().paths.data_root);
    if (!d) throw ErrorException(d.error());
    return std::move(d).value();
  }();
  return data;
}

}  // namespace meeloop::test
