#include "xr/locomotion.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace meeloop::xr {

Arc sample_arc(glm::vec3 origin, glm::vec3 direction, float floor_y, const ArcParams& params) {
  Arc arc;
  const glm::vec3 v = glm::normalize(direction) * params.launch_speed;
  const glm::vec3 g{0.0f, -params.gravity, 0.0f};
  const int n = std::max(1, int(std::ceil(params.max_seconds * float(params.samples_per_second))));
  const float dt = params.max_seconds / float(n);
  arc.points.push_back(origin);
  for (int i = 1; i <= n; ++i) {
    const float t = dt * float(i);
    const glm::vec3 p = origin + v * t + 0.5f * g * t * t;
    const glm::vec3 prev = arc.points.back();
    // Only a downward crossing lands: a controller held below the floor plane (a seated
    // visitor's lifted floor) must not land at its own feet on the way up.
    if (p.y <= floor_y && prev.y > floor_y) {
      const float s = (prev.y - floor_y) / (prev.y - p.y);
      const glm::vec3 hit = prev + (p - prev) * s;
      arc.points.push_back(hit);
      arc.landing = glm::vec3(hit.x, floor_y, hit.z);
      return arc;
    }
    arc.points.push_back(p);
  }
  return arc;
}

bool WalkableArea::contains(glm::vec3 p) const {
  const glm::vec2 q{p.x, p.z};
  if (rectangle) return q.x >= min.x && q.x <= max.x && q.y >= min.y && q.y <= max.y;
  return glm::length(q - centre) <= radius;
}

WalkableArea walkable_area(const scene::World& world, float margin, float radius) {
  WalkableArea a;
  for (const auto& inst : world.instances) {
    if (inst.id != "room" || inst.mesh < 0 || size_t(inst.mesh) >= world.meshes.size()) continue;
    const scene::Mesh& m = world.meshes[size_t(inst.mesh)];
    glm::vec2 lo{INFINITY}, hi{-INFINITY};
    for (int c = 0; c < 8; ++c) {
      const glm::vec3 corner{c & 1 ? m.bounds_max.x : m.bounds_min.x, c & 2 ? m.bounds_max.y : m.bounds_min.y,
                             c & 4 ? m.bounds_max.z : m.bounds_min.z};
      const glm::vec3 w = glm::vec3(inst.transform * glm::vec4(corner, 1.0f));
      lo = glm::min(lo, glm::vec2(w.x, w.z));
      hi = glm::max(hi, glm::vec2(w.x, w.z));
    }
    if (hi.x - lo.x > 2 * margin && hi.y - lo.y > 2 * margin) {
      a.rectangle = true;
      a.min = lo + glm::vec2(margin);
      a.max = hi - glm::vec2(margin);
      return a;
    }
  }
  const scene::Viewpoint vp = world.viewpoints.empty() ? scene::Viewpoint{} : world.viewpoints.front();
  a.centre = {vp.position.x, vp.position.z};
  a.radius = radius;
  return a;
}

StickGestures::Event StickGestures::update(glm::vec2 s) {
  constexpr float kPush = 0.7f, kRest = 0.3f;
  if (aiming_) {
    // Aiming ends when the stick comes back towards the centre: that is the release.
    if (s.y < kRest && std::abs(s.x) < kPush) {
      aiming_ = false;
      armed_ = std::abs(s.x) < kRest;
      return Event::TeleportRelease;
    }
    return Event::None;
  }
  if (std::abs(s.x) < kRest && std::abs(s.y) < kRest) armed_ = true;
  if (!armed_) return Event::None;
  // Forward wins when the push is more forward than sideways, so a diagonal never turns.
  if (s.y >= kPush && s.y >= std::abs(s.x)) {
    aiming_ = true;
    armed_ = false;
    return Event::None;
  }
  if (std::abs(s.x) >= kPush && std::abs(s.x) > s.y) {
    armed_ = false;
    return s.x > 0 ? Event::TurnRight : Event::TurnLeft;
  }
  return Event::None;
}

glm::mat4 snap_turn(const glm::mat4& world_from_space, glm::vec3 head_in_space, float degrees) {
  const glm::vec3 head = glm::vec3(world_from_space * glm::vec4(head_in_space, 1.0f));
  return glm::translate(glm::mat4(1.0f), head) *
         glm::rotate(glm::mat4(1.0f), glm::radians(degrees), glm::vec3(0, 1, 0)) *
         glm::translate(glm::mat4(1.0f), -head) * world_from_space;
}

glm::mat4 teleport(const glm::mat4& world_from_space, glm::vec3 head_in_space, glm::vec3 target) {
  const glm::vec3 head = glm::vec3(world_from_space * glm::vec4(head_in_space, 1.0f));
  return glm::translate(glm::mat4(1.0f), glm::vec3(target.x - head.x, 0.0f, target.z - head.z)) * world_from_space;
}

glm::mat4 recentre(const scene::Viewpoint& view, glm::vec3 head_in_space, float head_yaw_in_space, float lift) {
  const float view_yaw = yaw_of_direction(view.target - view.position);
  return glm::translate(glm::mat4(1.0f), glm::vec3(view.position.x, lift, view.position.z)) *
         glm::rotate(glm::mat4(1.0f), view_yaw - head_yaw_in_space, glm::vec3(0, 1, 0)) *
         glm::translate(glm::mat4(1.0f), glm::vec3(-head_in_space.x, 0.0f, -head_in_space.z));
}

float floor_lift(bool seated, bool stage_space, float head_height, float eye_height) {
  if (!seated && stage_space) return 0.0f;
  return eye_height - head_height;
}

float yaw_of_direction(glm::vec3 f) {
  if (std::abs(f.x) < 1e-6f && std::abs(f.z) < 1e-6f) return 0.0f;
  return std::atan2(-f.x, -f.z);
}

}  // namespace meeloop::xr
