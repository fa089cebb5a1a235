#pragma once
// The CPU-side description of a loaded scene: what engine/scene produces and engine/render
// uploads. Plain data with no GPU types. Units are metres, right-handed, +Y up.
#include <cstdint>
#include <string>
#include <vector>

#include <glm/glm.hpp>

namespace meeloop::scene {

struct Vertex {
  glm::vec3 position;
  glm::vec3 normal;
  glm::vec2 uv;
};

// 8-bit RGBA pixels, row-major, top row first. Colour textures hold sRGB-encoded values.
struct Image {
  std::string source;  // file or catalog path, for messages and de-duplication
  uint32_t width = 0;
  uint32_t height = 0;
  std::vector<uint8_t> rgba;
};

// Metallic-roughness material. OBJ/MTL Blinn-Phong values are converted on import
// (Kd -> base colour, Ns -> roughness, d -> alpha).
struct Material {
  std::string name;
  glm::vec4 base_color{1.0f};   // linear RGB, alpha = opacity
  int base_color_texture = -1;  // index into World::images, -1 = none
  float metallic = 0.0f;
  float roughness = 0.8f;
  glm::vec3 emissive{0.0f};
  bool double_sided = false;
};

// A contiguous index range drawn with one material.
struct Primitive {
  uint32_t first_index = 0;
  uint32_t index_count = 0;
  int material = 0;  // index into World::materials
};

// One model asset (a file, a catalog entry, or the generated room shell), stored once however
// often it is placed. Vertices are in the model's own space, already in metres.
struct Mesh {
  std::string source;
  std::vector<Vertex> vertices;
  std::vector<uint32_t> indices;
  std::vector<Primitive> primitives;
  glm::vec3 bounds_min{0.0f};
  glm::vec3 bounds_max{0.0f};
};

// A placement of a mesh in the world.
struct Instance {
  std::string id;  // the model's id in scene.json (hotspots and scenario objects refer to it)
  int mesh = 0;    // index into World::meshes
  glm::mat4 transform{1.0f};  // model space -> world space
};

struct PointLight {
  glm::vec3 position{0.0f};
  glm::vec3 color{1.0f};
  float intensity = 1.0f;  // scale on colour
  float range = 5.0f;      // metres; light fades to zero here
};

struct Lighting {
  glm::vec3 sun_direction = glm::normalize(glm::vec3(-0.4f, -0.8f, -0.3f));  // direction light travels
  glm::vec3 sun_color{1.0f, 0.96f, 0.88f};
  float sun_intensity = 2.5f;
  glm::vec3 sky_color{0.60f, 0.68f, 0.80f};     // hemisphere ambient from above
  glm::vec3 ground_color{0.30f, 0.26f, 0.22f};  // hemisphere ambient from below
  float ambient_intensity = 0.6f;
  std::vector<PointLight> points;
};

struct Viewpoint {
  std::string id;
  glm::vec3 position{0.0f, 1.6f, 0.0f};
  glm::vec3 target{0.0f, 1.2f, -1.0f};
  float fov_y_degrees = 60.0f;
};

struct World {
  std::string name;
  std::vector<Mesh> meshes;
  std::vector<Material> materials;
  std::vector<Image> images;
  std::vector<Instance> instances;
  Lighting lighting;
  std::vector<Viewpoint> viewpoints;  // first one is the default
  glm::vec3 clear_color{0.55f, 0.62f, 0.70f};
};

}  // namespace meeloop::scene
