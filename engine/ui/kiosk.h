#pragma once
// The open-day kiosk: welcome -> language -> consent -> who may see the profile (this laptop
// only unless the visitor picks the organisation or the region) -> optional background
// questions -> the scene(s) -> end screen with a code and QR code -> welcome, plus the operator
// console (behind F2) and the recruiter view (behind a PIN, F3). Pure Dear ImGui and engine
// logic: the window or headset around it (the host) draws the 3D scene while playing() is set
// and sends hotspot clicks to playing()->runtime. No GLFW or Vulkan here, so every screen is
// testable headless. The flow itself is ui::KioskFlow (kiosk_flow.h); this class draws it and
// does the recording.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/log.h"
#include "profile/exports.h"
#include "scenario/runtime.h"
#include "ui/ui_text.h"

namespace meeloop::ui {

// The host's background sync to the regional hub as the operator console shows it (the outbox
// counts come from the database itself). No participant code in it.
struct HubSyncStatus {
  std::string last_sync;   // local time of the last attempt, "14:05"; empty before the first
  int sent_since_start = 0;
  std::string last_error;  // why the last attempt did not deliver everything; empty if it did
};

struct KioskConfig {
  std::filesystem::path db_path;               // the evidence database (required)
  std::filesystem::path data_dir;              // data/ (dimensions, workplaces, ui texts) (required)
  std::vector<std::filesystem::path> playlist; // scene packages played in order (default: the
                                               // huiskamer beside data_dir, in scenes/)
  std::string language = "nl";                 // at start of each visitor
  double idle_timeout_seconds = 120;           // no input this long: session closed, back to welcome
  std::filesystem::path settings_path;         // kiosk settings (PIN hash); default next to the db
  profile::XapiOptions xapi;                   // the installation's address in xAPI exports
  int retention_days = 90;                     // told in the consent text; older records are removed at start
  // With a background sync (`meeloop kiosk --hub`): called when a visitor's session ends, so what
  // they shared leaves now rather than at the next interval; and the sync's state for the console.
  std::function<void()> session_ended;
  std::function<std::optional<HubSyncStatus>()> hub_sync;
  // Keys that open the operator console and the recruiter view: indices into io.KeysDown.
  // The defaults are GLFW_KEY_F2 / GLFW_KEY_F3, which imgui_impl_glfw (1.86) writes there.
  int operator_key = 291;
  int recruiter_key = 292;
};

class Kiosk {
 public:
  // Loads the texts, data and every scene of the playlist (plus the other scene packages
  // beside them, for the operator to pick), then removes the records older than
  // retention_days. Bad input is an error with file and pointer, so a broken scene is found at
  // startup and not in front of a visitor.
  static Result<std::unique_ptr<Kiosk>> create(KioskConfig config, Log& log);
  ~Kiosk();
  Kiosk(const Kiosk&) = delete;
  Kiosk& operator=(const Kiosk&) = delete;

  // Draws the current screen (call between ImGui::NewFrame and ImGui::Render) and advances the
  // flow by `dt_seconds` (scenario timers, idle timeout). `had_input`: any key/mouse this frame.
  void frame(double dt_seconds, bool had_input);

  // Set while a visitor is in a scene: the host shows this scene and routes clicks here.
  struct Playing {
    std::filesystem::path scene_dir;
    scenario::Runtime* runtime = nullptr;
  };
  std::optional<Playing> playing();

  std::string screen_name() const;  // "welcome", "language", "consent", ... for tests and logs
  // The operator paused the visitor (F2): the host must not resume the scenario on its own,
  // e.g. when the window gets the focus back.
  bool paused() const;
  std::string language() const;     // the language on screen now
  // The visitor's participant code: empty before consent, without consent and after they left.
  std::string visitor_code() const;

  // The same as pressing F2 / F3, for hosts with their own key handling.
  void toggle_operator_console();
  void toggle_recruiter_view();
  bool operator_console_open() const;
  // The console's hygiene-break buttons: start (only on the welcome screen, between visitors)
  // and end. Each is written to the operator log. False when it does not apply now.
  bool start_hygiene_break();
  bool end_hygiene_break();
  bool recruiter_view_open() const;

 private:
  struct Impl;
  explicit Kiosk(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace meeloop::ui
