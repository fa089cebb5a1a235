#pragma once
// Controller input through the OpenXR action system: aim and grip poses, select (trigger),
// squeeze, menu, thumbstick, haptics; suggested bindings for the Khronos simple controller,
// Oculus Touch, Valve Index, HTC Vive and Microsoft motion controllers.
#include <array>
#include <memory>
#include <optional>

#include <glm/glm.hpp>

#include "core/error.h"
#include "xr/session.h"

namespace meeloop::xr {

struct HandState {
  bool active = false;            // the controller is tracked and its aim pose valid
  glm::vec3 aim_origin{0.0f};     // in the session's world space (stage/local)
  glm::vec3 aim_direction{0.0f, 0.0f, -1.0f};
  bool select_pressed = false;    // went down since the last sync
  bool menu_pressed = false;
  bool squeeze = false;
  glm::vec2 thumbstick{0.0f};
};

class Controls {
 public:
  static Result<std::unique_ptr<Controls>> create(const Session& session);
  // xrSyncActions and reads both hands at `time` (only while focused; otherwise all inactive).
  void sync(XrTime time, bool focused);
  const HandState& hand(int i) const { return hands_[size_t(i)]; }  // 0 left, 1 right
  // A short pulse on one hand (confirms a selection).
  void pulse(int hand, float seconds = 0.05f, float amplitude = 0.6f);

 private:
  explicit Controls(const Session& session) : session_(session) {}
  bool read_bool(XrAction a, int hand, bool* changed_to_true);
  const Session& session_;
  std::array<XrPath, 2> hand_paths_{};
  XrHandle<XrActionSet> set_;  // actions are destroyed with the set; spaces first (declared after)
  XrAction aim_ = XR_NULL_HANDLE, grip_ = XR_NULL_HANDLE, select_ = XR_NULL_HANDLE, squeeze_ = XR_NULL_HANDLE,
           menu_ = XR_NULL_HANDLE, stick_ = XR_NULL_HANDLE, haptic_ = XR_NULL_HANDLE;
  std::array<XrHandle<XrSpace>, 2> aim_spaces_;
  std::array<HandState, 2> hands_;
};

}  // namespace meeloop::xr
