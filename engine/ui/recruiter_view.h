#pragma once
// The recruiter view (F3): behind a PIN that the operator sets on the laptop with
// `meeloop kiosk-pin` (stored only as a salted hash); with no PIN it stays locked and says so.
// Lists who played (code, date, scenes, consent), shows one profile or two side by side with
// the same content as the HTML report, exports a person's report to files, and forgets a
// person after a confirmation. Pure Dear ImGui over the evidence database.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/log.h"
#include "profile/exports.h"
#include "profile/report.h"
#include "store/event_store.h"
#include "ui/kiosk_settings.h"
#include "ui/ui_text.h"

namespace meeloop::ui {

class RecruiterView {
 public:
  // NoPin: locked, with the operator's set-up command and no profile.
  enum class Page { NoPin, EnterPin, Sessions, Profile, Compare };

  RecruiterView(KioskSettings& settings, std::filesystem::path db_path, const profile::ProfileData& data,
                const UiText& text, Log& log, profile::XapiOptions xapi = {});
  ~RecruiterView();

  // Draws the view as a large window; `open` is cleared when the recruiter closes it.
  void draw(const std::string& lang, bool* open);
  // Locks again (the next draw asks for the PIN) and drops every report from memory; re-reads
  // the settings file, so a PIN the operator set meanwhile counts.
  void lock();
  Page page() const { return page_; }
  const std::string& message() const { return message_; }

  // What the buttons do, callable directly (tests, scripted demos) once unlocked.
  struct Row {
    std::string code, date, scenes;
    bool consent = false;
  };
  const std::vector<Row>& rows() const { return rows_; }
  Status refresh();
  Status open_profile(const std::string& code);
  Status compare(const std::string& a, const std::string& b);
  // Writes profile.json, profile.csv, xapi.json and report.html of the open profile into
  // `<db folder>/exports/<code>/`; returns that folder.
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
  Status ensure_store();

  KioskSettings& settings_;
  std::filesystem::path db_path_;
  const profile::ProfileData& data_;
  const UiText& text_;
  Log& log_;
  profile::XapiOptions xapi_;
  Page page_;
  std::unique_ptr<store::EventStore> store_;
  std::vector<Row> rows_;
  std::vector<std::string> picked_;  // up to two codes to compare
  std::optional<profile::Report> left_, right_;
  bool confirm_forget_ = false;
  std::string message_;
  char pin_[16] = {};
  double next_reload_ = 0;  // ImGui time of the next look for a PIN set meanwhile
  bool focus_pin_ = true;
};

}  // namespace meeloop::ui
