#pragma once
// Collects meshes, materials and images into a World while de-duplicating them: a model placed
// ten times is stored once, and an image file shared by several models is decoded once.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include "scene/world.h"

namespace meeloop::scene {

class WorldBuilder {
 public:
  World& world() { return world_; }
  const World& world() const { return world_; }
  // Index of the mesh stored under `key`, if any.
  std::optional<int> find_mesh(const std::string& key) const;
  // Stores `mesh` (bounds computed here) under `key`; returns its index.
  int add_mesh(const std::string& key, Mesh mesh);
  // Stores a material; identical materials (same name, values and texture) share one index.
  int add_material(const Material& material);
  // Index of an image already stored under `key` (a path or a content hash), if any.
  std::optional<int> find_image(const std::string& key) const;
  // Stores `image` under the given keys (e.g. its path and its content hash); returns its index.
  int add_image(Image image, const std::string& key, const std::string& key2 = {});
  // Makes `key` another name for image `index` (a path that decoded to known content).
  void add_image_key(const std::string& key, int index) { images_[key] = index; }
  // Moves the finished World out; the builder is empty afterwards.
  World take() { return std::move(world_); }

 private:
  World world_;
  std::unordered_map<std::string, int> meshes_;
  std::unordered_map<std::string, int> materials_;
  std::unordered_map<std::string, int> images_;
};

// Axis-aligned bounds of the mesh's vertices (zero box for an empty mesh).
void compute_bounds(Mesh& mesh);
// "fnv:<16 hex digits>:<size>" (core/hash.h) of bytes: the identity of a texture file
// and the name of a mesh cache file, so its form must not change.
std::string content_hash(const void* data, size_t size);

}  // namespace meeloop::scene
