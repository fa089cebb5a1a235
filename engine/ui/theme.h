#pragma once
// The interface's colours, chosen for readable contrast (WCAG 2 level AA: at least 4.5:1 for
// text, 3:1 for focus marks and controls) on every screen, including text over the 3D scene
// behind a semi-transparent panel. Buttons and highlights are opaque, so their contrast does
// not depend on what is behind them. tests/test_ui_theme.cpp checks every pair.
#include <imgui.h>

namespace meeloop::ui {

// Text colours beside ImGuiCol_Text, for TextColored and PushStyleColor.
struct Palette {
  ImVec4 muted;    // key hints, dates, narration
  ImVec4 accent;   // screen titles
  ImVec4 warning;  // timers, storage warnings, "are you still there?"
  ImVec4 error;    // a wrong PIN, a failed export
  ImVec4 ok;       // "everything is stored"
  ImVec4 speaker;  // who speaks in the dialogue panel
  ImVec4 hint;     // the work supervisor's answer
  ImVec4 plus;     // evidence for a trait
  ImVec4 minus;    // evidence against, low confidence
  ImVec4 chosen;   // the background of a chosen answer (white text on it)
};
const Palette& palette();

// The background alpha of panels drawn over the 3D scene (dialogue panel, scene counter).
inline constexpr float kPanelAlpha = 0.92f;

// Sets every colour of `style` (Dear ImGui's dark style, made readable).
void apply_theme(ImGuiStyle& style);

// WCAG 2 relative luminance of an sRGB colour (alpha ignored), and the contrast ratio of two
// opaque colours (1 .. 21).
double relative_luminance(const ImVec4& c);
double contrast_ratio(const ImVec4& a, const ImVec4& b);
// `top` (with its alpha) blended over the opaque `below`.
ImVec4 blend_over(const ImVec4& top, const ImVec4& below);

}  // namespace meeloop::ui
