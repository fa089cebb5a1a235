#pragma once
// The visitor's eyes in desktop play: stand at eye height, look with the mouse, walk with WASD
// or by clicking the floor, and find what the pointer is on (hotspots, floor).
#include <optional>

#include <glm/glm.hpp>

#include "render/camera.h"
#include "scene/world.h"

namespace meeloop::desktop {

struct Ray {
  glm::vec3 origin{0.0f};
  glm::vec3 dir{0.0f, 0.0f, -1.0f};  // unit length
};

// Distance along `ray` to the box [lo, hi], or nullopt when it misses (slab test).
std::optional<float> hit_box(const Ray& ray, const glm::vec3& lo, const glm::vec3& hi);
// Where `ray` meets the floor (y = 0), if it points down.
std::optional<glm::vec3> hit_floor(const Ray& ray);

class FirstPerson {
 public:
  // Jumps to a viewpoint (eye position and what it looks at).
  void set(const scene::Viewpoint& vp);
  scene::Viewpoint viewpoint() const;
  // Keeps the eye inside [lo, hi] on the floor plane (the room), with a margin.
  void set_bounds(const glm::vec3& lo, const glm::vec3& hi);

  void look(float dx_pixels, float dy_pixels);  // mouse drag with the right button held
  // WASD: forward/right in -1..1, over dt seconds, along the floor.
  void walk(float forward, float right, float dt);
  void walk_to(const glm::vec3& floor_point);  // glides there over the next frames
  void update(float dt);

  render::View view(float aspect) const;
  // The ray through window pixel (x, y) of a window `size` (same units as x, y).
  Ray ray(glm::vec2 pixel, glm::vec2 size) const;
  glm::vec3 position() const { return position_; }

 private:
  glm::vec3 forward() const;
  void clamp();
  glm::vec3 position_{0.0f, 1.6f, 0.0f};
  float yaw_ = 0, pitch_ = 0;  // radians; yaw 0 looks down -Z
  float fov_y_degrees_ = 60.0f;
  std::optional<glm::vec3> goal_;
  glm::vec3 lo_{-1e6f}, hi_{1e6f};
};

}  // namespace meeloop::desktop
