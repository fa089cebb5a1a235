#include "hub/person_view.h"

#include "profile/exports.h"
#include "profile/workplace.h"
#include "xapi/read_statements.h"

namespace meeloop::hub {

Result<const profile::ProfileData*> ProfileDataSource::get() {
  std::lock_guard lock(mutex_);
  if (data_) return data_.get();
  if (data_root_.empty()) return failure("the hub was started without the shipped data folder (dimensions, texts, plan rules)");
  MEELOOP_ASSIGN_OR_RETURN(profile::ProfileData data, profile::load_profile_data(data_root_));
  // The region's learning workplaces replace the shipped examples.
  MEELOOP_ASSIGN_OR_RETURN(data.workplaces, profile::load_workplaces(workplaces_, data.dims));
  data_ = std::make_unique<profile::ProfileData>(std::move(data));
  return data_.get();
}

Result<profile::Report> report_from_statements(const profile::ProfileData& data,
                                               const std::vector<hub_store::StoredStatement>& statements,
                                               std::string generated_at, std::string* home_page) {
  Json all = Json::array();
  for (const hub_store::StoredStatement& s : statements) all.push_back(s.statement);
  MEELOOP_ASSIGN_OR_RETURN(xapi::Records records, xapi::records_from_statements(all));
  if (home_page) *home_page = records.home_page;
  return profile::make_report(data, std::move(records.participant), std::move(records.sessions),
                              std::move(records.events), std::move(generated_at));
}

Json person_json(const profile::Report& report) {
  Json profile = profile::profile_json(report);
  Json matches = std::move(profile["matches"]);
  Json plan = std::move(profile["plan"]);
  profile.erase("matches");
  profile.erase("plan");
  return Json{{"profile", std::move(profile)}, {"matches", std::move(matches)}, {"plan", std::move(plan)}};
}

}  // namespace meeloop::hub
