#pragma once
// Model files (OBJ+MTL, glTF 2.0 .gltf/.glb) to World meshes via Assimp: one Mesh per file with
// the node hierarchy flattened (transforms baked), converted to metres, +Y up.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include <glm/glm.hpp>

#include "core/error.h"
#include "core/log.h"
#include "core/package_path.h"
#include "scene/world_builder.h"

namespace meeloop::scene {

// Refuse models that would stall loading or exhaust memory; the message names the limit.
struct ImportLimits {
  uintmax_t max_file_bytes = 64u << 20;      // the model file itself
  uintmax_t max_texture_bytes = 32u << 20;   // one texture file
  size_t max_triangles = 1'500'000;          // after triangulation, whole file
  uint32_t max_texture_size = 4096;          // width and height, pixels
  size_t max_nodes = 20'000;                 // scene-graph nodes in the file
};

struct ImportOptions {
  float unit_scale = 1.0f;             // file units -> metres (0.01 for centimetres)
  std::optional<glm::mat3> rotation;   // applied after unit_scale (Sweet Home 3D modelRotation)
  // When set: scale the rotated bounding box to exactly this size (metres, x/y/z) and move the
  // origin to the centre of the footprint at the bottom (Sweet Home 3D's piece semantics).
  std::optional<glm::vec3> fit_size;
  // Lavapipe transforms vertices on one thread, so the catalog's dense people and props
  // (30-40k triangles each) dominate frame time. Primitives of models above this many
  // triangles are simplified (meshoptimizer) until the error reaches simplify_error, relative
  // to the model's size. 0 turns it off.
  size_t simplify_above_triangles = 4000;
  float simplify_error = 0.004f;
  ImportLimits limits;
  // Missing or broken textures are logged at this level (catalog pieces often name texture
  // files their catalog does not ship; a trainer can do nothing about it).
  LogLevel texture_problems = LogLevel::Warn;
  // Where the model and every file it names (MTL files, textures, glTF buffers and images) must
  // lie: the scene folder, or a catalog piece's extracted folder. Left empty, the model's own
  // folder. A name outside is a BadInput with the naming file and line:col; nothing outside is
  // opened, and Assimp's messages never quote a file outside.
  AllowedRoots roots;
  // Catalog pieces: an MTL exported on its author's machine may name a texture there by its
  // absolute path; such a texture is skipped (never opened) like a missing one, instead of
  // refusing the piece.
  bool skip_outside_textures = false;
  // The mesh cache's folder (mesh_cache.h; Settings::paths.cache_dir). Left empty, nothing is
  // cached: every import reads the model afresh and no file is written.
  std::filesystem::path cache_dir;
};

// Imports `file` into `builder` under `key` (returns the existing mesh if the key is known).
// Materials and textures go into the builder, de-duplicated. Returns the mesh index. A texture
// that is missing or cannot be decoded is skipped with a message at `texture_problems`; one
// outside `options.roots` is an error.
Result<int> import_model(WorldBuilder& builder, const std::filesystem::path& file,
                         const std::string& key, const ImportOptions& options, Log& log);

// Applies unit scale, rotation and fitting to mesh vertices in place (exposed for tests).
void apply_import_transform(Mesh& mesh, const ImportOptions& options);

// Decodes an image file (PNG, JPEG, ...) into `builder`, de-duplicated by path and content.
Result<int> load_texture_file(WorldBuilder& builder, const std::filesystem::path& file,
                              const ImportLimits& limits);
// Decodes encoded image bytes (e.g. a texture embedded in a .glb); `source` names it.
Result<int> load_texture_memory(WorldBuilder& builder, const void* data, size_t size,
                                const std::string& source, const ImportLimits& limits);

}  // namespace meeloop::scene
