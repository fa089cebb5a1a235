#pragma once
// Detail::Budget lights surfaces at their vertices (shaders/mesh_budget.vert). The sun, the
// lamps and every placement are fixed once a scene is uploaded, so the light arriving at each
// placed vertex is worked out then, on the CPU, instead of in every frame's vertex shader
// (where the loop over the lamps ran on lavapipe's single binning thread). The mesh itself is
// still stored once; only this light stream is per placement. What depends on the eye (which
// side of a surface it sees) and on the material stays in the shader.
#include <cstddef>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "scene/world.h"

namespace meeloop::render {

// One placed vertex's light, vertex attributes 1, 3 and 4 of the Budget pipeline.
struct LitVertex {
  glm::vec3 normal;  // world-space unit normal (outward on mirrored placements too)
  glm::vec3 front;   // irradiance from the sun and lamps on the side the normal faces
  glm::vec3 back;    // and on the other side (double-sided surfaces)
};

// A lamp's range as the shaders use it (at least 1 cm).
float lamp_range(const scene::PointLight& lamp);

// Irradiance (before the 1/pi of a diffuse surface) from the sun and the first
// `max_lamps` lamps at `position` on a surface with unit normal `normal`, as
// shaders/frame.glsl's lamp_light and the sun term of mesh_budget.vert work it out.
glm::vec3 direct_irradiance(const scene::Lighting& lighting, size_t max_lamps, const glm::vec3& position,
                            const glm::vec3& normal);

// The light stream of `vertices` placed by `transform`.
std::vector<LitVertex> bake_vertex_light(std::span<const scene::Vertex> vertices, const glm::mat4& transform,
                                         const scene::Lighting& lighting, size_t max_lamps);

}  // namespace meeloop::render
