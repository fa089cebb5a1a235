#include "play/step_view.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace meeloop::play {
namespace {

constexpr float kEyeHeight = 1.6f;
constexpr float kPi = 3.14159265f;

struct Box {
  glm::vec3 lo{std::numeric_limits<float>::max()};
  glm::vec3 hi{std::numeric_limits<float>::lowest()};
  bool empty() const { return lo.x > hi.x; }
  void add(glm::vec3 p) {
    lo = glm::min(lo, p);
    hi = glm::max(hi, p);
  }
};

// World-space bounds of every instance called `id` (a placement is normally one instance).
Box instance_box(const scene::World& world, const std::string& id) {
  Box box;
  for (const scene::Instance& inst : world.instances) {
    if (inst.id != id || inst.mesh < 0 || size_t(inst.mesh) >= world.meshes.size()) continue;
    const scene::Mesh& m = world.meshes[size_t(inst.mesh)];
    for (int c = 0; c < 8; ++c) {
      glm::vec3 corner((c & 1) ? m.bounds_max.x : m.bounds_min.x, (c & 2) ? m.bounds_max.y : m.bounds_min.y,
                       (c & 4) ? m.bounds_max.z : m.bounds_min.z);
      box.add(glm::vec3(inst.transform * glm::vec4(corner, 1.0f)));
    }
  }
  return box;
}

// The model a step is about: who speaks first, else what the first interaction uses.
std::string subject_of(const scenario::Scenario& sc, const scenario::Step& step) {
  for (const scenario::Line& l : step.lines)
    if (const scenario::Character* c = sc.find_character(l.speaker); c && !c->model.empty()) return c->model;
  for (const scenario::Interaction& i : step.interactions)
    if (!i.object.empty()) return i.object;
  return {};
}

// Whether a camera at `eye` looking at `target` with this vertical field of view and a 16:9
// frame shows `p` comfortably inside the frame (not at its very edge).
bool sees(glm::vec3 eye, glm::vec3 forward, float fov_y_degrees, glm::vec3 p) {
  glm::vec3 d = p - eye;
  float dist = glm::length(d);
  if (dist < 0.8f || dist > 3.5f) return false;  // farther away a face is a few pixels
  float half_x = std::atan(std::tan(glm::radians(fov_y_degrees) * 0.5f) * 16.0f / 9.0f);
  return glm::dot(glm::normalize(d), forward) > std::cos(half_x * 0.6f);
}

// Whether the segment a-b passes through the box (slab test).
bool crosses(glm::vec3 a, glm::vec3 b, const Box& box) {
  float t0 = 0.0f, t1 = 1.0f;
  glm::vec3 d = b - a;
  for (int k = 0; k < 3; ++k) {
    if (std::abs(d[k]) < 1e-6f) {
      if (a[k] < box.lo[k] || a[k] > box.hi[k]) return false;
      continue;
    }
    float u = (box.lo[k] - a[k]) / d[k], v = (box.hi[k] - a[k]) / d[k];
    if (u > v) std::swap(u, v);
    t0 = std::max(t0, u);
    t1 = std::min(t1, v);
    if (t0 > t1) return false;
  }
  return true;
}

}  // namespace

std::optional<glm::vec3> instance_centre(const scene::World& world, const std::string& instance_id) {
  Box box = instance_box(world, instance_id);
  if (box.empty()) return std::nullopt;
  return (box.lo + box.hi) * 0.5f;
}

scene::Viewpoint frame_step(const scene::World& world, const scenario::Scenario& sc,
                            const scenario::Step& step, const scene::Viewpoint& from) {
  const std::string subject = subject_of(sc, step);
  const Box box = subject.empty() ? Box{} : instance_box(world, subject);
  if (box.empty()) return from;
  // Aim a little above the centre: for a person that is the chest, so the face is in frame.
  glm::vec3 target = (box.lo + box.hi) * 0.5f;
  target.y = std::min(box.lo.y + 0.75f * (box.hi.y - box.lo.y), kEyeHeight);

  scene::Viewpoint vp = from;
  vp.id = step.id;
  vp.target = target;
  // Obstacles: other placed models that stand higher than a seated person's eyes.
  std::vector<Box> obstacles;
  std::vector<std::string> seen;
  for (const scene::Instance& inst : world.instances) {
    if (inst.id == subject || inst.id == "room" || inst.id == "room_glass") continue;
    if (std::find(seen.begin(), seen.end(), inst.id) != seen.end()) continue;
    seen.push_back(inst.id);
    Box b = instance_box(world, inst.id);
    if (!b.empty() && b.hi.y > 1.0f) obstacles.push_back(b);
  }
  auto clear = [&](glm::vec3 eye) {
    return std::none_of(obstacles.begin(), obstacles.end(), [&](const Box& o) { return crosses(eye, target, o); });
  };
  const glm::vec3 forward = glm::normalize(from.target - from.position);
  if (sees(from.position, forward, from.fov_y_degrees, target) && clear(from.position)) return vp;

  const Box room = instance_box(world, "room");
  // Prefer the side the camera already stands on, so the player keeps their bearings.
  glm::vec2 toward(from.position.x - target.x, from.position.z - target.z);
  const float preferred = glm::length(toward) > 1e-3f ? std::atan2(toward.y, toward.x) : 0.0f;
  float best_score = std::numeric_limits<float>::max();
  glm::vec3 best = from.position;
  for (float dist : {2.0f, 2.5f, 1.5f}) {
    for (int k = 0; k < 24; ++k) {
      const float off = float((k + 1) / 2) * (2.0f * kPi / 24.0f) * ((k % 2) ? 1.0f : -1.0f);
      const float a = preferred + off;
      glm::vec3 eye(target.x + dist * std::cos(a), kEyeHeight, target.z + dist * std::sin(a));
      if (!room.empty() && (eye.x < room.lo.x + 0.4f || eye.x > room.hi.x - 0.4f ||
                            eye.z < room.lo.z + 0.4f || eye.z > room.hi.z - 0.4f))
        continue;
      // Half a metre of room around tall things: standing closer puts a colleague's shoulder or
      // a wardrobe door across half the frame.
      const bool inside = std::any_of(obstacles.begin(), obstacles.end(), [&](const Box& o) {
        return eye.x > o.lo.x - 0.5f && eye.x < o.hi.x + 0.5f && eye.z > o.lo.z - 0.5f && eye.z < o.hi.z + 0.5f;
      });
      const bool blocked = inside || !clear(eye);
      // A blocked view is still better than none, but any clear one wins.
      const float score = std::abs(off) + (blocked ? 100.0f : 0.0f) + std::abs(dist - 2.0f);
      if (score < best_score) {
        best_score = score;
        best = eye;
      }
    }
  }
  if (best_score == std::numeric_limits<float>::max()) return vp;  // no spot inside the room
  vp.position = best;
  return vp;
}

}  // namespace meeloop::play
