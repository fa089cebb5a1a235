#pragma once
// Headset play: the OpenXR frame loop around a scenario::Runtime. Each frame: events (state
// machine), wait/begin frame, controllers (pointer on the in-world panel or on an object's
// hotspot, trigger chooses), the scenario clock, stereo rendering into the swapchain, end frame.
// Focus loss pauses the scenario clock; the runtime asking to exit ends the loop cleanly.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/log.h"
#include "core/settings.h"
#include "render/renderer.h"
#include "scenario/runtime.h"
#include "scene/world.h"
#include "xr/operator_control.h"
#include "xr/play_space.h"  // ComfortOptions
#include "xr/session.h"

namespace meeloop::xr {

class MirrorWindow;  // xr/mirror_window.h

struct PlayerOptions {
  render::MultiviewMode multiview = render::MultiviewMode::Auto;
  uint32_t eye_width = 0, eye_height = 0;  // 0: the runtime's recommendation
  double ending_seconds = 4.0;  // how long the ending stays before the session is ended
  int64_t max_frames = 0;       // 0: no limit (a safety net for tests and scripts)
  ComfortOptions comfort;
  std::string language = "nl";
  // The operator's desktop mirror (left eye, strip, P/R/Esc keys); null: none. Not owned.
  MirrorWindow* mirror = nullptr;
  Paths paths;  // Settings::paths: shaders, the detail cache, the panel's texts and fonts
  // Timed operator commands (pause, resume, recentre), for tests and demos; none: empty.
  OperatorScript operator_script;
};

// What happened, for the caller's exit code and for tests.
struct PlayerReport {
  ExitReason exit = ExitReason::None;
  int64_t frames = 0;          // xrWaitFrame calls
  int64_t frames_rendered = 0;
  std::vector<XrSessionState> states;
  int focus_losses = 0;
  double paused_seconds = 0;   // display time spent unfocused after the first focus
  double cpu_ms_total = 0;     // renderer record+submit, summed
  bool operator_stopped = false;  // Esc in (or closing) the mirror window ended the session
  int operator_pauses = 0;
  double operator_paused_seconds = 0;  // display time the operator held the session paused
  int snap_turns = 0, teleports = 0;
  glm::vec3 head_in_scene{0.0f};       // where the visitor's head was in the last rendered frame
  float head_yaw_degrees = 0;          // and where it looked (0: along -Z, counter-clockwise)
};

// Called once per frame after input, for tests and the CLI (e.g. to print steps). Optional.
using FrameHook = std::function<void(const scenario::Runtime&, const Frame&)>;

// Plays `rt` in the headset until the session ends (ending reached + ending_seconds, the runtime
// asks to exit, session or instance loss). Everything must outlive the call.
Result<PlayerReport> play(System& system, Session& session, const gpu::Context& gpu, const scene::World& world,
                          scenario::Runtime& rt, const PlayerOptions& options, Log& log,
                          const FrameHook& hook = {});

}  // namespace meeloop::xr
