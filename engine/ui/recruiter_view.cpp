#include "ui/recruiter_view.h"

#include <sodium.h>

#include <algorithm>
#include <cmath>

#include <imgui.h>

#include "ui/fonts.h"
#include "ui/keys.h"
#include "ui/profile_view.h"
#include "ui/theme.h"

namespace meeloop::ui {
namespace {

// The theme's colours (checked for contrast in test_ui_theme.cpp).
const ImVec4& kError = palette().error;
const ImVec4& kOk = palette().ok;

std::string error_text(const UiText& text, const std::string& lang, const Error& e) {
  return fill(text.get(lang, "recruiter.error"), {{"message", e.to_string()}});
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

}  // namespace

RecruiterView::RecruiterView(KioskSettings& settings, people::PeopleService& people,
                             const profile::ProfileData& data, const UiText& text, Log& log)
    : settings_(settings), people_(people), data_(data), text_(text), log_(log),
      page_(settings.has_pin() ? Page::EnterPin : Page::NoPin) {}

RecruiterView::~RecruiterView() { clear_screen(); }

void RecruiterView::lock() {
  clear_screen();
  if (auto st = settings_.reload(); !st) log_.warn("recruiter view: " + st.error().to_string());
  page_ = settings_.has_pin() ? Page::EnterPin : Page::NoPin;
}

void RecruiterView::clear_screen() {
  people_.close();
  rows_.clear();
  picked_.clear();
  left_.reset();
  right_.reset();
  confirm_forget_ = false;
  message_.clear();
  sodium_memzero(pin_, sizeof pin_);
  focus_pin_ = true;
}

void RecruiterView::try_pin(const std::string& pin, const std::string& lang) {
  // A shorter entry cannot be a PIN: say so, without counting it as a wrong try.
  if (pin.size() < KioskSettings::kMinPinDigits) {
    message_ = text_.get(lang, "recruiter.pin_too_short");
    return;
  }
  auto answer = settings_.try_pin(pin);
  if (!answer) {
    message_ = error_text(text_, lang, answer.error());
    log_.error("recruiter view: " + answer.error().to_string());
    return;
  }
  message_.clear();
  switch (*answer) {
    case KioskSettings::PinTry::Right:
      page_ = Page::Sessions;
      if (auto st = refresh(); !st) message_ = error_text(text_, lang, st.error());
      break;
    case KioskSettings::PinTry::Wrong:
      // Only the count is logged, never what was typed.
      log_.warn("recruiter view: wrong PIN (" + std::to_string(settings_.wrong_tries()) + " in a row)");
      message_ = text_.get(lang, "recruiter.pin_wrong");
      break;
    case KioskSettings::PinTry::Wait: break;  // draw_pin shows the wait
    case KioskSettings::PinTry::NoPin: page_ = Page::NoPin; break;
  }
}

Status RecruiterView::refresh() {
  rows_.clear();
  // Everyone, newest first: the recruiter looks for someone who just played.
  MEELOOP_ASSIGN_OR_RETURN(auto page, people_.list());
  rows_ = std::move(page.people);
  return Ok{};
}

Status RecruiterView::open_profile(const std::string& code) {
  MEELOOP_ASSIGN_OR_RETURN(left_, people_.report(code, data_));
  right_.reset();
  confirm_forget_ = false;
  message_.clear();
  page_ = Page::Profile;
  return Ok{};
}

Status RecruiterView::compare(const std::string& a, const std::string& b) {
  // Both read before either is shown: a failure leaves the view as it was.
  MEELOOP_ASSIGN_OR_RETURN(auto ra, people_.report(a, data_));
  MEELOOP_ASSIGN_OR_RETURN(auto rb, people_.report(b, data_));
  left_ = std::move(ra);
  right_ = std::move(rb);
  page_ = Page::Compare;
  return Ok{};
}

Result<std::filesystem::path> RecruiterView::export_open_profile(const std::string& lang) {
  if (!left_ || page_ != Page::Profile) return failure("no profile is open");
  auto dir = people_.export_report(*left_, lang);
  if (dir) log_.info("recruiter view: exported a report to " + dir->string());
  return dir;
}

Result<store::ForgetReport> RecruiterView::forget_open_profile() {
  if (!left_ || page_ != Page::Profile) return failure("no profile is open");
  MEELOOP_ASSIGN_OR_RETURN(store::ForgetReport done, people_.erase(left_->participant.code));
  log_.info("recruiter view: forgot one participant (" + std::to_string(done.sessions) + " sessions)");
  left_.reset();
  picked_.clear();
  page_ = Page::Sessions;
  confirm_forget_ = false;
  MEELOOP_RETURN_IF_ERROR(refresh());
  return done;
}

void RecruiterView::draw(const std::string& lang, bool* open) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(vp->WorkSize.x * 0.94f, vp->WorkSize.y * 0.92f), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(1.0f);  // opaque: profiles are not read through other screens
  std::string title = text_.get(lang, "recruiter.title") + "###recruiter";
  if (!ImGui::Begin(title.c_str(), open, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                             ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize)) {
    ImGui::End();
    return;
  }
  switch (page_) {
    case Page::NoPin: draw_no_pin(lang); break;
    case Page::EnterPin: draw_pin(lang); break;
    case Page::Sessions: draw_sessions(lang); break;
    case Page::Profile: draw_open_profile(lang); break;
    case Page::Compare: draw_compare(lang); break;
  }
  ImGui::End();
}

void RecruiterView::draw_no_pin(const std::string& lang) {
  // The operator may set the PIN on the laptop while this is shown: look once a second.
  if (ImGui::GetTime() >= next_reload_) {
    next_reload_ = ImGui::GetTime() + 1.0;
    if (settings_.reload() && settings_.has_pin()) {
      page_ = Page::EnterPin;
      focus_pin_ = true;
      return;
    }
  }
  // The command exactly as this kiosk needs it: the operator types it into a terminal.
  const std::filesystem::path& db = people_.database();
  std::string command = "meeloop kiosk-pin " +
                        (settings_.file() == KioskSettings::default_path(db)
                             ? "--db " + db.string()
                             : "--settings " + settings_.file().string());
  ImGui::PushFont(font(FontRole::Bold));
  ImGui::TextWrapped("%s", text_.get(lang, "recruiter.no_pin").c_str());
  ImGui::PopFont();
  ImGui::TextWrapped("%s", text_.get(lang, "recruiter.no_pin_how").c_str());
  ImGui::Spacing();
  ImGui::PushFont(font(FontRole::Bold));
  ImGui::TextWrapped("%s", command.c_str());
  ImGui::PopFont();
  ImGui::Spacing();
  ImGui::TextWrapped("%s", text_.get(lang, "recruiter.no_pin_after").c_str());
}

void RecruiterView::draw_pin(const std::string& lang) {
  const ImGuiInputTextFlags flags = ImGuiInputTextFlags_Password | ImGuiInputTextFlags_CharsDecimal |
                                    ImGuiInputTextFlags_EnterReturnsTrue;
  ImGui::TextWrapped("%s", text_.get(lang, "recruiter.pin_enter").c_str());
  // The wait lives in the settings file, so closing the view or restarting the kiosk keeps it.
  if (double wait = settings_.wait_seconds(); wait > 0) {
    ImGui::TextColored(kError, "%s",
                       fill(text_.get(lang, "recruiter.pin_wait"),
                            {{"seconds", std::to_string(static_cast<int>(std::ceil(wait)))}}).c_str());
    message_.clear();
    sodium_memzero(pin_, sizeof pin_);
    focus_pin_ = true;
    return;
  }
  if (focus_pin_) ImGui::SetKeyboardFocusHere();
  focus_pin_ = false;
  bool enter = ImGui::InputText(text_.get(lang, "recruiter.pin").c_str(), pin_, sizeof pin_, flags);
  if (ImGui::Button(text_.get(lang, "recruiter.unlock").c_str()) || enter) {
    try_pin(pin_, lang);
    sodium_memzero(pin_, sizeof pin_);
    focus_pin_ = true;
  }
  if (!message_.empty()) ImGui::TextColored(kError, "%s", message_.c_str());
}

void RecruiterView::draw_sessions(const std::string& lang) {
  ImGui::PushFont(font(FontRole::Bold));
  ImGui::TextUnformatted(text_.get(lang, "recruiter.sessions").c_str());
  ImGui::PopFont();
  ImGui::SameLine(ImGui::GetContentRegionAvail().x - 200);
  if (ImGui::Button(text_.get(lang, "recruiter.lock").c_str())) {
    lock();
    return;
  }
  if (!message_.empty()) ImGui::TextColored(kOk, "%s", message_.c_str());
  if (rows_.empty()) {
    ImGui::TextWrapped("%s", text_.get(lang, "recruiter.none").c_str());
    return;
  }
  ImGui::TextWrapped("%s", text_.get(lang, "recruiter.compare_hint").c_str());
  if (picked_.size() == 2) {
    if (ImGui::Button(text_.get(lang, "recruiter.compare").c_str()))
      if (auto st = compare(picked_[0], picked_[1]); !st) message_ = error_text(text_, lang, st.error());
  }
  if (!ImGui::BeginTable("##sessions", 6, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY))
    return;
  for (const char* col : {"recruiter.col_code", "recruiter.col_date", "recruiter.col_scenes", "recruiter.col_consent"})
    ImGui::TableSetupColumn(text_.get(lang, col).c_str());
  ImGui::TableSetupColumn("##open");
  ImGui::TableSetupColumn("##pick");
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableHeadersRow();
  for (const people::Person& row : rows_) {
    ImGui::PushID(row.code.c_str());
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.code.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(row.date.c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(joined(row.scenes).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(text_.get(lang, row.consent ? "recruiter.yes" : "recruiter.no").c_str());
    ImGui::TableNextColumn();
    if (ImGui::SmallButton(text_.get(lang, "recruiter.open").c_str()))
      if (auto st = open_profile(row.code); !st) message_ = error_text(text_, lang, st.error());
    ImGui::TableNextColumn();
    bool picked = std::find(picked_.begin(), picked_.end(), row.code) != picked_.end();
    if (ImGui::Checkbox(text_.get(lang, "recruiter.compare").c_str(), &picked)) {
      if (picked) {
        picked_.push_back(row.code);
        if (picked_.size() > 2) picked_.erase(picked_.begin());
      } else {
        picked_.erase(std::remove(picked_.begin(), picked_.end(), row.code), picked_.end());
      }
    }
    ImGui::PopID();
    if (page_ != Page::Sessions) break;  // a button opened another page; rows_ may be stale
  }
  ImGui::EndTable();
}

void RecruiterView::draw_open_profile(const std::string& lang) {
  if (!left_) {
    page_ = Page::Sessions;
    return;
  }
  if (ImGui::Button(text_.get(lang, "recruiter.back").c_str())) {
    page_ = Page::Sessions;
    left_.reset();
    message_.clear();
    return;
  }
  ImGui::SameLine();
  if (ImGui::Button(text_.get(lang, "recruiter.export").c_str())) {
    auto dir = export_open_profile(lang);
    message_ = dir ? fill(text_.get(lang, "recruiter.exported"), {{"path", dir->string()}})
                   : error_text(text_, lang, dir.error());
  }
  ImGui::SameLine();
  if (ImGui::Button(text_.get(lang, "recruiter.forget").c_str())) confirm_forget_ = true;
  if (confirm_forget_) {
    ImGui::TextColored(kError, "%s",
                       fill(text_.get(lang, "recruiter.forget_confirm"), {{"code", left_->participant.code}}).c_str());
    if (ImGui::Button(text_.get(lang, "recruiter.forget_yes").c_str())) {
      auto done = forget_open_profile();
      message_ = done ? fill(text_.get(lang, "recruiter.forgotten"),
                             {{"sessions", std::to_string(done->sessions)}, {"events", std::to_string(done->events)}})
                      : error_text(text_, lang, done.error());
      if (!left_) return;
    }
    ImGui::SameLine();
    if (ImGui::Button(text_.get(lang, "recruiter.forget_no").c_str())) confirm_forget_ = false;
  }
  if (!message_.empty()) ImGui::TextWrapped("%s", message_.c_str());
  ImGui::Separator();
  ImGui::BeginChild("##profile");
  draw_profile(*left_, lang, text_);
  ImGui::EndChild();
}

void RecruiterView::draw_compare(const std::string& lang) {
  if (!left_ || !right_) {
    page_ = Page::Sessions;
    return;
  }
  if (ImGui::Button(text_.get(lang, "recruiter.back").c_str())) {
    page_ = Page::Sessions;
    left_.reset();
    right_.reset();
    return;
  }
  const float half = ImGui::GetContentRegionAvail().x * 0.5f - 6.0f;
  ImGui::BeginChild("##left", ImVec2(half, 0), true);
  draw_profile(*left_, lang, text_, 2);
  ImGui::EndChild();
  ImGui::SameLine();
  ImGui::BeginChild("##right", ImVec2(half, 0), true);
  draw_profile(*right_, lang, text_, 2);
  ImGui::EndChild();
}

}  // namespace meeloop::ui
