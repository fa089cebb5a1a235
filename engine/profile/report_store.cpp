#include "profile/report_store.h"

#include "store/participant_code.h"

namespace meeloop::profile {

Result<std::unique_ptr<store::EventStore>> open_existing_store(const std::filesystem::path& db, Log& log) {
  std::error_code ec;
  if (!std::filesystem::exists(db, ec))
    return bad_input(db.string(), "", "no evidence database here (give the right one with --db PATH)");
  return store::EventStore::open(db, log);
}

Result<Report> report_from_store(store::EventStore& st, const std::string& typed_code,
                                 const ProfileData& data) {
  auto code = store::normalize_participant_code(typed_code);
  if (!code)
    return bad_input("", "", "\"" + typed_code + "\" is not a participant code (expected the form "
                             "MEE-7KQ2-XD4; the last character is a check on typos)");
  MEELOOP_ASSIGN_OR_RETURN(auto who, st.participant(*code));
  if (!who)
    return bad_input(st.path().string(), "", "no participant with code " + *code + " in this database");
  MEELOOP_ASSIGN_OR_RETURN(auto sessions, st.sessions(*code));
  MEELOOP_ASSIGN_OR_RETURN(auto events, st.events_for_participant(*code));
  return make_report(data, std::move(*who), std::move(sessions), std::move(events), utc_now_iso8601());
}

Result<Report> read_report(const std::filesystem::path& db, const std::string& typed_code,
                           const ProfileData& data, Log& log) {
  MEELOOP_ASSIGN_OR_RETURN(auto st, open_existing_store(db, log));
  return report_from_store(*st, typed_code, data);
}

}  // namespace meeloop::profile
