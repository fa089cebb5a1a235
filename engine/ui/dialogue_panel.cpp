#include "ui/dialogue_panel.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <imgui.h>

#include "ui/fonts.h"
#include "ui/keys.h"

namespace meeloop::ui {
namespace {

const ImVec4 kSpeaker{0.55f, 0.80f, 1.00f, 1.0f};
const ImVec4 kHint{0.75f, 0.95f, 0.75f, 1.0f};
const ImVec4 kWarning{1.00f, 0.75f, 0.30f, 1.0f};
const ImVec4 kMuted{0.75f, 0.75f, 0.75f, 1.0f};

void wrapped(const std::string& s) { ImGui::TextWrapped("%s", s.c_str()); }

void colored_wrapped(const ImVec4& c, const std::string& s) {
  ImGui::PushStyleColor(ImGuiCol_Text, c);
  wrapped(s);
  ImGui::PopStyleColor();
}

void bold(const std::string& s) {
  ImGui::PushFont(font(FontRole::Bold));
  wrapped(s);
  ImGui::PopFont();
}

void place_window(float width, float max_height) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  width = std::min(width, vp->WorkSize.x - 16.0f);
  max_height = std::min(max_height, vp->WorkSize.y - 16.0f);
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y - 12.0f),
                          ImGuiCond_Always, ImVec2(0.5f, 1.0f));
  ImGui::SetNextWindowSizeConstraints(ImVec2(width, 0), ImVec2(width, max_height));
  ImGui::SetNextWindowBgAlpha(0.88f);
}

// Not NoDecoration: a long step must scroll rather than be cut off.
constexpr ImGuiWindowFlags kFlags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                    ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_AlwaysAutoResize |
                                    ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                    ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoFocusOnAppearing;

std::optional<DialogueAction> draw_ending(const scenario::Runtime& rt, const std::string& lang,
                                          const UiText& text) {
  const scenario::Scenario& sc = rt.scenario();
  const scenario::Ending& e = *rt.ending();
  std::optional<DialogueAction> out;
  ImGui::PushFont(font(FontRole::Title));
  wrapped(sc.text(lang, e.title));
  ImGui::PopFont();
  ImGui::Spacing();
  wrapped(sc.text(lang, e.debrief));
  ImGui::Spacing();
  if (ImGui::Button(text.get(lang, "dialogue.continue").c_str()) || enter_pressed())
    out = DialogueAction{DialogueAction::Kind::Continue, {}};
  return out;
}

}  // namespace

std::optional<DialogueAction> draw_dialogue_panel(const scenario::Runtime& rt, const std::string& lang,
                                                  const UiText& text, DialogueState& state,
                                                  float width, float max_height) {
  place_window(width, max_height);
  std::optional<DialogueAction> out;
  if (!ImGui::Begin("##dialogue", nullptr, kFlags)) {
    ImGui::End();
    return out;
  }
  const scenario::Scenario& sc = rt.scenario();
  const scenario::Step* step = rt.step();
  if (!step) {
    if (rt.ending()) out = draw_ending(rt, lang, text);
    ImGui::End();
    return out;
  }
  if (state.shown_step != step->id) {
    state.shown_step = step->id;
    state.supervisor_answer.clear();
    state.highlighted = 0;
  }

  for (const auto& line : step->lines) {
    if (line.speaker.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, kMuted);
      wrapped(sc.text(lang, line.text));
      ImGui::PopStyleColor();
    } else {
      const scenario::Character* who = sc.find_character(line.speaker);
      ImGui::PushFont(font(FontRole::Bold));
      ImGui::TextColored(kSpeaker, "%s", who ? sc.text(lang, who->name).c_str() : line.speaker.c_str());
      ImGui::PopFont();
      wrapped(sc.text(lang, line.text));
    }
    ImGui::Spacing();
  }
  if (!step->prompt.empty()) bold(sc.text(lang, step->prompt));
  if (step->timer) {
    int left = static_cast<int>(std::ceil(std::max(0.0, step->timer->seconds - rt.step_seconds())));
    ImGui::TextColored(kWarning, "%s", fill(text.get(lang, "dialogue.time_left"), {{"seconds", std::to_string(left)}}).c_str());
  }
  // The supervisor's answer sits right above the options it is about.
  if (!state.supervisor_answer.empty()) {
    ImGui::PushFont(font(FontRole::Bold));
    ImGui::TextColored(kHint, "%s", sc.text(lang, sc.supervisor.name).c_str());
    ImGui::PopFont();
    colored_wrapped(kHint, sc.text(lang, state.supervisor_answer));
  }
  ImGui::Separator();

  const std::vector<scenario::Option> options = rt.options();
  const int count = static_cast<int>(options.size());
  if (count > 0) state.highlighted = std::clamp(state.highlighted, 0, count - 1);
  if (key_pressed(ImGuiKey_DownArrow, true) && count > 0) state.highlighted = (state.highlighted + 1) % count;
  if (key_pressed(ImGuiKey_UpArrow, true) && count > 0) state.highlighted = (state.highlighted + count - 1) % count;
  if (int d = digit_typed(); d > 0 && d <= count) state.highlighted = d - 1;

  for (int i = 0; i < count; ++i) {
    const scenario::Option& o = options[i];
    std::string label = std::to_string(i + 1) + ".  " + sc.text(lang, o.text);
    if (o.interaction) label += "  " + text.get(lang, "dialogue.in_room");
    label += "##opt" + std::to_string(i);
    bool selected = i == state.highlighted;
    if (selected) ImGui::PushFont(font(FontRole::Bold));
    if (ImGui::Selectable(label.c_str(), selected)) {
      state.highlighted = i;
      out = DialogueAction{DialogueAction::Kind::Choose, o.id};
    }
    if (selected) ImGui::PopFont();
  }
  if (!out && count > 0 && enter_pressed())
    out = DialogueAction{DialogueAction::Kind::Choose, options[state.highlighted].id};

  ImGui::Separator();
  std::string ask = fill(text.get(lang, "dialogue.ask_supervisor"), {{"name", sc.text(lang, sc.supervisor.name)}});
  if (ImGui::Button(ask.c_str()) || (!out && char_typed('h'))) out = DialogueAction{DialogueAction::Kind::AskSupervisor, {}};
  ImGui::PushStyleColor(ImGuiCol_Text, kMuted);
  wrapped(text.get(lang, "dialogue.keys"));
  ImGui::PopStyleColor();
  if (!state.storage_warning.empty()) colored_wrapped(kWarning, text.get(lang, "dialogue.storage_warning"));
  ImGui::End();
  return out;
}

Status apply_dialogue_action(scenario::Runtime& rt, const DialogueAction& action, DialogueState& state) {
  switch (action.kind) {
    case DialogueAction::Kind::Choose:
      return rt.choose(action.id);
    case DialogueAction::Kind::AskSupervisor: {
      auto hint = rt.ask_supervisor();
      if (!hint) return hint.error();
      state.supervisor_answer = hint.value();
      return Ok{};
    }
    case DialogueAction::Kind::Continue:
      break;
  }
  return Ok{};
}

}  // namespace meeloop::ui
