#pragma once
// The recruiter view (F3): behind a PIN that the operator sets on the laptop with
// `meeloop kiosk-pin` (stored only as a salted hash); with no PIN it stays locked and says so.
// Lists who played (code, date, scenes, consent), shows one profile or two side by side with
// the same content as the HTML report, exports a person's report to files, and forgets a
// person after a confirmation. Pure Dear ImGui: what it shows and does goes through
// people::PeopleService.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/log.h"
#include "people/people_service.h"
#include "profile/report.h"
#include "ui/kiosk_settings.h"
#include "ui/ui_text.h"

namespace meeloop::ui {

class RecruiterView {
 public:
  // NoPin: locked, with the operator's set-up command and no profile.
  enum class Page { NoPin, EnterPin, Sessions, Profile, Compare };

  // `people` (its database and xAPI address) and the rest must outlive the view.
  RecruiterView(KioskSettings& settings, people::PeopleService& people, const profile::ProfileData& data,
                const UiText& text, Log& log);
  ~RecruiterView();

  // Draws the view as a large window; `open` is cleared when the recruiter closes it.
  void draw(const std::string& lang, bool* open);
  // Locks again (the next draw asks for the PIN), drops every report from memory and closes
  // the service's connection; re-reads the settings file, so a PIN the operator set meanwhile
  // counts.
  void lock();
  Page page() const { return page_; }
  const std::string& message() const { return message_; }

  // What the buttons do, callable directly (tests, scripted demos) once unlocked.
  const std::vector<people::Person>& rows() const { return rows_; }
  Status refresh();
  Status open_profile(const std::string& code);
  Status compare(const std::string& a, const std::string& b);
  // Writes people::kExportFiles of the open profile into `<db folder>/exports/<code>/`;
  // returns that folder.
  Result<std::filesystem::path> export_open_profile(const std::string& lang);
  Result<store::ForgetReport> forget_open_profile();

 private:
  void try_pin(const std::string& pin, const std::string& lang);
  void clear_screen();
  void draw_pin(const std::string& lang);
  void draw_no_pin(const std::string& lang);
  void draw_sessions(const std::string& lang);
  void draw_open_profile(const std::string& lang);
  void draw_compare(const std::string& lang);

  KioskSettings& settings_;
  people::PeopleService& people_;
  const profile::ProfileData& data_;
  const UiText& text_;
  Log& log_;
  Page page_;
  std::vector<people::Person> rows_;
  std::vector<std::string> picked_;  // up to two codes to compare
  std::optional<profile::Report> left_, right_;
  bool confirm_forget_ = false;
  std::string message_;
  char pin_[16] = {};
  double next_reload_ = 0;  // ImGui time of the next look for a PIN set meanwhile
  bool focus_pin_ = true;
};

}  // namespace meeloop::ui
