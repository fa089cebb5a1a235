#include "render/culling.h"

namespace meeloop::render {

bool box_in_frustum(const glm::mat4& m, const glm::vec3& lo, const glm::vec3& hi) {
  // Planes from the rows of view_proj (Gribb & Hartmann), for clip -w<=x,y<=w and 0<=z<=w.
  const glm::vec4 r0{m[0][0], m[1][0], m[2][0], m[3][0]};
  const glm::vec4 r1{m[0][1], m[1][1], m[2][1], m[3][1]};
  const glm::vec4 r2{m[0][2], m[1][2], m[2][2], m[3][2]};
  const glm::vec4 r3{m[0][3], m[1][3], m[2][3], m[3][3]};
  const glm::vec4 planes[6] = {r3 + r0, r3 - r0, r3 + r1, r3 - r1, r2, r3 - r2};
  for (const glm::vec4& p : planes) {
    // The corner furthest along the plane normal; if even it is outside, the box is.
    const glm::vec3 far{p.x >= 0 ? hi.x : lo.x, p.y >= 0 ? hi.y : lo.y, p.z >= 0 ? hi.z : lo.z};
    if (glm::dot(glm::vec3(p), far) + p.w < 0.0f) return false;
  }
  return true;
}

std::vector<bool> visible_instances(const GpuScene& scene, std::span<const View> views) {
  std::vector<glm::mat4> vps;
  for (const View& v : views) vps.push_back(v.proj * v.view);
  std::vector<bool> visible(scene.instance_count(), false);
  for (uint32_t i = 0; i < visible.size(); ++i)
    for (const glm::mat4& vp : vps)
      if (box_in_frustum(vp, scene.instance_min(i), scene.instance_max(i))) {
        visible[i] = true;
        break;
      }
  return visible;
}

}  // namespace meeloop::render
