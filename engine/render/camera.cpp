#include "render/camera.h"

#include <cmath>

namespace meeloop::render {

glm::mat4 perspective_fov(float angle_left, float angle_right, float angle_up, float angle_down,
                          float near_z, float far_z) {
  const float l = std::tan(angle_left), r = std::tan(angle_right);
  const float u = std::tan(angle_up), d = std::tan(angle_down);
  glm::mat4 m(0.0f);  // column-major: m[col][row]
  m[0][0] = 2.0f / (r - l);
  m[2][0] = (r + l) / (r - l);
  // Vulkan's clip Y points down: eye-space up must map to negative y.
  m[1][1] = -2.0f / (u - d);
  m[2][1] = -(u + d) / (u - d);
  // Depth 0 at the near plane, 1 at the far plane; eye space looks down -Z.
  m[2][2] = far_z / (near_z - far_z);
  m[3][2] = near_z * far_z / (near_z - far_z);
  m[2][3] = -1.0f;
  return m;
}

glm::mat4 perspective(float fov_y, float aspect, float near_z, float far_z) {
  const float half_y = fov_y * 0.5f;
  const float half_x = std::atan(std::tan(half_y) * aspect);
  return perspective_fov(-half_x, half_x, half_y, -half_y, near_z, far_z);
}

glm::mat4 look_at(const glm::vec3& eye, const glm::vec3& target) {
  glm::vec3 forward = target - eye;
  if (glm::dot(forward, forward) < 1e-12f) forward = {0.0f, 0.0f, -1.0f};
  forward = glm::normalize(forward);
  glm::vec3 up{0.0f, 1.0f, 0.0f};
  if (std::abs(glm::dot(forward, up)) > 0.999f) up = {0.0f, 0.0f, -1.0f};
  const glm::vec3 right = glm::normalize(glm::cross(forward, up));
  const glm::vec3 true_up = glm::cross(right, forward);
  glm::mat4 m(1.0f);
  m[0][0] = right.x;   m[1][0] = right.y;   m[2][0] = right.z;
  m[0][1] = true_up.x; m[1][1] = true_up.y; m[2][1] = true_up.z;
  m[0][2] = -forward.x; m[1][2] = -forward.y; m[2][2] = -forward.z;
  m[3][0] = -glm::dot(right, eye);
  m[3][1] = -glm::dot(true_up, eye);
  m[3][2] = glm::dot(forward, eye);
  return m;
}

View view_from_viewpoint(const scene::Viewpoint& vp, float aspect) {
  View v;
  v.view = look_at(vp.position, vp.target);
  v.proj = perspective(glm::radians(vp.fov_y_degrees), aspect);
  return v;
}

glm::vec3 eye_position(const glm::mat4& view) { return glm::vec3(glm::inverse(view)[3]); }

}  // namespace meeloop::render
