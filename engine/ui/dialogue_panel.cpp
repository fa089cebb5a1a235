#include "ui/dialogue_panel.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include <imgui.h>

#include "ui/fonts.h"
#include "ui/keys.h"
#include "ui/theme.h"

namespace meeloop::ui {
namespace {

void wrapped(const std::string& s) { ImGui::TextWrapped("%s", s.c_str()); }

void colored_wrapped(const ImVec4& c, const std::string& s) {
  ImGui::PushStyleColor(ImGuiCol_Text, c);
  wrapped(s);
  ImGui::PopStyleColor();
}

void bold(const std::string& s, const ImVec4* colour = nullptr) {
  ImGui::PushFont(font(FontRole::Bold));
  if (colour) colored_wrapped(*colour, s);
  else wrapped(s);
  ImGui::PopFont();
}

// The panel brings its own readable colours (see theme.h), so it looks the same in every host
// whatever style that host set.
class PanelColours {
 public:
  PanelColours() {
    ImGuiStyle theme;
    apply_theme(theme);
    for (ImGuiCol c : {ImGuiCol_Text, ImGuiCol_WindowBg, ImGuiCol_Button, ImGuiCol_ButtonHovered,
                       ImGuiCol_ButtonActive, ImGuiCol_Header, ImGuiCol_HeaderHovered, ImGuiCol_HeaderActive,
                       ImGuiCol_Separator, ImGuiCol_ScrollbarBg, ImGuiCol_ScrollbarGrab,
                       ImGuiCol_ScrollbarGrabHovered, ImGuiCol_ScrollbarGrabActive, ImGuiCol_NavHighlight}) {
      ImGui::PushStyleColor(c, theme.Colors[c]);
      ++count_;
    }
  }
  ~PanelColours() { ImGui::PopStyleColor(count_); }
  PanelColours(const PanelColours&) = delete;
  PanelColours& operator=(const PanelColours&) = delete;

 private:
  int count_ = 0;
};

void place_window(float width, float max_height) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  width = std::min(width, vp->WorkSize.x - 16.0f);
  max_height = std::min(max_height, vp->WorkSize.y - 16.0f);
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y - 12.0f),
                          ImGuiCond_Always, ImVec2(0.5f, 1.0f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, max_height));
  ImGui::SetNextWindowBgAlpha(kPanelAlpha);
}

// Not NoDecoration: a step too long for the screen must scroll rather than be cut off.
constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize |
                                    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                    ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoFocusOnAppearing;

// One clickable row whose text wraps inside the window: `prefix` ("1.  ") in a column of
// `indent` pixels and `body` beside it with a hanging indent, so a long option grows in height
// instead of running past the edge. Highlighted rows (and buttons, always) get a background.
// `scroll_here`: bring this row into view (the keyboard moved the highlight to it).
// `rect`, when given, receives where the row was drawn.
bool wrapped_row(const std::string& id, const std::string& prefix, float indent, const std::string& body,
                 bool highlighted, bool button, bool scroll_here, std::pair<ImVec2, ImVec2>* rect = nullptr) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const ImVec2 pad = button ? style.FramePadding : ImVec2(0, 0);
  const ImVec2 start = ImGui::GetCursorScreenPos();
  const float avail = std::max(1.0f, ImGui::GetContentRegionAvail().x);
  const float wrap = std::max(1.0f, avail - indent - 2 * pad.x);
  const ImVec2 text = ImGui::CalcTextSize(body.c_str(), nullptr, false, wrap);
  const ImVec2 size(button ? std::min(avail, indent + text.x + 2 * pad.x) : avail, text.y + 2 * pad.y);
  bool clicked = ImGui::Selectable(id.c_str(), highlighted || button, ImGuiSelectableFlags_AllowItemOverlap, size);
  if (rect) *rect = {ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
  if (scroll_here) ImGui::SetScrollHereY(0.5f);
  const ImVec2 after = ImGui::GetCursorScreenPos();
  const ImVec2 text_at(start.x + pad.x, start.y + pad.y);
  if (!prefix.empty()) {
    ImGui::SetCursorScreenPos(text_at);
    ImGui::TextUnformatted(prefix.c_str());
  }
  ImGui::SetCursorScreenPos(ImVec2(text_at.x + indent, text_at.y));
  ImGui::PushTextWrapPos(ImGui::GetCursorPos().x + wrap);
  ImGui::TextUnformatted(body.c_str());
  ImGui::PopTextWrapPos();
  ImGui::SetCursorScreenPos(after);
  return clicked;
}

std::optional<DialogueAction> draw_ending(const scenario::Runtime& rt, const std::string& lang,
                                          const UiText& text, DialogueState& state) {
  const scenario::Scenario& sc = rt.scenario();
  const scenario::Ending& e = *rt.ending();
  std::optional<DialogueAction> out;
  ImGui::PushFont(font(FontRole::Title));
  wrapped(sc.text(lang, e.title));
  ImGui::PopFont();
  ImGui::Spacing();
  wrapped(sc.text(lang, e.debrief));
  ImGui::Spacing();
  ImGui::PushFont(font(FontRole::Bold));
  std::pair<ImVec2, ImVec2> r;
  if (wrapped_row("##continue", "", 0, text.get(lang, "dialogue.continue"), true, true, false, &r) ||
      (!state.pointer_only && enter_pressed()))
    out = DialogueAction{DialogueAction::Kind::Continue, {}};
  state.rows.push_back({{DialogueAction::Kind::Continue, {}}, r.first, r.second});
  ImGui::PopFont();
  return out;
}

}  // namespace

std::optional<DialogueAction> draw_dialogue_contents(const scenario::Runtime& rt, const std::string& lang,
                                                     const UiText& text, DialogueState& state) {
  PanelColours colours;
  const Palette& pal = palette();
  const scenario::Scenario& sc = rt.scenario();
  const scenario::Step* step = rt.step();
  state.rows.clear();
  if (!step) return rt.ending() ? draw_ending(rt, lang, text, state) : std::nullopt;
  const bool new_step = state.shown_step != step->id;
  if (new_step) {
    state.shown_step = step->id;
    state.supervisor_answer.clear();
    state.highlighted = 0;
    ImGui::SetScrollY(0);  // a new step starts at its first line
  }

  for (const auto& line : step->lines) {
    if (line.speaker.empty()) {
      colored_wrapped(pal.muted, sc.text(lang, line.text));
    } else {
      const scenario::Character* who = sc.find_character(line.speaker);
      bold(who ? sc.text(lang, who->name) : line.speaker, &pal.speaker);
      wrapped(sc.text(lang, line.text));
    }
    ImGui::Spacing();
  }
  if (!step->prompt.empty()) bold(sc.text(lang, step->prompt));
  if (step->timer) {
    int left = static_cast<int>(std::ceil(std::max(0.0, step->timer->seconds - rt.step_seconds())));
    colored_wrapped(pal.warning, fill(text.get(lang, "dialogue.time_left"), {{"seconds", std::to_string(left)}}));
  }
  // The supervisor's answer sits right above the options it is about.
  if (!state.supervisor_answer.empty()) {
    bold(sc.text(lang, sc.supervisor.name), &pal.hint);
    colored_wrapped(pal.hint, sc.text(lang, state.supervisor_answer));
  }
  ImGui::Separator();

  std::optional<DialogueAction> out;
  const std::vector<scenario::Option> options = rt.options();
  const int count = static_cast<int>(options.size());
  const int before = state.highlighted;
  const bool keys = !state.pointer_only;
  if (count > 0) state.highlighted = std::clamp(state.highlighted, 0, count - 1);
  if (keys && key_pressed(ImGuiKey_DownArrow, true) && count > 0) state.highlighted = (state.highlighted + 1) % count;
  if (keys && key_pressed(ImGuiKey_UpArrow, true) && count > 0) state.highlighted = (state.highlighted + count - 1) % count;
  if (int d = keys ? digit_typed() : 0; d > 0 && d <= count) state.highlighted = d - 1;
  const bool moved = !new_step && state.highlighted != before;

  // Every number gets the widest number's column, so the texts line up under each other.
  const float indent = ImGui::CalcTextSize((std::to_string(std::max(count, 1)) + ".  ").c_str()).x;
  for (int i = 0; i < count; ++i) {
    const scenario::Option& o = options[i];
    std::string body = sc.text(lang, o.text);
    if (o.interaction) body += "  " + text.get(lang, "dialogue.in_room");
    const bool selected = keys && i == state.highlighted;
    if (selected) ImGui::PushFont(font(FontRole::Bold));
    std::pair<ImVec2, ImVec2> r;
    if (wrapped_row("##opt" + std::to_string(i), std::to_string(i + 1) + ".", indent, body, selected, false,
                    selected && moved, &r)) {
      state.highlighted = i;
      out = DialogueAction{DialogueAction::Kind::Choose, o.id};
    }
    state.rows.push_back({{DialogueAction::Kind::Choose, o.id}, r.first, r.second});
    if (selected) ImGui::PopFont();
  }
  if (!out && count > 0 && keys && enter_pressed())
    out = DialogueAction{DialogueAction::Kind::Choose, options[state.highlighted].id};

  ImGui::Separator();
  // "H" is the key that asks; a pointer-only panel (the headset) has no keyboard to show it for.
  std::string ask = std::string(keys ? "H  " : "") +
                    fill(text.get(lang, "dialogue.ask_supervisor"), {{"name", sc.text(lang, sc.supervisor.name)}});
  std::pair<ImVec2, ImVec2> r;
  if (wrapped_row("##ask", "", 0, ask, false, true, false, &r) || (!out && keys && char_typed('h')))
    out = DialogueAction{DialogueAction::Kind::AskSupervisor, {}};
  state.rows.push_back({{DialogueAction::Kind::AskSupervisor, {}}, r.first, r.second});
  if (keys) colored_wrapped(pal.muted, text.get(lang, "dialogue.keys"));
  if (!state.storage_warning.empty()) colored_wrapped(pal.warning, text.get(lang, "dialogue.storage_warning"));
  return out;
}

std::optional<DialogueAction> draw_dialogue_panel(const scenario::Runtime& rt, const std::string& lang,
                                                  const UiText& text, DialogueState& state,
                                                  float width, float max_height) {
  place_window(width, max_height);
  std::optional<DialogueAction> out;
  PanelColours colours;  // the window's own background and scrollbar too
  if (ImGui::Begin("##dialogue", nullptr, kFlags)) out = draw_dialogue_contents(rt, lang, text, state);
  ImGui::End();
  return out;
}

Status apply_dialogue_action(scenario::Runtime& rt, const DialogueAction& action, DialogueState& state) {
  switch (action.kind) {
    case DialogueAction::Kind::Choose:
      return rt.choose(action.id);
    case DialogueAction::Kind::AskSupervisor: {
      MEELOOP_ASSIGN_OR_RETURN(state.supervisor_answer, rt.ask_supervisor());
      return Ok{};
    }
    case DialogueAction::Kind::Continue:
      break;
  }
  return Ok{};
}

}  // namespace meeloop::ui
