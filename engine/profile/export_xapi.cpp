// The xAPI export of one person's report: the statements the kiosk's sync sends (xapi/
// statements.h builds each), so an LRS that gets both keeps one copy and the hub's profile
// matches this one.
#include <algorithm>

#include "profile/exports.h"

namespace meeloop::profile {

Json xapi_statements(const Report& r, const XapiOptions& o) {
  Json out = Json::array();
  for (const store::Session& s : r.sessions) out.push_back(xapi::statement_for_session_start(o, r.participant, s));
  for (const store::Event& e : r.events) {
    auto s = std::find_if(r.sessions.begin(), r.sessions.end(),
                          [&](const store::Session& x) { return x.id == e.session_id; });
    if (s != r.sessions.end()) {
      out.push_back(xapi::statement_for_event(o, r.participant, *s, e));
      continue;
    }
    // An event whose session is not in the report (never in a store's report): described by
    // what the event itself says, so its statement still stands alone.
    store::Session alone;
    alone.id = e.session_id;
    alone.participant_code = r.participant.code;
    alone.scene_id = e.scene_id;
    alone.language = r.participant.language;
    out.push_back(xapi::statement_for_event(o, r.participant, alone, e));
  }
  for (const store::Session& s : r.sessions) {
    if (s.ended_at.empty()) continue;  // still running or interrupted: no end to report
    out.push_back(xapi::statement_for_session_end(o, r.participant, s));
  }
  return out;
}

Status check_xapi_home_page(std::string_view iri, std::string_view what) { return xapi::check_home_page(iri, what); }

std::string local_xapi_home_page(std::string_view machine_id, const std::filesystem::path& database) {
  return xapi::local_home_page(machine_id, database);
}

}  // namespace meeloop::profile
