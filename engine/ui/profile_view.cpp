#include "ui/profile_view.h"

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "profile/matcher.h"
#include "ui/fonts.h"
#include "ui/theme.h"

namespace meeloop::ui {
namespace {

using profile::Dimension;
using profile::TrailEntry;

// The theme's colours (checked for contrast in test_ui_theme.cpp).
const ImVec4& kMuted = palette().muted;
const ImVec4& kPlus = palette().plus;
const ImVec4& kMinus = palette().minus;

void heading(const std::string& s) {
  ImGui::Spacing();
  ImGui::PushFont(font(FontRole::Bold));
  ImGui::TextUnformatted(s.c_str());
  ImGui::PopFont();
  ImGui::Separator();
}

// Scenes may log a locale key instead of a sentence; then the dimension's own words explain it
// (as the HTML report does).
std::string readable_reason(const TrailEntry& t, const Dimension& d, const std::string& lang) {
  bool looks_like_key = t.reason.find(' ') == std::string::npos && t.reason.find('.') != std::string::npos;
  if (!t.reason.empty() && !looks_like_key) return t.reason;
  return (t.weight >= 0 ? d.high : d.low).in(lang);
}

}  // namespace

void draw_dimension_chart(const profile::Report& r, const std::string& lang, float width) {
  const auto& dims = r.data->dims.all();
  const float row = ImGui::GetTextLineHeightWithSpacing() * 1.2f;
  // The label column fits the longest name in this language (at this font size), so no name
  // runs into the bars; at most half the width.
  float longest = 0;
  for (const auto& d : dims) longest = std::max(longest, ImGui::CalcTextSize(d.name.in(lang).c_str()).x);
  const float label_w = std::min(width * 0.5f, longest + ImGui::GetFontSize());
  const float bar_w = std::max(60.0f, width - label_w - 8.0f);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 origin = ImGui::GetCursorScreenPos();
  const float mid = origin.x + label_w + bar_w * 0.5f;
  const float height = row * static_cast<float>(dims.size());
  dl->AddRectFilled(ImVec2(origin.x + label_w, origin.y), ImVec2(origin.x + label_w + bar_w, origin.y + height),
                    IM_COL32(255, 255, 255, 18));
  for (size_t i = 0; i < dims.size() && i < r.profile.dimensions.size(); ++i) {
    const auto& d = r.profile.dimensions[i];
    float y = origin.y + row * static_cast<float>(i);
    dl->AddText(ImVec2(origin.x, y + (row - ImGui::GetTextLineHeight()) * 0.5f), ImGui::GetColorU32(ImGuiCol_Text),
                dims[i].name.in(lang).c_str());
    float end = mid + static_cast<float>(std::clamp(d.score, -1.0, 1.0)) * bar_w * 0.5f;
    int alpha = 70 + static_cast<int>(185 * std::clamp(d.confidence, 0.0, 1.0));
    ImU32 col = d.score >= 0 ? IM_COL32(60, 170, 150, alpha) : IM_COL32(230, 140, 60, alpha);
    if (d.evidence_count > 0)
      dl->AddRectFilled(ImVec2(std::min(mid, end), y + row * 0.2f), ImVec2(std::max(mid, end), y + row * 0.8f), col, 3.0f);
  }
  dl->AddLine(ImVec2(mid, origin.y), ImVec2(mid, origin.y + height), IM_COL32(255, 255, 255, 140), 1.5f);
  ImGui::Dummy(ImVec2(width, height));
}

void draw_profile(const profile::Report& r, const std::string& lang, const UiText& text, int top_matches) {
  const profile::Profile& p = r.profile;
  const auto& dims = r.data->dims.all();
  ImGui::PushFont(font(FontRole::Title));
  ImGui::TextUnformatted(p.code.c_str());
  ImGui::PopFont();
  std::string date = r.sessions.empty() ? r.participant.created_at : r.sessions.front().started_at;
  ImGui::TextColored(kMuted, "%s  ·  %s  ·  %s", date.substr(0, 10).c_str(), p.language.c_str(),
                     fill(text.get(lang, "recruiter.confidence"),
                          {{"percent", std::to_string(static_cast<int>(std::lround(p.confidence * 100)))}}).c_str());
  const auto& bg = p.background;
  if (!bg.care_experience.empty() || !bg.situation.empty() || !bg.levels_of_interest.empty() || !bg.route.empty()) {
    std::string levels;
    for (const auto& l : bg.levels_of_interest) levels += (levels.empty() ? "" : ", ") + text.get(lang, "background.level." + l);
    std::string line = text.get(lang, "recruiter.background") + ": ";
    if (!bg.care_experience.empty()) line += text.get(lang, "background.care." + bg.care_experience) + "; ";
    if (!bg.situation.empty()) line += text.get(lang, "background.situation." + bg.situation) + "; ";
    if (!levels.empty()) line += levels + "; ";
    if (!bg.route.empty()) line += text.get(lang, "background.route." + bg.route);
    ImGui::TextWrapped("%s", line.c_str());
  }

  heading(text.get(lang, "recruiter.chart"));
  if (p.confidence < profile::kLowConfidence) ImGui::TextColored(kMinus, "%s", text.get(lang, "recruiter.low_confidence").c_str());
  draw_dimension_chart(r, lang, ImGui::GetContentRegionAvail().x);
  for (size_t i = 0; i < dims.size() && i < p.dimensions.size(); ++i) {
    const auto& d = p.dimensions[i];
    if (d.evidence_count == 0 || std::fabs(d.score) < 0.1) continue;
    ImGui::BulletText("%s: %s", dims[i].name.in(lang).c_str(), (d.score > 0 ? dims[i].high : dims[i].low).in(lang).c_str());
  }

  heading(text.get(lang, "recruiter.trail"));
  for (size_t i = 0; i < dims.size() && i < p.dimensions.size(); ++i) {
    const auto& trail = p.dimensions[i].trail;
    if (trail.empty()) continue;
    std::string label = dims[i].name.in(lang) + " (" + std::to_string(trail.size()) + ")##trail" + std::to_string(i);
    if (!ImGui::TreeNode(label.c_str())) continue;
    for (const auto& t : trail) {
      ImGui::TextColored(t.weight >= 0 ? kPlus : kMinus, "%+.1f", t.weight);
      ImGui::SameLine();
      ImGui::TextWrapped("%s  (%s › %s › %s)", readable_reason(t, dims[i], lang).c_str(), t.scene_id.c_str(),
                         t.step_id.c_str(), t.item_id.c_str());
    }
    ImGui::TreePop();
  }

  heading(text.get(lang, "recruiter.matches"));
  if (std::string notice = profile::confidence_notice(r.matches, lang); !notice.empty())
    ImGui::TextWrapped("%s", notice.c_str());
  for (size_t i = 0; i < r.matches.ranked.size() && static_cast<int>(i) < top_matches; ++i) {
    const profile::Match& m = r.matches.ranked[i];
    const profile::Workplace& w = r.data->workplaces[m.workplace];
    ImGui::PushFont(font(FontRole::Bold));
    ImGui::TextWrapped("%zu. %s — %d/100", i + 1, w.ward.in(lang).c_str(), m.fit);
    ImGui::PopFont();
    ImGui::TextColored(kMuted, "%s · %s (%s)", w.organisation.c_str(), w.city.c_str(), w.region.c_str());
    ImGui::ProgressBar(static_cast<float>(m.fit) / 100.0f, ImVec2(ImGui::GetContentRegionAvail().x * 0.5f, 0), "");
    for (const auto& reason : profile::reason_texts(m, w, p, r.data->dims, lang)) ImGui::BulletText("%s", reason.c_str());
    ImGui::TextColored(kMuted, "%s", text.get(lang, "recruiter.talk").c_str());
    for (const auto& t : profile::talking_points(m, w, p, r.data->dims, lang)) ImGui::BulletText("%s", t.c_str());
  }

  heading(text.get(lang, "recruiter.plan"));
  for (const profile::PlanItem& item : r.plan.items) {
    const profile::PlanElement& el = r.data->rules.elements[item.element];
    ImGui::PushFont(font(FontRole::Bold));
    ImGui::TextWrapped("%s", el.title.in(lang).c_str());
    ImGui::PopFont();
    if (item.detail) ImGui::TextColored(kPlus, "%s", item.detail->in(lang).c_str());
    ImGui::TextWrapped("%s", el.description.in(lang).c_str());
    for (const auto& reason : item.reasons) ImGui::BulletText("%s", reason.in(lang).c_str());
  }
}

}  // namespace meeloop::ui
