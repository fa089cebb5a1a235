// The visitor's screens: large text, one clear action each, every action on a key as well.
#include <algorithm>
#include <cfloat>
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

// The width of a screen's centred column: readable lines, never wider than the screen.
float screen_column() {
  return std::min(ImGui::GetMainViewport()->WorkSize.x - 80.0f, ImGui::GetFontSize() * 38.0f);
}

// One sharing choice as a card: the choice in bold with its number and, wrapped below it, who
// can then see the profile. The whole card is one touch target, as big as its text.
bool share_card(int number, const std::string& label, const std::string& who, bool chosen, float width) {
  const float fs = ImGui::GetFontSize();
  const ImVec2 pad(fs * 0.6f, fs * 0.3f);
  const float inner = width - 2 * pad.x;
  ImFont* bold = font(FontRole::Bold);
  ImFont* body = ImGui::GetFont();
  const std::string head = std::string(chosen ? "✓ " : "   ") + std::to_string(number) + ".  " + label;
  const ImVec2 head_size = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, inner, head.c_str());
  const ImVec2 who_size = body->CalcTextSizeA(fs, FLT_MAX, inner, who.c_str());
  const float height = 2 * pad.y + head_size.y + who_size.y;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImGui::PushID(number);
  const bool pressed = ImGui::InvisibleButton("##share_choice", ImVec2(width, height));
  ImGui::PopID();
  const ImU32 bg = chosen                    ? ImGui::GetColorU32(palette().chosen)
                   : ImGui::IsItemActive()  ? ImGui::GetColorU32(ImGuiCol_ButtonActive)
                   : ImGui::IsItemHovered() ? ImGui::GetColorU32(ImGuiCol_ButtonHovered)
                                            : ImGui::GetColorU32(ImGuiCol_Button);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(at, ImVec2(at.x + width, at.y + height), bg, ImGui::GetStyle().FrameRounding);
  const ImU32 ink = ImGui::GetColorU32(ImGuiCol_Text);
  dl->AddText(bold, bold->FontSize, ImVec2(at.x + pad.x, at.y + pad.y), ink, head.c_str(), nullptr, inner);
  dl->AddText(body, fs, ImVec2(at.x + pad.x, at.y + pad.y + head_size.y), ink, who.c_str(), nullptr, inner);
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
  const float column = screen_column();
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

void Kiosk::Impl::draw_share() {
  using store::ShareScope;
  begin_screen("##share");
  title(t("share.title"));
  para(t("share.intro"));
  struct Choice {
    ShareScope scope;
    const char* label;
    const char* who;
  };
  static constexpr Choice choices[] = {{ShareScope::None, "share.none", "share.none_who"},
                                       {ShareScope::Organisation, "share.organisation", "share.organisation_who"},
                                       {ShareScope::Region, "share.region", "share.region_who"}};
  const float w = screen_column();
  const int typed = digit_typed();
  for (int i = 0; i < 3; ++i) {
    const Choice& c = choices[i];
    if (share_card(i + 1, t(c.label), t(c.who), flow.share() == c.scope, w) || typed == i + 1)
      flow.choose_share(c.scope);
  }
  ImGui::Spacing();
  if (big_button(t("share.next"), ImGui::GetFontSize() * 10) || enter_pressed()) flow.confirm_share();
  ImGui::SameLine();
  if (big_button(t("share.start"), ImGui::GetFontSize() * 10) || char_typed('s')) flow.skip_background();
  hint(t("share.keys"));
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
