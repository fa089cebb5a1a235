// The operator's console (F2): run the day without a programmer. Start, pause and stop a
// visitor, pick the scenes and the start language, see where the visitor is, mark a hygiene
// break between visitors and see today's sessions (from the database), today's breaks (from
// the operator log), the storage state and what waits to be sent to the regional hub.
#include <algorithm>

#include <imgui.h>

#include "ui/fonts.h"
#include "ui/kiosk_impl.h"
#include "ui/theme.h"

namespace meeloop::ui {
namespace {
void section(const std::string& s) {
  ImGui::Spacing();
  ImGui::PushFont(font(FontRole::Bold));
  ImGui::TextUnformatted(s.c_str());
  ImGui::PopFont();
}
}  // namespace

void Kiosk::Impl::draw_operator_console() {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + 16, vp->WorkPos.y + 16), ImGuiCond_Appearing);
  ImGui::SetNextWindowSize(ImVec2(std::min(560.0f, vp->WorkSize.x - 32), 0), ImGuiCond_Appearing);
  ImGui::SetNextWindowBgAlpha(1.0f);  // opaque: the visitor screen behind must not show through
  std::string title = t("operator.title") + "###operator";
  if (!ImGui::Begin(title.c_str(), &operator_open, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize)) {
    ImGui::End();
    return;
  }
  section(t("operator.visitor"));
  const Palette& pal = palette();
  ImGui::TextUnformatted(
      fill(t("operator.screen"), {{"screen", t(std::string("screen.") + ui::screen_name(flow.screen()))}}).c_str());
  if (auto* rt = visitor ? visitor->runtime() : nullptr) {
    std::string where = scenes[visitor_playlist[flow.scene_index()]].scenario.scene_id + " › " +
                        (rt->step() ? rt->step()->id : rt->ending() ? rt->ending()->id : "");
    ImGui::TextUnformatted(fill(t("operator.step"), {{"step", where}}).c_str());
  }
  if (flow.screen() == Screen::Welcome || flow.screen() == Screen::Break) {
    if (ImGui::Button(t("operator.start").c_str())) {
      end_break();
      flow.start();
    }
  }
  if (flow.screen() == Screen::Playing) {
    if (ImGui::Button(t(flow.paused() ? "operator.resume" : "operator.pause").c_str())) pause(!flow.paused());
    ImGui::SameLine();
  }
  if (flow.visitor_active() && ImGui::Button(t("operator.stop").c_str())) stop_visitor();

  section(t("operator.scenes"));
  for (size_t i = 0; i < scenes.size(); ++i) {
    auto it = std::find(playlist.begin(), playlist.end(), i);
    bool on = it != playlist.end();
    std::string label = scenes[i].scenario.scene_id;
    if (on) label = std::to_string(it - playlist.begin() + 1) + ". " + label;
    label += "##scene" + std::to_string(i);
    if (ImGui::Checkbox(label.c_str(), &on)) {
      if (on) playlist.push_back(i);
      else if (playlist.size() > 1) playlist.erase(it);  // a visitor always has a scene to play
    }
  }

  section(t("operator.language"));
  // Read from the flow's start language through set_start_language, so the next visitor starts in it.
  static const char* langs[] = {"nl", "en"};
  for (const char* l : langs) {
    if (ImGui::RadioButton(text.get(l, std::string("language.") + l).c_str(), config.language == l)) {
      config.language = l;
      flow.set_start_language(l);
    }
    ImGui::SameLine();
  }
  ImGui::NewLine();

  section(t("operator.break_start"));
  if (flow.screen() == Screen::Break) {
    if (ImGui::Button(t("operator.break_end").c_str())) end_break();
  } else if (flow.screen() == Screen::Welcome) {
    if (ImGui::Button(t("operator.break_start").c_str())) start_break();
  }
  if (breaks_today && *breaks_today) {
    const OperatorLog::Day& day = breaks_today->value();
    ImGui::TextUnformatted(fill(t("operator.breaks"), {{"count", std::to_string(day.breaks)}}).c_str());
    if (!day.last_break.empty())
      ImGui::TextColored(pal.muted, "%s", fill(t("operator.last_break"), {{"time", day.last_break}}).c_str());
  } else if (breaks_today) {
    ImGui::TextColored(pal.warning, "%s", fill(t("operator.count_failed"), {{"message", breaks_today->error().to_string()}}).c_str());
  }

  ImGui::Separator();
  if (sessions_today && *sessions_today) {
    ImGui::TextUnformatted(fill(t("operator.today"), {{"sessions", std::to_string(sessions_today->value().sessions)},
                                                     {"people", std::to_string(sessions_today->value().participants)}})
                               .c_str());
  } else if (sessions_today) {
    ImGui::TextColored(pal.warning, "%s",
                       fill(t("operator.count_failed"), {{"message", sessions_today->error().to_string()}}).c_str());
  }
  ImGui::TextColored(pal.muted, "%s", fill(t("operator.no_consent"), {{"count", std::to_string(no_consent_since_start)}}).c_str());
  const size_t pending = visitor ? visitor->recorder().pending() : 0;
  if (pending > 0)
    ImGui::TextColored(pal.warning, "%s", fill(t("operator.storage"), {{"pending", std::to_string(pending)}}).c_str());
  else
    ImGui::TextColored(pal.ok, "%s", t("operator.storage_ok").c_str());
  // Only people who chose to share are ever sent; the rest never appear here.
  if (sync_state && *sync_state) {
    const people::SyncState& sync = sync_state->value();
    if (sync.waiting == 0 && sync.erasures == 0) {
      ImGui::TextColored(pal.ok, "%s", t("operator.sync_idle").c_str());
    } else {
      ImGui::TextUnformatted(fill(t("operator.sync"), {{"waiting", std::to_string(sync.waiting)},
                                                      {"erasures", std::to_string(sync.erasures)}})
                                 .c_str());
    }
    if (sync.failed > 0)
      ImGui::TextColored(pal.warning, "%s",
                         fill(t("operator.sync_failed"), {{"failed", std::to_string(sync.failed)}}).c_str());
  } else if (sync_state) {
    ImGui::TextColored(pal.warning, "%s",
                       fill(t("operator.count_failed"), {{"message", sync_state->error().to_string()}}).c_str());
  }
  if (hub_sync) {
    if (hub_sync->last_sync.empty())
      ImGui::TextColored(pal.muted, "%s", t("operator.hub_not_yet").c_str());
    else
      ImGui::TextColored(pal.muted, "%s", fill(t("operator.hub_last"), {{"time", hub_sync->last_sync},
                                                                        {"sent", std::to_string(hub_sync->sent_since_start)}})
                                              .c_str());
    if (!hub_sync->last_error.empty())
      ImGui::TextColored(pal.warning, "%s", fill(t("operator.hub_error"), {{"message", hub_sync->last_error}}).c_str());
  }
  if (!operator_warning.empty()) ImGui::TextColored(pal.warning, "%s", operator_warning.c_str());
  if (ImGui::Button(t("operator.recruiter").c_str())) recruiter_open = true;
  ImGui::SameLine();
  if (ImGui::Button(t("operator.close").c_str())) operator_open = false;
  ImGui::End();
}

}  // namespace meeloop::ui
