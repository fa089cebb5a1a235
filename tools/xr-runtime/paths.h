#pragma once
// Semantic paths: well-formedness, top-level user paths and the interaction profiles the
// runtime can emulate, each with the input/output components the spec lists for it.
#include <optional>
#include <string>
#include <vector>

#include "script.h"
#include "xr_api.h"

namespace meeloop::xrrt {

// Spec 6.1: "/" followed by components of [a-z0-9-_.], no empty, "." or ".." components.
bool well_formed_path(const std::string& path);
// /user/hand/left, /user/hand/right, /user/head, /user/gamepad, /user/treadmill.
bool is_top_level_user_path(const std::string& path);
// 0 for /user/hand/left, 1 for /user/hand/right, -1 otherwise.
int hand_of(const std::string& top_level_path);

enum class ComponentKind { Bool, Float, Vec2, Pose, Haptic };

// Which scripted value a component reads.
enum class Source {
  None, System, Select, Menu, A, B, StickClick, StickTouch, Trigger, TriggerClick, TriggerTouch,
  Squeeze, SqueezeClick, StickX, StickY, Stick, GripPose, AimPose, Haptic
};

struct Component {
  const char* path;  // below /user/hand/<side>, e.g. "/input/trigger/value"
  ComponentKind kind;
  Source source;
  int hands;  // bit 0 left, bit 1 right
};

struct Profile {
  const char* path;  // "/interaction_profiles/oculus/touch_controller"
  const char* name;  // localized name, for xrGetInputSourceLocalizedName
  std::vector<Component> components;
};

const std::vector<Profile>& profiles();
const Profile* find_profile(const std::string& path);

// A binding path resolved against a profile: the hand and component it names.
struct BoundInput {
  int hand;
  const Component* component;
};
// Resolves "/user/hand/left/input/trigger/value", or an identifier without its component
// ("/user/hand/left/input/trigger"), for an action of `type` (spec 11.4's "the runtime picks the
// component": click for booleans, value for floats). nullopt if the profile has no such input.
std::optional<BoundInput> resolve_binding(const Profile& profile, const std::string& path, XrActionType type);
// True when `path` names something in the profile for any action type (for suggest validation).
bool profile_has_path(const Profile& profile, const std::string& path);

// Current value of a component for the scripted controller state.
bool bool_value(Source s, const HandInput& in);
float float_value(Source s, const HandInput& in);
XrVector2f vec2_value(Source s, const HandInput& in);

}  // namespace meeloop::xrrt
