// Model import through the project's importer (Assimp underneath), from files in the scratch
// folder: the importer only reads paths. Limits are far below the product's so that one input
// cannot make Assimp's later stages eat the fuzzer's memory.
#include "fuzz/targets.h"
#include "scene/importer.h"

namespace meeloop::fuzz {
namespace {

Outcome import(const std::string& path) {
  // No cache_dir: the mesh cache is keyed by path, size and mtime, which repeat from input to
  // input here, so a cached mesh would answer for the next input.
  scene::ImportOptions o;
  o.limits.max_file_bytes = 1u << 20;
  o.limits.max_texture_bytes = 1u << 20;
  o.limits.max_triangles = 100'000;
  o.limits.max_texture_size = 1024;
  o.limits.max_nodes = 2'000;
  Log log(LogLevel::Off);
  scene::WorldBuilder builder;
  return outcome(scene::import_model(builder, path, "fuzz", o, log));
}

}  // namespace

Outcome fuzz_obj(const uint8_t* data, size_t size) {
  auto parts = split_parts(data, size, 2);
  write_scratch("obj/fuzz.mtl", parts[1]);  // seeds say "mtllib fuzz.mtl"
  return import(write_scratch("obj/fuzz.obj", parts[0]));
}

// Through the file path a scene package's texture takes (it is the one trainers supply); the
// limits let a header claim a huge image only up to 1024 x 1024.
Outcome fuzz_texture(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  scene::ImportLimits limits;
  limits.max_texture_bytes = 1u << 20;
  limits.max_texture_size = 1024;
  scene::WorldBuilder builder;
  const bool jpeg = text.substr(0, 2) == "\xff\xd8";
  return outcome(scene::load_texture_file(builder, write_scratch(jpeg ? "tex/fuzz.jpg" : "tex/fuzz.png", text), limits));
}

Outcome fuzz_gltf(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  bool binary = text.substr(0, 4) == "glTF";
  return import(write_scratch(binary ? "gltf/fuzz.glb" : "gltf/fuzz.gltf", text));
}

}  // namespace meeloop::fuzz
