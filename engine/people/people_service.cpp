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
    auto st = profile::open_existing_store(db_, log_);
    if (!st) return st.error();
    store_ = std::move(st).value();
  }
  return store_.get();
}

Result<PeoplePage> PeopleService::list(const store::PeopleQuery& query) {
  if (!database_exists()) return PeoplePage{};  // nobody has played with consent yet
  auto st = existing_store();
  if (!st) return st.error();
  auto page = st.value()->people(query);
  if (!page) return page.error();
  PeoplePage out;
  out.more = page->more;
  for (const auto& p : page->people) out.people.push_back(person_of(p));
  return out;
}

Result<store::ForgetReport> PeopleService::remove_inactive(int days) {
  if (!database_exists()) return store::ForgetReport{};
  auto st = existing_store();
  if (!st) return st.error();
  return st.value()->forget_older_than(days);
}

Result<store::SessionCounts> PeopleService::sessions_today() {
  if (!database_exists()) return store::SessionCounts{};  // and counting does not create it
  auto st = existing_store();
  if (!st) return st.error();
  auto [from, to] = store::local_day_utc_range(std::time(nullptr));
  return st.value()->count_sessions(from, to);
}

Result<profile::Report> PeopleService::report(const std::string& code, const profile::ProfileData& data) {
  auto st = existing_store();
  if (!st) return st.error();
  return profile::report_from_store(*st.value(), code, data);
}

Result<store::ForgetReport> PeopleService::erase(const std::string& code) {
  auto st = existing_store();
  if (!st) return st.error();
  return st.value()->forget(code);
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
    if (auto st = write_file_atomically(dir / kExportFiles[i], texts[i]); !st) return st.error();
  return dir;
}

}  // namespace meeloop::people
