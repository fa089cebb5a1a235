#pragma once
// Kiosk internals shared by kiosk.cpp (flow and recording), kiosk_screens.cpp (the visitor's
// screens) and operator_console.cpp. Not a public header.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "people/people_service.h"
#include "profile/report.h"
#include "scenario/scenario.h"
#include "ui/dialogue_panel.h"
#include "ui/kiosk.h"
#include "ui/kiosk_flow.h"
#include "ui/kiosk_settings.h"
#include "ui/operator_log.h"
#include "ui/qr_code.h"
#include "ui/recruiter_view.h"
#include "ui/summary.h"
#include "ui/visitor.h"

namespace meeloop::ui {

struct KioskScene {
  std::filesystem::path dir;
  scenario::Scenario scenario;
};

// What Kiosk::create loads before the kiosk exists.
struct KioskLoaded {
  UiText text;
  profile::ProfileData data;
  KioskSettings settings;
  std::vector<KioskScene> scenes;  // the playlist's first, in its order
};

struct Kiosk::Impl {
  Impl(KioskConfig c, Log& l, KioskLoaded loaded);

  KioskConfig config;
  Log& log;
  UiText text;
  profile::ProfileData data;
  KioskSettings settings;
  // The database's people: retention at start, the console's counts, the recruiter view. Made
  // before the view that refers to it, so it outlives it.
  people::PeopleService people;
  std::vector<KioskScene> scenes;     // every scene the operator can pick
  std::vector<size_t> playlist;       // the operator's pick, in play order (indices into scenes)
  std::vector<size_t> visitor_playlist;  // the pick when this visitor started
  KioskFlow flow;

  // The current visitor; what the end screen shows is copied out so the visitor's recorder can
  // close before the screen appears.
  std::unique_ptr<Visitor> visitor;
  DialogueState dialogue;
  // The end screen's summary is made from this profile in the language on screen, so the
  // visitor can still switch language there.
  std::optional<profile::Profile> end_profile;
  int end_help_asked = 0;
  std::optional<Summary> summary;
  std::string summary_language;
  std::string end_code;
  QrCode end_qr;
  double flush_clock = 0;

  bool operator_open = false;
  bool recruiter_open = false;
  std::unique_ptr<RecruiterView> recruiter;
  double overlay_idle = 0;
  std::string operator_warning;  // e.g. the database could not be opened for a visitor

  // The console's "today" lines: sessions from the database, breaks from the operator log,
  // both re-read every few seconds while the console is open (and at once after a change).
  OperatorLog operator_log;
  std::optional<Result<store::SessionCounts>> sessions_today;
  std::optional<Result<OperatorLog::Day>> breaks_today;
  std::optional<Result<people::SyncState>> sync_state;  // what waits for the regional hub
  std::optional<HubSyncStatus> hub_sync;                 // the host's background sync, if it runs one
  double counts_age = 0;
  int no_consent_since_start = 0;  // those visitors are in no file, by design
  const ImGuiContext* themed = nullptr;  // the ImGui context apply_theme() last styled

  const std::string& t(const std::string& key) const { return text.get(flow.language(), key); }

  void frame(double dt, bool had_input);
  void remove_expired();
  void handle_keys();
  // The one way the recruiter view closes (F3, its close box, the idle timeout): it locks,
  // so the next opening asks for the PIN again.
  void close_recruiter();
  void toggle_recruiter();
  void advance(double dt, bool had_input);
  void reconcile();
  void begin_playing();
  void next_scene();
  void close_visitor(const char* why);
  void pause(bool paused);
  void stop_visitor();
  bool start_break();
  bool end_break();
  void refresh_counts(double dt);

  // kiosk_screens.cpp
  bool begin_screen(const char* id);
  void end_screen();
  void draw_language_switch();
  void draw_welcome();
  void draw_break();
  void draw_language();
  void draw_consent();
  void draw_share();
  void draw_background();
  void draw_playing();
  void draw_end();
  const Summary* end_summary();
  void draw_idle_warning();

  // operator_console.cpp
  void draw_operator_console();
};

}  // namespace meeloop::ui
