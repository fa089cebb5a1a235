#pragma once
// The test/demo script the headless runtime plays: display settings, keyframed head and
// controller poses, button states and lifecycle events on a frame timeline.
// Format (all members optional; see README.md for the full description):
//   { "display": {"width": 1832, "height": 1920, "refresh_hz": 90, "ipd_m": 0.063},
//     "stage": {"width_m": 4, "depth_m": 3}, "paced": true,
//     "interaction_profile": "/interaction_profiles/oculus/touch_controller",
//     "timeline": [ {"frame": 0, "head": {"position": [0, 1.6, 0]}},
//                   {"time_s": 0.5, "right": {"grip": {...}, "select": true}},
//                   {"frame": 90, "event": "request_exit"} ] }
#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "xr_api.h"

namespace meeloop::xrrt {

// Button and axis state of one emulated controller. Booleans and axes hold their value until a
// later timeline entry changes them.
struct HandInput {
  bool select = false;            // select/click; also pulls the trigger to 1 while pressed
  bool menu = false;              // menu/click
  bool a = false;                 // a/click (x/click on a left Touch controller)
  bool b = false;                 // b/click (y/click on a left Touch controller)
  bool thumbstick_click = false;  // thumbstick/click and trackpad/click
  float trigger = 0.0f;           // trigger/value, 0..1
  float squeeze = 0.0f;           // squeeze/value, 0..1
  XrVector2f thumbstick{0, 0};    // thumbstick and trackpad x/y, -1..1
};

enum class Track { Head = 0, LeftGrip, LeftAim, RightGrip, RightAim, Count };

enum class ScriptEventKind { FocusLoss, FocusRegain, RequestExit, SessionLoss, InstanceLoss };
const char* to_string(ScriptEventKind kind);

struct ScriptEvent {
  int64_t frame = 0;  // fires at the first xrWaitFrame whose frame index is >= this
  ScriptEventKind kind = ScriptEventKind::RequestExit;
};

struct Script {
  std::string file;  // for messages; empty for the built-in default
  uint32_t width = 1832;      // recommended image size per eye
  uint32_t height = 1920;
  double refresh_hz = 90.0;   // xrWaitFrame period and the time_s -> frame conversion
  float ipd_m = 0.063f;       // eye separation used by xrLocateViews
  float stage_width_m = 4.0f;  // xrGetReferenceSpaceBoundsRect for STAGE
  float stage_depth_m = 3.0f;
  std::optional<bool> paced;  // sleep in xrWaitFrame; MEELOOP_XR_UNPACED overrides
  std::string interaction_profile;  // preferred emulated controller; empty = runtime's choice

  struct PoseKey {
    double frame;
    XrPosef pose;  // in STAGE space
  };
  std::array<std::vector<PoseKey>, static_cast<size_t>(Track::Count)> tracks;
  std::array<std::vector<std::pair<int64_t, HandInput>>, 2> inputs;  // cumulative, by frame
  std::vector<ScriptEvent> events;                                   // ordered by frame

  // Pose of `track` in STAGE space at a (fractional) frame, interpolated between keyframes.
  // An aim track with no keys follows its grip track.
  XrPosef pose_at(Track track, double frame) const;
  // Button state of hand 0 (left) or 1 (right) at a frame.
  HandInput input_at(int hand, double frame) const;
};

// The script used when MEELOOP_XR_SCRIPT is unset: a person standing still, hands in front.
Script default_script();
// Reads a script; errors come back as BadInput with file:line:col and JSON pointer.
Result<Script> load_script(const std::filesystem::path& path);

}  // namespace meeloop::xrrt
