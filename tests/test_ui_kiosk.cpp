// The kiosk headless: the flow's state machine on its own, then whole visitors driven by the
// keyboard from welcome to the end screen through Dear ImGui, checked in a temporary database.
#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>
#include <sstream>

#include "people/people_service.h"
#include "profile/report.h"
#include "run_meeloop.h"
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
// `share_key`: the digit typed on the sharing page ("" picks nothing, which keeps it here).
std::string visitor(ImGuiHarness& h, ui::Kiosk& k, bool consent, std::string* ending = nullptr,
                    const std::string& share_key = "") {
  step(h, k);
  REQUIRE(k.screen_name() == "welcome");
  press(h, k, kEnter);
  REQUIRE(k.screen_name() == "language");
  type(h, k, consent ? "1" : "2");
  REQUIRE(k.screen_name() == "consent");
  CHECK(k.language() == (consent ? "nl" : "en"));
  type(h, k, consent ? "j" : "n");
  if (consent) {
    REQUIRE(k.screen_name() == "share");
    if (!share_key.empty()) type(h, k, share_key);
    press(h, k, kEnter);
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

// Where the drawn `text` (spaces ignored) starts on screen in the last frame: the middle of its
// first glyph. Fails when it is not drawn.
ImVec2 where(const std::string& text) {
  std::string want;
  for (char c : text)
    if (c != ' ') want += c;
  const auto glyphs = drawn_glyphs();
  std::string drawn;
  std::vector<size_t> glyph_at;  // the glyph each byte of `drawn` came from
  for (size_t i = 0; i < glyphs.size(); ++i) {
    const unsigned c = glyphs[i].codepoint;
    std::string utf8;
    if (c < 0x80) utf8 = std::string(1, static_cast<char>(c));
    else if (c < 0x800) utf8 = {static_cast<char>(0xC0 | (c >> 6)), static_cast<char>(0x80 | (c & 0x3F))};
    else
      utf8 = {static_cast<char>(0xE0 | (c >> 12)), static_cast<char>(0x80 | ((c >> 6) & 0x3F)),
              static_cast<char>(0x80 | (c & 0x3F))};
    drawn += utf8;
    glyph_at.insert(glyph_at.end(), utf8.size(), i);
  }
  const size_t at = drawn.find(want);
  INFO(text);
  REQUIRE(at != std::string::npos);
  const DrawnGlyph& g = glyphs[glyph_at[at]];
  return ImVec2((g.min.x + g.max.x) / 2, (g.min.y + g.max.y) / 2);
}

// A finger on the screen at `at`: down for one frame, lifted the next (what ImGui calls a click).
void tap(ImGuiHarness& h, ui::Kiosk& k, ImVec2 at) {
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = at;
  io.MouseDown[0] = true;
  step(h, k);
  io.MouseDown[0] = false;
  step(h, k);
}

std::unique_ptr<store::EventStore> open_store(const fs::path& db, Log& log) {
  auto st = store::EventStore::open(db, log);
  if (!st) FAIL(st.error().to_string());
  return std::move(st).value();
}

// The participant `code` as stored; fails the test when there is none.
store::Participant stored(const store::EventStore& store, const std::string& code) {
  auto who = store.participant(code);
  REQUIRE(who);
  REQUIRE(who.value());
  return *who.value();
}

// A kiosk on a database in a temporary folder named after the test, the harness that drives it
// (made first, so it outlives the kiosk) and the interface texts to look for on screen.
struct KioskRig {
  TempDir dir;
  ui::KioskConfig config;
  Log log{LogLevel::Warn};
  ImGuiHarness h;
  ui::UiText text;
  std::unique_ptr<ui::Kiosk> kiosk;

  explicit KioskRig(const std::string& name, double idle = 120)
      : dir(name),
        config(config_in(dir.path, idle)),
        text(value_or_throw(ui::UiText::load(source_dir() / "data" / "ui"))),
        kiosk(value_or_throw(ui::Kiosk::create(config, log))) {}
  std::unique_ptr<store::EventStore> store() { return open_store(config.db_path, log); }
};

}  // namespace

TEST_CASE("a kiosk needs its data folder and database passed in, and finds huiskamer beside the data", "[ui][kiosk]") {
  TempDir dir;
  Log log(LogLevel::Off);
  ImGuiHarness h;
  ui::KioskConfig no_db = config_in(dir.path);
  no_db.db_path.clear();
  CHECK_FALSE(ui::Kiosk::create(no_db, log));
  ui::KioskConfig no_data = config_in(dir.path);
  no_data.data_dir.clear();
  CHECK_FALSE(ui::Kiosk::create(no_data, log));
  CHECK_FALSE(fs::exists(dir.path / "meeloop.db"));  // refused before anything was opened
  ui::KioskConfig default_playlist = config_in(dir.path);
  default_playlist.playlist.clear();
  CHECK(ui::Kiosk::create(default_playlist, log));
}

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
  CHECK(f.screen() == Screen::Share);
  CHECK(f.share() == store::ShareScope::None);  // nothing travels until the visitor picks
  CHECK_FALSE(f.answer("none"));                 // the questions come after this page
  CHECK(f.choose_share(store::ShareScope::Region));
  CHECK(f.choose_share(store::ShareScope::Organisation));  // a visitor may change their mind
  CHECK(f.confirm_share());
  CHECK(f.screen() == Screen::Background);
  CHECK_FALSE(f.choose_share(store::ShareScope::Region));  // not on this page any more
  CHECK(f.share() == store::ShareScope::Organisation);
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
  CHECK(f.share() == store::ShareScope::None);  // the next visitor starts from "this laptop only"
  CHECK(f.background().care_experience.empty());

  CHECK(f.start());
  CHECK(f.choose_language("nl"));
  CHECK(f.answer_consent(false));
  CHECK(f.screen() == Screen::Playing);  // no questions when nothing is stored
  CHECK(f.consent() == false);
  CHECK(f.share() == store::ShareScope::None);
}

TEST_CASE("kiosk flow: the sharing page can start the scene at once, keeping the pick", "[ui][kiosk]") {
  ui::KioskFlow f("nl", 60);
  CHECK(f.start());
  CHECK(f.choose_language("nl"));
  CHECK(f.answer_consent(true));
  CHECK(f.choose_share(store::ShareScope::Region));
  CHECK(f.skip_background());
  CHECK(f.screen() == Screen::Playing);
  CHECK(f.share() == store::ShareScope::Region);
  CHECK(f.stop());
  CHECK(f.share() == store::ShareScope::None);
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
  KioskRig rig("meeloop-kiosk-e2e");
  std::string ending;
  const std::string code = visitor(rig.h, *rig.kiosk, true, &ending);
  rig.kiosk.reset();
  REQUIRE_FALSE(code.empty());
  auto store = rig.store();
  const store::Participant who = stored(*store, code);
  CHECK(who.consent);
  CHECK(who.language == "nl");
  CHECK(who.background.care_experience == "none");
  CHECK(who.background.situation == "side_entrant");
  CHECK(who.background.levels_of_interest == std::vector<std::string>{"mbo3", "mbo4"});
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
  KioskRig rig("meeloop-kiosk-noconsent");
  CHECK(visitor(rig.h, *rig.kiosk, false).empty());
  rig.kiosk.reset();
  std::error_code ec;
  if (fs::exists(rig.config.db_path, ec)) {
    auto store = rig.store();
    auto people = store->participants();
    REQUIRE(people);
    CHECK(people->empty());
  }
}

TEST_CASE("kiosk: a visitor who shares with the region has scope region and outbox rows, the console counts them", "[ui][kiosk][share]") {
  KioskRig rig("meeloop-kiosk-region");
  ImGuiHarness& h = rig.h;
  ui::Kiosk& k = *rig.kiosk;
  const std::string code = visitor(h, k, true, nullptr, "3");
  REQUIRE_FALSE(code.empty());
  int waiting = 0;
  {
    auto store = rig.store();
    CHECK(stored(*store, code).share == store::ShareScope::Region);
    auto counts = store->outbox_counts();
    REQUIRE(counts);
    waiting = counts->pending;
    auto events = store->events_for_participant(code);
    REQUIRE(events);
    CHECK(waiting == static_cast<int>(events->size()) + 1);  // every event and the session's end
    auto due = store->pending_outbox(1000);
    REQUIRE(due);
    REQUIRE(due->size() == static_cast<size_t>(waiting));
    for (const auto& item : due.value()) {
      CHECK(item.share == store::ShareScope::Region);
      CHECK(item.session.participant_code == code);
    }
  }
  // The operator sees what waits for the hub, and an erasure once the person is forgotten.
  press(h, k, kF2);
  std::string shown = h.frame_text([&] { k.frame(kFrame, true); });
  INFO(shown);
  CHECK(shows(shown, ui::fill(rig.text.get("nl", "operator.sync"),
                              {{"waiting", std::to_string(waiting)}, {"erasures", "0"}})));
  // A send that failed is shown as such: the kiosk tries it again later.
  {
    auto store = rig.store();
    auto due = store->pending_outbox(1);
    REQUIRE(due);
    REQUIRE(due->size() == 1);
    REQUIRE(store->mark_failed({due->front().id}, store::outbox_next_attempt(1, std::chrono::system_clock::now())));
  }
  h.frame([&] { k.frame(6, true); });  // the console re-reads its counts every few seconds
  shown = h.frame_text([&] { k.frame(kFrame, true); });
  CHECK(shows(shown, ui::fill(rig.text.get("nl", "operator.sync"),
                              {{"waiting", std::to_string(waiting)}, {"erasures", "0"}})));
  CHECK(shows(shown, ui::fill(rig.text.get("nl", "operator.sync_failed"), {{"failed", "1"}})));
  {
    people::PeopleService people(rig.config.db_path, rig.log);
    REQUIRE(people.erase(code));
  }
  h.frame([&] { k.frame(6, true); });  // the console re-reads its counts every few seconds
  shown = h.frame_text([&] { k.frame(kFrame, true); });
  CHECK(shows(shown, ui::fill(rig.text.get("nl", "operator.sync"), {{"waiting", "0"}, {"erasures", "1"}})));
}

TEST_CASE("kiosk: a visitor who keeps their profile on this laptop has scope none and no outbox rows", "[ui][kiosk][share]") {
  KioskRig rig("meeloop-kiosk-laptop");
  ImGuiHarness& h = rig.h;
  ui::Kiosk& k = *rig.kiosk;
  const std::string here = visitor(h, k, true, nullptr, "");   // Enter without a pick
  const std::string also = visitor(h, k, true, nullptr, "1");  // "this laptop only" picked
  auto store = rig.store();
  for (const std::string& code : {here, also}) CHECK(stored(*store, code).share == store::ShareScope::None);
  auto counts = store->outbox_counts();
  REQUIRE(counts);
  CHECK(counts->pending + counts->failed + counts->sent == 0);
  press(h, k, kF2);
  const std::string shown = h.frame_text([&] { k.frame(kFrame, true); });
  CHECK(shows(shown, rig.text.get("nl", "operator.sync_idle")));
}

TEST_CASE("kiosk: the sharing choice works by touch, and a second visitor starts from this laptop only", "[ui][kiosk][share]") {
  KioskRig rig("meeloop-kiosk-share-touch");
  ImGuiHarness& h = rig.h;
  ui::Kiosk& k = *rig.kiosk;
  const ui::UiText& text = rig.text;
  auto to_share_page = [&] {
    step(h, k);
    press(h, k, kEnter);
    type(h, k, "1");
    type(h, k, "j");
    REQUIRE(k.screen_name() == "share");
    step(h, k);
  };
  to_share_page();
  tap(h, k, where(text.get("nl", "share.organisation")));
  CHECK(k.screen_name() == "share");
  step(h, k);
  tap(h, k, where(text.get("nl", "share.start")));
  REQUIRE(k.screen_name() == "playing");
  step(h, k);
  const std::string first = k.visitor_code();
  REQUIRE_FALSE(first.empty());
  press(h, k, kF2);
  h.frame([&] { k.frame(kFrame, true); });
  // The operator stops this visitor; the next one has not picked anything.
  tap(h, k, where(text.get("nl", "operator.stop")));
  REQUIRE(k.screen_name() == "welcome");
  press(h, k, kF2);
  to_share_page();
  tap(h, k, where(text.get("nl", "share.next")));
  REQUIRE(k.screen_name() == "background");
  type(h, k, "s");
  REQUIRE(k.screen_name() == "playing");
  step(h, k);
  const std::string second = k.visitor_code();
  REQUIRE_FALSE(second.empty());
  auto store = rig.store();
  CHECK(stored(*store, first).share == store::ShareScope::Organisation);
  CHECK(stored(*store, second).share == store::ShareScope::None);
}

TEST_CASE("kiosk: the idle timeout closes the session and clears the screen", "[ui][kiosk]") {
  KioskRig rig("meeloop-kiosk-idle", 30);
  ImGuiHarness& h = rig.h;
  ui::Kiosk& k = *rig.kiosk;
  step(h, k);
  press(h, k, kEnter);
  type(h, k, "1");
  type(h, k, "j");
  REQUIRE(k.screen_name() == "share");
  type(h, k, "s");  // start at once, without the questions
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

  auto store = rig.store();
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
  KioskRig rig("meeloop-kiosk-operator");
  ImGuiHarness& h = rig.h;
  ui::Kiosk& k = *rig.kiosk;
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

namespace {

// A PIN try's answer; an error (the settings file could not be read or written) fails the test.
ui::KioskSettings::PinTry tried(Result<ui::KioskSettings::PinTry> r) {
  if (!r) FAIL(r.error().to_string());
  return r.value();
}

}  // namespace

TEST_CASE("recruiter PIN: at least 6 digits, stored only as a salted hash in a 0600 file", "[ui][recruiter]") {
  TempDir dir("meeloop-pin");
  fs::path file = dir.path / "kiosk-settings.json";
  auto s = ui::KioskSettings::load(file);
  REQUIRE(s);
  CHECK_FALSE(s->has_pin());
  CHECK_FALSE(s->set_pin("12"));
  CHECK_FALSE(s->set_pin("12345"));    // 5 digits: too short
  CHECK_FALSE(s->set_pin("12ab56"));   // not digits
  CHECK_FALSE(s->set_pin("1234567890123"));  // 13 digits: too long
  CHECK_FALSE(fs::exists(file));
  REQUIRE(s->set_pin("482913"));
  std::ifstream in(file);
  std::stringstream all;
  all << in.rdbuf();
  CHECK(all.str().find("482913") == std::string::npos);
  CHECK(all.str().find("$argon2id$") != std::string::npos);
  CHECK(fs::status(file).permissions() == (fs::perms::owner_read | fs::perms::owner_write));
  auto again = ui::KioskSettings::load(file);
  REQUIRE(again);
  CHECK(tried(again->try_pin("482914")) == ui::KioskSettings::PinTry::Wrong);
  CHECK(tried(again->try_pin("482913")) == ui::KioskSettings::PinTry::Right);
  CHECK(again->wrong_tries() == 0);
  // A second kiosk with the same PIN gets a different hash (salted).
  auto other = ui::KioskSettings::load(dir.path / "other.json");
  REQUIRE(other->set_pin("482913"));
  std::ifstream in2(dir.path / "other.json");
  std::stringstream all2;
  all2 << in2.rdbuf();
  CHECK(all2.str() != all.str());
}

TEST_CASE("kiosk settings are written safely: 0600 from the start, no planted link is followed", "[ui][recruiter]") {
  TempDir dir("meeloop-pin-write");
  const fs::path file = dir.path / "kiosk-settings.json", victim = dir.path / "victim.txt";
  std::ofstream(victim) << "someone else's file\n";
  // The old code wrote "<file>.tmp" with the umask's mode (0644) and chmod-ed only after the
  // rename, following a link planted at that name.
  fs::create_symlink(victim, fs::path(file.string() + ".tmp"));
  auto s = ui::KioskSettings::load(file);
  REQUIRE(s);
  REQUIRE(s->set_pin("482913"));
  std::ifstream v(victim);
  std::stringstream text;
  text << v.rdbuf();
  CHECK(text.str() == "someone else's file\n");
  CHECK(fs::status(file).permissions() == (fs::perms::owner_read | fs::perms::owner_write));
  int entries = 0;
  for (const auto& e : fs::directory_iterator(dir.path)) entries += e.path().filename() != victim.filename();
  CHECK(entries == 2);  // the settings file and the planted link: no temp file left behind
  // A link in place of the settings file itself is refused, not replaced or followed.
  fs::remove(file);
  fs::create_symlink(victim, file);
  auto refused = s->set_pin("482913");
  REQUIRE_FALSE(refused);
  CHECK(fs::is_symlink(file));
  std::ifstream v2(victim);
  std::stringstream text2;
  text2 << v2.rdbuf();
  CHECK(text2.str() == "someone else's file\n");
}

TEST_CASE("recruiter PIN: the wait after wrong tries grows and is kept in the settings file", "[ui][recruiter]") {
  TempDir dir("meeloop-pin-wait");
  const fs::path file = dir.path / "kiosk-settings.json";
  using Try = ui::KioskSettings::PinTry;
  using namespace std::chrono_literals;
  const auto t0 = ui::KioskSettings::Clock::now();
  {
    auto s = ui::KioskSettings::load(file);
    REQUIRE(s);
    CHECK(tried(s->try_pin("482913", t0)) == Try::NoPin);
    REQUIRE(s->set_pin("482913"));
    for (int i = 1; i < ui::KioskSettings::kTriesBeforeWait; ++i) {
      CHECK(tried(s->try_pin("000000", t0)) == Try::Wrong);
      CHECK(s->wait_seconds(t0) == 0);
    }
    CHECK(tried(s->try_pin("000000", t0)) == Try::Wrong);
    CHECK(s->wait_seconds(t0) == 30);
  }
  // A restart: a fresh object from the same file keeps the count and the wait, and refuses
  // even the right PIN, unchecked, until the wait is over.
  auto s = ui::KioskSettings::load(file);
  REQUIRE(s);
  CHECK(s->wrong_tries() == ui::KioskSettings::kTriesBeforeWait);
  CHECK(s->wait_seconds(t0 + 10s) == 20);
  CHECK(tried(s->try_pin("482913", t0 + 10s)) == Try::Wait);
  // Another wrong try after the wait doubles it.
  CHECK(tried(s->try_pin("000000", t0 + 31s)) == Try::Wrong);
  CHECK(s->wait_seconds(t0 + 31s) == 60);
  CHECK(tried(s->try_pin("482913", t0 + 60s)) == Try::Wait);
  CHECK(tried(s->try_pin("482913", t0 + 92s)) == Try::Right);
  CHECK(s->wrong_tries() == 0);
  auto after = ui::KioskSettings::load(file);
  REQUIRE(after);
  CHECK(after->wrong_tries() == 0);
  CHECK(after->wait_seconds(t0 + 92s) == 0);
  // The wait never grows past 15 minutes, and setting a PIN (the operator) lifts it.
  for (int i = 0; i < 20; ++i) (void)after->try_pin("000000", t0 + 3600s * (i + 1));
  CHECK(after->wait_seconds(t0 + 3600s * 20) == 15 * 60);
  REQUIRE(after->set_pin("482913"));
  CHECK(after->wait_seconds(t0 + 3600s * 20) == 0);
}

TEST_CASE("recruiter view: PIN by keyboard, sessions, profile, compare, export and forget", "[ui][recruiter]") {
  KioskRig rig("meeloop-recruiter");
  ImGuiHarness& h = rig.h;
  const std::string a = visitor(h, *rig.kiosk, true);
  const std::string b = visitor(h, *rig.kiosk, true);
  rig.kiosk.reset();
  REQUIRE(a != b);
  auto data = profile::load_profile_data(source_dir());
  REQUIRE(data);
  const fs::path settings_file = ui::KioskSettings::default_path(rig.config.db_path);
  auto settings = ui::KioskSettings::load(settings_file);
  REQUIRE(settings);
  people::PeopleService people(rig.config.db_path, rig.log,
                               profile::XapiOptions{"https://werkenindezorg.example/regio-west"});
  ui::RecruiterView view(*settings, people, *data, rig.text, rig.log);
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
  // No PIN yet: locked, with the operator's command, and typing sets nothing.
  h.frame(draw);
  REQUIRE(view.page() == Page::NoPin);
  enter_pin("739146");
  enter_pin("739146");
  CHECK(view.page() == Page::NoPin);
  CHECK(view.rows().empty());
  CHECK_FALSE(settings->has_pin());
  // The operator sets it on the laptop (what `meeloop kiosk-pin` does); the open view sees it.
  {
    auto operator_side = ui::KioskSettings::load(settings_file);
    REQUIRE(operator_side);
    REQUIRE(operator_side->set_pin("739146"));
  }
  h.frames(70, draw);  // it looks again once a second
  REQUIRE(view.page() == Page::EnterPin);
  enter_pin("7391");  // too short: said so, not counted
  CHECK(view.message() == rig.text.get("nl", "recruiter.pin_too_short"));
  CHECK(settings->wrong_tries() == 0);
  enter_pin("739146");
  REQUIRE(view.page() == Page::Sessions);
  REQUIRE(view.rows().size() == 2);

  // Locked again: a wrong PIN is refused, the right one opens.
  view.lock();
  h.frame(draw);
  REQUIRE(view.page() == Page::EnterPin);
  enter_pin("111111");
  CHECK(view.page() == Page::EnterPin);
  CHECK(view.message() == rig.text.get("nl", "recruiter.pin_wrong"));
  enter_pin("739146");
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
  std::ifstream xapi(*exported / "xapi.json");
  const auto statements = nlohmann::json::parse(xapi);
  REQUIRE_FALSE(statements.empty());
  CHECK(statements[0]["actor"]["account"]["homePage"] == "https://werkenindezorg.example/regio-west");

  auto gone = view.forget_open_profile();
  REQUIRE(gone);
  CHECK(gone->participants == 1);
  CHECK_FALSE(fs::exists(*exported));  // forget takes the exported files with it
  CHECK(view.page() == Page::Sessions);
  REQUIRE(view.rows().size() == 1);
  CHECK(view.rows().front().code == b);
  h.frames(2, draw);
}

TEST_CASE("recruiter view: with no PIN, F3 shows a locked screen with the set-up command and no profile", "[ui][recruiter]") {
  KioskRig rig("meeloop-no-pin");
  ImGuiHarness& h = rig.h;
  ui::Kiosk& k = *rig.kiosk;
  const ui::KioskConfig& c = rig.config;
  const std::string code = visitor(h, k, true);
  press(h, k, kF3);
  REQUIRE(k.recruiter_view_open());
  std::string drawn;
  for (int i = 0; i < 3; ++i) drawn = h.frame_text([&] { k.frame(kFrame, true); });
  CHECK(shows(drawn, rig.text.get("nl", "recruiter.no_pin")));
  CHECK(shows(drawn, "meeloop kiosk-pin --db " + c.db_path.string()));
  CHECK_FALSE(shows(drawn, code));
  // Whatever a visitor types there, no PIN is set and nothing opens.
  type(h, k, "123456");
  press(h, k, kEnter);
  drawn = h.frame_text([&] { k.frame(kFrame, true); });
  CHECK_FALSE(shows(drawn, code));
  CHECK(shows(drawn, rig.text.get("nl", "recruiter.no_pin")));
  CHECK_FALSE(fs::exists(ui::KioskSettings::default_path(c.db_path)));
}

TEST_CASE("recruiter view: after 3 wrong PINs the wait holds, also in a restarted kiosk", "[ui][recruiter]") {
  TempDir dir("meeloop-pin-restart");
  Log log(LogLevel::Error);
  ImGuiHarness h;
  ui::KioskConfig c = config_in(dir.path);
  {
    auto operator_side = ui::KioskSettings::load(ui::KioskSettings::default_path(c.db_path));
    REQUIRE(operator_side);
    REQUIRE(operator_side->set_pin("482913"));
  }
  auto text = ui::UiText::load(source_dir() / "data" / "ui");
  REQUIRE(text);
  const std::string wait_words = "Te vaak fout.";
  auto kiosk_text = [&](ui::Kiosk& k) { return h.frame_text([&] { k.frame(kFrame, true); }); };
  {
    auto kiosk = value_or_throw(ui::Kiosk::create(c, log));
    ui::Kiosk& k = *kiosk;
    step(h, k);
    press(h, k, kF3);
    for (int i = 0; i < ui::KioskSettings::kTriesBeforeWait; ++i) {
      step(h, k);
      step(h, k);  // the field takes the keyboard focus a frame after it is asked to
      type(h, k, "000000");
      press(h, k, kEnter);
    }
    std::string drawn = kiosk_text(k);
    CHECK(shows(drawn, wait_words));
    // Closing and opening the view does not lift it.
    press(h, k, kF3);
    press(h, k, kF3);
    CHECK(shows(kiosk_text(k), wait_words));
  }
  // A restart: a new kiosk from the same settings file still waits, and the right PIN typed
  // now opens nothing.
  auto kiosk = value_or_throw(ui::Kiosk::create(c, log));
  ui::Kiosk& k = *kiosk;
  step(h, k);
  press(h, k, kF3);
  step(h, k);
  step(h, k);
  std::string drawn = kiosk_text(k);
  CHECK(shows(drawn, wait_words));
  type(h, k, "482913");
  press(h, k, kEnter);
  step(h, k);
  drawn = kiosk_text(k);
  CHECK(shows(drawn, wait_words));
  CHECK_FALSE(shows(drawn, text->get("nl", "recruiter.sessions")));
  auto reread = ui::KioskSettings::load(ui::KioskSettings::default_path(c.db_path));
  REQUIRE(reread);
  CHECK(reread->wrong_tries() == ui::KioskSettings::kTriesBeforeWait);
  CHECK(reread->wait_seconds() > 20);
}

namespace {

struct PinRun {
  int code = -1;
  std::string out;
};

// `meeloop kiosk-pin` with `input` piped to it (not a terminal: one line, asked once).
PinRun kiosk_pin(const std::string& input, const std::string& args) {
  PinRun r;
  const std::string bin = meeloop_path(MEELOOP_BIN_FALLBACK);
  r.code = run_captured("printf '" + input + "' | " + bin + " kiosk-pin " + args + " 2>&1", r.out);
  return r;
}

}  // namespace

TEST_CASE("meeloop kiosk-pin: fewer than 6 digits is exit 2, 6 digits store a hash in a 0600 file", "[ui][recruiter][cli]") {
  TempDir dir("meeloop-kiosk-pin");
  const fs::path db = dir.path / "meeloop.db", file = dir.path / "kiosk-settings.json";
  const std::string at = "--db '" + db.string() + "'";
  for (const char* bad : {"12345\\n", "12ab56\\n", "1234567890123\\n", ""}) {
    PinRun r = kiosk_pin(bad, at);
    INFO(bad << ": " << r.out);
    CHECK(r.code == 2);
    CHECK_FALSE(fs::exists(file));
  }
  PinRun on_line = kiosk_pin("", at + " 123456");  // never on the command line (shell history)
  CHECK(on_line.code == 2);
  CHECK_FALSE(fs::exists(file));

  PinRun r = kiosk_pin("123456\\n", at);
  INFO(r.out);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("123456") == std::string::npos);
  REQUIRE(fs::exists(file));
  CHECK(fs::status(file).permissions() == (fs::perms::owner_read | fs::perms::owner_write));
  std::ifstream in(file);
  std::stringstream all;
  all << in.rdbuf();
  CHECK(all.str().find("123456") == std::string::npos);
  CHECK(all.str().find("$argon2id$") != std::string::npos);
  auto s = ui::KioskSettings::load(file);
  REQUIRE(s);
  CHECK(tried(s->try_pin("654321")) == ui::KioskSettings::PinTry::Wrong);
  CHECK(tried(s->try_pin("123456")) == ui::KioskSettings::PinTry::Right);
  // --settings names the file directly; setting a PIN again replaces it.
  const fs::path other = dir.path / "elsewhere.json";
  PinRun again = kiosk_pin("246813\\r\\n", "--settings '" + other.string() + "'");
  INFO(again.out);
  REQUIRE(again.code == 0);
  auto o = ui::KioskSettings::load(other);
  REQUIRE(o);
  CHECK(tried(o->try_pin("246813")) == ui::KioskSettings::PinTry::Right);
}
