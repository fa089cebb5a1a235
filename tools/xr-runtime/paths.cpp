#include "paths.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace meeloop::xrrt {
namespace {

constexpr int L = 1, R = 2, B = 3;
using K = ComponentKind;
using S = Source;

std::vector<Component> with_poses(std::vector<Component> c) {
  c.push_back({"/input/grip/pose", K::Pose, S::GripPose, B});
  c.push_back({"/input/aim/pose", K::Pose, S::AimPose, B});
  c.push_back({"/output/haptic", K::Haptic, S::Haptic, B});
  return c;
}

std::vector<Profile> make_profiles() {
  std::vector<Profile> p;
  p.push_back({"/interaction_profiles/khr/simple_controller", "Simple controller",
               with_poses({{"/input/select/click", K::Bool, S::Select, B}, {"/input/menu/click", K::Bool, S::Menu, B}})});
  p.push_back({"/interaction_profiles/oculus/touch_controller", "Touch controller",
               with_poses({{"/input/x/click", K::Bool, S::A, L}, {"/input/x/touch", K::Bool, S::A, L},
                           {"/input/y/click", K::Bool, S::B, L}, {"/input/y/touch", K::Bool, S::B, L},
                           {"/input/menu/click", K::Bool, S::Menu, L},
                           {"/input/a/click", K::Bool, S::A, R}, {"/input/a/touch", K::Bool, S::A, R},
                           {"/input/b/click", K::Bool, S::B, R}, {"/input/b/touch", K::Bool, S::B, R},
                           {"/input/system/click", K::Bool, S::System, R},
                           {"/input/squeeze/value", K::Float, S::Squeeze, B},
                           {"/input/trigger/value", K::Float, S::Trigger, B},
                           {"/input/trigger/touch", K::Bool, S::TriggerTouch, B},
                           {"/input/thumbstick", K::Vec2, S::Stick, B},
                           {"/input/thumbstick/x", K::Float, S::StickX, B},
                           {"/input/thumbstick/y", K::Float, S::StickY, B},
                           {"/input/thumbstick/click", K::Bool, S::StickClick, B},
                           {"/input/thumbstick/touch", K::Bool, S::StickTouch, B},
                           {"/input/thumbrest/touch", K::Bool, S::None, B}})});
  p.push_back({"/interaction_profiles/valve/index_controller", "Index controller",
               with_poses({{"/input/system/click", K::Bool, S::System, B}, {"/input/system/touch", K::Bool, S::System, B},
                           {"/input/a/click", K::Bool, S::A, B}, {"/input/a/touch", K::Bool, S::A, B},
                           {"/input/b/click", K::Bool, S::B, B}, {"/input/b/touch", K::Bool, S::B, B},
                           {"/input/squeeze/value", K::Float, S::Squeeze, B},
                           {"/input/squeeze/force", K::Float, S::Squeeze, B},
                           {"/input/trigger/click", K::Bool, S::TriggerClick, B},
                           {"/input/trigger/value", K::Float, S::Trigger, B},
                           {"/input/trigger/touch", K::Bool, S::TriggerTouch, B},
                           {"/input/thumbstick", K::Vec2, S::Stick, B},
                           {"/input/thumbstick/x", K::Float, S::StickX, B},
                           {"/input/thumbstick/y", K::Float, S::StickY, B},
                           {"/input/thumbstick/click", K::Bool, S::StickClick, B},
                           {"/input/thumbstick/touch", K::Bool, S::StickTouch, B},
                           {"/input/trackpad", K::Vec2, S::None, B},
                           {"/input/trackpad/x", K::Float, S::None, B},
                           {"/input/trackpad/y", K::Float, S::None, B},
                           {"/input/trackpad/force", K::Float, S::None, B},
                           {"/input/trackpad/touch", K::Bool, S::None, B}})});
  p.push_back({"/interaction_profiles/htc/vive_controller", "Vive controller",
               with_poses({{"/input/system/click", K::Bool, S::System, B},
                           {"/input/squeeze/click", K::Bool, S::SqueezeClick, B},
                           {"/input/menu/click", K::Bool, S::Menu, B},
                           {"/input/trigger/click", K::Bool, S::TriggerClick, B},
                           {"/input/trigger/value", K::Float, S::Trigger, B},
                           {"/input/trackpad", K::Vec2, S::Stick, B},
                           {"/input/trackpad/x", K::Float, S::StickX, B},
                           {"/input/trackpad/y", K::Float, S::StickY, B},
                           {"/input/trackpad/click", K::Bool, S::StickClick, B},
                           {"/input/trackpad/touch", K::Bool, S::StickTouch, B}})});
  p.push_back({"/interaction_profiles/microsoft/motion_controller", "Mixed Reality controller",
               with_poses({{"/input/menu/click", K::Bool, S::Menu, B},
                           {"/input/squeeze/click", K::Bool, S::SqueezeClick, B},
                           {"/input/trigger/value", K::Float, S::Trigger, B},
                           {"/input/thumbstick", K::Vec2, S::Stick, B},
                           {"/input/thumbstick/x", K::Float, S::StickX, B},
                           {"/input/thumbstick/y", K::Float, S::StickY, B},
                           {"/input/thumbstick/click", K::Bool, S::StickClick, B},
                           {"/input/trackpad", K::Vec2, S::None, B},
                           {"/input/trackpad/x", K::Float, S::None, B},
                           {"/input/trackpad/y", K::Float, S::None, B},
                           {"/input/trackpad/click", K::Bool, S::None, B},
                           {"/input/trackpad/touch", K::Bool, S::None, B}})});
  return p;
}

// Splits "/user/hand/left/input/x/click" into hand 0 and "/input/x/click".
bool split_hand(const std::string& path, int& hand, std::string& rest) {
  for (int h = 0; h < 2; ++h) {
    const std::string prefix = h == 0 ? "/user/hand/left" : "/user/hand/right";
    if (path.compare(0, prefix.size(), prefix) == 0 && path.size() > prefix.size() && path[prefix.size()] == '/') {
      hand = h;
      rest = path.substr(prefix.size());
      return true;
    }
  }
  return false;
}

int preference(const Component& c, XrActionType type) {
  const std::string p = c.path;
  const auto ends = [&](const char* s) { return p.size() >= std::strlen(s) && p.compare(p.size() - std::strlen(s), std::string::npos, s) == 0; };
  switch (type) {
    case XR_ACTION_TYPE_BOOLEAN_INPUT: return ends("/click") ? 3 : ends("/value") ? 2 : 0;
    case XR_ACTION_TYPE_FLOAT_INPUT: return ends("/value") ? 3 : ends("/click") ? 2 : 0;
    case XR_ACTION_TYPE_POSE_INPUT: return c.kind == K::Pose ? 3 : 0;
    default: return 0;
  }
}

}  // namespace

bool well_formed_path(const std::string& path) {
  if (path.size() < 2 || path[0] != '/' || path.back() == '/' || path.size() >= XR_MAX_PATH_LENGTH) return false;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    const std::string comp = path.substr(start, end - start);
    if (comp.empty() || comp == "." || comp == "..") return false;
    for (char c : comp)
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.')) return false;
    start = end + 1;
  }
  return true;
}

bool is_top_level_user_path(const std::string& p) {
  return p == "/user/hand/left" || p == "/user/hand/right" || p == "/user/head" || p == "/user/gamepad" ||
         p == "/user/treadmill";
}

int hand_of(const std::string& p) { return p == "/user/hand/left" ? 0 : p == "/user/hand/right" ? 1 : -1; }

const std::vector<Profile>& profiles() {
  static const std::vector<Profile> list = make_profiles();  // immutable table, built once
  return list;
}

const Profile* find_profile(const std::string& path) {
  for (const Profile& p : profiles())
    if (path == p.path) return &p;
  return nullptr;
}

std::optional<BoundInput> resolve_binding(const Profile& profile, const std::string& path, XrActionType type) {
  int hand = -1;
  std::string rest;
  if (!split_hand(path, hand, rest)) return std::nullopt;
  const Component* best = nullptr;
  int best_score = 0;
  for (const Component& c : profile.components) {
    if (!(c.hands & (1 << hand))) continue;
    if (rest == c.path) return BoundInput{hand, &c};
    const std::string cp = c.path;
    if (cp.size() > rest.size() && cp.compare(0, rest.size(), rest) == 0 && cp[rest.size()] == '/') {
      const int score = preference(c, type);
      if (score > best_score) { best = &c; best_score = score; }
    }
  }
  if (!best) return std::nullopt;
  return BoundInput{hand, best};
}

bool profile_has_path(const Profile& profile, const std::string& path) {
  int hand = -1;
  std::string rest;
  if (!split_hand(path, hand, rest)) return false;
  for (const Component& c : profile.components) {
    if (!(c.hands & (1 << hand))) continue;
    const std::string cp = c.path;
    if (cp == rest || (cp.size() > rest.size() && cp.compare(0, rest.size(), rest) == 0 && cp[rest.size()] == '/')) return true;
  }
  return false;
}

float float_value(Source s, const HandInput& in) {
  switch (s) {
    case S::Trigger: return std::max(in.trigger, in.select ? 1.0f : 0.0f);
    case S::Squeeze: return in.squeeze;
    case S::StickX: return in.thumbstick.x;
    case S::StickY: return in.thumbstick.y;
    default: return bool_value(s, in) ? 1.0f : 0.0f;
  }
}

bool bool_value(Source s, const HandInput& in) {
  switch (s) {
    case S::Select: return in.select;
    case S::Menu: return in.menu;
    case S::A: return in.a;
    case S::B: return in.b;
    case S::StickClick: return in.thumbstick_click;
    case S::StickTouch: return in.thumbstick_click || in.thumbstick.x != 0 || in.thumbstick.y != 0;
    case S::TriggerClick: return in.select || in.trigger >= 0.5f;
    case S::TriggerTouch: return in.select || in.trigger > 0.0f;
    case S::SqueezeClick: return in.squeeze >= 0.5f;
    // Floats read as booleans at a fixed threshold (spec 11.4 leaves the threshold to runtimes).
    case S::Trigger:
    case S::Squeeze: return float_value(s, in) >= 0.5f;
    default: return false;  // system buttons belong to the runtime; None is an unscripted input
  }
}

XrVector2f vec2_value(Source s, const HandInput& in) {
  return s == S::Stick ? in.thumbstick : XrVector2f{0, 0};
}

}  // namespace meeloop::xrrt
