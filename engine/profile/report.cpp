#include "profile/report.h"

#include "profile/exports.h"

#include <chrono>
#include <ctime>

namespace meeloop::profile {

Result<ProfileData> load_profile_data(const std::filesystem::path& root) {
  ProfileData d;
  MEELOOP_ASSIGN_OR_RETURN(d.dims, load_dimensions(root / "data" / "dimensions.json"));
  MEELOOP_ASSIGN_OR_RETURN(d.workplaces, load_workplaces(root / "data" / "workplaces", d.dims));
  MEELOOP_ASSIGN_OR_RETURN(d.rules, load_intro_rules(root / "data" / "intro_rules.json", d.dims));
  MEELOOP_ASSIGN_OR_RETURN(d.report_template,
                           load_report_template(root / "data" / "templates" / "report.html.mustache"));
  return d;
}

Report make_report(const ProfileData& data, store::Participant who,
                   std::vector<store::Session> sessions, std::vector<store::Event> events,
                   std::string generated_at) {
  Report r;
  r.data = &data;
  r.profile = build_profile(who, events, data.dims);
  r.matches = match(r.profile, data.workplaces, data.dims);
  r.plan = make_plan(r.profile, data.rules);
  r.participant = std::move(who);
  r.sessions = std::move(sessions);
  r.events = std::move(events);
  r.generated_at = std::move(generated_at);
  return r;
}

std::string utc_now_iso8601() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace meeloop::profile
