#pragma once
// The open-day kiosk: welcome -> language -> consent -> optional background questions -> the
// scene(s) -> end screen with a code and QR code -> welcome, plus the operator console (behind
// F2) and the recruiter view (behind a PIN, F3). Pure Dear ImGui and engine logic: the window
// or headset around it (the host) draws the 3D scene while playing() is set and sends hotspot
// clicks to playing()->runtime. No GLFW or Vulkan here, so every screen is testable headless.
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/log.h"
#include "scenario/runtime.h"
#include "ui/ui_text.h"

namespace meeloop::ui {

struct KioskConfig {
  std::filesystem::path db_path;               // the evidence database
  std::filesystem::path data_dir;              // data/ (dimensions, workplaces, ui texts)
  std::vector<std::filesystem::path> playlist; // scene packages played in order (default: huiskamer)
  std::string language = "nl";                 // at start of each visitor
  double idle_timeout_seconds = 120;           // no input this long: session closed, back to welcome
  std::filesystem::path settings_path;         // kiosk settings (PIN hash); default next to the db
};

class Kiosk {
 public:
  Kiosk(KioskConfig config, Log& log);
  ~Kiosk();

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

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace meeloop::ui
