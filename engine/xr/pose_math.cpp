#include "xr/pose_math.h"

#include <cmath>

namespace meeloop::xr {

glm::mat4 to_mat4(const XrPosef& p) {
  glm::mat4 m = glm::mat4_cast(to_quat(p.orientation));
  m[3] = glm::vec4(to_vec3(p.position), 1.0f);
  return m;
}

render::View eye_view(const glm::mat4& world_from_space, const XrPosef& eye, const XrFovf& fov) {
  render::View v;
  v.view = glm::inverse(world_from_space * to_mat4(eye));
  v.proj = render::perspective_fov(fov.angleLeft, fov.angleRight, fov.angleUp, fov.angleDown);
  return v;
}

glm::quat look_rotation(const glm::vec3& dir) {
  const glm::vec3 d = glm::normalize(dir);
  const float yaw = std::atan2(-d.x, -d.z);
  const float pitch = std::atan2(d.y, std::sqrt(d.x * d.x + d.z * d.z));
  return glm::angleAxis(yaw, glm::vec3(0, 1, 0)) * glm::angleAxis(pitch, glm::vec3(1, 0, 0));
}

}  // namespace meeloop::xr
