#pragma once
// Everything about one person that the exports need, built in one place so the JSON, CSV,
// xAPI and HTML outputs always agree with each other and with `meeloop match` / `plan`.
#include <filesystem>
#include <string>
#include <vector>

#include "profile/matcher.h"
#include "profile/plan.h"
#include "profile/profile.h"
#include "profile/workplace.h"
#include "store/records.h"

namespace meeloop::profile {

// The trainer-edited data files, loaded and cross-checked together.
struct ProfileData {
  DimensionSet dims;
  std::vector<Workplace> workplaces;
  IntroRules rules;
  std::string report_template;  // data/templates/report.html.mustache (html_report)
};

// Loads data/dimensions.json with data/text/<lang>.json, data/workplaces/*.json,
// data/intro_rules.json and data/templates/report.html.mustache under `root`
// (Settings::paths.data_root for the shipped files). The first bad file is the error, with file:line:col and pointer.
Result<ProfileData> load_profile_data(const std::filesystem::path& root);

struct Report {
  const ProfileData* data = nullptr;  // not owned; outlives the report
  store::Participant participant;
  std::vector<store::Session> sessions;
  std::vector<store::Event> events;
  Profile profile;
  MatchResult matches;
  Plan plan;
  std::string generated_at;  // ISO 8601 UTC
};

// Builds profile, ranking and plan from one person's records (pure; no database).
Report make_report(const ProfileData& data, store::Participant who,
                   std::vector<store::Session> sessions, std::vector<store::Event> events,
                   std::string generated_at);

// Current UTC time as "2026-05-01T09:30:00Z".
std::string utc_now_iso8601();

}  // namespace meeloop::profile
