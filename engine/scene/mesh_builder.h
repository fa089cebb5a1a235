#pragma once
// Assembles generated geometry (quads, boxes) into one Mesh with a primitive per material.
#include <map>
#include <vector>

#include "scene/world.h"

namespace meeloop::scene {

class MeshBuilder {
 public:
  // Rectangle p, p+e1, p+e1+e2, p+e2 facing `normal` (winding fixed to be counter-clockwise
  // seen from that side). UVs are the corner's metres along e1/e2 divided by `tile`.
  void quad(int material, glm::vec3 p, glm::vec3 e1, glm::vec3 e2, glm::vec3 normal, float tile,
            glm::vec2 uv_origin = glm::vec2(0.0f));
  // Axis-aligned box with all six faces outward.
  void box(int material, glm::vec3 min, glm::vec3 max, float tile = 1.0f);
  // The finished mesh, primitives sorted by material; the builder is empty afterwards.
  Mesh finish(std::string source);

 private:
  std::vector<Vertex> vertices_;
  std::map<int, std::vector<uint32_t>> indices_;  // per material
};

}  // namespace meeloop::scene
