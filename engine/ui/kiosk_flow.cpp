#include "ui/kiosk_flow.h"

#include <algorithm>

namespace meeloop::ui {

const char* screen_name(Screen s) {
  switch (s) {
    case Screen::Welcome: return "welcome";
    case Screen::Break: return "break";
    case Screen::Language: return "language";
    case Screen::Consent: return "consent";
    case Screen::Share: return "share";
    case Screen::Background: return "background";
    case Screen::Playing: return "playing";
    case Screen::End: return "end";
  }
  return "?";
}

namespace {
bool known_language(const std::string& lang) { return lang == "nl" || lang == "en"; }
}  // namespace

KioskFlow::KioskFlow(std::string start_language, double idle_timeout_seconds)
    : start_language_(known_language(start_language) ? start_language : "nl"),
      language_(start_language_),
      idle_timeout_(idle_timeout_seconds > 0 ? idle_timeout_seconds : 120) {}

void KioskFlow::set_language(const std::string& lang) {
  if (known_language(lang)) language_ = lang;
}

void KioskFlow::set_start_language(const std::string& lang) {
  if (!known_language(lang)) return;
  start_language_ = lang;
  if (!visitor_active()) language_ = lang;
}

void KioskFlow::reset_visitor() {
  screen_ = Screen::Welcome;
  language_ = start_language_;
  consent_.reset();
  share_ = store::ShareScope::None;
  background_ = {};
  question_ = 0;
  scene_index_ = 0;
  paused_ = false;
  idle_ = 0;
}

bool KioskFlow::start() {
  if (screen_ != Screen::Welcome) return false;
  reset_visitor();
  screen_ = Screen::Language;
  return true;
}

bool KioskFlow::choose_language(const std::string& lang) {
  if (screen_ != Screen::Language || !known_language(lang)) return false;
  language_ = lang;
  screen_ = Screen::Consent;
  return true;
}

bool KioskFlow::answer_consent(bool yes) {
  if (screen_ != Screen::Consent) return false;
  consent_ = yes;
  share_ = store::ShareScope::None;
  // Without consent nothing is stored, so there is nothing to share or ask about either.
  screen_ = yes ? Screen::Share : Screen::Playing;
  question_ = 0;
  return true;
}

bool KioskFlow::choose_share(store::ShareScope scope) {
  if (screen_ != Screen::Share) return false;
  share_ = scope;
  return true;
}

bool KioskFlow::confirm_share() {
  if (screen_ != Screen::Share) return false;
  screen_ = Screen::Background;
  return true;
}

bool KioskFlow::answer(const std::string& value) {
  if (screen_ != Screen::Background) return false;
  switch (question()) {
    case Question::CareExperience: background_.care_experience = value; break;
    case Question::Situation: background_.situation = value; break;
    case Question::Route: background_.route = value; break;
    case Question::Levels: {
      auto& levels = background_.levels_of_interest;
      auto it = std::find(levels.begin(), levels.end(), value);
      if (it == levels.end()) levels.push_back(value);
      else levels.erase(it);
      break;
    }
  }
  return true;
}

bool KioskFlow::next_question() {
  if (screen_ != Screen::Background) return false;
  if (++question_ >= kQuestionCount) screen_ = Screen::Playing;
  return true;
}

bool KioskFlow::skip_background() {
  if (screen_ != Screen::Background && screen_ != Screen::Share) return false;
  background_ = {};
  screen_ = Screen::Playing;
  return true;
}

bool KioskFlow::scene_finished(int scene_count) {
  if (screen_ != Screen::Playing) return false;
  if (++scene_index_ >= scene_count) screen_ = Screen::End;
  return true;
}

bool KioskFlow::finish() {
  if (screen_ != Screen::End) return false;
  reset_visitor();
  return true;
}

bool KioskFlow::stop() {
  if (!visitor_active()) return false;
  reset_visitor();
  return true;
}

bool KioskFlow::start_break() {
  if (screen_ != Screen::Welcome) return false;
  screen_ = Screen::Break;
  ++breaks_;
  return true;
}

bool KioskFlow::end_break() {
  if (screen_ != Screen::Break) return false;
  screen_ = Screen::Welcome;
  return true;
}

bool KioskFlow::tick(double seconds, bool had_input) {
  if (had_input || !visitor_active() || paused_) {
    idle_ = 0;
    return false;
  }
  idle_ += std::max(0.0, seconds);
  if (idle_ < idle_timeout_) return false;
  reset_visitor();
  return true;
}

bool KioskFlow::idle_warning() const { return visitor_active() && idle_ >= idle_timeout_ * 0.75; }

}  // namespace meeloop::ui
