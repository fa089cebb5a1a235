// The visitor's screens: large text, one clear action each, every action on a key as well.
#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "ui/fonts.h"
#include "ui/keys.h"
#include "ui/kiosk_impl.h"
#include "ui/theme.h"

namespace meeloop::ui {
namespace {

// The full-screen windows stay at the back (NoBringToFrontOnFocus) and get a scrollbar only
// when a small window cannot show the whole screen ...
constexpr ImGuiWindowFlags kScreenFlags = ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                          ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove |
                                          ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                          ImGuiWindowFlags_NoNav;
// ... and what sits on top of them must not have that flag: Dear ImGui puts a new window with
// it behind every existing one, so the language button on the first screen and the idle
// question used to be drawn underneath the (nearly opaque) screen.
constexpr ImGuiWindowFlags kOverlayFlags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                           ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoNav |
                                           ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_AlwaysAutoResize;

void title(const std::string& s) {
  ImGui::PushFont(font(FontRole::Title));
  ImGui::PushStyleColor(ImGuiCol_Text, palette().accent);
  ImGui::TextWrapped("%s", s.c_str());
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::Spacing();
}

void para(const std::string& s) {
  ImGui::TextWrapped("%s", s.c_str());
  ImGui::Spacing();
}

void hint(const std::string& s) {
  ImGui::Spacing();
  ImGui::PushStyleColor(ImGuiCol_Text, palette().muted);
  ImGui::TextWrapped("%s", s.c_str());
  ImGui::PopStyleColor();
}

// A big button, the size of a finger and readable from a step away.
bool big_button(const std::string& label, float width = 0) {
  const float h = ImGui::GetFontSize() * 2.2f;
  ImGui::PushFont(font(FontRole::Bold));
  bool pressed = ImGui::Button(label.c_str(), ImVec2(width, h));
  ImGui::PopFont();
  return pressed;
}

// One answer of a background question: "3. text" with a mark when chosen.
bool answer_button(int number, const std::string& label, bool chosen, float width) {
  std::string s = std::string(chosen ? "✓ " : "   ") + std::to_string(number) + ".  " + label;
  if (chosen) ImGui::PushStyleColor(ImGuiCol_Button, palette().chosen);
  ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));  // a list reads from the left
  bool pressed = ImGui::Button(s.c_str(), ImVec2(width, ImGui::GetFontSize() * 1.9f));
  ImGui::PopStyleVar();
  if (chosen) ImGui::PopStyleColor();
  return pressed;
}

struct QuestionDef {
  const char* key;          // the question's text key
  const char* option_base;  // "background.care." + value
  std::vector<const char*> values;
};

const QuestionDef& question_def(Question q) {
  static const QuestionDef defs[kQuestionCount] = {
      {"background.care_experience", "background.care.", {"none", "informal_carer", "some", "diploma"}},
      {"background.situation", "background.situation.", {"pupil", "student", "side_entrant", "returner"}},
      {"background.levels", "background.level.", {"mbo2", "mbo3", "mbo4", "hbo"}},
      {"background.route", "background.route.", {"bol", "bbl"}},
  };
  return defs[static_cast<int>(q)];
}

bool chosen(const store::Background& bg, Question q, const std::string& v) {
  switch (q) {
    case Question::CareExperience: return bg.care_experience == v;
    case Question::Situation: return bg.situation == v;
    case Question::Route: return bg.route == v;
    case Question::Levels:
      return std::find(bg.levels_of_interest.begin(), bg.levels_of_interest.end(), v) != bg.levels_of_interest.end();
  }
  return false;
}

}  // namespace

// A full-screen window with a centred column of readable width.
bool Kiosk::Impl::begin_screen(const char* id) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::SetNextWindowBgAlpha(0.97f);
  ImGui::Begin(id, nullptr, kScreenFlags);
  const float column = std::min(vp->WorkSize.x - 80.0f, ImGui::GetFontSize() * 38.0f);
  ImGui::SetCursorPos(ImVec2((vp->WorkSize.x - column) * 0.5f, std::max(40.0f, vp->WorkSize.y * 0.08f)));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPos().x + column);
  return true;
}

void Kiosk::Impl::end_screen() {
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  ImGui::End();
  draw_language_switch();
}

// The language button, top right on every visitor screen.
void Kiosk::Impl::draw_language_switch() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - 16.0f, vp->WorkPos.y + 16.0f), ImGuiCond_Always,
                          ImVec2(1.0f, 0.0f));
  ImGui::SetNextWindowBgAlpha(0.0f);
  ImGui::Begin("##language_switch", nullptr, kOverlayFlags | ImGuiWindowFlags_NoBackground);
  if (ImGui::Button((t("language.switch") + "  (L)").c_str())) flow.set_language(flow.language() == "nl" ? "en" : "nl");
  ImGui::End();
}

void Kiosk::Impl::draw_welcome() {
  begin_screen("##welcome");
  title(t("welcome.title"));
  para(t("welcome.body"));
  ImGui::Spacing();
  if (big_button(t("welcome.start"), ImGui::GetFontSize() * 10) || enter_pressed() ||
      key_pressed(ImGuiKey_Space))
    flow.start();
  hint(t("welcome.keys"));
  end_screen();
}

void Kiosk::Impl::draw_break() {
  begin_screen("##break");
  title(t("break.title"));
  para(t("break.body"));
  end_screen();
}

void Kiosk::Impl::draw_language() {
  begin_screen("##language");
  title(t("language.title"));
  para(t("language.body"));
  const float w = ImGui::GetFontSize() * 12;
  std::string choice;
  if (big_button("1.  " + text.get("nl", "language.nl"), w) || digit_typed() == 1) choice = "nl";
  ImGui::SameLine();
  if (big_button("2.  " + text.get("en", "language.en"), w) || digit_typed() == 2) choice = "en";
  if (choice.empty() && enter_pressed()) choice = flow.language();
  if (!choice.empty()) flow.choose_language(choice);
  end_screen();
}

void Kiosk::Impl::draw_consent() {
  begin_screen("##consent");
  title(t("consent.title"));
  para(t("consent.what"));
  para(t("consent.why"));
  para(fill(t("consent.how_long"), {{"days", std::to_string(config.retention_days)}}));
  para(t("consent.delete"));
  ImGui::PushFont(font(FontRole::Bold));
  para(t("consent.question"));
  ImGui::PopFont();
  const float w = ImGui::GetFontSize() * 12;
  // Yes and No look the same: neither answer is pushed.
  if (big_button(t("consent.yes"), w) || char_typed('j') || char_typed('y')) flow.answer_consent(true);
  ImGui::SameLine();
  if (big_button(t("consent.no"), w) || char_typed('n')) flow.answer_consent(false);
  para(t("consent.no_note"));
  hint(t("consent.keys"));
  end_screen();
}

void Kiosk::Impl::draw_background() {
  begin_screen("##background");
  title(t("background.title"));
  para(t("background.intro"));
  const Question q = flow.question();
  const QuestionDef& def = question_def(q);
  ImGui::TextColored(palette().muted, "%s",
                     fill(t("background.progress"), {{"index", std::to_string(static_cast<int>(q) + 1)},
                                                      {"count", std::to_string(kQuestionCount)}}).c_str());
  ImGui::PushFont(font(FontRole::Bold));
  para(t(def.key));
  ImGui::PopFont();
  const float w = ImGui::GetFontSize() * 24;
  const int typed = digit_typed();
  for (size_t i = 0; i < def.values.size(); ++i) {
    const std::string value = def.values[i];
    bool on = chosen(flow.background(), q, value);
    if (answer_button(static_cast<int>(i) + 1, t(def.option_base + value), on, w) || typed == static_cast<int>(i) + 1) {
      // Picking the chosen single answer again clears it (a visitor may change their mind).
      if (on && q != Question::Levels) flow.answer("");
      else flow.answer(value);
    }
  }
  ImGui::Spacing();
  const bool last = static_cast<int>(q) == kQuestionCount - 1;
  if (big_button(t(last ? "background.done" : "background.next"), ImGui::GetFontSize() * 10) || enter_pressed())
    flow.next_question();
  ImGui::SameLine();
  if (big_button(t("background.skip"), ImGui::GetFontSize() * 10) || char_typed('s')) flow.skip_background();
  hint(t("background.keys"));
  end_screen();
}

void Kiosk::Impl::draw_playing() {
  if (!visitor || !visitor->runtime()) return;  // reconcile() opens the visitor this frame
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  // Which scene of how many, top left, small.
  if (visitor_playlist.size() > 1) {
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + 16, vp->WorkPos.y + 16));
    ImGui::SetNextWindowBgAlpha(kPanelAlpha);
    ImGui::Begin("##scene_of", nullptr, kOverlayFlags);
    ImGui::TextUnformatted(fill(t("playing.scene_of"), {{"index", std::to_string(flow.scene_index() + 1)},
                                                        {"count", std::to_string(visitor_playlist.size())}}).c_str());
    ImGui::End();
  }
  draw_language_switch();
  scenario::Runtime& rt = *visitor->runtime();
  if (flow.paused()) {
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
                            ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::Begin("##paused", nullptr, kOverlayFlags);
    ImGui::PushFont(font(FontRole::Title));
    ImGui::TextUnformatted(t("playing.paused").c_str());
    ImGui::PopFont();
    ImGui::End();
    return;  // no choices while paused
  }
  const float width = std::min(vp->WorkSize.x * 0.92f, ImGui::GetFontSize() * 42.0f);
  // Up to 80% of the height: a long step with the supervisor's answer still fits on a laptop.
  auto action = draw_dialogue_panel(rt, flow.language(), text, dialogue, width, vp->WorkSize.y * 0.8f);
  if (!action) return;
  if (action->kind == DialogueAction::Kind::Continue) {
    next_scene();
    return;
  }
  if (auto st = apply_dialogue_action(rt, *action, dialogue); !st) log.error("kiosk: " + st.error().to_string());
}

void Kiosk::Impl::draw_end() {
  begin_screen("##end");
  title(t("end.title"));
  if (const Summary* sum = end_summary()) {
    para(t("end.intro"));
    for (const auto& p : sum->points) {
      // Bullet + wrapped text: BulletText would run past the column on a narrow screen.
      ImGui::Bullet();
      ImGui::SameLine();
      ImGui::TextWrapped("%s", fill(t("end.point"), {{"name", p.name}, {"text", p.text}}).c_str());
    }
    if (sum->help_asked > 0) para(fill(t("end.asked_help"), {{"count", std::to_string(sum->help_asked)}}));
    if (sum->little_known) para(t("end.little_known"));
  }
  ImGui::Spacing();
  if (!end_code.empty()) {
    ImGui::PushFont(font(FontRole::Title));
    ImGui::TextUnformatted(fill(t("end.code"), {{"code", end_code}}).c_str());
    ImGui::PopFont();
    draw_qr_code(end_qr, ImGui::GetFontSize() * 9);
    para(t("end.code_hint"));
  } else {
    para(t("end.no_consent"));
  }
  if (big_button(t("end.done"), ImGui::GetFontSize() * 10) || enter_pressed()) flow.finish();
  hint(t("end.keys"));
  end_screen();
}

void Kiosk::Impl::draw_idle_warning() {
  if (!flow.idle_warning()) return;
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + 24), ImGuiCond_Always,
                          ImVec2(0.5f, 0.0f));
  ImGui::Begin("##idle", nullptr, kOverlayFlags);
  ImGui::PushFont(font(FontRole::Bold));
  ImGui::TextColored(palette().warning, "%s", t("idle.question").c_str());
  ImGui::PopFont();
  ImGui::End();
}

}  // namespace meeloop::ui
