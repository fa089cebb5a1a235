#pragma once
// What every front end that manages people does with the evidence database: list and search
// them with their sessions, apply the retention period, count today's sessions, erase a person,
// export a person's report and see what waits for the regional hub. The kiosk (recruiter view,
// operator console, retention at start) uses it now, the regional hub next. One connection,
// opened on first use and never creating the database: a kiosk where nobody has consented yet
// has no file, and looking keeps it so.
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/log.h"
#include "profile/exports.h"
#include "profile/report.h"
#include "store/event_store.h"

namespace meeloop::people {

// One person as a listing shows them.
struct Person {
  std::string code;
  std::string date;                 // YYYY-MM-DD they joined (the first session's, if unknown)
  std::vector<std::string> scenes;  // scene ids in the order first played, each once
  bool consent = false;
};

struct PeoplePage {
  std::vector<Person> people;  // newest first
  bool more = false;           // people after this page
};

// What waits for the regional hub, for the operator: records of people who share that are not
// sent yet, and people forgotten here whose data the hub has not erased yet.
struct SyncState {
  int waiting = 0;   // shared records not sent yet (those that failed included)
  int failed = 0;    // of those, the ones whose last attempt failed (tried again later)
  int sent = 0;      // records the hub has acknowledged
  int erasures = 0;  // erasures the hub has not confirmed yet
};

// The files export_report writes, in this order, into store::exports_folder(db, code).
inline constexpr const char* kExportFiles[] = {"profile.json", "profile.csv", "xapi.json", "report.html"};

class PeopleService {
 public:
  // `xapi`: the installation's address in xAPI exports (see profile::XapiOptions).
  PeopleService(std::filesystem::path db, Log& log, profile::XapiOptions xapi = {});
  ~PeopleService();
  PeopleService(const PeopleService&) = delete;
  PeopleService& operator=(const PeopleService&) = delete;

  const std::filesystem::path& database() const { return db_; }

  // One page of people with what they played, in one query. No database yet: nobody.
  Result<PeoplePage> list(const store::PeopleQuery& query = {});
  // Retention: erases (as erase does) everyone inactive for longer than `days` days. No
  // database yet: nothing to do.
  Result<store::ForgetReport> remove_inactive(int days);
  // Sessions started today (the local date of this machine). No database yet: zero.
  Result<store::SessionCounts> sessions_today();

  // The outbox and the hub erasures in one look. No database yet: nothing waits.
  Result<SyncState> sync_state();

  // The report of the person with `code` (typed codes are normalised; unknown is BadInput).
  Result<profile::Report> report(const std::string& code, const profile::ProfileData& data);
  // Erases one person everywhere, exports folder included (store::EventStore::forget).
  Result<store::ForgetReport> erase(const std::string& code);
  // Writes kExportFiles of `r` in `lang` (each 0600, written atomically) and returns the folder.
  Result<std::filesystem::path> export_report(const profile::Report& r, const std::string& lang);

  // Closes the connection (the next call opens it again), e.g. when the recruiter view locks.
  void close();

 private:
  // The open store; BadInput when the database does not exist (opening would create it).
  Result<store::EventStore*> existing_store();
  bool database_exists() const;

  std::filesystem::path db_;
  Log& log_;
  profile::XapiOptions xapi_;
  std::unique_ptr<store::EventStore> store_;
};

}  // namespace meeloop::people
