#include "people/people_service.h"

#include <ctime>
#include <iterator>
#include <set>
#include <system_error>

#include "core/files.h"
#include "profile/report_store.h"
#include "store/session_counts.h"

namespace meeloop::people {
namespace {

Person person_of(const store::PersonSessions& p) {
  Person out{p.participant.code, p.participant.created_at.substr(0, 10), {}, p.participant.consent};
  std::set<std::string> seen;
  for (const auto& s : p.sessions) {
    if (out.date.empty()) out.date = s.started_at.substr(0, 10);
    if (seen.insert(s.scene_id).second) out.scenes.push_back(s.scene_id);
  }
  return out;
}

}  // namespace

PeopleService::PeopleService(std::filesystem::path db, Log& log, profile::XapiOptions xapi)
    : db_(std::move(db)), log_(log), xapi_(std::move(xapi)) {}

PeopleService::~PeopleService() = default;

void PeopleService::close() { store_.reset(); }

bool PeopleService::database_exists() const {
  std::error_code ec;
  return store_ || std::filesystem::exists(db_, ec);
}

Result<store::EventStore*> PeopleService::existing_store() {
  if (!store_) {
    MEELOOP_ASSIGN_OR_RETURN(store_, profile::open_existing_store(db_, log_));
  }
  return store_.get();
}

Result<PeoplePage> PeopleService::list(const store::PeopleQuery& query) {
  if (!database_exists()) return PeoplePage{};  // nobody has played with consent yet
  MEELOOP_ASSIGN_OR_RETURN(store::EventStore* event_store, existing_store());
  MEELOOP_ASSIGN_OR_RETURN(auto page, event_store->people(query));
  PeoplePage out;
  out.more = page.more;
  for (const auto& p : page.people) out.people.push_back(person_of(p));
  return out;
}

Result<store::ForgetReport> PeopleService::remove_inactive(int days) {
  if (!database_exists()) return store::ForgetReport{};
  MEELOOP_ASSIGN_OR_RETURN(store::EventStore* event_store, existing_store());
  return event_store->forget_older_than(days);
}

Result<store::SessionCounts> PeopleService::sessions_today() {
  if (!database_exists()) return store::SessionCounts{};  // and counting does not create it
  MEELOOP_ASSIGN_OR_RETURN(store::EventStore* event_store, existing_store());
  auto [from, to] = store::local_day_utc_range(std::time(nullptr));
  return event_store->count_sessions(from, to);
}

Result<SyncState> PeopleService::sync_state() {
  if (!database_exists()) return SyncState{};
  MEELOOP_ASSIGN_OR_RETURN(store::EventStore* event_store, existing_store());
  MEELOOP_ASSIGN_OR_RETURN(store::OutboxCounts outbox, event_store->outbox_counts());
  MEELOOP_ASSIGN_OR_RETURN(auto erasures, event_store->pending_hub_erasures());
  return SyncState{outbox.pending + outbox.failed, outbox.failed, outbox.sent, static_cast<int>(erasures.size())};
}

Result<profile::Report> PeopleService::report(const std::string& code, const profile::ProfileData& data) {
  MEELOOP_ASSIGN_OR_RETURN(store::EventStore* event_store, existing_store());
  return profile::report_from_store(*event_store, code, data);
}

Result<store::ForgetReport> PeopleService::erase(const std::string& code) {
  MEELOOP_ASSIGN_OR_RETURN(store::EventStore* event_store, existing_store());
  return event_store->forget(code);
}

Result<std::filesystem::path> PeopleService::export_report(const profile::Report& r, const std::string& lang) {
  std::filesystem::path dir = store::exports_folder(db_, r.participant.code);
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return failure("cannot create " + dir.string() + ": " + ec.message(), dir.string());
  const std::string texts[] = {profile::profile_json(r).dump(2) + "\n", profile::profile_csv(r, lang),
                               profile::xapi_statements(r, xapi_).dump(2) + "\n", profile::html_report(r, lang)};
  static_assert(std::size(texts) == std::size(kExportFiles));
  for (size_t i = 0; i < std::size(texts); ++i)
    MEELOOP_RETURN_IF_ERROR(write_file_atomically(dir / kExportFiles[i], texts[i]));
  return dir;
}

}  // namespace meeloop::people
