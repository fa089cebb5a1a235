#include "render/baked_light.h"

#include <algorithm>

namespace meeloop::render {

float lamp_range(const scene::PointLight& lamp) { return std::max(lamp.range, 0.01f); }

glm::vec3 direct_irradiance(const scene::Lighting& lighting, size_t max_lamps, const glm::vec3& position,
                            const glm::vec3& normal) {
  glm::vec3 e = lighting.sun_color * lighting.sun_intensity *
                std::max(glm::dot(normal, -glm::normalize(lighting.sun_direction)), 0.0f);
  const size_t n = std::min(lighting.points.size(), max_lamps);
  for (size_t i = 0; i < n; ++i) {
    const scene::PointLight& lamp = lighting.points[i];
    const glm::vec3 to_lamp = lamp.position - position;
    const float d2 = std::max(glm::dot(to_lamp, to_lamp), 1e-4f);
    const float range = lamp_range(lamp);
    // Inverse-square falloff windowed to reach zero at the range (as glTF's punctual lights).
    const float x = d2 / (range * range);
    const float window = std::clamp(1.0f - x * x, 0.0f, 1.0f);
    const float facing = std::max(glm::dot(normal, to_lamp / std::sqrt(d2)), 0.0f);
    e += lamp.color * (lamp.intensity * window * window / d2 * facing);
  }
  return e;
}

std::vector<LitVertex> bake_vertex_light(std::span<const scene::Vertex> vertices, const glm::mat4& transform,
                                         const scene::Lighting& lighting, size_t max_lamps) {
  // Normals transform by the cofactor matrix (the inverse-transpose times the determinant),
  // with the determinant's sign so they stay outward on mirrored placements (as mesh.vert).
  const glm::mat3 m(transform);
  const glm::mat3 cofactor(glm::cross(m[1], m[2]), glm::cross(m[2], m[0]), glm::cross(m[0], m[1]));
  const float sign = glm::determinant(m) < 0.0f ? -1.0f : 1.0f;
  std::vector<LitVertex> out;
  out.reserve(vertices.size());
  for (const scene::Vertex& v : vertices) {
    const glm::vec3 world(transform * glm::vec4(v.position, 1.0f));
    glm::vec3 n = cofactor * v.normal * sign;
    const float len = glm::length(n);
    n = len > 0.0f ? n / len : glm::vec3(0.0f, 1.0f, 0.0f);
    out.push_back({n, direct_irradiance(lighting, max_lamps, world, n),
                   direct_irradiance(lighting, max_lamps, world, -n)});
  }
  return out;
}

}  // namespace meeloop::render
