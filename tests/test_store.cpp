// The evidence log: records round-trip, consent is enforced, participant codes, migrations
// from a version 1 file (also one holding duplicated events), idempotent appends, bad files.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "store/event_store.h"
#include "store/participant_code.h"

using namespace meeloop;
using namespace meeloop::store;
namespace fs = std::filesystem;

namespace {

// A fresh folder per test, removed afterwards.
struct TempDir {
  fs::path path = fs::temp_directory_path() / ("meeloop-store-" + std::to_string(std::random_device{}()));
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

Log& quiet() {
  static Log log(LogLevel::Off);
  return log;
}

std::unique_ptr<EventStore> open_ok(const fs::path& p) {
  auto s = EventStore::open(p, quiet());
  if (!s) FAIL(s.error().to_string());
  return std::move(s).value();
}

Participant person(const std::string& code) {
  Participant p;
  p.code = code;
  p.consent = true;
  p.language = "nl";
  p.background.care_experience = "informal_carer";
  p.background.situation = "side_entrant";
  p.background.levels_of_interest = {"mbo3", "mbo4"};
  p.background.route = "bbl";
  return p;
}

Event event(int64_t session, const std::string& step, const std::string& item) {
  Event e;
  e.session_id = session;
  e.scene_id = "huiskamer";
  e.step_id = step;
  e.kind = "choice";
  e.item_id = item;
  e.decision_seconds = 4.25;
  e.evidence = {{"autonomy_dignity", 1.0, "reason.a"}, {"communication", -0.5, "reason.b"}};
  return e;
}

void raw_sql(const fs::path& p, const char* sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(p.c_str(), &db) == SQLITE_OK);
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  std::string msg = err ? err : "";
  sqlite3_free(err);
  sqlite3_close(db);
  INFO(msg);
  REQUIRE(rc == SQLITE_OK);
}

// The schema as the first release wrote it, written out here independently of the store.
constexpr const char* kV1Tables = R"SQL(
    CREATE TABLE schema_version (version INTEGER NOT NULL);
    INSERT INTO schema_version VALUES (1);
    CREATE TABLE participants (code TEXT PRIMARY KEY NOT NULL, consent INTEGER NOT NULL CHECK (consent IN (0, 1)),
      consent_at TEXT NOT NULL DEFAULT '', language TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL);
    CREATE TABLE sessions (id INTEGER PRIMARY KEY, participant_code TEXT NOT NULL REFERENCES participants(code) ON DELETE CASCADE,
      scene_id TEXT NOT NULL, scene_version TEXT NOT NULL DEFAULT '', language TEXT NOT NULL DEFAULT '',
      started_at TEXT NOT NULL, ended_at TEXT NOT NULL DEFAULT '', ending_id TEXT NOT NULL DEFAULT '');
    CREATE INDEX sessions_by_participant ON sessions(participant_code);
    CREATE TABLE events (id INTEGER PRIMARY KEY, session_id INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL, at TEXT NOT NULL, scene_id TEXT NOT NULL, step_id TEXT NOT NULL, kind TEXT NOT NULL,
      item_id TEXT NOT NULL DEFAULT '', decision_seconds REAL NOT NULL DEFAULT 0, help_asked INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX events_by_session ON events(session_id, seq);
    CREATE TABLE evidence (event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE, ord INTEGER NOT NULL,
      dimension TEXT NOT NULL, weight REAL NOT NULL, reason TEXT NOT NULL DEFAULT '', PRIMARY KEY (event_id, ord)) WITHOUT ROWID;
)SQL";

}  // namespace

TEST_CASE("participant codes are readable, random and self-checking", "[store]") {
  std::mt19937_64 rng(42);
  std::set<std::string> seen;
  for (int i = 0; i < 2000; ++i) {
    std::string code = generate_participant_code(rng);
    REQUIRE(code.size() == 12);
    REQUIRE(code.rfind("MEE-", 0) == 0);
    REQUIRE(normalize_participant_code(code) == code);
    for (char c : std::string("01ILOUV")) REQUIRE(code.substr(4).find(c) == std::string::npos);
    seen.insert(code);
    // Every single-character typo in the random part or the check character is caught.
    for (size_t pos : {4u, 5u, 6u, 7u, 9u, 10u, 11u}) {
      std::string typo = code;
      typo[pos] = typo[pos] == 'A' ? 'B' : 'A';
      REQUIRE_FALSE(normalize_participant_code(typo));
    }
    // ... and so is every swap of two different neighbours.
    std::string body = code.substr(4, 4) + code.substr(9, 2);
    for (size_t i = 0; i + 1 < body.size(); ++i) {
      if (body[i] == body[i + 1]) continue;
      std::string swapped = body;
      std::swap(swapped[i], swapped[i + 1]);
      REQUIRE_FALSE(normalize_participant_code("MEE-" + swapped.substr(0, 4) + "-" + swapped.substr(4) + code[11]));
    }
  }
  CHECK(seen.size() == 2000);
  std::string code = generate_participant_code(rng);
  std::string lower = "  " + code + " ";
  for (char& c : lower) c = char(std::tolower(static_cast<unsigned char>(c)));
  CHECK(normalize_participant_code(lower) == code);
  CHECK_FALSE(normalize_participant_code("MEE-7KQ2-XD"));
  CHECK_FALSE(normalize_participant_code("jan.jansen@example.nl"));
  CHECK(generate_participant_code() != generate_participant_code());
}

TEST_CASE("participants, sessions and events round-trip", "[store]") {
  TempDir dir;
  auto store = open_ok(dir.path / "m.db");
  CHECK(store->schema_version() == EventStore::current_schema_version());
  REQUIRE(store->add_participant(person("MEE-AAAA-AA1")));
  auto p = store->participant("MEE-AAAA-AA1");
  REQUIRE(p);
  REQUIRE(p.value());
  CHECK(p.value()->consent);
  CHECK_FALSE(p.value()->consent_at.empty());
  CHECK(p.value()->background.levels_of_interest == std::vector<std::string>{"mbo3", "mbo4"});
  CHECK(p.value()->background.route == "bbl");
  CHECK_FALSE(store->participant("MEE-BBBB-BB2").value());

  Session s;
  s.participant_code = "MEE-AAAA-AA1";
  s.scene_id = "huiskamer";
  s.scene_version = "huiskamer_breakfast@1";
  s.language = "nl";
  auto sid = store->begin_session(s);
  REQUIRE(sid);
  Event a = event(sid.value(), "breakfast", "ask_choice");
  Event b = event(sid.value(), "spill", "wipe");
  b.evidence.clear();
  b.help_asked = true;
  REQUIRE(store->append_event(a));
  REQUIRE(store->append_event(b));
  CHECK(a.id > 0);
  CHECK(a.seq == 1);  // assigned by the store when the caller leaves it 0
  CHECK(b.seq == 2);
  REQUIRE(store->end_session(sid.value(), "end_calm"));

  auto events = store->events(sid.value());
  REQUIRE(events);
  REQUIRE(events->size() == 2);
  const Event& r = events.value()[0];
  CHECK(r.step_id == "breakfast");
  CHECK(r.item_id == "ask_choice");
  CHECK(r.decision_seconds == 4.25);
  CHECK_FALSE(r.at.empty());
  REQUIRE(r.evidence.size() == 2);
  CHECK(r.evidence[1].dimension == "communication");
  CHECK(r.evidence[1].weight == -0.5);
  CHECK(r.evidence[1].reason == "reason.b");
  CHECK(events.value()[1].evidence.empty());
  CHECK(events.value()[1].help_asked);
  auto all = store->events_for_participant("MEE-AAAA-AA1");
  REQUIRE(all);
  CHECK(all->size() == 2);
  auto sessions = store->sessions("MEE-AAAA-AA1");
  REQUIRE(sessions);
  REQUIRE(sessions->size() == 1);
  CHECK(sessions.value()[0].ending_id == "end_calm");
  CHECK_FALSE(sessions.value()[0].ended_at.empty());
  CHECK(store->participants()->size() == 1);
}

TEST_CASE("the store refuses what it must not keep or cannot link", "[store]") {
  TempDir dir;
  auto store = open_ok(dir.path / "m.db");
  Participant no = person("MEE-CCCC-CC3");
  no.consent = false;
  Status refused = store->add_participant(no);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().message.find("no consent") != std::string::npos);
  CHECK(store->participants()->empty());
  REQUIRE(store->add_participant(person("MEE-AAAA-AA1")));
  CHECK_FALSE(store->add_participant(person("MEE-AAAA-AA1")));

  Session s;
  s.participant_code = "MEE-ZZZZ-ZZ9";
  s.scene_id = "huiskamer";
  auto unknown = store->begin_session(s);
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().kind == ErrorKind::BadInput);
  CHECK(unknown.error().message.find("unknown participant code MEE-ZZZZ-ZZ9") != std::string::npos);
  Event orphan = event(12345, "x", "y");
  Status st = store->append_event(orphan);
  REQUIRE_FALSE(st);
  CHECK(st.error().kind == ErrorKind::BadInput);
  CHECK(st.error().message.find("no such session") != std::string::npos);
  CHECK_FALSE(store->end_session(777, "end"));
  // A failed append leaves no half transaction behind: the next one works.
  s.participant_code = "MEE-AAAA-AA1";
  auto sid = store->begin_session(s);
  REQUIRE(sid);
  Event ok = event(sid.value(), "a", "b");
  REQUIRE(store->append_event(ok));
}

TEST_CASE("a version 1 database is migrated with its data intact", "[store]") {
  TempDir dir;
  fs::path db = dir.path / "v1.db";
  raw_sql(db, (std::string(kV1Tables) + R"SQL(
    INSERT INTO participants VALUES ('MEE-OLD1-AB2', 1, '2025-05-01T10:00:00.000Z', 'en', '2025-05-01T10:00:00.000Z');
    INSERT INTO sessions VALUES (7, 'MEE-OLD1-AB2', 'huiskamer', 'huiskamer_breakfast@1', 'en',
      '2025-05-01T10:01:00.000Z', '2025-05-01T10:09:00.000Z', 'end_calm');
    INSERT INTO events VALUES (70, 7, 1, '2025-05-01T10:02:00.000Z', 'huiskamer', 'door', 'help', 'supervisor', 3.5, 1);
    INSERT INTO evidence VALUES (70, 0, 'daring_to_ask', 1.0, 'reason.asked');
  )SQL").c_str());
  {
    auto store = open_ok(db);
    CHECK(store->schema_version() == EventStore::current_schema_version());
    auto p = store->participant("MEE-OLD1-AB2");
    REQUIRE(p);
    REQUIRE(p.value());
    CHECK(p.value()->language == "en");
    CHECK(p.value()->consent_at == "2025-05-01T10:00:00.000Z");
    CHECK(p.value()->background.care_experience.empty());  // added by the migration
    auto events = store->events_for_participant("MEE-OLD1-AB2");
    REQUIRE(events);
    REQUIRE(events->size() == 1);
    CHECK(events.value()[0].id == 70);
    CHECK(events.value()[0].decision_seconds == 3.5);
    CHECK(events.value()[0].evidence.at(0).dimension == "daring_to_ask");
    CHECK(store->sessions("MEE-OLD1-AB2").value().at(0).ending_id == "end_calm");
    // The new columns work after the migration.
    Participant n = person("MEE-NEW2-CD3");
    REQUIRE(store->add_participant(n));
    CHECK(store->participant("MEE-NEW2-CD3").value()->background.situation == "side_entrant");
  }
  auto again = open_ok(db);  // reopening a migrated file changes nothing
  CHECK(again->schema_version() == EventStore::current_schema_version());
  CHECK(again->participants()->size() == 2);
}

TEST_CASE("an event appended again (a retried write that had landed) is stored once", "[store]") {
  TempDir dir;
  auto store = open_ok(dir.path / "m.db");
  REQUIRE(store->add_participant(person("MEE-AAAA-AA1")));
  Session s;
  s.participant_code = "MEE-AAAA-AA1";
  s.scene_id = "huiskamer";
  auto sid = store->begin_session(s);
  REQUIRE(sid);
  Event first = event(sid.value(), "breakfast", "ask_choice");
  first.seq = 1;
  REQUIRE(store->append_event(first));
  Event retry = event(sid.value(), "breakfast", "ask_choice");
  retry.seq = 1;
  retry.at = first.at;  // the recorder keeps the time the event happened
  REQUIRE(store->append_event(retry));
  CHECK(retry.id == first.id);
  auto events = store->events(sid.value());
  REQUIRE(events);
  REQUIRE(events->size() == 1);
  CHECK(events.value()[0].evidence.size() == 2);  // not doubled either

  // A different event claiming a seq that is taken (a caller's numbering clash) is not lost:
  // it goes after the session's last seq, and the stored one is untouched.
  Event other = event(sid.value(), "spill", "wipe");
  other.seq = 1;
  REQUIRE(store->append_event(other));
  CHECK(other.seq == 2);
  CHECK(other.id != first.id);
  Event next = event(sid.value(), "tea", "ask");
  REQUIRE(store->append_event(next));
  CHECK(next.seq == 3);
  events = store->events(sid.value());
  REQUIRE(events->size() == 3);
  CHECK(events.value()[0].step_id == "breakfast");
  CHECK(events.value()[1].step_id == "spill");
  CHECK(events.value()[1].evidence.size() == 2);
}

TEST_CASE("migration to one event per (session, seq) drops exact copies and keeps the rest", "[store]") {
  TempDir dir;
  fs::path db = dir.path / "dup.db";
  raw_sql(db, (std::string(kV1Tables) + R"SQL(
    INSERT INTO participants VALUES ('MEE-OLD1-AB2', 1, '', 'en', '2025-05-01T10:00:00.000Z');
    INSERT INTO sessions VALUES (7, 'MEE-OLD1-AB2', 'huiskamer', '', 'en', '2025-05-01T10:01:00.000Z', '', '');
    INSERT INTO events VALUES (70, 7, 1, '2025-05-01T10:02:00.000Z', 'huiskamer', 'door', 'choice', 'knock', 2, 0);
    INSERT INTO events VALUES (71, 7, 1, '2025-05-01T10:02:00.000Z', 'huiskamer', 'door', 'choice', 'knock', 2, 0);
    INSERT INTO events VALUES (72, 7, 2, '2025-05-01T10:03:00.000Z', 'huiskamer', 'tea', 'choice', 'ask', 1, 0);
    INSERT INTO events VALUES (73, 7, 2, '2025-05-01T10:04:00.000Z', 'huiskamer', 'tea', 'help', 'nurse', 1, 1);
    INSERT INTO evidence VALUES (70, 0, 'respect', 1.0, ''), (71, 0, 'respect', 1.0, ''),
                                (72, 0, 'asking', 1.0, ''), (73, 0, 'asking', 0.5, '');
  )SQL").c_str());
  auto store = open_ok(db);
  CHECK(store->schema_version() == 3);
  auto events = store->events(7);
  REQUIRE(events);
  REQUIRE(events->size() == 3);  // 71 was a copy of 70; 73 is a different event and stays
  CHECK(events.value()[0].id == 70);
  CHECK(events.value()[1].id == 72);
  CHECK(events.value()[2].id == 73);
  CHECK(events.value()[2].seq > 2);
  CHECK(events.value()[2].evidence.at(0).weight == 0.5);
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  REQUIRE(sqlite3_prepare_v2(raw, "SELECT count(*) FROM evidence", -1, &q, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(q) == SQLITE_ROW);
  CHECK(sqlite3_column_int(q, 0) == 3);  // the copy's evidence went with it
  sqlite3_finalize(q);
  // The index now refuses a second row for a (session, seq), whoever writes it.
  CHECK(sqlite3_exec(raw, "INSERT INTO events (session_id, seq, at, scene_id, step_id, kind) "
                          "VALUES (7, 1, 'x', 'huiskamer', 'door', 'choice')",
                     nullptr, nullptr, nullptr) == SQLITE_CONSTRAINT);
  sqlite3_close(raw);
}

TEST_CASE("bad database files are clear BadInput errors naming the path", "[store]") {
  TempDir dir;
  fs::path junk = dir.path / "junk.db";
  std::ofstream(junk) << std::string(8192, 'x') << "this is not a database";
  auto r = EventStore::open(junk, quiet());
  REQUIRE_FALSE(r);
  CHECK(r.error().kind == ErrorKind::BadInput);
  CHECK(r.error().file == junk.string());
  CHECK(r.error().message.find("not a Meeloop evidence database") != std::string::npos);

  fs::path other = dir.path / "other.db";
  raw_sql(other, "CREATE TABLE recipes (name TEXT)");
  auto o = EventStore::open(other, quiet());
  REQUIRE_FALSE(o);
  CHECK(o.error().kind == ErrorKind::BadInput);
  CHECK(o.error().message.find("not a Meeloop evidence database") != std::string::npos);

  fs::path newer = dir.path / "newer.db";
  raw_sql(newer, "CREATE TABLE schema_version (version INTEGER); INSERT INTO schema_version VALUES (99)");
  auto n = EventStore::open(newer, quiet());
  REQUIRE_FALSE(n);
  CHECK(n.error().message.find("newer Meeloop") != std::string::npos);

  // A real database whose pages were damaged after the header.
  fs::path damaged = dir.path / "damaged.db";
  {
    auto store = open_ok(damaged);
    REQUIRE(store->add_participant(person("MEE-AAAA-AA1")));
  }
  {
    std::fstream f(damaged, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096);
    std::string garbage(4096, '\x5a');
    f.write(garbage.data(), std::streamsize(garbage.size()));
  }
  auto d = EventStore::open(damaged, quiet());
  REQUIRE_FALSE(d);
  CHECK(d.error().kind == ErrorKind::BadInput);
  CHECK(d.error().file == damaged.string());

  auto folder = EventStore::open(dir.path, quiet());
  REQUIRE_FALSE(folder);
  CHECK(folder.error().kind == ErrorKind::BadInput);
  auto nowhere = EventStore::open(dir.path / "no" / "such" / "folder" / "m.db", quiet());
  REQUIRE_FALSE(nowhere);
  CHECK(nowhere.error().kind == ErrorKind::BadInput);
}
