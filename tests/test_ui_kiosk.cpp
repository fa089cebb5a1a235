// The kiosk headless: the flow's state machine on its own, then whole visitors driven by the
// keyboard from welcome to the end screen through Dear ImGui, checked in a temporary database.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "profile/report.h"
#include "store/event_store.h"
#include "test_ui_harness.h"
#include "ui/kiosk.h"
#include "ui/kiosk_flow.h"
#include "ui/kiosk_settings.h"
#include "ui/recruiter_view.h"

using namespace meeloop;
using namespace meeloop::test;
using ui::Screen;
namespace fs = std::filesystem;

namespace {

constexpr double kFrame = 1.0 / 60.0;

ui::KioskConfig config_in(const fs::path& dir, double idle = 120) {
  ui::KioskConfig c;
  c.db_path = dir / "meeloop.db";
  c.data_dir = source_dir() / "data";
  c.playlist = {source_dir() / "scenes" / "huiskamer"};
  c.idle_timeout_seconds = idle;
  return c;
}

// One frame of the kiosk with whatever the harness has queued.
void step(ImGuiHarness& h, ui::Kiosk& k, bool input = true) {
  h.frame([&] { k.frame(kFrame, input); });
}
void press(ImGuiHarness& h, ui::Kiosk& k, int key) {
  h.press(key);
  step(h, k);
}
void type(ImGuiHarness& h, ui::Kiosk& k, const std::string& s) {
  h.type(s);
  step(h, k);
}

// Plays the current scene to an ending with the keyboard: asks the supervisor once, then
// always takes the highlighted (first) option with Enter. Returns the ending reached.
std::string play_scene(ImGuiHarness& h, ui::Kiosk& k) {
  auto playing = k.playing();
  REQUIRE(playing);
  scenario::Runtime* rt = playing->runtime;
  step(h, k);
  type(h, k, "h");
  CHECK(rt->help_asked());
  for (int guard = 0; guard < 100 && !rt->finished(); ++guard) press(h, k, kEnter);
  REQUIRE(rt->finished());
  std::string ending = rt->ending()->id;
  step(h, k);
  press(h, k, kEnter);  // "Continue" at the ending
  return ending;
}

// A whole visitor by keyboard; returns the participant code shown on the end screen.
std::string visitor(ImGuiHarness& h, ui::Kiosk& k, bool consent, std::string* ending = nullptr) {
  step(h, k);
  REQUIRE(k.screen_name() == "welcome");
  press(h, k, kEnter);
  REQUIRE(k.screen_name() == "language");
  type(h, k, consent ? "1" : "2");
  REQUIRE(k.screen_name() == "consent");
  CHECK(k.language() == (consent ? "nl" : "en"));
  type(h, k, consent ? "j" : "n");
  if (consent) {
    REQUIRE(k.screen_name() == "background");
    type(h, k, "1");          // care experience: none
    press(h, k, kEnter);
    type(h, k, "3");          // situation: side-entrant
    press(h, k, kEnter);
    type(h, k, "2");          // levels: mbo 3 ...
    type(h, k, "3");          // ... and mbo 4
    press(h, k, kEnter);
    press(h, k, kEnter);      // route: left open
  }
  REQUIRE(k.screen_name() == "playing");
  std::string reached = play_scene(h, k);
  if (ending) *ending = reached;
  REQUIRE(k.screen_name() == "end");
  step(h, k);
  std::string code = k.visitor_code();
  press(h, k, kEnter);
  REQUIRE(k.screen_name() == "welcome");
  CHECK(k.visitor_code().empty());  // nothing of this visitor stays on screen
  CHECK_FALSE(k.playing());
  return code;
}

std::unique_ptr<store::EventStore> open_store(const fs::path& db, Log& log) {
  auto st = store::EventStore::open(db, log);
  if (!st) FAIL(st.error().to_string());
  return std::move(st).value();
}

}  // namespace

TEST_CASE("kiosk flow: welcome to end and back, consent refused skips the questions", "[ui][kiosk]") {
  ui::KioskFlow f("nl", 60);
  CHECK(f.screen() == Screen::Welcome);
  CHECK_FALSE(f.choose_language("en"));  // not on this screen
  CHECK(f.start());
  CHECK(f.screen() == Screen::Language);
  CHECK_FALSE(f.choose_language("de"));
  CHECK(f.choose_language("en"));
  CHECK(f.screen() == Screen::Consent);
  CHECK(f.answer_consent(true));
  CHECK(f.screen() == Screen::Background);
  CHECK(f.answer("none"));
  CHECK(f.next_question());
  CHECK(f.answer("returner"));
  CHECK(f.next_question());
  CHECK(f.answer("mbo3"));
  CHECK(f.answer("hbo"));
  CHECK(f.answer("mbo3"));  // toggled off again
  CHECK(f.next_question());
  CHECK(f.next_question());
  CHECK(f.screen() == Screen::Playing);
  CHECK(f.background().care_experience == "none");
  CHECK(f.background().situation == "returner");
  CHECK(f.background().levels_of_interest == std::vector<std::string>{"hbo"});
  f.set_language("nl");  // at any moment
  CHECK(f.language() == "nl");
  CHECK(f.scene_finished(2));
  CHECK(f.screen() == Screen::Playing);
  CHECK(f.scene_index() == 1);
  CHECK(f.scene_finished(2));
  CHECK(f.screen() == Screen::End);
  CHECK(f.finish());
  CHECK(f.screen() == Screen::Welcome);
  CHECK_FALSE(f.consent());
  CHECK(f.background().care_experience.empty());

  CHECK(f.start());
  CHECK(f.choose_language("nl"));
  CHECK(f.answer_consent(false));
  CHECK(f.screen() == Screen::Playing);  // no questions when nothing is stored
  CHECK(f.consent() == false);
}

TEST_CASE("kiosk flow: idle timeout, operator stop, pause and hygiene break", "[ui][kiosk]") {
  ui::KioskFlow f("en", 10);
  CHECK_FALSE(f.tick(100, false));  // nobody there: no timeout at welcome
  f.start();
  CHECK(f.language() == "en");
  CHECK_FALSE(f.tick(7, false));
  CHECK_FALSE(f.idle_warning());
  CHECK_FALSE(f.tick(1, false));
  CHECK(f.idle_warning());
  CHECK_FALSE(f.tick(1, true));  // input resets the clock
  CHECK_FALSE(f.idle_warning());
  f.set_paused(true);
  CHECK_FALSE(f.tick(100, false));  // paused by the operator: the clock stands still
  f.set_paused(false);
  CHECK(f.tick(10, false));
  CHECK(f.screen() == Screen::Welcome);

  f.start();
  f.choose_language("nl");
  CHECK(f.stop());
  CHECK(f.screen() == Screen::Welcome);
  CHECK(f.language() == "en");  // the next visitor starts in the start language
  CHECK_FALSE(f.stop());

  CHECK(f.start_break());
  CHECK(f.screen() == Screen::Break);
  CHECK_FALSE(f.start());
  CHECK(f.end_break());
  CHECK(f.breaks() == 1);
}

TEST_CASE("kiosk: a visitor by keyboard from welcome to the end screen, events in the database", "[ui][kiosk]") {
  TempDir dir("meeloop-kiosk-e2e");
  Log log(LogLevel::Warn);
  ImGuiHarness h;
  std::string ending;
  std::string code;
  {
    ui::Kiosk k(config_in(dir.path), log);
    code = visitor(h, k, true, &ending);
  }
  REQUIRE_FALSE(code.empty());
  auto store = open_store(dir.path / "meeloop.db", log);
  auto who = store->participant(code);
  REQUIRE(who);
  REQUIRE(who.value());
  CHECK(who.value()->consent);
  CHECK(who.value()->language == "nl");
  CHECK(who.value()->background.care_experience == "none");
  CHECK(who.value()->background.situation == "side_entrant");
  CHECK(who.value()->background.levels_of_interest == std::vector<std::string>{"mbo3", "mbo4"});
  auto sessions = store->sessions(code);
  REQUIRE(sessions);
  REQUIRE(sessions->size() == 1);
  CHECK(sessions->front().scene_id == "huiskamer");
  CHECK(sessions->front().ending_id == ending);
  CHECK_FALSE(sessions->front().ended_at.empty());
  auto events = store->events(sessions->front().id);
  REQUIRE(events);
  int help = 0, choices = 0, endings = 0;
  for (const auto& e : events.value()) {
    help += e.kind == "help";
    choices += e.kind == "choice" || e.kind == "interaction";
    endings += e.kind == "ending";
  }
  CHECK(help == 1);
  CHECK(choices >= 2);
  CHECK(endings == 1);
  CHECK(events->back().item_id == ending);
}

TEST_CASE("kiosk: a visitor who refuses consent plays but leaves no record", "[ui][kiosk]") {
  TempDir dir("meeloop-kiosk-noconsent");
  Log log(LogLevel::Warn);
  ImGuiHarness h;
  {
    ui::Kiosk k(config_in(dir.path), log);
    CHECK(visitor(h, k, false).empty());
  }
  std::error_code ec;
  if (fs::exists(dir.path / "meeloop.db", ec)) {
    auto store = open_store(dir.path / "meeloop.db", log);
    auto people = store->participants();
    REQUIRE(people);
    CHECK(people->empty());
  }
}

TEST_CASE("kiosk: the idle timeout closes the session and clears the screen", "[ui][kiosk]") {
  TempDir dir("meeloop-kiosk-idle");
  Log log(LogLevel::Warn);
  ImGuiHarness h;
  ui::Kiosk k(config_in(dir.path, 30), log);
  step(h, k);
  press(h, k, kEnter);
  type(h, k, "1");
  type(h, k, "j");
  type(h, k, "s");  // skip the questions
  REQUIRE(k.screen_name() == "playing");
  step(h, k);
  std::string code = k.visitor_code();
  REQUIRE_FALSE(code.empty());
  press(h, k, kEnter);  // one decision
  REQUIRE(k.playing());
  CHECK(k.playing()->runtime->events_logged() == 1);
  h.frame([&] { k.frame(25, false); });
  CHECK(k.screen_name() == "playing");
  h.frame([&] { k.frame(6, false); });
  CHECK(k.screen_name() == "welcome");
  CHECK(k.visitor_code().empty());
  CHECK_FALSE(k.playing());

  auto store = open_store(dir.path / "meeloop.db", log);
  auto sessions = store->sessions(code);
  REQUIRE(sessions);
  REQUIRE(sessions->size() == 1);
  CHECK_FALSE(sessions->front().ended_at.empty());  // closed properly ...
  CHECK(sessions->front().ending_id.empty());       // ... without an ending
  auto events = store->events(sessions->front().id);
  REQUIRE(events);
  REQUIRE_FALSE(events->empty());  // the decision (and any step timer that ran out meanwhile)
  CHECK(events->front().kind == "choice");
  for (const auto& e : events.value()) CHECK(e.kind != "ending");
}

TEST_CASE("kiosk: F2 opens the operator console, which can stop a visitor", "[ui][kiosk]") {
  TempDir dir("meeloop-kiosk-operator");
  Log log(LogLevel::Warn);
  ImGuiHarness h;
  ui::Kiosk k(config_in(dir.path), log);
  step(h, k);
  press(h, k, kF2);
  CHECK(k.operator_console_open());
  press(h, k, kF2);
  CHECK_FALSE(k.operator_console_open());
  press(h, k, kF3);
  CHECK(k.recruiter_view_open());
  press(h, k, kF3);
  CHECK_FALSE(k.recruiter_view_open());
  // L switches the language on any visitor screen.
  press(h, k, kEnter);
  CHECK(k.language() == "nl");
  type(h, k, "l");
  CHECK(k.language() == "en");
}

TEST_CASE("recruiter PIN: set once, stored only as a salted hash, a wrong PIN is refused", "[ui][recruiter]") {
  TempDir dir("meeloop-pin");
  fs::path file = dir.path / "kiosk-settings.json";
  auto s = ui::KioskSettings::load(file);
  REQUIRE(s);
  CHECK_FALSE(s->has_pin());
  CHECK_FALSE(s->set_pin("12"));     // too short
  CHECK_FALSE(s->set_pin("12ab"));   // not digits
  REQUIRE(s->set_pin("482913"));
  std::ifstream in(file);
  std::stringstream all;
  all << in.rdbuf();
  CHECK(all.str().find("482913") == std::string::npos);
  CHECK(all.str().find("$argon2id$") != std::string::npos);
  CHECK((fs::status(file).permissions() & fs::perms::others_read) == fs::perms::none);
  auto again = ui::KioskSettings::load(file);
  REQUIRE(again);
  CHECK(again->check_pin("482913"));
  CHECK_FALSE(again->check_pin("482914"));
  CHECK_FALSE(again->check_pin(""));
  // A second kiosk with the same PIN gets a different hash (salted).
  auto other = ui::KioskSettings::load(dir.path / "other.json");
  REQUIRE(other->set_pin("482913"));
  std::ifstream in2(dir.path / "other.json");
  std::stringstream all2;
  all2 << in2.rdbuf();
  CHECK(all2.str() != all.str());
}

TEST_CASE("recruiter view: PIN by keyboard, sessions, profile, compare, export and forget", "[ui][recruiter]") {
  TempDir dir("meeloop-recruiter");
  Log log(LogLevel::Warn);
  ImGuiHarness h;
  std::string a, b;
  {
    ui::Kiosk k(config_in(dir.path), log);
    a = visitor(h, k, true);
    b = visitor(h, k, true);
  }
  REQUIRE(a != b);
  auto data = profile::load_profile_data(source_dir());
  REQUIRE(data);
  auto text = ui::UiText::load(source_dir() / "data" / "ui");
  REQUIRE(text);
  auto settings = ui::KioskSettings::load(dir.path / "kiosk-settings.json");
  REQUIRE(settings);
  ui::RecruiterView view(*settings, dir.path / "meeloop.db", *data, *text, log);
  bool open = true;
  auto draw = [&] { view.draw("nl", &open); };
  using Page = ui::RecruiterView::Page;

  // Types into the focused field and presses Enter, with a frame between as a person would.
  auto enter_pin = [&](const std::string& pin) {
    h.frames(2, draw);
    h.type(pin);
    h.frame(draw);
    h.press(kEnter);
    h.frame(draw);
  };
  // First start: choose a PIN, typed twice.
  h.frame(draw);
  REQUIRE(view.page() == Page::SetPin);
  enter_pin("7391");
  CHECK(view.page() == Page::SetPin);
  enter_pin("7391");
  REQUIRE(view.page() == Page::Sessions);
  REQUIRE(view.rows().size() == 2);

  // Locked again: a wrong PIN is refused, the right one opens.
  view.lock();
  h.frame(draw);
  REQUIRE(view.page() == Page::EnterPin);
  enter_pin("1111");
  CHECK(view.page() == Page::EnterPin);
  CHECK(view.message() == text->get("nl", "recruiter.pin_wrong"));
  enter_pin("7391");
  REQUIRE(view.page() == Page::Sessions);
  h.frames(2, draw);

  REQUIRE(view.compare(a, b));
  h.frames(2, draw);
  CHECK(view.page() == Page::Compare);

  REQUIRE(view.open_profile(a));
  h.frames(2, draw);
  CHECK(view.page() == Page::Profile);
  auto exported = view.export_open_profile("nl");
  REQUIRE(exported);
  for (const char* f : {"profile.json", "profile.csv", "xapi.json", "report.html"})
    CHECK(fs::file_size(*exported / f) > 100);
  std::ifstream html(*exported / "report.html");
  std::stringstream page;
  page << html.rdbuf();
  CHECK(page.str().find(a) != std::string::npos);

  auto gone = view.forget_open_profile();
  REQUIRE(gone);
  CHECK(gone->participants == 1);
  CHECK(view.page() == Page::Sessions);
  REQUIRE(view.rows().size() == 1);
  CHECK(view.rows().front().code == b);
  h.frames(2, draw);
}
