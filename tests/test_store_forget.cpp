// Forgetting leaves no trace in the file or the exports folder, a forget stopped half way is
// finished by the next one, retention removes only the inactive, and a player killed with
// SIGKILL mid-play loses no committed event; a person who shared is queued for the hub's erasure.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "run_meeloop.h"
#include "scenario/runtime.h"
#include "scenario/scenario_loader.h"
#include "store/event_store.h"
#include "store_test_util.h"
#include "temp_dir.h"

using namespace meeloop;
using namespace meeloop::store;
namespace fs = std::filesystem;

namespace {

using meeloop::test::add_person;
using meeloop::test::open_ok;
using meeloop::test::quiet;
using meeloop::test::TempDir;

std::string bytes_of(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Whether `needle` occurs anywhere in the database file or its write-ahead log.
bool on_disk(const fs::path& db, const std::string& needle) {
  std::string all = bytes_of(db) + bytes_of(fs::path(db.string() + "-wal"));
  return all.find(needle) != std::string::npos;
}

// What the recruiter view leaves after exporting someone's report.
fs::path make_exports(const fs::path& db, const std::string& code) {
  fs::path folder = exports_folder(db, code);
  fs::create_directories(folder);
  std::ofstream(folder / "report.html") << "<p>" << code << "</p>";
  std::ofstream(folder / "profile.json") << "{\"code\": \"" << code << "\"}";
  return folder;
}

// Another program reading the database: an open read transaction that keeps the WAL's old
// frames alive, so the checkpoint that wipes them cannot finish.
struct HeldReader {
  sqlite3* db = nullptr;
  explicit HeldReader(const fs::path& path) {
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "BEGIN; SELECT count(*) FROM participants", nullptr, nullptr, nullptr) == SQLITE_OK);
  }
  void release() {
    if (!db) return;
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close_v2(db);
    db = nullptr;
  }
  ~HeldReader() { release(); }
};

}  // namespace

TEST_CASE("forget removes every record and leaves no trace in the database file", "[store]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  auto store = open_ok(db);
  add_person(*store, "MEE-GONE-XY7", {.sessions = 2});
  add_person(*store, "MEE-STAY-QR5");
  REQUIRE(on_disk(db, "MEE-GONE-XY7"));  // the search does find what is there

  auto r = store->forget("MEE-GONE-XY7");
  REQUIRE(r);
  CHECK(r->participants == 1);
  CHECK(r->sessions == 2);
  CHECK(r->events == 10);
  // While the store is still open: the file and the WAL hold no trace of the code.
  CHECK_FALSE(on_disk(db, "MEE-GONE-XY7"));
  CHECK(on_disk(db, "MEE-STAY-QR5"));
  CHECK_FALSE(store->participant("MEE-GONE-XY7").value());
  CHECK(store->events_for_participant("MEE-GONE-XY7")->empty());
  CHECK(store->events_for_participant("MEE-STAY-QR5")->size() == 5);

  auto unknown = store->forget("MEE-GONE-XY7");
  REQUIRE_FALSE(unknown);
  CHECK(unknown.error().kind == ErrorKind::BadInput);
  CHECK(unknown.error().message.find("no participant with code MEE-GONE-XY7") != std::string::npos);
  store.reset();
  CHECK_FALSE(on_disk(db, "MEE-GONE-XY7"));
  CHECK(open_ok(db)->participants()->size() == 1);
}

TEST_CASE("forget_older_than removes only people inactive for that long", "[store]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  auto store = open_ok(db);
  add_person(*store, "MEE-OLDA-AA2", {.at = "2020-01-01T09:00:00.000Z"});
  add_person(*store, "MEE-NOWB-BB3");
  // Joined long ago but played today: recent activity keeps the record.
  add_person(*store, "MEE-BACK-CC4", {.sessions = 0, .at = "2020-01-01T09:00:00.000Z"});
  Session s;
  s.participant_code = "MEE-BACK-CC4";
  s.scene_id = "huiskamer";
  REQUIRE(store->begin_session(s));

  auto r = store->forget_older_than(30);
  REQUIRE(r);
  CHECK(r->participants == 1);
  CHECK(r->sessions == 1);
  CHECK(r->events == 5);
  CHECK_FALSE(store->participant("MEE-OLDA-AA2").value());
  CHECK(store->participant("MEE-NOWB-BB3").value());
  CHECK(store->participant("MEE-BACK-CC4").value());
  CHECK_FALSE(on_disk(db, "MEE-OLDA-AA2"));
  auto none = store->forget_older_than(30);
  REQUIRE(none);
  CHECK(none->participants == 0);
  CHECK_FALSE(store->forget_older_than(-1));
}

TEST_CASE("forget removes the person's exports folder beside the database, and retention does too", "[store]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  CHECK(exports_folder(db, "MEE-GONE-XY7") == dir.path / "exports" / "MEE-GONE-XY7");
  auto store = open_ok(db);
  add_person(*store, "MEE-GONE-XY7");
  add_person(*store, "MEE-STAY-QR5");
  add_person(*store, "MEE-OLDA-AA2", {.at = "2020-01-01T09:00:00.000Z"});
  fs::path gone = make_exports(db, "MEE-GONE-XY7");
  fs::path stay = make_exports(db, "MEE-STAY-QR5");
  fs::path old = make_exports(db, "MEE-OLDA-AA2");

  auto r = store->forget("MEE-GONE-XY7");
  REQUIRE(r);
  CHECK(r->participants == 1);
  CHECK(r->export_folders == 1);
  CHECK_FALSE(fs::exists(gone));
  CHECK(fs::exists(stay / "report.html"));

  auto retention = store->forget_older_than(30);
  REQUIRE(retention);
  CHECK(retention->participants == 1);
  CHECK(retention->export_folders == 1);
  CHECK_FALSE(fs::exists(old));
  CHECK(fs::exists(stay / "report.html"));

  // Exports left from before (forgotten by an older Meeloop): forget still removes them.
  fs::path loose = make_exports(db, "MEE-GONE-XY7");
  auto again = store->forget("MEE-GONE-XY7");
  REQUIRE(again);
  CHECK(again->export_folders == 1);
  CHECK_FALSE(fs::exists(loose));
  auto nothing = store->forget("MEE-GONE-XY7");
  REQUIRE_FALSE(nothing);
  CHECK(nothing.error().message.find("no participant with code MEE-GONE-XY7") != std::string::npos);

  // A link planted as someone's exports folder is removed, never followed.
  fs::path elsewhere = dir.path / "elsewhere";
  fs::create_directories(elsewhere);
  std::ofstream(elsewhere / "keep.txt") << "keep";
  fs::remove_all(stay);
  fs::create_directory_symlink(elsewhere, stay);
  REQUIRE(store->forget("MEE-STAY-QR5"));
  CHECK_FALSE(fs::exists(fs::symlink_status(stay)));
  CHECK(fs::exists(elsewhere / "keep.txt"));
}

TEST_CASE("a forget stopped by another program's reader is finished by the next forget", "[store]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  auto store = open_ok(db);
  store->set_busy_timeout_ms(100);
  add_person(*store, "MEE-GONE-XY7", {.sessions = 2});
  add_person(*store, "MEE-STAY-QR5");
  fs::path exports = make_exports(db, "MEE-GONE-XY7");

  HeldReader reader(db);
  auto stopped = store->forget("MEE-GONE-XY7");
  REQUIRE_FALSE(stopped);
  CHECK(stopped.error().message.find("run forget again") != std::string::npos);
  CHECK_FALSE(store->participant("MEE-GONE-XY7").value());  // the rows went at once
  reader.release();

  // The same store, or a new one after a restart: the erasure is remembered either way.
  store.reset();
  store = open_ok(db);
  auto finished = store->forget("MEE-GONE-XY7");
  REQUIRE(finished);
  CHECK(finished->finished_earlier);
  CHECK_FALSE(fs::exists(exports));
  CHECK_FALSE(on_disk(db, "MEE-GONE-XY7"));
  CHECK(on_disk(db, "MEE-STAY-QR5"));
  CHECK(store->events_for_participant("MEE-STAY-QR5")->size() == 5);
  // Now it is done: a third forget has nothing left to do.
  auto third = store->forget("MEE-GONE-XY7");
  REQUIRE_FALSE(third);
  CHECK(third.error().message.find("no participant with code") != std::string::npos);
}

TEST_CASE("meeloop forget interrupted by a reader, run again, exits 0 with every copy gone", "[store]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  const std::string code = "MEE-7KQ2-XDA";  // a well-formed code, as the command line demands
  {
    auto store = open_ok(db);
    add_person(*store, code);
    add_person(*store, "MEE-STAY-QR5");
  }
  fs::path exports = make_exports(db, code);
  const std::string forget = test::meeloop_path(MEELOOP_BIN_FALLBACK) + " forget " + code + " --db " +
                             db.string() + " 2>&1";
  std::string first_out;
  int first = 0;
  {
    HeldReader reader(db);
    first = test::run_captured(forget, first_out);
  }
  INFO(first_out);
  CHECK(first == 1);
  CHECK(first_out.find("run forget again") != std::string::npos);

  std::string second_out;
  int second = test::run_captured(forget, second_out);
  INFO(second_out);
  CHECK(second == 0);
  CHECK(second_out.find("Finished forgetting " + code) != std::string::npos);
  CHECK_FALSE(fs::exists(exports));
  CHECK_FALSE(on_disk(db, code));
  CHECK(on_disk(db, "MEE-STAY-QR5"));
}

TEST_CASE("a player killed mid-play keeps every committed event", "[store]") {
  TempDir dir;
  fs::path db = dir.path / "crash.db";
  const char* data = std::getenv("MEELOOP_TEST_DATA");
  scenario::LoadOptions opt;
  opt.dimensions = {"teamwork", "autonomy_dignity", "safety_hygiene", "communication",
                    "noticing_reporting", "daring_to_ask", "guidance_need"};
  auto sc = scenario::load_scenario(fs::path(data ? data : MEELOOP_TEST_DATA_FALLBACK) / "scenarios" / "tiny", opt);
  REQUIRE(sc);
  constexpr int kBeforeKill = 25;
  int fds[2];
  REQUIRE(pipe(fds) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    // The child plays the scenario over and over, telling the parent after each commit.
    close(fds[0]);
    auto store = EventStore::open(db, quiet());
    if (!store) _exit(3);
    Participant p;
    p.code = "MEE-CRSH-KL9";
    p.consent = true;
    if (!store.value()->add_participant(p)) _exit(4);
    for (;;) {
      Session s;
      s.participant_code = p.code;
      s.scene_id = "tiny";
      auto sid = store.value()->begin_session(s);
      if (!sid) _exit(5);
      scenario::Runtime rt(sc.value(), [&](Event& e) -> Status {
        e.session_id = sid.value();
        Status st = store.value()->append_event(e);
        char one = 1;
        if (st && write(fds[1], &one, 1) != 1) _exit(6);
        return st;
      });
      if (!rt.ask_supervisor() || !rt.choose("knock") || !rt.choose("gloves_on") || !rt.choose("ask_consent"))
        _exit(7);
      if (!store.value()->end_session(sid.value(), rt.ending()->id)) _exit(8);
    }
  }
  close(fds[1]);
  int committed = 0;
  char buf[1];
  while (committed < kBeforeKill && read(fds[0], buf, 1) == 1) ++committed;
  REQUIRE(kill(pid, SIGKILL) == 0);
  int status = 0;
  waitpid(pid, &status, 0);
  // Count what the child managed to report before it died (commits it announced).
  while (read(fds[0], buf, 1) == 1) ++committed;
  close(fds[0]);
  REQUIRE(WIFSIGNALED(status));
  REQUIRE(committed >= kBeforeKill);

  auto store = open_ok(db);  // recovers the WAL and passes the integrity check on open
  auto events = store->events_for_participant("MEE-CRSH-KL9");
  REQUIRE(events);
  CHECK(int(events->size()) >= committed);
  // Every session's events are complete and in order up to where the kill landed.
  int64_t session = 0;
  int expect = 1;
  for (const Event& e : events.value()) {
    if (e.session_id != session) {
      session = e.session_id;
      expect = 1;
    }
    CHECK(e.seq == expect++);
  }
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  REQUIRE(sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(st) == SQLITE_ROW);
  CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))) == "ok");
  sqlite3_finalize(st);
  sqlite3_close(raw);
}

namespace {

int64_t outbox_rows(const fs::path& db, const std::string& code) {
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &raw) == SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  REQUIRE(sqlite3_prepare_v2(raw, "SELECT count(*) FROM outbox o JOIN sessions s ON s.id = o.session_id "
                                  "WHERE s.participant_code = ?", -1, &q, nullptr) == SQLITE_OK);
  sqlite3_bind_text(q, 1, code.c_str(), -1, SQLITE_TRANSIENT);
  REQUIRE(sqlite3_step(q) == SQLITE_ROW);
  int64_t n = sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  REQUIRE(sqlite3_prepare_v2(raw, "SELECT count(*) FROM outbox", -1, &q, nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(q) == SQLITE_ROW);
  // Rows of forgotten sessions would be orphans that no join finds: there must be none.
  int64_t orphans = sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  REQUIRE(sqlite3_prepare_v2(raw, "SELECT count(*) FROM outbox o JOIN sessions s ON s.id = o.session_id", -1, &q,
                             nullptr) == SQLITE_OK);
  REQUIRE(sqlite3_step(q) == SQLITE_ROW);
  orphans -= sqlite3_column_int64(q, 0);
  sqlite3_finalize(q);
  sqlite3_close(raw);
  CHECK(orphans == 0);
  return n;
}

std::vector<std::string> hub_erasure_codes(const EventStore& store) {
  auto queued = store.pending_hub_erasures();
  REQUIRE(queued);
  std::vector<std::string> codes;
  for (const HubErasure& h : queued.value()) {
    CHECK_FALSE(h.queued_at.empty());
    codes.push_back(h.code);
  }
  return codes;
}

}  // namespace

TEST_CASE("forget removes a person's outbox rows and queues a hub erasure only for people who shared", "[store]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  auto store = open_ok(db);
  add_person(*store, "MEE-KEEP-AA2", {.share = ShareScope::None, .end_sessions = true});
  add_person(*store, "MEE-ORGA-BB3", {.share = ShareScope::Organisation, .end_sessions = true});
  add_person(*store, "MEE-REGI-CC4", {.share = ShareScope::Region, .end_sessions = true});
  add_person(*store, "MEE-STAY-DD5", {.share = ShareScope::Region, .end_sessions = true});
  CHECK(outbox_rows(db, "MEE-ORGA-BB3") == 6);  // 5 events and the session's end
  // Part of the organisation person's data has reached the hub already.
  auto first = store->pending_outbox(3);
  REQUIRE(first);
  for (const OutboxItem& i : first.value()) REQUIRE(i.session.participant_code == "MEE-ORGA-BB3");
  REQUIRE(store->mark_sent({first.value()[0].id, first.value()[1].id, first.value()[2].id}));

  auto kept = store->forget("MEE-KEEP-AA2");
  REQUIRE(kept);
  CHECK_FALSE(kept->hub_erasure_queued);
  CHECK(hub_erasure_codes(*store).empty());  // nothing of theirs ever left the kiosk
  CHECK_FALSE(on_disk(db, "MEE-KEEP-AA2"));

  auto organisation = store->forget("MEE-ORGA-BB3");
  REQUIRE(organisation);
  CHECK(organisation->hub_erasure_queued);
  REQUIRE(store->forget("MEE-REGI-CC4"));
  CHECK(outbox_rows(db, "MEE-ORGA-BB3") == 0);
  CHECK(outbox_rows(db, "MEE-REGI-CC4") == 0);
  CHECK(outbox_rows(db, "MEE-STAY-DD5") == 6);  // everyone else's queue is untouched
  CHECK(hub_erasure_codes(*store) == std::vector<std::string>{"MEE-ORGA-BB3", "MEE-REGI-CC4"});
  auto counts = store->outbox_counts();
  CHECK(counts->sent == 0);
  CHECK(counts->pending == 6);

  // The code stays until the hub has erased them too; then it is wiped here as forget wipes.
  store.reset();
  store = open_ok(db);  // the queue outlives a restart
  CHECK(hub_erasure_codes(*store).size() == 2);
  REQUIRE(store->mark_hub_erasure_done("MEE-ORGA-BB3"));
  REQUIRE(store->mark_hub_erasure_done("MEE-ORGA-BB3"));  // a retry after a crash is harmless
  CHECK(hub_erasure_codes(*store) == std::vector<std::string>{"MEE-REGI-CC4"});
  CHECK_FALSE(on_disk(db, "MEE-ORGA-BB3"));
  CHECK(on_disk(db, "MEE-REGI-CC4"));
  REQUIRE(store->mark_hub_erasure_done("MEE-REGI-CC4"));
  CHECK(hub_erasure_codes(*store).empty());
  CHECK_FALSE(on_disk(db, "MEE-REGI-CC4"));
  auto gone = store->forget("MEE-REGI-CC4");  // and now no trace of them is left to forget
  REQUIRE_FALSE(gone);
  CHECK(gone.error().message.find("no participant with code") != std::string::npos);
}

TEST_CASE("retention removes sent outbox rows with their events and queues no hub erasure", "[store]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  auto store = open_ok(db);
  add_person(*store, "MEE-OLDA-AA2",
             {.at = "2020-01-01T09:00:00.000Z", .share = ShareScope::Region, .end_sessions = true});
  add_person(*store, "MEE-NOWB-BB3", {.share = ShareScope::Region, .end_sessions = true});
  auto all = store->pending_outbox(100);
  REQUIRE(all);
  REQUIRE(all->size() == 12);
  std::vector<int64_t> ids;
  for (const OutboxItem& i : all.value()) ids.push_back(i.id);
  REQUIRE(store->mark_sent(ids));

  auto r = store->forget_older_than(30);
  REQUIRE(r);
  CHECK(r->participants == 1);
  CHECK(outbox_rows(db, "MEE-OLDA-AA2") == 0);
  CHECK(outbox_rows(db, "MEE-NOWB-BB3") == 6);
  CHECK(store->outbox_counts()->sent == 6);
  CHECK(hub_erasure_codes(*store).empty());  // the hub applies its own retention
  CHECK_FALSE(on_disk(db, "MEE-OLDA-AA2"));
}
