// `meeloop kiosk` under Xvfb, keyboard only: a visitor from welcome to the end screen whose
// events land in the database, the recruiter's profile page of that visitor, and a visitor
// who says no to consent and leaves no participant record.
#include <catch2/catch.hpp>

#include <fstream>

#include "store/event_store.h"
#include "test_desktop_util.h"

using namespace meeloop;
using namespace meeloop::test;
namespace fs = std::filesystem;

namespace {

void write(const fs::path& file, const std::string& text) { std::ofstream(file, std::ios::binary) << text; }
bool has(const Run& r, const std::string& part) { return r.out.find(part) != std::string::npos; }

// huiskamer's first-option path has 9 decisions (test_desktop.cpp derives it from the scenario).
constexpr int kDecisions = 9;

std::string through_scene() {
  std::string s;
  for (int i = 0; i < kDecisions; ++i) s += "key 1\nwait 0.2\nkey Enter\nwait 0.5\n";
  return s;
}

}  // namespace

TEST_CASE("kiosk: a keyboard-only visitor from welcome to the end screen, then the recruiter view", "[desktop][xvfb][kiosk]") {
  if (!xvfb_available()) {
    WARN("xvfb-run is missing (Debian: xvfb xauth): kiosk window test skipped");
    return;
  }
  TempDir dir;
  const fs::path db = dir.path / "kiosk.db", script = dir.path / "visitor.txt";
  auto shot = [&](const char* name) { return (dir.path / name).string(); };
  write(script, "wait 2\nscreenshot " + shot("welcome.png") + "\nkey Enter\nwait 0.5\nkey Enter\nwait 0.8\n" +
                    "screenshot " + shot("consent.png") + "\nkey J\nwait 0.5\nkey S\nwait 3\n" + through_scene() +
                    "wait 1\nkey Enter\nwait 1.5\nscreenshot " + shot("end.png") + "\n" +
                    // The recruiter view: enter the PIN the operator set, open the visitor's profile.
                    "key F3\nwait 1\ntext 246813\nkey Enter\nwait 1\n" +
                    "click 877 172\nwait 2\nscreenshot " + shot("profile.png") + "\nquit\n");
  // The operator's set-up step on the laptop: the kiosk screen cannot set a PIN.
  write(dir.path / "pin.txt", "246813\n");
  Run pin = run_plain("kiosk-pin --db " + db.string() + " < " + (dir.path / "pin.txt").string());
  INFO(pin.out);
  REQUIRE(pin.code == 0);
  Run r = run_windowed("kiosk --db " + db.string() + " --size 1280x720 --input-script " + script.string());
  INFO(r.out);
  REQUIRE(r.code == 0);
  CHECK(has(r, "kiosk: visitor started"));
  CHECK_FALSE(has(r, "Validation"));
  check_golden(shot("welcome.png"), "desktop_kiosk_welcome.png");
  check_golden(shot("consent.png"), "desktop_kiosk_consent.png");
  check_golden(shot("end.png"), "desktop_kiosk_end.png", 10.0, 0.10);  // code and QR differ per visitor
  check_golden(shot("profile.png"), "desktop_kiosk_profile.png", 10.0, 0.10);

  Log log(LogLevel::Off);
  auto store = store::EventStore::open(db, log);
  REQUIRE(store);
  auto people = store.value()->participants();
  REQUIRE(people);
  REQUIRE(people->size() == 1);
  CHECK(people->front().consent);
  auto events = store.value()->events_for_participant(people->front().code);
  REQUIRE(events);
  REQUIRE(events->size() == kDecisions + 1);  // one choice per step, then the ending
  CHECK(events->back().kind == "ending");
  CHECK(events->front().step_id == "arrive");
  auto sessions = store.value()->sessions(people->front().code);
  REQUIRE(sessions);
  REQUIRE(sessions->size() == 1);
  CHECK(sessions->front().scene_id == "huiskamer");
}

TEST_CASE("kiosk: a visitor who says no to consent plays on and leaves no participant record", "[desktop][xvfb][kiosk]") {
  if (!xvfb_available()) {
    WARN("xvfb-run is missing (Debian: xvfb xauth): kiosk window test skipped");
    return;
  }
  TempDir dir;
  const fs::path db = dir.path / "kiosk.db", script = dir.path / "visitor.txt";
  write(script, "wait 2\nkey Enter\nwait 0.5\nkey Enter\nwait 0.8\nkey N\nwait 3\n" + through_scene() +
                    "wait 1\nkey Enter\nwait 1.5\nscreenshot " + (dir.path / "end.png").string() + "\nkey Enter\nwait 1\nquit\n");
  Run r = run_windowed("kiosk --db " + db.string() + " --size 1280x720 --input-script " + script.string());
  INFO(r.out);
  REQUIRE(r.code == 0);
  CHECK(has(r, "kiosk: visitor started"));
  CHECK(has(r, "closed on the welcome screen"));  // played to the end and back to welcome
  CHECK(fs::exists(dir.path / "end.png"));
  if (fs::exists(db)) {
    Log log(LogLevel::Off);
    auto store = store::EventStore::open(db, log);
    REQUIRE(store);
    CHECK(store.value()->participants()->empty());
  }
}
