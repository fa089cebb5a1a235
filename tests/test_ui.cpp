// Fonts, interface texts and the dialogue panel, headless: a Dear ImGui context with the real
// DejaVu atlas and keys injected through ImGuiIO.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include <imgui_internal.h>
#include <nlohmann/json.hpp>

#include "scenario/runtime.h"
#include "scenario/scenario_loader.h"
#include "test_ui_harness.h"
#include "ui/dialogue_panel.h"
#include "ui/ui_text.h"

using namespace meeloop;
using namespace meeloop::test;
namespace fs = std::filesystem;

namespace {

// Decodes UTF-8 into code points (the texts are ours, so well-formed input is assumed).
std::vector<unsigned> code_points(const std::string& s) {
  std::vector<unsigned> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    unsigned cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

ui::UiText shipped_text() {
  auto t = ui::UiText::load(source_dir() / "data" / "ui");
  if (!t) FAIL(t.error().to_string());
  return std::move(t).value();
}

scenario::Scenario tiny() {
  scenario::LoadOptions o;
  o.dimensions = {"affinity_pg", "affinity_somatic", "affinity_homecare", "affinity_rehab",
                  "teamwork", "improvisation", "autonomy_dignity", "safety_hygiene",
                  "communication", "noticing_reporting", "daring_to_ask", "guidance_need"};
  auto sc = scenario::load_scenario(source_dir() / "tests" / "data" / "scenarios" / "tiny", o);
  if (!sc) FAIL(sc.error().to_string());
  return std::move(sc).value();
}

}  // namespace

TEST_CASE("every glyph Dutch needs is in the font atlas, in every font", "[ui]") {
  ImGuiHarness h;
  // Dutch diacritics (Latin-1), the ij ligature (Latin Extended-A), typeset punctuation, euro.
  const std::string needed =
      "aeiouyAEIOUY áéíóúÁÉÍÓÚ àèìòùÀÈÌÒÙ äëïöüÄËÏÖÜ âêîôûÂÊÎÔÛ çÇñÑ ĳĲ ‘’‚“”„–—…€ ·«»";
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  REQUIRE(atlas->Fonts.Size == 3);
  for (ImFont* f : atlas->Fonts) {
    for (unsigned cp : code_points(needed)) {
      INFO("font " << f->GetDebugName() << ", U+" << std::hex << cp);
      CHECK(f->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr);
    }
  }
  // Every character of the shipped interface texts, both languages, too.
  ui::UiText text = shipped_text();
  auto nl = std::ifstream(source_dir() / "data" / "ui" / "nl.json");
  std::string all((std::istreambuf_iterator<char>(nl)), std::istreambuf_iterator<char>());
  for (unsigned cp : code_points(all)) {
    if (cp < 0x20) continue;
    INFO("U+" << std::hex << cp);
    CHECK(atlas->Fonts[0]->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr);
  }
}

TEST_CASE("a missing font is a clear error, not a crash", "[ui]") {
  ImGui::CreateContext();
  TempDir dir("meeloop-ui-nofont");
  auto st = ui::load_fonts(ImGui::GetIO(), 24, dir.path);
  REQUIRE_FALSE(st);
  CHECK(st.error().message.find("DejaVuSans.ttf") != std::string::npos);
  CHECK(st.error().message.find("fonts-dejavu-core") != std::string::npos);
  CHECK_FALSE(ui::load_fonts(ImGui::GetIO(), 0, test::settings().paths.font_dir));  // a silly size is refused too
  ImGui::DestroyContext();
}

TEST_CASE("the nl and en interface texts have the same keys", "[ui]") {
  ui::UiText text = shipped_text();
  REQUIRE(text.languages() == std::vector<std::string>{"en", "nl"});
  auto keys = [](const fs::path& f) {
    std::ifstream in(f);
    nlohmann::json j = nlohmann::json::parse(in);
    std::set<std::string> k;
    for (auto& [key, _] : j.items()) k.insert(key);
    return k;
  };
  auto nl = keys(source_dir() / "data" / "ui" / "nl.json");
  CHECK(nl == keys(source_dir() / "data" / "ui" / "en.json"));
  CHECK(nl.size() > 100);
  CHECK(text.get("nl", "consent.yes") == "Ja, dat mag");
  CHECK(text.get("en", "consent.yes") == "Yes, that is fine");
  CHECK(text.get("nl", "no.such.key") == "no.such.key");

  // A language missing a key is refused, naming the file and the key.
  TempDir dir("meeloop-ui-text");
  std::ofstream(dir.path / "nl.json") << R"({"a": "een", "b": "twee"})";
  std::ofstream(dir.path / "en.json") << R"({"a": "one"})";
  auto bad = ui::UiText::load(dir.path);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().kind == ErrorKind::BadInput);
  CHECK(bad.error().file.find("en.json") != std::string::npos);
  CHECK(bad.error().pointer == "/b");
  CHECK(ui::fill("Code: {code}, {code}", {{"code", "X"}}) == "Code: X, X");
}

TEST_CASE("the dialogue panel is driven by the keyboard alone", "[ui]") {
  ImGuiHarness h;
  ui::UiText text = shipped_text();
  scenario::Scenario sc = tiny();
  std::vector<store::Event> events;
  scenario::Runtime rt(sc, [&](store::Event& e) { events.push_back(e); return Status(Ok{}); });
  ui::DialogueState state;
  std::optional<ui::DialogueAction> action;
  auto draw = [&] {
    action = ui::draw_dialogue_panel(rt, "nl", text, state, 900, 500);
    if (action) REQUIRE(ui::apply_dialogue_action(rt, *action, state));
  };
  h.frame(draw);
  CHECK(state.shown_step == "door");
  CHECK_FALSE(action);

  // H asks the work supervisor; the step's own hint is then shown.
  h.type("h");
  h.frame(draw);
  REQUIRE(action);
  CHECK(action->kind == ui::DialogueAction::Kind::AskSupervisor);
  CHECK(state.supervisor_answer == "door.hint");
  CHECK(events.back().kind == "help");

  // Down moves the highlight, Up wraps around, a digit jumps; Enter takes the highlighted option.
  h.press(kDown);
  h.frame(draw);
  CHECK(state.highlighted == 1);
  h.press(kUp);
  h.frame(draw);
  h.press(kUp);
  h.frame(draw);
  CHECK(state.highlighted == 2);  // three options: knock, walk_in, look_curtain
  h.type("1");
  h.frame(draw);
  CHECK(state.highlighted == 0);
  CHECK_FALSE(action);
  h.press(kEnter);
  h.frame(draw);
  REQUIRE(action);
  CHECK(action->id == "knock");
  CHECK(rt.step()->id == "room");
  h.frame(draw);
  CHECK(state.supervisor_answer.empty());  // the hint belonged to the last step

  // Digit 2 then keypad Enter.
  h.type("2");
  h.frame(draw);
  h.press(kKeypadEnter);
  h.frame(draw);
  REQUIRE(rt.finished());
  CHECK(rt.ending()->id == "end_rushed");

  // At the ending Enter continues.
  h.frame(draw);
  CHECK_FALSE(action);
  h.press(kEnter);
  h.frame(draw);
  REQUIRE(action);
  CHECK(action->kind == ui::DialogueAction::Kind::Continue);
  CHECK(events.back().kind == "ending");
}

namespace {

// The largest amount (in pixels) by which a glyph of the window sticks out to the right of
// its clip rectangle: a line cut off at the panel's edge instead of wrapped.
float overflow_right(const char* window) {
  float worst = -1e9f;
  for (const DrawnGlyph& g : drawn_glyphs())
    if (g.window == window) worst = std::max(worst, g.max.x - g.clip.z);
  REQUIRE(worst > -1e9f);  // the window drew text
  return worst;
}

ImGuiWindow* dialogue_window() {
  ImGuiWindow* w = ImGui::FindWindowByName("##dialogue");
  REQUIRE(w);
  return w;
}

}  // namespace

TEST_CASE("ui: the dialogue panel wraps long options and grows instead of cutting them off", "[ui]") {
  ImGuiHarness h;
  ui::UiText text = shipped_text();
  scenario::Scenario sc = tiny();
  scenario::Runtime rt(sc, [](store::Event&) { return Status(Ok{}); });
  ui::DialogueState state;
  auto draw_at = [&](float width, float max_height) {
    return [&, width, max_height] { ui::draw_dialogue_panel(rt, "nl", text, state, width, max_height); };
  };
  // Wide: every option on one line.
  h.frames(2, draw_at(1000, 700));
  const float one_line = dialogue_window()->Size.y;
  CHECK(overflow_right("##dialogue") <= 0.5f);

  // Narrow: "Loop meteen naar binnen" and the rest no longer fit on a line.
  std::string shown;
  h.frame(draw_at(260, 700));
  shown = h.frame_text(draw_at(260, 700));
  INFO(shown);
  CHECK(dialogue_window()->Size.x <= 261);
  CHECK(overflow_right("##dialogue") <= 0.5f);  // nothing runs past the edge ...
  CHECK(dialogue_window()->Size.y > one_line + 60);  // ... the panel grew instead
  CHECK(dialogue_window()->ScrollMax.y == 0);      // and everything fits, so no scrolling
  // Every option's whole text is there (the old panel cut "Loop meteen naar bi").
  for (const char* key : {"door.knock", "door.walk_in", "door.curtain"}) {
    CHECK(shows(shown, std::string(key == std::string("door.knock") ? "1." : "") + sc.text("nl", key)));
  }
  CHECK(shows(shown, "2." + sc.text("nl", "door.walk_in")));
}

TEST_CASE("ui: a dialogue panel that cannot fit scrolls to the option the keyboard picks", "[ui]") {
  ImGuiHarness h;
  ui::UiText text = shipped_text();
  scenario::Scenario sc = tiny();
  scenario::Runtime rt(sc, [](store::Event&) { return Status(Ok{}); });
  ui::DialogueState state;
  std::optional<ui::DialogueAction> action;
  auto draw = [&] { action = ui::draw_dialogue_panel(rt, "nl", text, state, 260, 180); };
  h.frames(3, draw);
  ImGuiWindow* w = dialogue_window();
  CHECK(w->Size.y <= 181);
  REQUIRE(w->ScrollMax.y > 0);  // too much for 180 px: it scrolls, nothing is cut
  CHECK(w->Scroll.y == 0);      // a new step starts at the top
  CHECK(overflow_right("##dialogue") <= 0.5f);

  // The last option is far below: picking it by keyboard scrolls it into view.
  h.type("3");
  h.frame(draw);
  h.frames(2, draw);
  CHECK(state.highlighted == 2);
  CHECK(w->Scroll.y > 0);
  const float at_three = w->Scroll.y;
  h.press(kUp);
  h.frame(draw);
  h.press(kUp);
  h.frame(draw);
  h.frames(2, draw);
  CHECK(state.highlighted == 0);
  CHECK(w->Scroll.y < at_three);
  // Enter still takes the highlighted option, scrolled or not.
  h.press(kEnter);
  h.frame(draw);
  REQUIRE(action);
  CHECK(action->id == "knock");
}
