// `meeloop play --headless` and `meeloop forget` as a trainer or recruiter runs them.
#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <sqlite3.h>

#include "store/event_store.h"
#include "run_meeloop.h"
#include "temp_dir.h"

using namespace meeloop;
namespace fs = std::filesystem;

namespace {

struct Run {
  int code = -1;
  std::string out;  // stdout and stderr together
};

fs::path data() {
  const char* d = std::getenv("MEELOOP_TEST_DATA");
  return d ? fs::path(d) : fs::path(MEELOOP_TEST_DATA_FALLBACK);
}

Run run_cli(const std::string& args) {
  Run r;
  r.code = test::run_captured(test::meeloop_path(MEELOOP_BIN_FALLBACK) + " " + args + " 2>&1", r.out);
  return r;
}

using meeloop::test::TempDir;

bool has(const Run& r, const std::string& part) { return r.out.find(part) != std::string::npos; }

std::string play(const std::string& choices, const fs::path& db, const std::string& extra) {
  return "play " + (data() / "scenarios" / "tiny").string() + " --headless --choices " +
         (data() / "choices" / choices).string() + " --db " + db.string() + " " + extra;
}

}  // namespace

TEST_CASE("play --headless prints the path taken and stores the events", "[scenario]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  Run r = run_cli(play("tiny_calm.txt", db, "--participant MEE-7KQ2-XDA --consent yes --lang en"));
  INFO(r.out);
  REQUIRE(r.code == 0);
  CHECK(has(r, "[door]"));
  CHECK(has(r, "Mrs Jansen: \"Who is there?\""));
  CHECK(has(r, "> look_curtain: Look at the curtain (2 s)"));
  CHECK(has(r, "Anouk (work supervisor): \"Knock first: this is her home.\""));
  CHECK(has(r, "> knock: Knock and wait (6.5 s)"));
  CHECK(has(r, "[room]"));
  CHECK(has(r, "== end_calm: A calm start =="));
  CHECK(has(r, "You let Mrs Jansen decide."));
  CHECK(has(r, "Saved 6 events for MEE-7KQ2-XDA"));

  Log log(LogLevel::Off);
  auto store = store::EventStore::open(db, log);
  REQUIRE(store);
  auto events = store.value()->events_for_participant("MEE-7KQ2-XDA");
  REQUIRE(events);
  REQUIRE(events->size() == 6);  // interaction, help, choice, interaction, choice, ending
  CHECK(events.value()[1].kind == "help");
  CHECK(events.value()[2].help_asked);
  CHECK(events.value()[2].decision_seconds == 6.5);
  CHECK(store.value()->sessions("MEE-7KQ2-XDA").value().at(0).ending_id == "end_calm");
  CHECK(store.value()->participant("MEE-7KQ2-XDA").value()->language == "en");
}

TEST_CASE("play in Dutch, with a timer running out, for a returning participant", "[scenario]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  REQUIRE(run_cli(play("tiny_calm.txt", db, "--participant MEE-7KQ2-XDA --consent yes")).code == 0);
  Run r = run_cli(play("tiny_timeout.txt", db, "--participant mee-7kq2-xda"));
  INFO(r.out);
  REQUIRE(r.code == 0);
  CHECK(has(r, "Je wacht lang bij de deur."));
  CHECK(has(r, "== end_help: Er komt hulp =="));
  CHECK(has(r, "Je riep een collega erbij."));
  Log log(LogLevel::Off);
  auto store = store::EventStore::open(db, log);
  REQUIRE(store);
  CHECK(store.value()->sessions("MEE-7KQ2-XDA")->size() == 2);
}

TEST_CASE("an id not available is exit 2 naming the line, the step and the options", "[scenario]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  Run r = run_cli(play("tiny_bad_id.txt", db, "--participant MEE-7KQ2-XDA --consent yes"));
  INFO(r.out);
  CHECK(r.code == 2);
  CHECK(has(r, "tiny_bad_id.txt:3: \"open_window\" is not available at step \"room\" (available: "
               "ask_consent, start_washing, gloves_on, ring_bell; or @help)"));
  // The event committed before the bad line stays.
  Log log(LogLevel::Off);
  auto store = store::EventStore::open(db, log);
  REQUIRE(store);
  CHECK(store.value()->events_for_participant("MEE-7KQ2-XDA")->size() == 1);
}

TEST_CASE("play rejects malformed input with exit 2", "[scenario]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  Run bad = run_cli(play("tiny_malformed.txt", db, "--participant MEE-7KQ2-XDA --consent yes"));
  CHECK(bad.code == 2);
  CHECK(has(bad, "tiny_malformed.txt:2: expected \"@wait <seconds>\""));
  Run code = run_cli(play("tiny_calm.txt", db, "--participant MEE-7KQ2-XD8 --consent yes"));
  CHECK(code.code == 2);
  CHECK(has(code, "\"MEE-7KQ2-XD8\" is not a participant code"));
  Run unknown = run_cli(play("tiny_calm.txt", db, "--participant MEE-7KQ2-XDA"));
  CHECK(unknown.code == 2);
  CHECK(has(unknown, "unknown participant code MEE-7KQ2-XDA"));
  Run late = run_cli("play " + (data() / "scenarios" / "tiny").string() + " --headless --consent no --choices " +
                     (data() / "choices" / "tiny_calm.txt").string() + " --lang fr");
  CHECK(late.code == 2);
  CHECK(has(late, "--lang expects nl or en"));
  Run typo = run_cli(play("tiny_calm.txt", db, "--participant MEE-7KQ2-XDA --consnet yes"));
  CHECK(typo.code == 2);
  CHECK(has(typo, "unknown option --consnet"));
  Run gui = run_cli("play " + (data() / "scenarios" / "tiny").string());
  CHECK(gui.code == 2);
  CHECK(has(gui, "only --headless is available"));
  Run corrupt_db = [&] {
    std::ofstream(dir.path / "junk.db") << std::string(5000, 'j');
    return run_cli(play("tiny_calm.txt", dir.path / "junk.db", "--participant MEE-7KQ2-XDA --consent yes"));
  }();
  CHECK(corrupt_db.code == 2);
  CHECK(has(corrupt_db, "junk.db: this is not a Meeloop evidence database"));
}

TEST_CASE("without consent the scenario plays but nothing is stored", "[scenario]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  Run r = run_cli(play("tiny_calm.txt", db, "--participant MEE-7KQ2-XDA --consent no"));
  INFO(r.out);
  REQUIRE(r.code == 0);
  CHECK(has(r, "No consent: nothing is stored."));
  CHECK(has(r, "Je liet mevrouw Jansen zelf kiezen."));
  CHECK_FALSE(fs::exists(db));
}

TEST_CASE("forget removes one person and says what it removed", "[scenario]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  REQUIRE(run_cli(play("tiny_calm.txt", db, "--participant MEE-7KQ2-XDA --consent yes")).code == 0);
  REQUIRE(run_cli(play("tiny_timeout.txt", db, "--participant MEE-7KQ2-XDA")).code == 0);
  Run r = run_cli("forget MEE-7KQ2-XDA --db " + db.string());
  INFO(r.out);
  REQUIRE(r.code == 0);
  CHECK(has(r, "Removed everything about MEE-7KQ2-XDA"));
  CHECK(has(r, "1 participant, 2 sessions, 9 events"));
  Run again = run_cli("forget MEE-7KQ2-XDA --db " + db.string());
  CHECK(again.code == 2);
  CHECK(has(again, "no participant with code MEE-7KQ2-XDA"));
  Run typo = run_cli("forget MEE-7KQ2-XD7 --db " + db.string());
  CHECK(typo.code == 2);
  CHECK(has(typo, "is not a participant code"));
  Run old = run_cli("forget --older-than 30 --db " + db.string());
  CHECK(old.code == 0);
  CHECK(has(old, "Removed 0 participants"));
  Run missing = run_cli("forget MEE-7KQ2-XDA --db " + (dir.path / "none.db").string());
  CHECK(missing.code == 2);
  CHECK_FALSE(fs::exists(dir.path / "none.db"));
}

TEST_CASE("play warns while the database is locked and says what could not be saved", "[scenario]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  REQUIRE(run_cli(play("tiny_calm.txt", db, "--participant MEE-7KQ2-XDA --consent yes")).code == 0);
  // Another program holds the write lock for the whole second play (each write waits 1 s).
  sqlite3* other = nullptr;
  REQUIRE(sqlite3_open(db.c_str(), &other) == SQLITE_OK);
  REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
  Run r = run_cli(play("tiny_timeout.txt", db, "--participant MEE-7KQ2-XDA"));
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close_v2(other);
  INFO(r.out);
  CHECK(r.code == 1);
  CHECK(has(r, "Je wacht lang bij de deur."));  // play went on
  CHECK(has(r, "! not saved yet: "));
  CHECK(has(r, "wait in memory and are retried"));
  CHECK(has(r, "database is locked"));
  CHECK(has(r, "could not be saved"));
  CHECK_FALSE(has(r, "Saved "));
  // The first session is untouched.
  Log log(LogLevel::Off);
  auto store = store::EventStore::open(db, log);
  REQUIRE(store);
  CHECK(store.value()->sessions("MEE-7KQ2-XDA")->size() == 1);
  CHECK(store.value()->events_for_participant("MEE-7KQ2-XDA")->size() == 6);
}

// Choices files go through core/files.h read_regular_file (issue 16 item 7).
namespace {

std::string play_choices(const fs::path& choices, const fs::path& db) {
  return "play " + (data() / "scenarios" / "tiny").string() + " --headless --choices '" + choices.string() +
         "' --db '" + db.string() + "' --participant MEE-7KQ2-XDA --consent yes";
}

// No participant stored: the database was never made, or holds nobody with the code.
bool nobody_stored(const fs::path& db) {
  if (!fs::exists(db)) return true;
  Log log(LogLevel::Off);
  auto store = store::EventStore::open(db, log);
  REQUIRE(store);
  auto who = store.value()->participant("MEE-7KQ2-XDA");
  REQUIRE(who);
  return !who.value();
}

struct Measured {
  int code = -1;
  long peak_kib = 0;  // the largest resident set of the meeloop process itself
  std::string out;
};

// Runs meeloop as a direct child, so wait4 reports its own peak memory.
Measured run_measured(const std::string& args, const fs::path& log) {
  const std::string cmd = "exec " + test::meeloop_path(MEELOOP_BIN_FALLBACK) + " " + args + " >'" + log.string() + "' 2>&1";
  Measured m;
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", cmd.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  REQUIRE(pid > 0);
  int status = 0;
  struct rusage ru {};
  REQUIRE(::wait4(pid, &status, 0, &ru) == pid);
  m.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  m.peak_kib = ru.ru_maxrss;
  std::ifstream in(log);
  m.out.assign(std::istreambuf_iterator<char>(in), {});
  return m;
}

}  // namespace

TEST_CASE("play --choices /dev/zero exits 2 at once with a clear message and stores nothing", "[scenario]") {
  TempDir dir;
  const fs::path db = dir.path / "m.db";
  const auto t0 = std::chrono::steady_clock::now();
  // `timeout` bounds a regression: the old reader grew without end (23.5 GB) until killed.
  Run r;
  r.code = test::run_captured("timeout 20 " + test::meeloop_path(MEELOOP_BIN_FALLBACK) + " " +
                                  play_choices("/dev/zero", db) + " 2>&1",
                              r.out);
  INFO(r.out);
  CHECK(r.code == 2);
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(10));
  CHECK(has(r, "/dev/zero: is a device, not a regular file; expected a choices file"));
  CHECK(nobody_stored(db));
}

TEST_CASE("play --choices with a folder exits 2 and stores no participant", "[scenario]") {
  TempDir dir;
  const fs::path db = dir.path / "m.db";
  fs::create_directories(dir.path / "choices");
  Run r = run_cli(play_choices(dir.path / "choices", db));
  INFO(r.out);
  CHECK(r.code == 2);
  CHECK(has(r, "is a folder, not a regular file; expected a choices file"));
  CHECK(nobody_stored(db));
}

TEST_CASE("play --choices with a file over 1 MiB exits 2 without reading it into memory", "[scenario]") {
  TempDir dir;
  const fs::path db = dir.path / "m.db";
  const fs::path huge = dir.path / "huge.txt";
  std::ofstream(huge) << "knock\n";
  fs::resize_file(huge, uint64_t(512) << 20);  // sparse: no disk, but 512 MiB to read
  // The same refusal for a file just over the limit is the baseline: the process's own size
  // differs by build (an ASan build is twice as large), the growth from reading must not.
  const fs::path small = dir.path / "small.txt";
  std::ofstream(small) << "knock\n";
  fs::resize_file(small, uint64_t(2) << 20);
  Measured base = run_measured(play_choices(small, db), dir.path / "base.txt");
  INFO(base.out);
  CHECK(base.code == 2);
  Measured m = run_measured(play_choices(huge, db), dir.path / "out.txt");
  INFO(m.out);
  CHECK(m.code == 2);
  CHECK(m.out.find("file is 536870912 bytes; at most 1048576 bytes are allowed for a choices file") !=
        std::string::npos);
  CHECK(m.peak_kib < base.peak_kib + 64 * 1024);  // reading it whole first took over 1 GB
  CHECK(nobody_stored(db));
}

TEST_CASE("play --share region queues what the person plays for the hub, and forget asks the hub to erase it",
          "[scenario]") {
  TempDir dir;
  fs::path db = dir.path / "m.db";
  Run shared = run_cli(play("tiny_calm.txt", db, "--participant MEE-7KQ2-XDA --consent yes --share region"));
  INFO(shared.out);
  REQUIRE(shared.code == 0);
  Run kept = run_cli(play("tiny_calm.txt", db, "--participant new --consent yes"));
  INFO(kept.out);
  REQUIRE(kept.code == 0);
  {
    Log log(LogLevel::Off);
    auto store = store::EventStore::open(db, log);
    REQUIRE(store);
    CHECK(store.value()->participant("MEE-7KQ2-XDA").value()->share == store::ShareScope::Region);
    // Six events and the session's end of the one person who shares; none of the other.
    CHECK(store.value()->outbox_counts().value().pending == 7);
  }
  Run wrong = run_cli(play("tiny_calm.txt", db, "--participant new --consent yes --share everyone"));
  CHECK(wrong.code == 2);
  CHECK(has(wrong, "--share expects none, organisation or region, got \"everyone\""));

  Run forget = run_cli("forget MEE-7KQ2-XDA --db " + db.string());
  INFO(forget.out);
  REQUIRE(forget.code == 0);
  CHECK(has(forget, "the regional hub is asked to erase it too"));
  Log log(LogLevel::Off);
  auto store = store::EventStore::open(db, log);
  REQUIRE(store);
  CHECK(store.value()->pending_hub_erasures().value().size() == 1);
  CHECK(store.value()->outbox_counts().value().pending == 0);
}
