#include "ui/theme.h"

#include <algorithm>
#include <cmath>

namespace meeloop::ui {

const Palette& palette() {
  static const Palette p{
      {0.74f, 0.76f, 0.79f, 1.0f},  // muted
      {0.45f, 0.85f, 0.80f, 1.0f},  // accent
      {1.00f, 0.76f, 0.33f, 1.0f},  // warning
      {1.00f, 0.60f, 0.50f, 1.0f},  // error
      {0.55f, 0.90f, 0.60f, 1.0f},  // ok
      {0.55f, 0.80f, 1.00f, 1.0f},  // speaker
      {0.75f, 0.95f, 0.75f, 1.0f},  // hint
      {0.45f, 0.85f, 0.55f, 1.0f},  // plus
      {1.00f, 0.65f, 0.45f, 1.0f},  // minus
      {0.12f, 0.40f, 0.37f, 1.0f},  // chosen
  };
  return p;
}

void apply_theme(ImGuiStyle& style) {
  ImGui::StyleColorsDark(&style);
  ImVec4* c = style.Colors;
  const ImVec4 text{0.96f, 0.96f, 0.96f, 1.0f};
  const ImVec4 base{0.07f, 0.075f, 0.085f, 0.97f};
  // One blue for everything clickable; hovered is lighter, pressed darker, all opaque and all
  // dark enough for white text (ImGui's own hover blue gives only 3:1).
  const ImVec4 button{0.14f, 0.30f, 0.50f, 1.0f};
  const ImVec4 hovered{0.20f, 0.40f, 0.64f, 1.0f};
  const ImVec4 pressed{0.10f, 0.22f, 0.38f, 1.0f};
  c[ImGuiCol_Text] = text;
  c[ImGuiCol_TextDisabled] = {0.66f, 0.66f, 0.68f, 1.0f};
  c[ImGuiCol_WindowBg] = base;
  c[ImGuiCol_ChildBg] = {0, 0, 0, 0};
  c[ImGuiCol_PopupBg] = {0.09f, 0.095f, 0.11f, 0.98f};
  c[ImGuiCol_Border] = {0.42f, 0.44f, 0.50f, 0.70f};
  c[ImGuiCol_FrameBg] = {0.15f, 0.21f, 0.30f, 1.0f};
  c[ImGuiCol_FrameBgHovered] = {0.19f, 0.28f, 0.40f, 1.0f};
  c[ImGuiCol_FrameBgActive] = {0.22f, 0.33f, 0.48f, 1.0f};
  c[ImGuiCol_TitleBg] = {0.10f, 0.13f, 0.18f, 1.0f};
  c[ImGuiCol_TitleBgActive] = {0.14f, 0.28f, 0.46f, 1.0f};
  c[ImGuiCol_TitleBgCollapsed] = {0.10f, 0.13f, 0.18f, 1.0f};
  c[ImGuiCol_CheckMark] = {0.55f, 0.92f, 0.86f, 1.0f};
  c[ImGuiCol_SliderGrab] = {0.55f, 0.92f, 0.86f, 1.0f};
  c[ImGuiCol_SliderGrabActive] = {0.75f, 0.98f, 0.94f, 1.0f};
  c[ImGuiCol_Button] = button;
  c[ImGuiCol_ButtonHovered] = hovered;
  c[ImGuiCol_ButtonActive] = pressed;
  c[ImGuiCol_Header] = button;
  c[ImGuiCol_HeaderHovered] = hovered;
  c[ImGuiCol_HeaderActive] = pressed;
  c[ImGuiCol_Separator] = {0.42f, 0.44f, 0.50f, 1.0f};
  c[ImGuiCol_ScrollbarBg] = {0.04f, 0.04f, 0.05f, 0.9f};
  c[ImGuiCol_ScrollbarGrab] = {0.46f, 0.49f, 0.56f, 1.0f};
  c[ImGuiCol_ScrollbarGrabHovered] = {0.58f, 0.61f, 0.68f, 1.0f};
  c[ImGuiCol_ScrollbarGrabActive] = {0.70f, 0.73f, 0.80f, 1.0f};
  c[ImGuiCol_TableHeaderBg] = {0.15f, 0.19f, 0.25f, 1.0f};
  c[ImGuiCol_TableRowBg] = {0, 0, 0, 0};
  c[ImGuiCol_TableRowBgAlt] = {1.0f, 1.0f, 1.0f, 0.05f};
  c[ImGuiCol_PlotHistogram] = {0.24f, 0.67f, 0.59f, 1.0f};
  // Keyboard focus: an amber ring that stands out on the dark background and on the blue buttons.
  c[ImGuiCol_NavHighlight] = {1.0f, 0.80f, 0.30f, 1.0f};
  c[ImGuiCol_TextSelectedBg] = {0.26f, 0.59f, 0.98f, 0.45f};
}

double relative_luminance(const ImVec4& c) {
  auto lin = [](float v) {
    double s = std::clamp(static_cast<double>(v), 0.0, 1.0);
    return s <= 0.04045 ? s / 12.92 : std::pow((s + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * lin(c.x) + 0.7152 * lin(c.y) + 0.0722 * lin(c.z);
}

double contrast_ratio(const ImVec4& a, const ImVec4& b) {
  double la = relative_luminance(a), lb = relative_luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

ImVec4 blend_over(const ImVec4& top, const ImVec4& below) {
  const float a = std::clamp(top.w, 0.0f, 1.0f);
  return {top.x * a + below.x * (1 - a), top.y * a + below.y * (1 - a), top.z * a + below.z * (1 - a), 1.0f};
}

}  // namespace meeloop::ui
