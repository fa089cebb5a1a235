#include "scene/world_builder.h"

#include <cstdio>

#include "core/hash.h"

namespace meeloop::scene {

void compute_bounds(Mesh& mesh) {
  if (mesh.vertices.empty()) {
    mesh.bounds_min = mesh.bounds_max = glm::vec3(0.0f);
    return;
  }
  mesh.bounds_min = mesh.bounds_max = mesh.vertices.front().position;
  for (const Vertex& v : mesh.vertices) {
    mesh.bounds_min = glm::min(mesh.bounds_min, v.position);
    mesh.bounds_max = glm::max(mesh.bounds_max, v.position);
  }
}

std::string content_hash(const void* data, size_t size) {
  return "fnv:" + hex16(Fnv1a().update(data, size).value()) + ":" + std::to_string(size);
}

std::optional<int> WorldBuilder::find_mesh(const std::string& key) const {
  auto it = meshes_.find(key);
  if (it == meshes_.end()) return std::nullopt;
  return it->second;
}

int WorldBuilder::add_mesh(const std::string& key, Mesh mesh) {
  compute_bounds(mesh);
  int index = int(world_.meshes.size());
  world_.meshes.push_back(std::move(mesh));
  meshes_[key] = index;
  return index;
}

int WorldBuilder::add_material(const Material& m) {
  char buf[256];
  std::snprintf(buf, sizeof buf, "|%.4f,%.4f,%.4f,%.4f|%d|%.3f|%.3f|%.3f,%.3f,%.3f|%d", m.base_color.r,
                m.base_color.g, m.base_color.b, m.base_color.a, m.base_color_texture, m.metallic,
                m.roughness, m.emissive.r, m.emissive.g, m.emissive.b, int(m.double_sided));
  std::string key = m.name + buf;
  auto it = materials_.find(key);
  if (it != materials_.end()) return it->second;
  int index = int(world_.materials.size());
  world_.materials.push_back(m);
  materials_[key] = index;
  return index;
}

std::optional<int> WorldBuilder::find_image(const std::string& key) const {
  auto it = images_.find(key);
  if (it == images_.end()) return std::nullopt;
  return it->second;
}

int WorldBuilder::add_image(Image image, const std::string& key, const std::string& key2) {
  int index = int(world_.images.size());
  world_.images.push_back(std::move(image));
  images_[key] = index;
  if (!key2.empty()) images_[key2] = index;
  return index;
}

}  // namespace meeloop::scene
