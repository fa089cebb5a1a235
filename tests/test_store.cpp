// The evidence log: records round-trip, consent is enforced, participant codes, migrations
// from a version 1 file (also one holding duplicated events), idempotent appends, bad files,
// private file modes, kiosks opening one file at the same moment, and (schema 5) sharing scopes
// and the outbox for the regional hub: its order, sent and failed rows, backoff.
#include <catch2/catch.hpp>

#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/paths.h"
#include "meeloop/environment.h"
#include "store/event_store.h"
#include "store/participant_code.h"
#include "store_test_util.h"
#include "temp_dir.h"

using namespace meeloop;
using namespace meeloop::store;
namespace fs = std::filesystem;

namespace {

using meeloop::test::open_ok;
using meeloop::test::quiet;
using meeloop::test::TempDir;

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
  CHECK(store->schema_version() == EventStore::current_schema_version());
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

namespace {

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

// Restores the process umask when the test ends, however it ends.
struct Umask {
  mode_t old;
  explicit Umask(mode_t m) : old(::umask(m)) {}
  ~Umask() { ::umask(old); }
};

// Sets (or, with nullptr, unsets) an environment variable for the test's lifetime.
struct EnvVar {
  std::string name;
  std::optional<std::string> old;
  EnvVar(std::string n, const char* value) : name(std::move(n)) {
    if (const char* v = std::getenv(name.c_str())) old = v;
    if (value) ::setenv(name.c_str(), value, 1);
    else ::unsetenv(name.c_str());
  }
  ~EnvVar() {
    if (old) ::setenv(name.c_str(), old->c_str(), 1);
    else ::unsetenv(name.c_str());
  }
};

// Forks `n` processes that wait at one gate and, once it opens, each run `body(i)` against the
// database: a kiosk starting up. Returns the exit status of each (0: it worked). The child
// reports what failed on stderr.
template <class F>
std::vector<int> run_at_once(int n, F body) {
  int gate[2];
  REQUIRE(::pipe(gate) == 0);
  std::vector<pid_t> kids;
  for (int i = 0; i < n; ++i) {
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(gate[1]);
      char c;
      while (::read(gate[0], &c, 1) > 0) {
      }  // end of file: every kiosk is ready and the gate opens
      ::_exit(body(i));
    }
    kids.push_back(pid);
  }
  ::close(gate[0]);
  ::close(gate[1]);
  std::vector<int> codes;
  for (pid_t pid : kids) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    codes.push_back(WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
  }
  return codes;
}

// One kiosk's work in a forked child: open the file, then write what a visitor's start writes.
int kiosk_visit(const fs::path& db, const std::string& code, bool add_person, bool play = true) {
  Log log(LogLevel::Off);
  auto store = EventStore::open(db, log);
  if (!store) {
    std::fprintf(stderr, "open: %s\n", store.error().to_string().c_str());
    return 1;
  }
  if (store.value()->schema_version() != EventStore::current_schema_version()) return 2;
  if (add_person) {
    if (auto st = store.value()->add_participant(person(code)); !st) {
      std::fprintf(stderr, "add: %s\n", st.error().to_string().c_str());
      return 3;
    }
  }
  if (!play) return 0;
  Session s;
  s.participant_code = code;
  s.scene_id = "huiskamer";
  auto sid = store.value()->begin_session(s);
  if (!sid) {
    std::fprintf(stderr, "session: %s\n", sid.error().to_string().c_str());
    return 4;
  }
  Event e = event(sid.value(), "door", "knock");
  if (auto st = store.value()->append_event(e); !st) {
    std::fprintf(stderr, "event: %s\n", st.error().to_string().c_str());
    return 5;
  }
  return 0;
}

int64_t count_rows(const fs::path& db, const char* query) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  REQUIRE(sqlite3_prepare_v2(raw, query, -1, &q, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(q) == SQLITE_ROW);
  int64_t n = sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  sqlite3_close(raw);
  return n;
}

}  // namespace

TEST_CASE("a new database, its write-ahead log and shared memory are created 0600 even with umask 022", "[store]") {
  TempDir dir;
  Umask umask(022);
  fs::path db = dir.path / "m.db";
  auto store = open_ok(db);
  REQUIRE(store->add_participant(person("MEE-PRIV-AT3")));
  for (const char* suffix : {"", "-wal", "-shm"}) {
    fs::path p = db.string() + suffix;
    INFO(p);
    REQUIRE(fs::exists(p));
    CHECK(mode_of(p) == 0600);
  }
}

TEST_CASE("the folder made for the default database is private to its owner (0700)", "[store]") {
  TempDir dir;
  Umask umask(022);
  EnvVar no_db("MEELOOP_DB", nullptr);
  EnvVar data("XDG_DATA_HOME", (dir.path / "data").c_str());
  const unsigned existing = mode_of(dir.path);
  fs::path db = ensure_database_folder(paths_from_environment(cli::process_environment()));
  CHECK(db == dir.path / "data" / "meeloop" / "meeloop.db");
  CHECK(mode_of(dir.path / "data" / "meeloop") == 0700);
  CHECK(mode_of(dir.path / "data") == 0700);
  CHECK(mode_of(dir.path) == existing);  // what existed keeps its mode
  open_ok(db);
  CHECK(mode_of(db) == 0600);
}

TEST_CASE("kiosks opening a brand-new database at the same moment all succeed and migrate it once", "[store]") {
  TempDir dir;
  constexpr int kKiosks = 8;
  for (int round = 0; round < 6; ++round) {
    fs::path db = dir.path / ("new" + std::to_string(round) + ".db");
    auto codes = run_at_once(kKiosks, [&](int i) {
      return kiosk_visit(db, "MEE-KSK" + std::to_string(i) + "-AA2", true);
    });
    INFO("round " << round);
    CHECK(std::count(codes.begin(), codes.end(), 0) == kKiosks);
    CHECK(count_rows(db, "SELECT count(*) FROM schema_version") == 1);
    CHECK(count_rows(db, "SELECT max(version) FROM schema_version") == EventStore::current_schema_version());
    CHECK(count_rows(db, "SELECT count(*) FROM participants") == kKiosks);
    CHECK(count_rows(db, "SELECT count(*) FROM events") == kKiosks);
  }
}

TEST_CASE("160 opens of an existing database by kiosks starting at the same moment all succeed", "[store]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  REQUIRE(open_ok(db)->add_participant(person("MEE-BUSY-AB2")));
  // Four kiosks switched on together, forty times: each time every one opens the file at once
  // (the first to open rebuilds the shared WAL index while the others wait), half of them to
  // play a step.
  constexpr int kKiosks = 4, kRounds = 40;
  int failed = 0;
  for (int round = 0; round < kRounds; ++round) {
    auto codes = run_at_once(kKiosks, [&](int k) { return kiosk_visit(db, "MEE-BUSY-AB2", false, k % 2 == 0); });
    failed += kKiosks - int(std::count(codes.begin(), codes.end(), 0));
  }
  CHECK(failed == 0);
  CHECK(count_rows(db, "SELECT count(*) FROM sessions") == kRounds * kKiosks / 2);
  CHECK(count_rows(db, "SELECT count(*) FROM events") == kRounds * kKiosks / 2);
}

TEST_CASE("opening waits while another program holds the file for a moment instead of failing", "[store]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  REQUIRE(open_ok(db)->add_participant(person("MEE-WAIT-AB2")));
  // What the last kiosk to close does for a moment (checkpoint the log into the file, under an
  // exclusive lock), held here for longer: readers of the file wait for it.
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) ==
          SQLITE_OK);
  std::thread release([other] {
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close_v2(other);
  });
  auto store = EventStore::open(db, quiet());
  release.join();
  if (!store) FAIL(store.error().to_string());
  CHECK(store.value()->participant("MEE-WAIT-AB2").value());
}

namespace {

// One person who shares `scope`, with a started session; returns the session id.
int64_t sharing_session(EventStore& store, const std::string& code, ShareScope scope, bool add = true) {
  if (add) {
    Participant p = person(code);
    p.share = scope;
    REQUIRE(store.add_participant(p));
  }
  Session s;
  s.participant_code = code;
  s.scene_id = "huiskamer";
  auto sid = store.begin_session(s);
  REQUIRE(sid);
  return sid.value();
}

// Each pending row as "<session>:<seq or end>", in the order the outbox gives them.
std::vector<std::string> sending_order(const std::vector<OutboxItem>& items) {
  std::vector<std::string> out;
  for (const OutboxItem& i : items)
    out.push_back(std::to_string(i.session.id) + ":" +
                  (i.kind == OutboxKind::SessionEnded ? std::string("end") : std::to_string(i.event.seq)));
  return out;
}

std::vector<int64_t> ids_of(const std::vector<OutboxItem>& items) {
  std::vector<int64_t> ids;
  for (const OutboxItem& i : items) ids.push_back(i.id);
  return ids;
}

// Versions 2 to 4 as those releases wrote them, written out here independently of the store.
constexpr const char* kV2ToV4 = R"SQL(
    ALTER TABLE participants ADD COLUMN care_experience TEXT NOT NULL DEFAULT '';
    ALTER TABLE participants ADD COLUMN situation TEXT NOT NULL DEFAULT '';
    ALTER TABLE participants ADD COLUMN levels_of_interest TEXT NOT NULL DEFAULT '';
    ALTER TABLE participants ADD COLUMN route TEXT NOT NULL DEFAULT '';
    DROP INDEX events_by_session;
    CREATE UNIQUE INDEX events_by_session_seq ON events(session_id, seq);
    CREATE TABLE pending_erasures (code TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID;
    UPDATE schema_version SET version = 4;
)SQL";

}  // namespace

TEST_CASE("a version 4 database is migrated with its data intact and everyone in it sharing nothing", "[store]") {
  TempDir dir;
  fs::path db = dir.path / "v4.db";
  raw_sql(db, (std::string(kV1Tables) + kV2ToV4 + R"SQL(
    INSERT INTO participants VALUES ('MEE-OLD4-AB2', 1, '2026-05-01T10:00:00.000Z', 'en', '2026-05-01T10:00:00.000Z',
      'some', 'returner', 'mbo3,hbo', 'bbl');
    INSERT INTO sessions VALUES (9, 'MEE-OLD4-AB2', 'huiskamer', 'huiskamer_breakfast@1', 'en',
      '2026-05-01T10:01:00.000Z', '2026-05-01T10:09:00.000Z', 'end_calm');
    INSERT INTO events VALUES (90, 9, 1, '2026-05-01T10:02:00.000Z', 'huiskamer', 'door', 'choice', 'knock', 2.5, 0);
    INSERT INTO evidence VALUES (90, 0, 'respect', 1.0, 'reason.knock');
    INSERT INTO pending_erasures VALUES ('MEE-HALF-DN3');
  )SQL").c_str());
  auto store = open_ok(db);
  CHECK(store->schema_version() == 5);
  CHECK(EventStore::current_schema_version() == 5);
  auto p = store->participant("MEE-OLD4-AB2");
  REQUIRE(p);
  REQUIRE(p.value());
  CHECK(p.value()->share == ShareScope::None);
  CHECK(p.value()->background.situation == "returner");
  CHECK(p.value()->background.levels_of_interest == std::vector<std::string>{"mbo3", "hbo"});
  auto events = store->events_for_participant("MEE-OLD4-AB2");
  REQUIRE(events);
  REQUIRE(events->size() == 1);
  CHECK(events.value()[0].id == 90);
  CHECK(events.value()[0].evidence.at(0).reason == "reason.knock");
  CHECK(store->sessions("MEE-OLD4-AB2").value().at(0).ending_id == "end_calm");
  CHECK(count_rows(db, "SELECT count(*) FROM pending_erasures WHERE code = 'MEE-HALF-DN3'") == 1);
  // The old person goes on sharing nothing: what they play now queues nothing either.
  Event more = event(9, "tea", "ask");
  REQUIRE(store->append_event(more));
  REQUIRE(store->end_session(9, "end_calm"));
  CHECK(count_rows(db, "SELECT count(*) FROM outbox") == 0);
  CHECK(count_rows(db, "SELECT count(*) FROM hub_erasures") == 0);
  CHECK(count_rows(db, "SELECT max(version) FROM schema_version") == 5);
}

TEST_CASE("a participant's sharing scope is stored with them and only the three scopes exist", "[store]") {
  CHECK(parse_share_scope("none") == ShareScope::None);
  CHECK(parse_share_scope("organisation") == ShareScope::Organisation);
  CHECK(parse_share_scope("region") == ShareScope::Region);
  CHECK_FALSE(parse_share_scope("Region"));
  CHECK_FALSE(parse_share_scope("world"));
  CHECK(share_scope_name(ShareScope::Organisation) == "organisation");

  TempDir dir;
  fs::path db = dir.path / "m.db";
  auto store = open_ok(db);
  CHECK(Participant{}.share == ShareScope::None);  // nobody shares unless they chose to
  for (auto [code, scope] : {std::pair{"MEE-NONE-AA2", ShareScope::None},
                             std::pair{"MEE-ORGA-BB3", ShareScope::Organisation},
                             std::pair{"MEE-REGI-CC4", ShareScope::Region}}) {
    Participant p = person(code);
    p.share = scope;
    REQUIRE(store->add_participant(p));
    CHECK(store->participant(code).value()->share == scope);
  }
  CHECK(count_rows(db, "SELECT count(*) FROM participants WHERE share = 'organisation'") == 1);
  // The database itself refuses any other scope, whoever writes it.
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
  CHECK(sqlite3_exec(raw, "UPDATE participants SET share = 'world'", nullptr, nullptr, nullptr) ==
        SQLITE_CONSTRAINT);
  sqlite3_close(raw);
}

TEST_CASE("a person who shares nothing never gets an outbox row", "[store]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  auto store = open_ok(db);
  const int64_t mine = sharing_session(*store, "MEE-KEEP-AA2", ShareScope::None);
  const int64_t shared = sharing_session(*store, "MEE-SHAR-BB3", ShareScope::Organisation);
  for (int i = 0; i < 3; ++i) {
    Event a = event(mine, "step" + std::to_string(i), "x");
    Event b = event(shared, "step" + std::to_string(i), "x");
    REQUIRE(store->append_event(a));
    REQUIRE(store->append_event(b));
  }
  REQUIRE(store->end_session(mine, "end_calm"));
  REQUIRE(store->end_session(shared, "end_calm"));
  CHECK(count_rows(db, ("SELECT count(*) FROM outbox WHERE session_id = " + std::to_string(mine)).c_str()) == 0);
  CHECK(count_rows(db, ("SELECT count(*) FROM outbox WHERE session_id = " + std::to_string(shared)).c_str()) == 4);
  auto pending = store->pending_outbox(100);
  REQUIRE(pending);
  REQUIRE(pending->size() == 4);
  for (const OutboxItem& i : pending.value()) {
    CHECK(i.session.participant_code == "MEE-SHAR-BB3");
    CHECK(i.share == ShareScope::Organisation);
  }
  auto counts = store->outbox_counts();
  REQUIRE(counts);
  CHECK(counts->pending == 4);
  CHECK(counts->failed == 0);
  CHECK(counts->sent == 0);
}

TEST_CASE("the outbox gives the oldest session first, each session's events in seq order and its end last", "[store]") {
  TempDir dir;
  auto store = open_ok(dir.path / "m.db");
  const int64_t a = sharing_session(*store, "MEE-AAAA-AA1", ShareScope::Region);
  const int64_t b = sharing_session(*store, "MEE-BBBB-BB2", ShareScope::Organisation);
  // Written in another order than played: b's first event before a's, a's seq 2 before its seq 1
  // (a recorder that wrote late keeps the numbers the events had), b's end before a's.
  auto append = [&](int64_t session, int seq, const std::string& step) {
    Event e = event(session, step, "item_" + step);
    e.seq = seq;
    REQUIRE(store->append_event(e));
  };
  append(b, 1, "b1");
  append(a, 2, "a2");
  append(a, 1, "a1");
  append(b, 2, "b2");
  REQUIRE(store->end_session(b, "end_b"));
  append(a, 3, "a3");
  REQUIRE(store->end_session(a, "end_a"));
  const std::string sa = std::to_string(a), sb = std::to_string(b);

  auto all = store->pending_outbox(100);
  REQUIRE(all);
  CHECK(sending_order(all.value()) ==
        std::vector<std::string>{sa + ":1", sa + ":2", sa + ":3", sa + ":end", sb + ":1", sb + ":2", sb + ":end"});
  // What a statement is built from comes with each row.
  const OutboxItem& first = all.value()[0];
  CHECK(first.kind == OutboxKind::Event);
  CHECK(first.share == ShareScope::Region);
  CHECK(first.session.participant_code == "MEE-AAAA-AA1");
  CHECK(first.event.step_id == "a1");
  CHECK(first.event.item_id == "item_a1");
  CHECK(first.event.decision_seconds == 4.25);
  REQUIRE(first.event.evidence.size() == 2);
  CHECK(first.event.evidence[1].dimension == "communication");
  CHECK(first.attempts == 0);
  const OutboxItem& end = all.value()[3];
  CHECK(end.kind == OutboxKind::SessionEnded);
  CHECK(end.session.ending_id == "end_a");
  CHECK_FALSE(end.session.ended_at.empty());
  CHECK(end.event.id == 0);
  CHECK(all.value()[4].share == ShareScope::Organisation);

  auto two = store->pending_outbox(2);  // the limit counts rows, not evidence
  REQUIRE(two);
  CHECK(sending_order(two.value()) == std::vector<std::string>{sa + ":1", sa + ":2"});
  CHECK(store->pending_outbox(0)->empty());
}

TEST_CASE("sent rows leave the queue, failed ones wait for their backoff and hold their session back", "[store]") {
  using namespace std::chrono;
  TempDir dir;
  auto store = open_ok(dir.path / "m.db");
  const int64_t a = sharing_session(*store, "MEE-AAAA-AA1", ShareScope::Region);
  const int64_t b = sharing_session(*store, "MEE-BBBB-BB2", ShareScope::Region);
  for (int64_t s : {a, b})
    for (const char* step : {"one", "two", "three"}) {
      Event e = event(s, step, "x");
      REQUIRE(store->append_event(e));
    }
  const std::string sa = std::to_string(a), sb = std::to_string(b);
  const auto now = system_clock::now();
  auto batch = store->pending_outbox(2, now);
  REQUIRE(batch);
  REQUIRE(store->mark_sent(ids_of(batch.value())));
  REQUIRE(store->mark_sent(ids_of(batch.value())));  // a second acknowledgement changes nothing
  auto counts = store->outbox_counts();
  CHECK(counts->sent == 2);
  CHECK(counts->pending == 4);

  // a's third event fails: a waits whole, b goes ahead.
  batch = store->pending_outbox(1, now);
  REQUIRE(batch);
  REQUIRE(sending_order(batch.value()) == std::vector<std::string>{sa + ":3"});
  REQUIRE(store->mark_failed(ids_of(batch.value()), outbox_next_attempt(batch.value()[0].attempts + 1, now)));
  counts = store->outbox_counts();
  CHECK(counts->failed == 1);
  CHECK(counts->pending == 3);
  CHECK(sending_order(store->pending_outbox(10, now).value()) ==
        std::vector<std::string>{sb + ":1", sb + ":2", sb + ":3"});
  // Once the backoff has passed it comes again, first (its session is the older), its attempt counted.
  auto later = store->pending_outbox(10, now + seconds(31));
  REQUIRE(later);
  REQUIRE(later->size() == 4);
  CHECK(sending_order(later.value())[0] == sa + ":3");
  CHECK(later.value()[0].attempts == 1);
  // A second failure doubles the wait.
  REQUIRE(store->mark_failed({later.value()[0].id}, outbox_next_attempt(2, now)));
  CHECK(sending_order(store->pending_outbox(10, now + seconds(31)).value())[0] == sb + ":1");
  CHECK(sending_order(store->pending_outbox(10, now + seconds(61)).value())[0] == sa + ":3");
  // A kiosk clock set back by hours does not stall the session until it catches up.
  CHECK(sending_order(store->pending_outbox(10, now - hours(3)).value())[0] == sa + ":3");

  REQUIRE(store->mark_sent(ids_of(store->pending_outbox(10, now + seconds(61)).value())));
  counts = store->outbox_counts();
  CHECK(counts->sent == 6);
  CHECK(counts->pending == 0);
  CHECK(counts->failed == 0);
  CHECK(store->pending_outbox(10, now + hours(2))->empty());
  REQUIRE(store->mark_failed({}, outbox_next_attempt(1, now)));  // nothing to mark: nothing happens
}

TEST_CASE("outbox backoff starts at 30 seconds, doubles, and stays at one hour", "[store]") {
  using namespace std::chrono;
  CHECK(outbox_backoff(1) == seconds(30));
  CHECK(outbox_backoff(2) == seconds(60));
  CHECK(outbox_backoff(3) == seconds(120));
  CHECK(outbox_backoff(7) == seconds(1920));
  CHECK(outbox_backoff(8) == seconds(3600));
  CHECK(outbox_backoff(1000) == seconds(3600));
  CHECK(outbox_backoff(0) == seconds(30));
  const auto t = system_clock::from_time_t(0) + hours(24 * 20000) + milliseconds(250);  // 2024-10-04
  CHECK(utc_text(t) == "2024-10-04T00:00:00.250Z");
  CHECK(outbox_next_attempt(1, t) == "2024-10-04T00:00:30.250Z");
  CHECK(outbox_next_attempt(9, t) == "2024-10-04T01:00:00.250Z");
}

TEST_CASE("a retried event or a second end of the session adds no second outbox row", "[store]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  auto store = open_ok(db);
  const int64_t sid = sharing_session(*store, "MEE-AAAA-AA1", ShareScope::Region);
  Event first = event(sid, "breakfast", "ask_choice");
  first.seq = 1;
  REQUIRE(store->append_event(first));
  Event retry = first;
  retry.id = 0;
  REQUIRE(store->append_event(retry));
  CHECK(retry.id == first.id);
  Event clash = event(sid, "spill", "wipe");  // a different event on a taken seq is kept, and queued
  clash.seq = 1;
  REQUIRE(store->append_event(clash));
  REQUIRE(store->end_session(sid, "end_calm"));
  REQUIRE(store->end_session(sid, "end_calm"));
  CHECK(count_rows(db, "SELECT count(*) FROM events") == 2);
  CHECK(count_rows(db, "SELECT count(*) FROM outbox WHERE kind = 'event'") == 2);
  CHECK(count_rows(db, "SELECT count(*) FROM outbox WHERE kind = 'session_ended'") == 1);
}
