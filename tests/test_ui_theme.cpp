// Readable contrast on every kiosk screen: the theme's colour pairs against WCAG 2 level AA
// (4.5:1 for text, 3:1 for the keyboard focus ring and check marks), over a black and a white
// backdrop for anything drawn over the 3D scene; and the overlays that must be seen (the
// language button, the idle question) are drawn on top of the screen, not underneath it.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "test_ui_harness.h"
#include "ui/kiosk.h"
#include "ui/theme.h"

using namespace meeloop;
using namespace meeloop::test;

namespace {

constexpr double kText = 4.5;     // WCAG 2.x AA, normal text
constexpr double kNonText = 3.0;  // WCAG 2.1 1.4.11, focus indicators and controls

ImVec4 opaque(ImVec4 c) { return ImVec4(c.x, c.y, c.z, 1.0f); }

struct Pair {
  std::string what;
  ImVec4 fg, bg;
};

// The order in which windows were drawn this frame (later = on top).
std::vector<std::string> draw_order() {
  std::vector<std::string> out;
  const ImDrawData* dd = ImGui::GetDrawData();
  for (int n = 0; n < dd->CmdListsCount; ++n)
    out.push_back(dd->CmdLists[n]->_OwnerName ? dd->CmdLists[n]->_OwnerName : "");
  return out;
}

long position(const std::vector<std::string>& order, const std::string& name) {
  for (size_t i = 0; i < order.size(); ++i)
    if (order[i] == name) return static_cast<long>(i);
  return -1;
}

}  // namespace

TEST_CASE("ui theme: contrast ratios follow WCAG 2", "[ui][theme]") {
  CHECK(ui::contrast_ratio({1, 1, 1, 1}, {0, 0, 0, 1}) == Approx(21.0));
  CHECK(ui::contrast_ratio({0, 0, 0, 1}, {1, 1, 1, 1}) == Approx(21.0));
  // #767676 on white is the well-known lightest grey that passes AA (4.54:1).
  const float g = 0x76 / 255.0f;
  CHECK(ui::contrast_ratio({g, g, g, 1}, {1, 1, 1, 1}) == Approx(4.54).epsilon(0.01));
  const ImVec4 half = ui::blend_over({1, 1, 1, 0.5f}, {0, 0, 0, 1});
  CHECK(half.x == Approx(0.5f));
  CHECK(half.w == 1.0f);
}

TEST_CASE("ui theme: every text and button colour of the theme has AA contrast", "[ui][theme]") {
  ImGuiStyle style;
  ui::apply_theme(style);
  const ImVec4* c = style.Colors;
  const ui::Palette& p = ui::palette();
  const ImVec4 text = c[ImGuiCol_Text];
  std::vector<Pair> pairs;
  // Full screens are nearly opaque and panels over the 3D scene a little less: the worst case
  // is whatever the scene shows behind them, so try both extremes.
  for (ImVec4 backdrop : {ImVec4(0, 0, 0, 1), ImVec4(1, 1, 1, 1)}) {
    const std::string on = backdrop.x > 0.5f ? " (over white)" : " (over black)";
    const ImVec4 screen = ui::blend_over(c[ImGuiCol_WindowBg], backdrop);
    ImVec4 panel_bg = c[ImGuiCol_WindowBg];
    panel_bg.w = ui::kPanelAlpha;
    const ImVec4 panel = ui::blend_over(panel_bg, backdrop);
    const ImVec4 popup = ui::blend_over(c[ImGuiCol_PopupBg], backdrop);
    for (auto [name, bg] : {std::pair{"screen", screen}, {"panel", panel}, {"popup", popup}}) {
      const std::string where = std::string(" on ") + name + on;
      pairs.push_back({"text" + where, text, bg});
      pairs.push_back({"disabled text" + where, c[ImGuiCol_TextDisabled], bg});
      for (auto [fg_name, fg] : {std::pair{"muted", p.muted}, {"accent", p.accent}, {"warning", p.warning},
                                 {"error", p.error}, {"ok", p.ok}, {"speaker", p.speaker}, {"hint", p.hint},
                                 {"plus", p.plus}, {"minus", p.minus}})
        pairs.push_back({std::string(fg_name) + where, fg, bg});
      // Buttons, highlighted options, fields, title bars and table rows, in every state, with
      // the window's own background (or the scene, for the transparent language-button window).
      for (ImGuiCol col : {ImGuiCol_Button, ImGuiCol_ButtonHovered, ImGuiCol_ButtonActive, ImGuiCol_Header,
                           ImGuiCol_HeaderHovered, ImGuiCol_HeaderActive, ImGuiCol_FrameBg,
                           ImGuiCol_FrameBgHovered, ImGuiCol_FrameBgActive, ImGuiCol_TitleBg,
                           ImGuiCol_TitleBgActive, ImGuiCol_TableHeaderBg, ImGuiCol_TableRowBgAlt}) {
        pairs.push_back({std::string("text on ") + ImGui::GetStyleColorName(col) + where, text,
                         ui::blend_over(c[col], bg)});
      }
      // The language button sits in a window without a background, straight over the scene.
      for (ImGuiCol col : {ImGuiCol_Button, ImGuiCol_ButtonHovered, ImGuiCol_ButtonActive})
        pairs.push_back({std::string("text on ") + ImGui::GetStyleColorName(col) + on, text,
                         ui::blend_over(c[col], backdrop)});
      pairs.push_back({"text on a chosen answer" + where, text, ui::blend_over(p.chosen, bg)});
    }
  }
  for (const Pair& pr : pairs) {
    INFO(pr.what << ": " << ui::contrast_ratio(opaque(pr.fg), pr.bg));
    CHECK(ui::contrast_ratio(opaque(pr.fg), pr.bg) >= kText);
  }
  // The keyboard focus ring must stand out from the buttons it surrounds and from the screen.
  const ImVec4 screen = ui::blend_over(c[ImGuiCol_WindowBg], ImVec4(0, 0, 0, 1));
  for (ImGuiCol col : {ImGuiCol_Button, ImGuiCol_ButtonHovered, ImGuiCol_Header, ImGuiCol_FrameBg}) {
    INFO(ImGui::GetStyleColorName(col));
    CHECK(ui::contrast_ratio(c[ImGuiCol_NavHighlight], ui::blend_over(c[col], screen)) >= kNonText);
  }
  CHECK(ui::contrast_ratio(c[ImGuiCol_NavHighlight], screen) >= kNonText);
  CHECK(ui::contrast_ratio(c[ImGuiCol_CheckMark], c[ImGuiCol_FrameBg]) >= kNonText);
  CHECK(ui::contrast_ratio(c[ImGuiCol_ScrollbarGrab], ui::blend_over(c[ImGuiCol_ScrollbarBg], screen)) >= kNonText);

  // The check is not vacuous: Dear ImGui's own dark style fails it (white on its hover blue).
  ImGuiStyle dark;
  ImGui::StyleColorsDark(&dark);
  CHECK(ui::contrast_ratio(dark.Colors[ImGuiCol_Text], ui::blend_over(dark.Colors[ImGuiCol_ButtonHovered], screen)) <
        kText);
}

TEST_CASE("kiosk: the theme is used, and the overlays are drawn on top of the screen", "[ui][theme]") {
  TempDir dir("meeloop-kiosk-theme");
  Log log(LogLevel::Warn);
  ImGuiHarness h;
  ui::KioskConfig c;
  c.db_path = dir.path / "meeloop.db";
  c.data_dir = source_dir() / "data";
  c.playlist = {source_dir() / "scenes" / "huiskamer"};
  c.idle_timeout_seconds = 40;
  auto kiosk = value_or_throw(ui::Kiosk::create(c, log));
  ui::Kiosk& k = *kiosk;
  auto step = [&](bool input = true, double dt = 1.0 / 60) { h.frame([&] { k.frame(dt, input); }); };
  step();
  step();
  ImGuiStyle theme;
  ui::apply_theme(theme);
  for (ImGuiCol col : {ImGuiCol_Text, ImGuiCol_WindowBg, ImGuiCol_Button, ImGuiCol_ButtonHovered, ImGuiCol_NavHighlight}) {
    INFO(ImGui::GetStyleColorName(col));
    const ImVec4 a = ImGui::GetStyle().Colors[col], b = theme.Colors[col];
    CHECK((a.x == b.x && a.y == b.y && a.z == b.z && a.w == b.w));
  }
  // The welcome screen is the first window ever made; the language button (made after it)
  // used to end up behind it, nearly invisible.
  auto order = draw_order();
  INFO("draw order: " << order.size() << " windows");
  REQUIRE(position(order, "##welcome") >= 0);
  CHECK(position(order, "##language_switch") > position(order, "##welcome"));

  // The idle question appears over the consent screen, not hidden behind it.
  h.press(kEnter);
  step();
  h.type("1");
  step();
  REQUIRE(k.screen_name() == "consent");
  step(false, 31);  // past three quarters of the 40 s timeout
  step(false, 1.0 / 60);
  order = draw_order();
  REQUIRE(position(order, "##idle") >= 0);
  CHECK(position(order, "##idle") > position(order, "##consent"));
  CHECK(position(order, "##language_switch") > position(order, "##consent"));
}
