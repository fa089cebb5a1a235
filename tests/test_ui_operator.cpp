// The operator console's day: sessions counted from the database (a restart keeps the count),
// hygiene breaks in the operator log, every control of the console, and the end screen that
// follows the visitor's language switch.
#include <catch2/catch.hpp>

#include <fstream>

#include "profile/report.h"
#include "store/event_store.h"
#include "store/participant_code.h"
#include "store/session_counts.h"
#include "test_ui_harness.h"
#include "ui/kiosk.h"
#include "ui/operator_log.h"

using namespace meeloop;
using namespace meeloop::test;
namespace fs = std::filesystem;

namespace {

std::string utc(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
  return buf;
}

std::time_t parse_utc(const std::string& s) {
  std::tm tm{};
  REQUIRE(strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm));
  return timegm(&tm);
}

ui::KioskConfig config_in(const fs::path& dir) {
  ui::KioskConfig c;
  c.db_path = dir / "meeloop.db";
  c.data_dir = source_dir() / "data";
  c.playlist = {source_dir() / "scenes" / "huiskamer"};
  return c;
}

struct Driver {
  ImGuiHarness& h;
  ui::Kiosk& k;
  void step() { h.frame([&] { k.frame(1.0 / 60, true); }); }
  void press(int key) { h.press(key); step(); }
  void type(const char* s) { h.type(s); step(); }
  std::string text() { return h.frame_text([&] { k.frame(1.0 / 60, true); }); }
  // Welcome -> language 1 (nl) -> consent yes/no -> skip the questions -> first options to the
  // ending -> the end screen.
  void to_end_screen(bool consent) {
    step();
    REQUIRE(k.screen_name() == "welcome");
    press(kEnter);
    type("1");
    type(consent ? "j" : "n");
    if (consent) type("s");
    REQUIRE(k.screen_name() == "playing");
    scenario::Runtime* rt = k.playing()->runtime;
    for (int i = 0; i < 100 && !rt->finished(); ++i) press(kEnter);
    REQUIRE(rt->finished());
    step();
    press(kEnter);
    REQUIRE(k.screen_name() == "end");
  }
};

}  // namespace

TEST_CASE("kiosk operator: today's sessions are counted in the database by local date", "[ui][operator]") {
  TempDir dir("meeloop-counts");
  const fs::path db = dir.path / "meeloop.db";
  // No database yet: zero, and counting does not create one.
  auto none = store::count_sessions_today(db);
  REQUIRE(none);
  CHECK(none->sessions == 0);
  CHECK_FALSE(fs::exists(db));

  const auto [from, to] = store::local_day_utc_range(std::time(nullptr));
  REQUIRE(from < to);
  const std::time_t start = parse_utc(from), end = parse_utc(to);
  CHECK(end - start >= 23 * 3600);  // a local day (23 or 25 h on a daylight-saving change)
  CHECK(end - start <= 25 * 3600);
  {
    Log log(LogLevel::Off);
    auto st = store::EventStore::open(db, log);
    REQUIRE(st);
    auto& s = *st.value();
    std::string a = store::generate_participant_code(), b = store::generate_participant_code();
    for (const auto& code : {a, b}) {
      store::Participant p;
      p.code = code;
      p.consent = true;
      p.language = "nl";
      REQUIRE(s.add_participant(p));
    }
    auto session = [&](const std::string& code, std::time_t at) {
      store::Session x;
      x.participant_code = code;
      x.scene_id = "huiskamer";
      x.scene_version = "test@1";
      x.language = "nl";
      x.started_at = utc(at);
      REQUIRE(s.begin_session(x));
    };
    session(a, start - 1);       // yesterday evening, local time
    session(a, start);           // the first second of today
    session(a, start + 3600);    // two scenes of one visitor ...
    session(b, start + 7200);    // ... and one of another
    session(b, end);             // tomorrow
  }
  auto today = store::count_sessions_started(db, from, to);
  REQUIRE(today);
  CHECK(today->sessions == 3);
  CHECK(today->participants == 2);

  // Not a database: a clear error naming the file, not a crash.
  const fs::path junk = dir.path / "junk.db";
  std::ofstream(junk) << std::string(4096, 'x');
  auto bad = store::count_sessions_started(junk, from, to);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().file == junk.string());
}

TEST_CASE("kiosk operator: hygiene breaks go into the operator log and are counted per local day", "[ui][operator]") {
  TempDir dir("meeloop-oplog");
  ui::OperatorLog log(dir.path / "sub" / "kiosk-operator-log.jsonl");
  auto empty = log.day(ui::local_date());
  REQUIRE(empty);
  CHECK(empty->breaks == 0);
  const std::time_t now = std::time(nullptr);
  REQUIRE(log.record(ui::kBreakStarted, now - 2 * 86400));  // two days ago: another day
  REQUIRE(log.record(ui::kBreakStarted, now));
  REQUIRE(log.record(ui::kBreakEnded, now));
  std::ofstream(log.file(), std::ios::app) << "{\"date\": \"" << ui::local_date(now) << "\", \"what\": \"hygiene_br";
  auto day = log.day(ui::local_date(now));  // the torn last line is skipped, the rest is kept
  REQUIRE(day);
  CHECK(day->breaks == 1);
  char hhmm[8];
  std::tm tm{};
  localtime_r(&now, &tm);
  std::strftime(hhmm, sizeof hhmm, "%H:%M", &tm);
  CHECK(day->last_break == hhmm);
  CHECK((fs::status(log.file()).permissions() & fs::perms::others_read) == fs::perms::none);
}

TEST_CASE("kiosk operator: every control of the console, counts that survive a restart", "[ui][operator][kiosk]") {
  TempDir dir("meeloop-console");
  Log log(LogLevel::Warn);
  ImGuiHarness h;
  {
    auto kiosk = value_or_throw(ui::Kiosk::create(config_in(dir.path), log));
    ui::Kiosk& k = *kiosk;
    Driver d{h, k};
    d.step();
    d.press(kF2);
    REQUIRE(k.operator_console_open());
    std::string shown = d.text();
    INFO(shown);
    // Start, scenes, start language, hygiene break, today's counts, storage.
    for (const char* part : {"Bediening (F2)", "Scherm: welkom", "Start bezoeker", "Scènes (in deze volgorde)",
                             "huiskamer", "Taal bij de start", "Nederlands", "English", "Hygiënepauze (schoonmaken)",
                             "Hygiënepauzes vandaag: 0", "Sessies vandaag: 0 (bezoekers met toestemming: 0)",
                             "Opslag: alles bewaard"})
      CHECK(shows(shown, part));

    // A hygiene break between visitors: the visitor screen says so, the console counts it.
    REQUIRE(k.start_hygiene_break());
    CHECK(k.screen_name() == "break");
    CHECK_FALSE(k.start_hygiene_break());
    shown = d.text();
    CHECK(shows(shown, "Hygiënepauzes vandaag: 1"));
    CHECK(shows(shown, "Laatste hygiënepauze om"));
    CHECK(shows(shown, "Pauze klaar"));
    REQUIRE(k.end_hygiene_break());
    CHECK(k.screen_name() == "welcome");

    // During a visit: the current step, pause and stop.
    d.press(kF2);
    d.press(kEnter);
    d.type("1");
    d.type("j");
    d.type("s");
    REQUIRE(k.screen_name() == "playing");
    d.press(kF2);
    shown = d.text();
    INFO(shown);
    CHECK(shows(shown, "Scherm: speelt"));
    CHECK(shows(shown, "Stap: huiskamer › arrive"));
    CHECK(shows(shown, "Pauze"));
    CHECK(shows(shown, "Stop bezoeker"));
    d.press(kF2);
  }
  // A restart: the session of that visitor (stopped at the close) and the break are still counted.
  auto kiosk = value_or_throw(ui::Kiosk::create(config_in(dir.path), log));
  ui::Kiosk& k = *kiosk;
  Driver d{h, k};
  d.step();
  d.press(kF2);
  std::string shown = d.text();
  INFO(shown);
  CHECK(shows(shown, "Sessies vandaag: 1 (bezoekers met toestemming: 1)"));
  CHECK(shows(shown, "Hygiënepauzes vandaag: 1"));
  d.press(kF2);
  // Another visitor with consent and one without: the database counts only the first.
  d.to_end_screen(true);
  d.press(kEnter);
  d.to_end_screen(false);
  d.press(kEnter);
  d.press(kF2);
  shown = d.text();
  CHECK(shows(shown, "Sessies vandaag: 2 (bezoekers met toestemming: 2)"));
  CHECK(shows(shown, "Zonder toestemming (niet bewaard), sinds de start: 1"));
}

TEST_CASE("kiosk: the end screen's summary follows a language switch", "[ui][kiosk]") {
  TempDir dir("meeloop-end-lang");
  Log log(LogLevel::Warn);
  ImGuiHarness h;
  auto kiosk = value_or_throw(ui::Kiosk::create(config_in(dir.path), log));
  ui::Kiosk& k = *kiosk;
  Driver d{h, k};
  d.to_end_screen(true);
  const std::string nl = d.text();
  d.type("l");
  REQUIRE(k.language() == "en");
  const std::string en = d.text();
  INFO(nl << "\n----\n" << en);
  CHECK(shows(en, "Thank you for walking along!"));
  auto data = profile::load_profile_data(source_dir());
  REQUIRE(data);
  int points = 0;
  for (const auto& dim : data->dims.all()) {
    if (!shows(nl, dim.name.in("nl") + ":")) continue;
    ++points;
    CHECK(shows(en, dim.name.in("en") + ":"));
    if (dim.name.in("nl") != dim.name.in("en")) CHECK(!shows(en, dim.name.in("nl") + ":"));
  }
  CHECK(points > 0);
  // Back at welcome nothing of the visitor is left, in any language.
  const std::string code = k.visitor_code();
  REQUIRE_FALSE(code.empty());
  d.press(kEnter);
  REQUIRE(k.screen_name() == "welcome");
  const std::string after = d.text();
  CHECK(!shows(after, code));
  for (const auto& dim : data->dims.all()) CHECK(!shows(after, dim.name.in("en") + ":"));
}
