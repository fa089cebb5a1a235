#pragma once
// Where the play space (the session's stage or local space) stands in the scene, and how the
// visitor moves it comfortably: snap turns and teleports from the thumbsticks, recentring on the
// scene's start view, the seated height. It reads controller states and the head pose and makes
// no OpenXR calls, so a test can drive it directly.
#include <array>
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "core/log.h"
#include "scene/world.h"
#include "xr/comfort_overlay.h"
#include "xr/head_pose.h"
#include "xr/input.h"
#include "xr/locomotion.h"

namespace meeloop::xr {

struct ComfortOptions {
  float snap_turn_degrees = 30.0f;  // 30 or 45; 0 turns snap turning off
  bool seated = false;              // seated: the floor is raised so eyes are at standing height
  float seated_eye_height = 1.6f;   // metres, the height a seated visitor's eyes are lifted to
  bool vignette = false;            // darken the periphery for 0.3 s on a snap turn or teleport
};

class PlaySpace {
 public:
  // Starts under the scene's first viewpoint, facing where it looks. `stage_space`: false when
  // the session fell back to a local space (floor unknown). `world` and `log` must outlive it.
  PlaySpace(const scene::World& world, const ComfortOptions& options, bool stage_space, Log& log);

  const glm::mat4& world_from_space() const { return world_from_space_; }

  // One hand's thumbstick: sideways snap-turns, forward aims a teleport arc (while the hand is
  // tracked), letting go jumps to where it lands if that is walkable.
  void update_hand(int hand, const HandState& state, const HeadPose& head);
  // The visitor stands at the start view, facing where it looks, eyes at the right height.
  void recentre(const HeadPose& head);
  // Seated, or in a local space with no known floor: lifts the scene's floor so the eyes are at
  // standing height. Standing in a stage space the real floor is the scene's: nothing changes.
  void reset_height(const HeadPose& head);
  // Drops every aimed arc and half-made gesture (the operator paused).
  void cancel();
  // Display time passes (the vignette fades after a move).
  void advance(double seconds) { since_motion_ += seconds; }

  // The arc being aimed (the left hand's first) and the vignette; `black` is the caller's.
  ComfortView comfort_view() const;
  int snap_turns() const { return snap_turns_; }
  int teleports() const { return teleports_; }

 private:
  const scene::World& world_;
  ComfortOptions options_;
  bool stage_space_;
  Log& log_;
  glm::mat4 world_from_space_{1.0f};
  float lift_ = 0.0f;  // metres the play space is raised (seated, or local space)
  std::array<StickGestures, 2> sticks_;
  std::array<std::optional<Arc>, 2> arcs_;  // the teleport each hand is aiming, if any
  WalkableArea walkable_;
  std::vector<Box> furniture_;  // what a teleport arc cannot pass through
  double since_motion_ = 1e9;   // seconds since the last snap turn or teleport
  int snap_turns_ = 0, teleports_ = 0;
};

}  // namespace meeloop::xr
