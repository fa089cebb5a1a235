#include "xr/locomotion.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace meeloop::xr {
namespace {

// The world-space bounds of an instance's mesh (the box round its eight transformed corners).
std::optional<Box> instance_box(const scene::World& world, const scene::Instance& inst) {
  if (inst.mesh < 0 || size_t(inst.mesh) >= world.meshes.size()) return std::nullopt;
  const scene::Mesh& m = world.meshes[size_t(inst.mesh)];
  Box b{glm::vec3(INFINITY), glm::vec3(-INFINITY)};
  for (int c = 0; c < 8; ++c) {
    const glm::vec3 corner{c & 1 ? m.bounds_max.x : m.bounds_min.x, c & 2 ? m.bounds_max.y : m.bounds_min.y,
                           c & 4 ? m.bounds_max.z : m.bounds_min.z};
    const glm::vec3 w = glm::vec3(inst.transform * glm::vec4(corner, 1.0f));
    b.min = glm::min(b.min, w);
    b.max = glm::max(b.max, w);
  }
  if (!(b.min.x <= b.max.x && b.min.y <= b.max.y && b.min.z <= b.max.z)) return std::nullopt;  // NaN bounds
  return b;
}

// Where the segment a->b first enters `box`, as a fraction of its length (slab method).
std::optional<float> segment_entry(glm::vec3 a, glm::vec3 b, const Box& box) {
  const glm::vec3 d = b - a;
  float t0 = 0.0f, t1 = 1.0f;
  for (int k = 0; k < 3; ++k) {
    if (std::abs(d[k]) < 1e-9f) {
      if (a[k] < box.min[k] || a[k] > box.max[k]) return std::nullopt;
      continue;
    }
    float lo = (box.min[k] - a[k]) / d[k], hi = (box.max[k] - a[k]) / d[k];
    if (lo > hi) std::swap(lo, hi);
    t0 = std::max(t0, lo);
    t1 = std::min(t1, hi);
    if (t0 > t1) return std::nullopt;
  }
  return t0;
}

}  // namespace

bool Box::contains(glm::vec3 p) const {
  return p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y && p.z >= min.z && p.z <= max.z;
}

std::vector<Box> furniture_boxes(const scene::World& world) {
  std::vector<Box> out;
  for (const auto& inst : world.instances)
    if (inst.id != "room")
      // The scene's floor is y = 0: a flat floor piece would block every landing on it.
      if (auto b = instance_box(world, inst); b && b->max.y >= kStepOver) out.push_back(*b);
  return out;
}

Arc sample_arc(glm::vec3 origin, glm::vec3 direction, float floor_y, const ArcParams& params) {
  return sample_arc(origin, direction, floor_y, {}, params);
}

Arc sample_arc(glm::vec3 origin, glm::vec3 direction, float floor_y, std::span<const Box> obstacles,
               const ArcParams& params) {
  std::vector<const Box*> live;  // a box round the controller itself never stops the arc
  for (const Box& b : obstacles)
    if (!b.contains(origin)) live.push_back(&b);
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
    std::optional<float> entry;
    for (const Box* b : live)
      if (auto e = segment_entry(prev, p, *b); e && (!entry || *e < *entry)) entry = e;
    const bool lands = p.y <= floor_y && prev.y > floor_y;
    // Furniture first when the arc enters it before it reaches the floor (or on this step at all
    // when it does not land): an arc through a sofa or under a table ends there, blocked.
    if (entry && (!lands || *entry <= (prev.y - floor_y) / (prev.y - p.y))) {
      arc.points.push_back(prev + (p - prev) * *entry);
      arc.blocked = true;
      return arc;
    }
    // Only a downward crossing lands: a controller held below the floor plane (a seated
    // visitor's lifted floor) must not land at its own feet on the way up.
    if (lands) {
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
  for (const Footprint& f : blocked)
    if (q.x >= f.min.x && q.x <= f.max.x && q.y >= f.min.y && q.y <= f.max.y) return false;
  if (rectangle) return q.x >= min.x && q.x <= max.x && q.y >= min.y && q.y <= max.y;
  return glm::length(q - centre) <= radius;
}

WalkableArea walkable_area(const scene::World& world, float margin, float radius, float furniture_margin) {
  WalkableArea a;
  for (const auto& inst : world.instances) {
    if (inst.id != "room") continue;
    const auto box = instance_box(world, inst);
    if (!box) continue;
    const glm::vec2 lo{box->min.x, box->min.z}, hi{box->max.x, box->max.z};
    if (hi.x - lo.x > 2 * margin && hi.y - lo.y > 2 * margin) {
      a.rectangle = true;
      a.min = lo + glm::vec2(margin);
      a.max = hi - glm::vec2(margin);
      break;
    }
  }
  if (!a.rectangle) {
    const scene::Viewpoint vp = world.viewpoints.empty() ? scene::Viewpoint{} : world.viewpoints.front();
    a.centre = {vp.position.x, vp.position.z};
    a.radius = radius;
  }
  // The scene's floor is y = 0 (the room shell's and the arc's).
  for (const Box& b : furniture_boxes(world)) {
    if (b.min.y > kHeadroom) continue;
    a.blocked.push_back({glm::vec2(b.min.x, b.min.z) - glm::vec2(furniture_margin),
                         glm::vec2(b.max.x, b.max.z) + glm::vec2(furniture_margin)});
  }
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
