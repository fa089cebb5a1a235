#include "desktop/first_person.h"

#include <algorithm>
#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace meeloop::desktop {
namespace {
constexpr float kWalkSpeed = 1.4f;        // m/s: a calm walking pace
constexpr float kLookRadiansPerPixel = 0.0035f;
constexpr float kMargin = 0.3f;           // metres kept from the walls
constexpr float kMaxPitch = 1.4f;
}  // namespace

std::optional<float> hit_box(const Ray& r, const glm::vec3& lo, const glm::vec3& hi) {
  float t0 = 0.0f, t1 = 1e30f;
  for (int a = 0; a < 3; ++a) {
    if (std::abs(r.dir[a]) < 1e-8f) {
      if (r.origin[a] < lo[a] || r.origin[a] > hi[a]) return std::nullopt;
      continue;
    }
    float inv = 1.0f / r.dir[a];
    float ta = (lo[a] - r.origin[a]) * inv, tb = (hi[a] - r.origin[a]) * inv;
    if (ta > tb) std::swap(ta, tb);
    t0 = std::max(t0, ta);
    t1 = std::min(t1, tb);
    if (t0 > t1) return std::nullopt;
  }
  return t0;
}

std::optional<glm::vec3> hit_floor(const Ray& r) {
  if (r.dir.y > -1e-4f) return std::nullopt;
  float t = -r.origin.y / r.dir.y;
  return r.origin + t * r.dir;
}

void FirstPerson::set(const scene::Viewpoint& vp) {
  position_ = vp.position;
  glm::vec3 d = vp.target - vp.position;
  if (glm::length(d) < 1e-5f) d = {0, 0, -1};
  d = glm::normalize(d);
  yaw_ = std::atan2(d.x, -d.z);
  pitch_ = std::asin(std::clamp(d.y, -1.0f, 1.0f));
  fov_y_degrees_ = vp.fov_y_degrees;
  goal_.reset();
}

scene::Viewpoint FirstPerson::viewpoint() const {
  scene::Viewpoint vp;
  vp.id = "desktop";
  vp.position = position_;
  vp.target = position_ + forward();
  vp.fov_y_degrees = fov_y_degrees_;
  return vp;
}

void FirstPerson::set_bounds(const glm::vec3& lo, const glm::vec3& hi) {
  lo_ = lo + glm::vec3(kMargin);
  hi_ = hi - glm::vec3(kMargin);
  if (lo_.x > hi_.x) lo_.x = hi_.x = (lo.x + hi.x) / 2;
  if (lo_.z > hi_.z) lo_.z = hi_.z = (lo.z + hi.z) / 2;
}

glm::vec3 FirstPerson::forward() const {
  return {std::sin(yaw_) * std::cos(pitch_), std::sin(pitch_), -std::cos(yaw_) * std::cos(pitch_)};
}

void FirstPerson::look(float dx, float dy) {
  yaw_ += dx * kLookRadiansPerPixel;
  pitch_ = std::clamp(pitch_ - dy * kLookRadiansPerPixel, -kMaxPitch, kMaxPitch);
}

void FirstPerson::walk(float fwd, float right, float dt) {
  if (fwd == 0 && right == 0) return;
  goal_.reset();
  glm::vec3 f{std::sin(yaw_), 0, -std::cos(yaw_)};
  glm::vec3 r{std::cos(yaw_), 0, std::sin(yaw_)};
  glm::vec3 step = f * fwd + r * right;
  if (glm::length(step) > 1) step = glm::normalize(step);
  position_ += step * kWalkSpeed * dt;
  clamp();
}

void FirstPerson::walk_to(const glm::vec3& p) { goal_ = glm::vec3(p.x, position_.y, p.z); }

void FirstPerson::update(float dt) {
  if (!goal_) return;
  glm::vec3 d = *goal_ - position_;
  float dist = glm::length(d);
  float step = kWalkSpeed * 2 * dt;  // clicking is a shortcut: a little faster than WASD
  if (dist <= step) {
    position_ = *goal_;
    goal_.reset();
  } else {
    position_ += d / dist * step;
  }
  clamp();
}

void FirstPerson::clamp() {
  position_.x = std::clamp(position_.x, lo_.x, hi_.x);
  position_.z = std::clamp(position_.z, lo_.z, hi_.z);
}

render::View FirstPerson::view(float aspect) const { return render::view_from_viewpoint(viewpoint(), aspect); }

Ray FirstPerson::ray(glm::vec2 pixel, glm::vec2 size) const {
  const float aspect = size.x / std::max(size.y, 1.0f);
  const float tan_half = std::tan(glm::radians(fov_y_degrees_) / 2);
  const float ndc_x = (pixel.x / size.x) * 2 - 1;
  const float ndc_y = 1 - (pixel.y / size.y) * 2;  // window y grows downwards
  glm::vec3 f = forward();
  glm::vec3 right = glm::normalize(glm::cross(f, glm::vec3(0, 1, 0)));
  glm::vec3 up = glm::cross(right, f);
  glm::vec3 dir = glm::normalize(f + right * (ndc_x * tan_half * aspect) + up * (ndc_y * tan_half));
  return {position_, dir};
}

}  // namespace meeloop::desktop
