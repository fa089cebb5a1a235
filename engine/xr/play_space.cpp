#include "xr/play_space.h"

#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace meeloop::xr {
namespace {

scene::Viewpoint start_view(const scene::World& world) {
  return world.viewpoints.empty() ? scene::Viewpoint{} : world.viewpoints.front();
}

// The play area's origin under the start view, facing where it looks.
glm::mat4 initial_world_from_space(const scene::World& world) {
  const scene::Viewpoint vp = start_view(world);
  const glm::vec3 dir = vp.target - vp.position;
  const float yaw = std::atan2(-dir.x, -dir.z);
  return glm::rotate(glm::translate(glm::mat4(1.0f), glm::vec3(vp.position.x, 0.0f, vp.position.z)), yaw,
                     glm::vec3(0, 1, 0));
}

}  // namespace

PlaySpace::PlaySpace(const scene::World& world, const ComfortOptions& options, bool stage_space, Log& log)
    : world_(world),
      options_(options),
      stage_space_(stage_space),
      log_(log),
      world_from_space_(initial_world_from_space(world)),
      walkable_(walkable_area(world)),
      furniture_(furniture_boxes(world)) {}

void PlaySpace::update_hand(int hand, const HandState& h, const HeadPose& head) {
  StickGestures& stick = sticks_[size_t(hand)];
  const auto event = stick.update(h.thumbstick);
  const float degrees = options_.snap_turn_degrees;
  if ((event == StickGestures::Event::TurnLeft || event == StickGestures::Event::TurnRight) && degrees > 0) {
    world_from_space_ =
        snap_turn(world_from_space_, head.position, event == StickGestures::Event::TurnLeft ? degrees : -degrees);
    ++snap_turns_;
    since_motion_ = 0;
  }
  std::optional<Arc>& arc = arcs_[size_t(hand)];
  if (event == StickGestures::Event::TeleportRelease) {
    if (arc && arc->landing && walkable_.contains(*arc->landing)) {
      world_from_space_ = teleport(world_from_space_, head.position, *arc->landing);
      ++teleports_;
      since_motion_ = 0;
      log_.info("xr: teleported");
    }
    arc.reset();
  }
  if (stick.aiming() && h.active) {
    const glm::vec3 o = glm::vec3(world_from_space_ * glm::vec4(h.aim_origin, 1.0f));
    const glm::vec3 d = glm::vec3(world_from_space_ * glm::vec4(h.aim_direction, 0.0f));
    arc = sample_arc(o, d, 0.0f, furniture_);  // the scene's floor
  } else if (!stick.aiming()) {
    arc.reset();
  }
}

void PlaySpace::recentre(const HeadPose& head) {
  const float lift = floor_lift(options_.seated, stage_space_, head.position.y, options_.seated_eye_height);
  world_from_space_ = xr::recentre(start_view(world_), head.position, head.yaw, lift);
  lift_ = lift;
}

void PlaySpace::reset_height(const HeadPose& head) {
  if (!options_.seated && stage_space_) return;
  const float lift = floor_lift(options_.seated, stage_space_, head.position.y, options_.seated_eye_height);
  world_from_space_ = world_from_space_ * glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, lift - lift_, 0.0f));
  lift_ = lift;
}

void PlaySpace::cancel() {
  for (auto& s : sticks_) s.cancel();
  for (auto& a : arcs_) a.reset();
}

ComfortView PlaySpace::comfort_view() const {
  ComfortView v;
  for (const auto& a : arcs_)
    if (a && !v.arc) {
      v.arc = a;
      v.arc_valid = a->landing && walkable_.contains(*a->landing);
    }
  if (options_.vignette) v.vignette = vignette_strength(since_motion_);
  return v;
}

}  // namespace meeloop::xr
