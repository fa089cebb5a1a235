// play::Recorder: the evidence of every front end. A full disk, a file system that turns
// read-only and a database locked by someone else are provoked for real (through SQLite's VFS
// layer, where the operating system's errors arrive); play goes on, nothing is lost or corrupted.
// An event and its outbox row are committed together or not at all; the sharing scope is kept.
#include <catch2/catch.hpp>

#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "play/recorder.h"
#include "store/event_store.h"
#include "store/participant_code.h"
#include "temp_dir.h"
#include "test_play_fault_vfs.h"

using namespace meeloop;
namespace fs = std::filesystem;
using test::FaultVfs;

namespace {

using meeloop::test::TempDir;

store::Event event(int seq, const std::string& item) {
  store::Event e;
  e.seq = seq;
  e.scene_id = "tiny";
  e.step_id = "door";
  e.kind = "choice";
  e.item_id = item;
  e.decision_seconds = 1.5 * seq;
  e.evidence = {{"respect_autonomy", 1.0, "r_" + item}, {"daring_to_ask", -0.5, ""}};
  return e;
}

play::RecordingOptions consenting(const fs::path& db) {
  play::RecordingOptions o;
  o.consent = true;
  o.db_path = db;
  o.register_unknown = true;
  o.language = "en";
  o.busy_timeout_ms = 50;
  return o;
}

// Reads through a separate, read-only connection on the plain unix VFS (not the faulty one).
struct Reader {
  sqlite3* db = nullptr;
  explicit Reader(const fs::path& path) {
    REQUIRE(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, "unix") == SQLITE_OK);
  }
  ~Reader() { sqlite3_close_v2(db); }
  std::vector<std::string> column(const std::string& sql) {
    std::vector<std::string> out;
    sqlite3_stmt* s = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
    while (sqlite3_step(s) == SQLITE_ROW) {
      const unsigned char* t = sqlite3_column_text(s, 0);
      out.emplace_back(t ? reinterpret_cast<const char*>(t) : "");
    }
    sqlite3_finalize(s);
    return out;
  }
};

std::string integrity(const fs::path& db) { return Reader(db).column("PRAGMA integrity_check").at(0); }

std::vector<std::string> stored_items(const fs::path& db, const std::string& code) {
  return Reader(db).column(
      "SELECT e.seq || ':' || e.item_id || ':' || e.decision_seconds || ':' || "
      "(SELECT count(*) FROM evidence v WHERE v.event_id = e.id) FROM events e JOIN sessions s ON "
      "s.id = e.session_id WHERE s.participant_code = '" + code + "' ORDER BY e.id");
}

// Someone else's evidence, written before the trouble starts: it must come through untouched.
std::vector<std::string> seed_other_person(const fs::path& db) {
  Log log(LogLevel::Off);
  auto rec = play::Recorder::open(consenting(db), log);
  REQUIRE(rec);
  REQUIRE(rec.value()->begin_session("tiny", "tiny@1"));
  auto sink = rec.value()->sink();
  for (int i = 1; i <= 3; ++i) {
    store::Event e = event(i, "before" + std::to_string(i));
    REQUIRE(sink(e));
  }
  REQUIRE(rec.value()->end_session("end_calm"));
  REQUIRE(rec.value()->pending() == 0);
  return stored_items(db, rec.value()->participant_code());
}

// Plays 2 events, then `fault` strikes for 3 events and the session's end, then it clears.
void play_through_fault(FaultVfs::Mode fault, const std::string& why) {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  FaultVfs vfs;
  Log log(LogLevel::Off);
  std::vector<std::string> warnings;
  log.add_sink([&](LogLevel l, std::string_view m) {
    if (l == LogLevel::Warn) warnings.emplace_back(m);
  });
  const std::vector<std::string> other_before = seed_other_person(db);
  const std::string other_code = Reader(db).column("SELECT participant_code FROM sessions").at(0);

  auto opened = play::Recorder::open(consenting(db), log);
  REQUIRE(opened);
  play::Recorder& rec = *opened.value();
  REQUIRE(rec.begin_session("tiny", "tiny@1"));
  const int64_t session = rec.session_id();
  CHECK(session > 0);
  auto sink = rec.sink();
  for (int i = 1; i <= 2; ++i) {
    store::Event e = event(i, "a" + std::to_string(i));
    REQUIRE(sink(e));
  }
  REQUIRE(rec.pending() == 0);
  CHECK(rec.warning().empty());

  vfs.set(fault);
  for (int i = 3; i <= 5; ++i) {
    store::Event e = event(i, "a" + std::to_string(i));
    CHECK(sink(e));  // play goes on
    CHECK(rec.pending() == size_t(i - 2));
  }
  CHECK(rec.end_session("end_calm"));
  CHECK(rec.pending() == 4);
  CHECK(vfs.failed_writes() > 0);
  CHECK(rec.warning().find(why) != std::string::npos);
  CHECK(rec.warning().find(db.string()) != std::string::npos);
  REQUIRE(warnings.size() == 1);  // said once, not per event
  rec.flush();                    // still failing: nothing moves, nothing is lost
  CHECK(rec.pending() == 4);
  CHECK(stored_items(db, rec.participant_code()).size() == 2);
  CHECK(integrity(db) == "ok");

  vfs.set(FaultVfs::Mode::None);
  rec.flush();
  CHECK(rec.pending() == 0);
  CHECK(rec.warning().empty());
  CHECK(stored_items(db, rec.participant_code()) ==
        std::vector<std::string>{"1:a1:1.5:2", "2:a2:3.0:2", "3:a3:4.5:2", "4:a4:6.0:2", "5:a5:7.5:2"});
  Reader r(db);
  CHECK(r.column("SELECT ending_id FROM sessions WHERE id = " + std::to_string(session)) ==
        std::vector<std::string>{"end_calm"});
  // The late writes keep the time the events happened: ended_at is not before the last event.
  CHECK(r.column("SELECT count(*) FROM sessions WHERE id = " + std::to_string(session) +
                 " AND ended_at >= (SELECT max(at) FROM events WHERE session_id = " + std::to_string(session) +
                 ")") == std::vector<std::string>{"1"});
  CHECK(integrity(db) == "ok");
  CHECK(stored_items(db, other_code) == other_before);
}

}  // namespace

TEST_CASE("without consent nothing is stored, not even a database file", "[play]") {
  TempDir dir;
  play::RecordingOptions o;
  o.db_path = dir.path / "m.db";
  o.participant = "MEE-7KQ2-XDA";
  Log log(LogLevel::Off);
  auto rec = play::Recorder::open(o, log);
  REQUIRE(rec);
  CHECK_FALSE(rec.value()->consent());
  CHECK(rec.value()->participant_code().empty());
  CHECK(rec.value()->language() == "nl");
  REQUIRE(rec.value()->begin_session("tiny", "tiny@1"));
  store::Event e = event(1, "x");
  CHECK(rec.value()->sink()(e));
  CHECK(rec.value()->end_session("end"));
  CHECK(rec.value()->pending() == 0);
  CHECK_FALSE(fs::exists(o.db_path));
}

TEST_CASE("a consenting recorder given no database is refused before anything is stored", "[play]") {
  play::RecordingOptions o = consenting({});
  Log log(LogLevel::Off);
  auto rec = play::Recorder::open(o, log);
  REQUIRE_FALSE(rec);
  CHECK(rec.error().message.find("no evidence database") != std::string::npos);
}

TEST_CASE("with consent every event is on disk when the sink returns", "[play]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  Log log(LogLevel::Off);
  auto rec = play::Recorder::open(consenting(db), log);
  REQUIRE(rec);
  const std::string code = rec.value()->participant_code();
  CHECK(store::normalize_participant_code(code) == code);
  REQUIRE(rec.value()->begin_session("tiny", "tiny@1"));
  auto sink = rec.value()->sink();
  store::Event e = event(1, "knock");
  REQUIRE(sink(e));
  // A second connection sees it at once: it was committed before the next step.
  CHECK(stored_items(db, code) == std::vector<std::string>{"1:knock:1.5:2"});
}

TEST_CASE("participants: codes in any spelling, unknown codes only with consent", "[play]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  Log log(LogLevel::Off);
  play::RecordingOptions o = consenting(db);
  o.participant = " mee-7kq2-xda ";
  o.language = "";
  o.register_unknown = false;
  auto unknown = play::Recorder::open(o, log);
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().kind == ErrorKind::BadInput);
  CHECK(unknown.error().to_string().find("unknown participant code MEE-7KQ2-XDA") != std::string::npos);
  o.register_unknown = true;
  o.language = "en";
  REQUIRE(play::Recorder::open(o, log));
  o.register_unknown = false;
  o.language = "";  // a returning person plays in the language they chose before
  auto again = play::Recorder::open(o, log);
  REQUIRE(again);
  CHECK(again.value()->participant_code() == "MEE-7KQ2-XDA");
  CHECK(again.value()->language() == "en");
  o.participant = "MEE-7KQ2-XD8";  // wrong check character
  auto typo = play::Recorder::open(o, log);
  REQUIRE_FALSE(typo);
  CHECK(typo.error().message.find("is not a participant code") != std::string::npos);
}

TEST_CASE("a full disk: events wait in memory, in order, and land when space returns", "[play]") {
  play_through_fault(FaultVfs::Mode::DiskFull, "full");
}

TEST_CASE("a file system turned read-only: events wait and land when it is writable again", "[play]") {
  play_through_fault(FaultVfs::Mode::ReadOnly, "I/O error");
}

TEST_CASE("an fsync failing after the write: events wait, and each is stored exactly once", "[play]") {
  // The commit frames are in the WAL when SQLite hears of the failure; the retry must not add
  // a second copy (play_through_fault checks the stored list seq by seq, so a copy would show).
  play_through_fault(FaultVfs::Mode::SyncFails, "I/O error");
}

TEST_CASE("a database locked by another program: events wait until the lock is gone", "[play]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  Log log(LogLevel::Off);
  auto opened = play::Recorder::open(consenting(db), log);
  REQUIRE(opened);
  play::Recorder& rec = *opened.value();
  REQUIRE(rec.begin_session("tiny", "tiny@1"));
  auto sink = rec.sink();
  store::Event first = event(1, "a1");
  REQUIRE(sink(first));

  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
  for (int i = 2; i <= 3; ++i) {
    store::Event e = event(i, "a" + std::to_string(i));
    CHECK(sink(e));
  }
  CHECK(rec.pending() == 2);
  CHECK(rec.warning().find("locked") != std::string::npos);
  REQUIRE(sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close_v2(other);

  store::Event next = event(4, "a4");  // the next write also writes the queue first
  CHECK(sink(next));
  CHECK(rec.pending() == 0);
  CHECK(stored_items(db, rec.participant_code()) ==
        std::vector<std::string>{"1:a1:1.5:2", "2:a2:3.0:2", "3:a3:4.5:2", "4:a4:6.0:2"});
  CHECK(integrity(db) == "ok");
}

TEST_CASE("a session started while the disk is full waits with its events", "[play]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  FaultVfs vfs;
  Log log(LogLevel::Off);
  auto opened = play::Recorder::open(consenting(db), log);
  REQUIRE(opened);
  play::Recorder& rec = *opened.value();
  vfs.set(FaultVfs::Mode::DiskFull);
  REQUIRE(rec.begin_session("tiny", "tiny@1"));
  CHECK(rec.session_id() == 0);
  auto sink = rec.sink();
  for (int i = 1; i <= 2; ++i) {
    store::Event e = event(i, "a" + std::to_string(i));
    CHECK(sink(e));
  }
  CHECK(rec.end_session("end_help"));
  CHECK(rec.pending() == 4);
  vfs.set(FaultVfs::Mode::None);
  rec.flush();
  CHECK(rec.pending() == 0);
  CHECK(rec.session_id() > 0);
  CHECK(stored_items(db, rec.participant_code()) == std::vector<std::string>{"1:a1:1.5:2", "2:a2:3.0:2"});
  CHECK(Reader(db).column("SELECT ending_id FROM sessions") == std::vector<std::string>{"end_help"});
  CHECK(integrity(db) == "ok");
}

TEST_CASE("writes still waiting when the recorder closes are reported, not silently dropped", "[play]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  FaultVfs vfs;
  Log log(LogLevel::Off);
  std::vector<std::string> errors;
  log.add_sink([&](LogLevel l, std::string_view m) {
    if (l == LogLevel::Error) errors.emplace_back(m);
  });
  {
    auto rec = play::Recorder::open(consenting(db), log);
    REQUIRE(rec);
    REQUIRE(rec.value()->begin_session("tiny", "tiny@1"));
    vfs.set(FaultVfs::Mode::DiskFull);
    store::Event e = event(1, "a1");
    CHECK(rec.value()->sink()(e));
  }
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].find("1 write(s) could not be saved") != std::string::npos);
  vfs.set(FaultVfs::Mode::None);
  CHECK(integrity(db) == "ok");
}

TEST_CASE("a new person who consents is registered with their background", "[play]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  Log log(LogLevel::Off);
  play::RecordingOptions o = consenting(db);
  o.register_unknown = false;  // only about typed codes; a new person consents right now
  o.background.care_experience = "informal_carer";
  o.background.levels_of_interest = {"mbo3", "mbo4"};
  auto rec = play::Recorder::open(o, log);
  REQUIRE(rec);
  auto store = store::EventStore::open(db, log);
  REQUIRE(store);
  auto p = store.value()->participant(rec.value()->participant_code());
  REQUIRE(p);
  REQUIRE(p.value());
  CHECK(p.value()->consent);
  CHECK(p.value()->language == "en");
  CHECK(p.value()->background.care_experience == "informal_carer");
  CHECK(p.value()->background.levels_of_interest == std::vector<std::string>{"mbo3", "mbo4"});
}

namespace {

int64_t count(const fs::path& db, const std::string& sql) { return std::stoll(Reader(db).column(sql).at(0)); }

// A change made by another program, on the plain unix VFS.
void exec_sql(const fs::path& db, const char* sql) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READWRITE, "unix") == SQLITE_OK);
  const int rc = sqlite3_exec(raw, sql, nullptr, nullptr, nullptr);
  sqlite3_close_v2(raw);
  REQUIRE(rc == SQLITE_OK);
}

}  // namespace

TEST_CASE("an event and its outbox row are committed together or not at all", "[play]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  FaultVfs vfs;
  Log log(LogLevel::Off);
  auto opened = store::EventStore::open(db, log);
  REQUIRE(opened);
  store::EventStore& st = *opened.value();
  store::Participant p;
  p.code = "MEE-7KQ2-XDA";
  p.consent = true;
  p.share = store::ShareScope::Region;
  REQUIRE(st.add_participant(p));
  store::Session s;
  s.participant_code = p.code;
  s.scene_id = "tiny";
  auto sid = st.begin_session(s);
  REQUIRE(sid);

  // The commit fails (no room for the write-ahead log's frames): neither row is there.
  vfs.set(FaultVfs::Mode::DiskFull);
  store::Event e = event(1, "a1");
  e.session_id = sid.value();
  REQUIRE_FALSE(st.append_event(e));
  CHECK(vfs.failed_writes() > 0);
  CHECK(count(db, "SELECT count(*) FROM events") == 0);
  CHECK(count(db, "SELECT count(*) FROM outbox") == 0);
  REQUIRE_FALSE(st.end_session(sid.value(), "end_calm"));
  CHECK(count(db, "SELECT count(*) FROM sessions WHERE ended_at <> ''") == 0);
  CHECK(count(db, "SELECT count(*) FROM outbox") == 0);

  // The outbox row itself cannot be written (a trigger refuses it): the event written just before
  // it in the transaction goes too.
  vfs.set(FaultVfs::Mode::None);
  exec_sql(db, "CREATE TRIGGER refuse_outbox BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'refused'); END");
  REQUIRE_FALSE(st.append_event(e));
  CHECK(count(db, "SELECT count(*) FROM events") == 0);
  REQUIRE_FALSE(st.end_session(sid.value(), "end_calm"));
  CHECK(count(db, "SELECT count(*) FROM sessions WHERE ended_at <> ''") == 0);
  exec_sql(db, "DROP TRIGGER refuse_outbox");

  // The commit is told its fsync failed after the frames were written: events and outbox rows
  // stay equal in number, and the retry adds neither a second event nor a second outbox row.
  vfs.set(FaultVfs::Mode::SyncFails);
  REQUIRE_FALSE(st.append_event(e));
  CHECK(count(db, "SELECT count(*) FROM events") == count(db, "SELECT count(*) FROM outbox"));
  vfs.set(FaultVfs::Mode::None);
  REQUIRE(st.append_event(e));
  REQUIRE(st.end_session(sid.value(), "end_calm"));
  CHECK(count(db, "SELECT count(*) FROM events") == 1);
  CHECK(count(db, "SELECT count(*) FROM outbox WHERE event_id = " + std::to_string(e.id)) == 1);
  CHECK(count(db, "SELECT count(*) FROM outbox WHERE kind = 'session_ended'") == 1);
  CHECK(integrity(db) == "ok");
}

TEST_CASE("the recorder stores the sharing scope chosen with the consent and queues what a sharer plays", "[play]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  FaultVfs vfs;
  Log log(LogLevel::Off);
  play::RecordingOptions o = consenting(db);
  o.share = store::ShareScope::Organisation;
  auto rec = play::Recorder::open(o, log);
  REQUIRE(rec);
  CHECK(rec.value()->share() == store::ShareScope::Organisation);
  const std::string code = rec.value()->participant_code();
  CHECK(Reader(db).column("SELECT share FROM participants WHERE code = '" + code + "'") ==
        std::vector<std::string>{"organisation"});
  REQUIRE(rec.value()->begin_session("tiny", "tiny@1"));
  auto sink = rec.value()->sink();
  store::Event e1 = event(1, "a1");
  REQUIRE(sink(e1));
  // Written late, after a full disk, the events still get their outbox rows, in order.
  vfs.set(FaultVfs::Mode::DiskFull);
  store::Event e2 = event(2, "a2");
  REQUIRE(sink(e2));
  REQUIRE(rec.value()->end_session("end_calm"));
  CHECK(rec.value()->pending() == 2);
  vfs.set(FaultVfs::Mode::None);
  rec.value()->flush();
  REQUIRE(rec.value()->pending() == 0);
  auto st = store::EventStore::open(db, log);
  REQUIRE(st);
  auto queued = st.value()->pending_outbox(10);
  REQUIRE(queued);
  REQUIRE(queued->size() == 3);
  CHECK(queued.value()[0].event.item_id == "a1");
  CHECK(queued.value()[1].event.item_id == "a2");
  CHECK(queued.value()[2].kind == store::OutboxKind::SessionEnded);
  CHECK(queued.value()[2].session.ending_id == "end_calm");

  // Someone who keeps their profile on this laptop: stored, never queued.
  o.share = store::ShareScope::None;
  auto keeper = play::Recorder::open(o, log);
  REQUIRE(keeper);
  REQUIRE(keeper.value()->begin_session("tiny", "tiny@1"));
  store::Event k = event(1, "k1");
  REQUIRE(keeper.value()->sink()(k));
  REQUIRE(keeper.value()->end_session("end_calm"));
  CHECK(stored_items(db, keeper.value()->participant_code()).size() == 1);
  CHECK(count(db, "SELECT count(*) FROM outbox") == 3);
}

TEST_CASE("a returning participant keeps the scope they chose, and another choice is refused", "[play]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  Log log(LogLevel::Off);
  play::RecordingOptions o = consenting(db);
  o.participant = "MEE-7KQ2-XDA";
  o.share = store::ShareScope::Region;
  REQUIRE(play::Recorder::open(o, log));
  o.register_unknown = false;
  o.share.reset();  // not asked again: what they chose holds
  auto again = play::Recorder::open(o, log);
  REQUIRE(again);
  CHECK(again.value()->share() == store::ShareScope::Region);
  o.share = store::ShareScope::Region;  // the same choice again is fine
  REQUIRE(play::Recorder::open(o, log));
  o.share = store::ShareScope::None;
  auto changed = play::Recorder::open(o, log);
  REQUIRE_FALSE(changed);
  CHECK(changed.error().kind == ErrorKind::BadInput);
  CHECK(changed.error().message.find("\"region\"") != std::string::npos);
  CHECK(Reader(db).column("SELECT share FROM participants") == std::vector<std::string>{"region"});

  play::RecordingOptions none;  // no consent: nothing stored, so nothing shared either
  none.share = store::ShareScope::Region;
  none.db_path = dir.path / "other.db";
  auto nobody = play::Recorder::open(none, log);
  REQUIRE(nobody);
  CHECK(nobody.value()->share() == store::ShareScope::None);
  CHECK_FALSE(fs::exists(none.db_path));
}
