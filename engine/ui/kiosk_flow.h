#pragma once
// The kiosk's visitor flow as a plain state machine (no ImGui, no database), so every path,
// including the idle timeout and the operator's stop, is unit-testable:
//   Welcome -> Language -> Consent -> Share (only with consent: who may see the profile) ->
//   Background (skippable, also from Share) -> Playing
//   (one scene after another) -> End -> Welcome;  Welcome <-> Break (hygiene break).
// Transitions return false and change nothing when they do not apply to the current screen.
#include <optional>
#include <string>

#include "store/records.h"
#include "store/share_scope.h"

namespace meeloop::ui {

enum class Screen { Welcome, Break, Language, Consent, Share, Background, Playing, End };
const char* screen_name(Screen s);  // "welcome", "break", "language", ...

// The background questions, one per page, in this order.
enum class Question { CareExperience = 0, Situation = 1, Levels = 2, Route = 3 };
inline constexpr int kQuestionCount = 4;

class KioskFlow {
 public:
  KioskFlow(std::string start_language, double idle_timeout_seconds);

  Screen screen() const { return screen_; }
  // A visitor is between "start" and the return to welcome (their data is on screen).
  bool visitor_active() const { return screen_ != Screen::Welcome && screen_ != Screen::Break; }

  const std::string& language() const { return language_; }
  void set_language(const std::string& lang);  // "nl" | "en", at any moment
  void set_start_language(const std::string& lang);  // the operator's choice for the next visitor

  bool start();                           // Welcome -> Language
  bool choose_language(const std::string& lang);  // Language -> Consent
  bool answer_consent(bool yes);          // Consent -> Share (yes) or Playing (no)
  std::optional<bool> consent() const { return consent_; }

  // Share page: who may see the profile. Until the visitor picks, and whenever nothing was
  // stored, it is None (this laptop only): only a visitor's own pick lets a profile travel.
  bool choose_share(store::ShareScope scope);
  bool confirm_share();  // Share -> Background
  store::ShareScope share() const { return share_; }

  // Background page: the options of the current question, picking and moving on.
  Question question() const { return static_cast<Question>(question_); }
  bool answer(const std::string& value);  // sets (or for Levels toggles) the current answer
  bool next_question();                   // last page: -> Playing
  bool skip_background();                 // clears the answers; -> Playing (from Share too)
  const store::Background& background() const { return background_; }

  // Playing: the scene at `scene_index()` of `scene_count` ended; -> next scene or End.
  bool scene_finished(int scene_count);
  int scene_index() const { return scene_index_; }

  bool finish();  // End -> Welcome
  bool stop();    // the operator's stop: any visitor screen -> Welcome

  bool start_break();  // Welcome -> Break
  bool end_break();    // Break -> Welcome
  int breaks() const { return breaks_; }

  // The operator's pause: the idle clock stands still (the caller pauses the scenario clock).
  void set_paused(bool paused) { paused_ = paused; }
  bool paused() const { return paused_; }

  // Advances the idle clock. Returns true when the idle timeout fired this call: the flow is
  // then back at Welcome with the visitor's answers cleared and the caller must close the
  // session. Any input resets the clock.
  bool tick(double seconds, bool had_input);
  double idle_seconds() const { return idle_; }
  // The last quarter of the timeout: the screen asks "are you still there?".
  bool idle_warning() const;

 private:
  void reset_visitor();

  Screen screen_ = Screen::Welcome;
  std::string start_language_;
  std::string language_;
  std::optional<bool> consent_;
  store::ShareScope share_ = store::ShareScope::None;
  store::Background background_;
  int question_ = 0;
  int scene_index_ = 0;
  int breaks_ = 0;
  bool paused_ = false;
  double idle_timeout_;
  double idle_ = 0;
};

}  // namespace meeloop::ui
