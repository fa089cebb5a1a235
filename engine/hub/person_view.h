#pragma once
// One person as the hub shows them to an organisation (issue 18, item 4): the statements the
// organisation may see, turned back into records (xapi::records_from_statements) and into
// profile, matches and plan by the kiosk's own engine code (profile::make_report) against every
// learning workplace of the region. No second implementation: the JSON is profile::profile_json,
// the document `meeloop export --format json` writes on the kiosk.
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/json_file.h"
#include "hub_store/hub_store.h"
#include "profile/report.h"

namespace meeloop::hub {

// The profile data the hub builds with: dimensions, texts, introduction rules and the report
// template from the shipped data root (Settings::paths.data_root), the workplaces from the
// region's folder (HubConfig::workplaces). Read on first use and kept (the files are the
// installation's, not state another hub process needs); a bad file is the error of each call
// until the hub is restarted with a good one.
class ProfileDataSource {
 public:
  ProfileDataSource(std::filesystem::path data_root, std::filesystem::path workplaces)
      : data_root_(std::move(data_root)), workplaces_(std::move(workplaces)) {}
  Result<const profile::ProfileData*> get();

 private:
  std::filesystem::path data_root_;
  std::filesystem::path workplaces_;
  std::mutex mutex_;
  std::unique_ptr<profile::ProfileData> data_;
};

// The records in `statements` (one person's, any order) made into a report. BadInput when they
// cannot be read back (xapi/read_statements.h). `home_page`, when given, is set to the actor's.
Result<profile::Report> report_from_statements(const profile::ProfileData& data,
                                               const std::vector<hub_store::StoredStatement>& statements,
                                               std::string generated_at, std::string* home_page = nullptr);

// {"profile": <profile_json without "matches" and "plan">, "matches": [...], "plan": [...]}:
// each part exactly as profile_json (profile/exports.h, format meeloop.profile/1) writes it.
Json person_json(const profile::Report& report);

}  // namespace meeloop::hub
