// The people service (engine/people): the one listing of people with their sessions (one
// statement, newest first, by code prefix, a page at a time), retention, today's counts, erasure
// with the exported files, and the four export files.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "people/people_service.h"
#include "profile_fixtures.h"
#include "store/event_store.h"
#include "store/participant_code.h"
#include "temp_dir.h"

using namespace meeloop;
namespace fs = std::filesystem;
using meeloop::test::TempDir;

namespace {

Log& quiet() {
  static Log log(LogLevel::Off);
  return log;
}

std::unique_ptr<store::EventStore> open_ok(const fs::path& db) {
  auto s = store::EventStore::open(db, quiet());
  if (!s) FAIL(s.error().to_string());
  return std::move(s).value();
}

// One person who joined at `at` ("" = now) and played `scenes` in that order, each session with
// two choices that carry evidence, all at `at`.
void add_person(store::EventStore& st, const std::string& code, const std::string& at,
                const std::vector<std::string>& scenes, store::ShareScope share = store::ShareScope::None) {
  store::Participant p;
  p.code = code;
  p.consent = true;
  p.share = share;
  p.language = "nl";
  p.created_at = p.consent_at = at;
  REQUIRE(st.add_participant(p));
  for (const auto& scene : scenes) {
    store::Session s;
    s.participant_code = code;
    s.scene_id = scene;
    s.started_at = at;
    auto id = st.begin_session(s);
    REQUIRE(id);
    for (int i = 0; i < 2; ++i) {
      store::Event e;
      e.session_id = *id;
      e.at = at;
      e.scene_id = scene;
      e.step_id = "step" + std::to_string(i);
      e.kind = "choice";
      e.item_id = "item";
      e.evidence = {{"teamwork", 1.0, "reason"}, {"communication", 0.5, "reason"}};
      REQUIRE(st.append_event(e));
    }
  }
}

struct Seed {
  std::string code, at;
  std::vector<std::string> scenes;
};

// meeloop.db in `dir`, holding these people (add_person).
fs::path database_with(const TempDir& dir, const std::vector<Seed>& seeds) {
  const fs::path db = dir.path / "meeloop.db";
  auto st = open_ok(db);
  for (const auto& s : seeds) add_person(*st, s.code, s.at, s.scenes);
  return db;
}

std::vector<std::string> codes_of(const people::PeoplePage& page) {
  std::vector<std::string> out;
  for (const auto& p : page.people) out.push_back(p.code);
  return out;
}

// Counts every statement that SQLite starts on connections opened while this lives: an
// auto-extension puts a trace on each new connection. The count is one process-wide number
// because SQLite's auto-extension entry point takes no context.
struct StatementCounter {
  static std::atomic<int>& started() {
    static std::atomic<int> n{0};
    return n;
  }
  static int on_trace(unsigned, void*, void*, void*) {
    ++started();
    return 0;
  }
  static int on_open(sqlite3* db, const char**, const sqlite3_api_routines*) {
    sqlite3_trace_v2(db, SQLITE_TRACE_STMT, on_trace, nullptr);
    return SQLITE_OK;
  }
  using Entry = void (*)();
  StatementCounter() { REQUIRE(sqlite3_auto_extension(reinterpret_cast<Entry>(on_open)) == SQLITE_OK); }
  ~StatementCounter() { sqlite3_cancel_auto_extension(reinterpret_cast<Entry>(on_open)); }
  int take() { return started().exchange(0); }
};

// `n` people with two sessions each, written in one transaction (a thousand separate durable
// commits would take the test's time, not the service's).
void add_many(const fs::path& db, int n) {
  open_ok(db);  // the schema
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
  std::string sql = "BEGIN;";
  for (int i = 0; i < n; ++i) {
    char code[32], at[40];
    std::snprintf(code, sizeof code, "MEE-%04d-XX", i);
    std::snprintf(at, sizeof at, "2026-01-01T%02d:%02d:%02d.000Z", i / 3600, i / 60 % 60, i % 60);
    sql += std::string("INSERT INTO participants (code, consent, created_at) VALUES ('") + code + "', 1, '" + at +
           "');" + "INSERT INTO sessions (participant_code, scene_id, started_at) VALUES ('" + code +
           "', 'huiskamer', '" + at + "'), ('" + code + "', 'badkamer', '" + at + "');";
  }
  sql += "COMMIT;";
  CHECK(sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close_v2(raw);
}

}  // namespace

TEST_CASE("people: one query lists everyone with their sessions, newest first", "[people]") {
  TempDir dir("meeloop-people-list");
  const fs::path db =
      database_with(dir, {{"MEE-AAAA-01", "2026-01-05T10:00:00.000Z", {"huiskamer"}},
                          {"MEE-BBBB-02", "2026-03-01T09:00:00.000Z", {"badkamer", "huiskamer", "badkamer"}},
                          {"MEE-CCCC-03", "2026-02-11T12:00:00.000Z", {}}});
  people::PeopleService service(db, quiet());
  auto page = service.list();
  REQUIRE(page);
  CHECK(codes_of(*page) == std::vector<std::string>{"MEE-BBBB-02", "MEE-CCCC-03", "MEE-AAAA-01"});
  CHECK_FALSE(page->more);
  const people::Person& b = page->people[0];
  CHECK(b.date == "2026-03-01");
  CHECK(b.consent);
  CHECK(b.scenes == std::vector<std::string>{"badkamer", "huiskamer"});  // first played first, once each
  CHECK(page->people[1].scenes.empty());                                  // joined, played nothing yet
  CHECK(page->people[2].scenes == std::vector<std::string>{"huiskamer"});

  // A thousand people: every one listed with both sessions, by one statement.
  TempDir many_dir("meeloop-people-many");
  const fs::path many = many_dir.path / "meeloop.db";
  add_many(many, 1000);
  StatementCounter counter;
  people::PeopleService big(many, quiet());
  REQUIRE(big.list({"", 0, 1}));  // opens the connection (its own statements are not the listing's)
  counter.take();
  auto all = big.list();
  CHECK(counter.take() == 1);
  REQUIRE(all);
  REQUIRE(all->people.size() == 1000);
  CHECK(all->people.front().code == "MEE-0999-XX");
  CHECK(all->people.back().code == "MEE-0000-XX");
  for (const auto& p : all->people) {
    INFO(p.code);
    CHECK(p.scenes == std::vector<std::string>{"huiskamer", "badkamer"});
  }
}

TEST_CASE("people: search by code prefix, a page at a time", "[people]") {
  TempDir dir("meeloop-people-search");
  const fs::path db = database_with(dir, {{"MEE-AB12-01", "2026-01-01T10:00:00.000Z", {"huiskamer"}},
                                          {"MEE-AB34-02", "2026-01-02T10:00:00.000Z", {"huiskamer"}},
                                          {"MEE-AB56-03", "2026-01-03T10:00:00.000Z", {"huiskamer", "badkamer"}},
                                          {"MEE-CD78-04", "2026-01-04T10:00:00.000Z", {"huiskamer"}}});
  people::PeopleService service(db, quiet());
  auto found = service.list({"mee-ab", 0, 0});  // typed in lower case
  REQUIRE(found);
  CHECK(codes_of(*found) == std::vector<std::string>{"MEE-AB56-03", "MEE-AB34-02", "MEE-AB12-01"});
  auto one = service.list({"MEE-CD7", 0, 0});
  REQUIRE(one);
  CHECK(codes_of(*one) == std::vector<std::string>{"MEE-CD78-04"});
  auto none = service.list({"MEE-ZZ", 0, 0});
  REQUIRE(none);
  CHECK(none->people.empty());

  // Pages count people, not sessions (MEE-AB56-03 has two).
  auto first = service.list({"MEE-AB", 0, 2});
  REQUIRE(first);
  CHECK(codes_of(*first) == std::vector<std::string>{"MEE-AB56-03", "MEE-AB34-02"});
  CHECK(first->people[0].scenes.size() == 2);
  CHECK(first->more);
  auto second = service.list({"MEE-AB", 2, 2});
  REQUIRE(second);
  CHECK(codes_of(*second) == std::vector<std::string>{"MEE-AB12-01"});
  CHECK_FALSE(second->more);
  auto past = service.list({"", 10, 2});
  REQUIRE(past);
  CHECK(past->people.empty());
  CHECK_FALSE(past->more);
}

TEST_CASE("people: with no database nobody is listed, nothing counted or removed, and no file made", "[people]") {
  TempDir dir("meeloop-people-none");
  const fs::path db = dir.path / "meeloop.db";
  people::PeopleService service(db, quiet());
  auto page = service.list();
  REQUIRE(page);
  CHECK(page->people.empty());
  auto counts = service.sessions_today();
  REQUIRE(counts);
  CHECK(counts->sessions == 0);
  auto gone = service.remove_inactive(90);
  REQUIRE(gone);
  CHECK(gone->participants == 0);
  CHECK_FALSE(fs::exists(db));
  auto report = service.report(store::generate_participant_code(), test::shipped_data());
  REQUIRE_FALSE(report);
  CHECK(report.error().kind == ErrorKind::BadInput);
  CHECK_FALSE(fs::exists(db));
}

TEST_CASE("people: the sync state counts shared records waiting for the hub and erasures it has not confirmed", "[people]") {
  TempDir dir("meeloop-people-sync");
  const fs::path db = dir.path / "meeloop.db";
  people::PeopleService service(db, quiet());
  auto none = service.sync_state();
  REQUIRE(none);
  CHECK(none->waiting == 0);
  CHECK(none->erasures == 0);
  CHECK_FALSE(fs::exists(db));  // looking creates no database
  {
    auto st = open_ok(db);
    add_person(*st, "MEE-REG0-01", "", {"huiskamer"}, store::ShareScope::Region);  // two events
    add_person(*st, "MEE-HERE-02", "", {"huiskamer"});                               // keeps it here
  }
  auto shared = service.sync_state();
  REQUIRE(shared);
  CHECK(shared->waiting == 2);  // only the person who shares has records to send
  CHECK(shared->failed == 0);
  CHECK(shared->sent == 0);
  CHECK(shared->erasures == 0);
  {
    auto st = open_ok(db);
    auto due = st->pending_outbox(10);
    REQUIRE(due);
    REQUIRE(due->size() == 2);
    REQUIRE(st->mark_sent({due->at(0).id}));
    REQUIRE(st->mark_failed({due->at(1).id}, store::outbox_next_attempt(1, std::chrono::system_clock::now())));
  }
  auto later = service.sync_state();
  REQUIRE(later);
  CHECK(later->waiting == 1);
  CHECK(later->failed == 1);
  CHECK(later->sent == 1);
  // Forgetting someone who shared leaves an erasure for the hub; someone who did not, none.
  REQUIRE(service.erase("MEE-REG0-01"));
  REQUIRE(service.erase("MEE-HERE-02"));
  auto erased = service.sync_state();
  REQUIRE(erased);
  CHECK(erased->waiting == 0);
  CHECK(erased->erasures == 1);
}

TEST_CASE("people: retention removes everyone inactive longer than the days given", "[people]") {
  TempDir dir("meeloop-people-retention");
  const fs::path db = database_with(dir, {{"MEE-OLD0-01", "2020-01-01T10:00:00.000Z", {"huiskamer"}},
                                          {"MEE-NEW0-02", "", {"huiskamer"}}});
  people::PeopleService service(db, quiet());
  auto gone = service.remove_inactive(90);
  REQUIRE(gone);
  CHECK(gone->participants == 1);
  CHECK(gone->sessions == 1);
  CHECK(gone->events == 2);
  auto left = service.list();
  REQUIRE(left);
  CHECK(codes_of(*left) == std::vector<std::string>{"MEE-NEW0-02"});
  auto again = service.remove_inactive(90);
  REQUIRE(again);
  CHECK(again->participants == 0);
}

TEST_CASE("people: today's sessions and the different people among them", "[people]") {
  TempDir dir("meeloop-people-today");
  const fs::path db = database_with(dir, {{"MEE-TODA-01", "", {"huiskamer", "badkamer"}},
                                          {"MEE-TODA-02", "", {"huiskamer"}},
                                          {"MEE-LAST-03", "2026-01-01T10:00:00.000Z", {"huiskamer"}}});
  people::PeopleService service(db, quiet());
  auto today = service.sessions_today();
  REQUIRE(today);
  CHECK(today->sessions == 3);
  CHECK(today->participants == 2);
  // A session started meanwhile through another connection (a visitor) is counted next time.
  {
    auto st = open_ok(db);
    store::Session s;
    s.participant_code = "MEE-TODA-02";
    s.scene_id = "badkamer";
    REQUIRE(st->begin_session(s));
  }
  auto later = service.sessions_today();
  REQUIRE(later);
  CHECK(later->sessions == 4);
  CHECK(later->participants == 2);

  // Not a database: an error naming the file, not a crash.
  const fs::path junk = dir.path / "junk.db";
  std::ofstream(junk) << std::string(4096, 'x');
  people::PeopleService broken(junk, quiet());
  auto bad = broken.sessions_today();
  REQUIRE_FALSE(bad);
  CHECK(bad.error().file == junk.string());
}

TEST_CASE("people: export writes the four report files 0600, erase removes the person and them", "[people]") {
  TempDir dir("meeloop-people-export");
  const std::string code = store::generate_participant_code(), other = store::generate_participant_code();
  const fs::path db = database_with(dir, {{code, "", {"huiskamer"}}, {other, "", {"huiskamer"}}});
  people::PeopleService service(db, quiet(), profile::XapiOptions{"https://werkenindezorg.example/regio-west"});
  auto report = service.report(code, test::shipped_data());
  REQUIRE(report);
  CHECK(report->participant.code == code);
  auto folder = service.export_report(*report, "nl");
  REQUIRE(folder);
  CHECK(*folder == store::exports_folder(db, code));
  for (const char* name : people::kExportFiles) {
    INFO(name);
    REQUIRE(fs::is_regular_file(*folder / name));
    CHECK(fs::file_size(*folder / name) > 100);
    CHECK(fs::status(*folder / name).permissions() == (fs::perms::owner_read | fs::perms::owner_write));
  }
  std::ifstream xapi(*folder / "xapi.json");
  const auto statements = nlohmann::json::parse(xapi);
  REQUIRE_FALSE(statements.empty());
  CHECK(statements[0]["actor"]["account"]["homePage"] == "https://werkenindezorg.example/regio-west");
  CHECK(std::distance(fs::directory_iterator(*folder), fs::directory_iterator()) == 4);  // no temp file left

  auto gone = service.erase(code);
  REQUIRE(gone);
  CHECK(gone->participants == 1);
  CHECK(gone->export_folders == 1);
  CHECK_FALSE(fs::exists(*folder));
  auto left = service.list();
  REQUIRE(left);
  CHECK(codes_of(*left) == std::vector<std::string>{other});
  auto again = service.erase(code);
  REQUIRE_FALSE(again);
  CHECK(again.error().kind == ErrorKind::BadInput);
}
