// The kiosk headless with a host's background sync (KioskConfig::session_ended, hub_sync): the
// operator console shows its last time, what it sent and its last error, nothing of it without
// one, and a visitor's session end pokes it. `meeloop kiosk --hub` itself: test_sync_background.
#include <catch2/catch.hpp>

#include "test_ui_harness.h"
#include "ui/kiosk.h"
#include "ui/ui_text.h"

using namespace meeloop;
using namespace meeloop::test;
namespace fs = std::filesystem;

namespace {

constexpr double kFrame = 1.0 / 60.0;

struct Rig {
  TempDir dir{"meeloop-kiosk-hub-sync"};
  Log log{LogLevel::Warn};
  ImGuiHarness h;  // before the kiosk, so it outlives it
  ui::UiText text = value_or_throw(ui::UiText::load(source_dir() / "data" / "ui"));
  int session_ends = 0;
  std::optional<ui::HubSyncStatus> status;
  std::unique_ptr<ui::Kiosk> kiosk;

  explicit Rig(bool with_sync) {
    ui::KioskConfig c;
    c.db_path = dir.path / "meeloop.db";
    c.data_dir = source_dir() / "data";
    c.playlist = {source_dir() / "scenes" / "huiskamer"};
    if (with_sync) {
      c.session_ended = [this] { ++session_ends; };
      c.hub_sync = [this] { return status; };
    }
    kiosk = value_or_throw(ui::Kiosk::create(c, log));
  }
  void step() { h.frame([&] { kiosk->frame(kFrame, true); }); }
  void press(int key) {
    h.press(key);
    step();
  }
  void type(const std::string& s) {
    h.type(s);
    step();
  }
  std::string console() {
    press(kF2);
    return h.frame_text([&] { kiosk->frame(kFrame, true); });
  }
};

}  // namespace

TEST_CASE("the operator console shows the background sync's last time, what it sent and its last error", "[ui][kiosk][sync]") {
  Rig rig(true);
  rig.status = ui::HubSyncStatus{"14:05", 12, "sending statements: the hub could not be reached"};
  rig.step();
  const std::string shown = rig.console();
  INFO(shown);
  CHECK(shows(shown, ui::fill(rig.text.get("nl", "operator.hub_last"), {{"time", "14:05"}, {"sent", "12"}})));
  CHECK(shows(shown, ui::fill(rig.text.get("nl", "operator.hub_error"),
                              {{"message", "sending statements: the hub could not be reached"}})));
}

TEST_CASE("without a background sync the console says nothing of one", "[ui][kiosk][sync]") {
  Rig rig(false);
  rig.step();
  const std::string shown = rig.console();
  INFO(shown);
  CHECK_FALSE(shows(shown, rig.text.get("nl", "operator.hub_not_yet")));
  CHECK_FALSE(shows(shown, "14:05"));
  CHECK(shows(shown, rig.text.get("nl", "operator.sync_idle")));  // the console itself is there
}

TEST_CASE("a visitor's session end pokes the background sync", "[ui][kiosk][sync]") {
  Rig rig(true);
  rig.step();
  REQUIRE(rig.kiosk->screen_name() == "welcome");
  rig.press(kEnter);
  rig.type("1");  // Nederlands
  rig.type("j");  // consent
  REQUIRE(rig.kiosk->screen_name() == "share");
  rig.type("3");  // the region
  rig.type("s");  // straight to the scene
  REQUIRE(rig.kiosk->screen_name() == "playing");
  scenario::Runtime* rt = rig.kiosk->playing()->runtime;
  rig.step();
  for (int guard = 0; guard < 100 && !rt->finished(); ++guard) rig.press(kEnter);
  REQUIRE(rt->finished());
  CHECK(rig.session_ends == 0);  // still on the ending's screen: the session is open
  rig.step();
  rig.press(kEnter);  // "Continue" ends the session
  REQUIRE(rig.kiosk->screen_name() == "end");
  CHECK(rig.session_ends == 1);
}
