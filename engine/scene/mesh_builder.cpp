#include "scene/mesh_builder.h"

#include "scene/world_builder.h"

namespace meeloop::scene {

void MeshBuilder::quad(int material, glm::vec3 p, glm::vec3 e1, glm::vec3 e2, glm::vec3 normal,
                       float tile, glm::vec2 uv0) {
  float l1 = glm::length(e1), l2 = glm::length(e2);
  if (l1 < 1e-6f || l2 < 1e-6f) return;
  glm::vec2 t1(l1 / tile, 0), t2(0, l2 / tile);
  if (glm::dot(glm::cross(e1, e2), normal) < 0) {  // keep each edge with its own UV axis
    std::swap(e1, e2);
    std::swap(t1, t2);
  }
  normal = glm::normalize(normal);
  auto base = uint32_t(vertices_.size());
  vertices_.push_back({p, normal, uv0});
  vertices_.push_back({p + e1, normal, uv0 + t1});
  vertices_.push_back({p + e1 + e2, normal, uv0 + t1 + t2});
  vertices_.push_back({p + e2, normal, uv0 + t2});
  auto& idx = indices_[material];
  idx.insert(idx.end(), {base, base + 1, base + 2, base, base + 2, base + 3});
}

void MeshBuilder::box(int m, glm::vec3 a, glm::vec3 b, float tile) {
  glm::vec3 d = b - a;
  glm::vec3 x(d.x, 0, 0), y(0, d.y, 0), z(0, 0, d.z);
  quad(m, a, x, y, {0, 0, -1}, tile);                 // back
  quad(m, a + z, x, y, {0, 0, 1}, tile);              // front
  quad(m, a, z, y, {-1, 0, 0}, tile);                 // left
  quad(m, a + x, z, y, {1, 0, 0}, tile);              // right
  quad(m, a, x, z, {0, -1, 0}, tile);                 // bottom
  quad(m, a + y, x, z, {0, 1, 0}, tile);              // top
}

Mesh MeshBuilder::finish(std::string source) {
  Mesh mesh;
  mesh.source = std::move(source);
  mesh.vertices = std::move(vertices_);
  for (auto& [material, idx] : indices_) {
    Primitive p;
    p.first_index = uint32_t(mesh.indices.size());
    p.index_count = uint32_t(idx.size());
    p.material = material;
    mesh.indices.insert(mesh.indices.end(), idx.begin(), idx.end());
    mesh.primitives.push_back(p);
  }
  vertices_.clear();
  indices_.clear();
  compute_bounds(mesh);
  return mesh;
}

}  // namespace meeloop::scene
