// Every kiosk screen drawn headless and saved as a PNG (CPU rasteriser) under the build
// folder, to look at; the test checks each has real content (many colours, not a blank).
#include <catch2/catch.hpp>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb_image_write.h>

#include <imgui_internal.h>

#include "profile/report.h"
#include "test_ui_harness.h"
#include "test_ui_snapshot.h"
#include "ui/kiosk.h"
#include "ui/recruiter_view.h"

using namespace meeloop;
using namespace meeloop::test;
namespace fs = std::filesystem;

namespace {

void save(const std::string& name) {
  Snapshot s = rasterise(ImGui::GetDrawData());
  fs::path dir = MEELOOP_UI_SNAPSHOT_DIR;
  fs::create_directories(dir);
  INFO(name);
  CHECK(stbi_write_png((dir / (name + ".png")).string().c_str(), s.width, s.height, 4, s.rgba.data(), s.width * 4));
  // Text in several colours, anti-aliased: a real screen has hundreds of colours.
  CHECK(s.colour_count() > 100);
}

}  // namespace

TEST_CASE("kiosk screens render with readable text (PNGs in the build folder)", "[ui][screens]") {
  TempDir dir("meeloop-kiosk-screens");
  Log log(LogLevel::Warn);
  ImGuiHarness h(1280, 800, 26);
  ui::KioskConfig c;
  c.db_path = dir.path / "meeloop.db";
  c.data_dir = source_dir() / "data";
  c.playlist = {source_dir() / "scenes" / "huiskamer"};
  std::string code;
  {
    auto kiosk = value_or_throw(ui::Kiosk::create(c, log));
    ui::Kiosk& k = *kiosk;
    auto step = [&] { h.frame([&] { k.frame(1.0 / 60, true); }); };
    auto press = [&](int key) { h.press(key); step(); };
    auto type = [&](const char* s) { h.type(s); step(); };
    step();
    step();  // windows that size themselves appear from their second frame
    save("kiosk-welcome");
    press(kEnter);
    step();
    save("kiosk-language");
    type("1");
    step();
    save("kiosk-consent");
    type("j");
    step();
    save("kiosk-share");
    press(kEnter);
    type("1");
    step();
    save("kiosk-background");
    type("s");
    step();
    type("h");
    step();
    save("kiosk-dialogue");
    scenario::Runtime* rt = k.playing()->runtime;
    for (int i = 0; i < 100 && !rt->finished(); ++i) press(kEnter);
    step();
    press(kEnter);
    step();
    REQUIRE(k.screen_name() == "end");
    save("kiosk-end");
    code = k.visitor_code();
    press(kEnter);
    press(kF2);
    step();
    step();
    step();
    save("kiosk-operator");
  }
  auto data = profile::load_profile_data(source_dir());
  REQUIRE(data);
  auto text = ui::UiText::load(source_dir() / "data" / "ui");
  REQUIRE(text);
  auto settings = ui::KioskSettings::load(dir.path / "kiosk-settings.json");
  REQUIRE(settings);
  people::PeopleService people(c.db_path, log);
  ui::RecruiterView view(*settings, people, *data, *text, log);
  bool open = true;
  auto draw = [&] { view.draw("nl", &open); };
  h.frames(2, draw);
  save("recruiter-no-pin");
  REQUIRE(settings->set_pin("246813"));  // what the operator's `meeloop kiosk-pin` does
  view.lock();
  h.frames(2, draw);
  save("recruiter-pin");
  h.type("246813");
  h.frame(draw);
  h.press(kEnter);
  h.frame(draw);
  REQUIRE(view.page() == ui::RecruiterView::Page::Sessions);
  h.frames(2, draw);
  save("recruiter-sessions");
  REQUIRE(view.open_profile(code));
  h.frames(2, draw);
  save("recruiter-profile");
}

TEST_CASE("the sharing page fits a 1024x600 laptop: wrapped, all three choices and both buttons visible", "[ui][screens][share]") {
  TempDir dir("meeloop-share-small");
  Log log(LogLevel::Warn);
  const float width = 1024, height = 600;
  ImGuiHarness h(width, height, 24);
  ui::KioskConfig c;
  c.db_path = dir.path / "meeloop.db";
  c.data_dir = source_dir() / "data";
  c.playlist = {source_dir() / "scenes" / "huiskamer"};
  auto text = ui::UiText::load(c.data_dir / "ui");
  REQUIRE(text);
  auto kiosk = value_or_throw(ui::Kiosk::create(c, log));
  ui::Kiosk& k = *kiosk;
  auto step = [&] { h.frame([&] { k.frame(1.0 / 60, true); }); };
  step();
  h.press(kEnter);
  step();
  h.type("1");
  step();
  h.type("j");
  step();
  REQUIRE(k.screen_name() == "share");
  for (const char* lang : {"nl", "en"}) {
    INFO(lang);
    if (k.language() != lang) {
      h.type("l");
      step();
    }
    REQUIRE(k.language() == lang);
    step();
    const std::string drawn = h.frame_text([&] { k.frame(1.0 / 60, true); });
    save(std::string("kiosk-share-1024x600-") + lang);
    for (const char* key : {"share.title", "share.none", "share.none_who", "share.organisation",
                            "share.organisation_who", "share.region", "share.region_who", "share.next", "share.start",
                            "share.keys"})
      CHECK(shows(drawn, text->get(lang, key)));
    // Nothing runs off the screen or needs scrolling: every glyph lies wholly inside it, and the
    // page's own text is wrapped inside its column (which keeps 40 px from each side).
    int outside = 0, unwrapped = 0, on_page = 0;
    for (const DrawnGlyph& g : drawn_glyphs()) {
      outside += g.min.x < 0 || g.min.y < 0 || g.max.x > width || g.max.y > height;
      on_page += g.window == "##share";
      unwrapped += g.window == "##share" && (g.min.x < 40 || g.max.x > width - 40);
    }
    CHECK(on_page > 200);
    CHECK(outside == 0);
    CHECK(unwrapped == 0);
    ImGuiWindow* w = ImGui::FindWindowByName("##share");
    REQUIRE(w);
    CHECK(w->ScrollMax.y == 0);
    CHECK(w->ScrollMax.x == 0);
  }
}
