#pragma once
// On-disk cache of imported meshes (<cache folder>/meshes, the folder passed in: the front end's
// Settings::paths.cache_dir), so a scene loads in well under two seconds on a small machine:
// parsing OBJ text and welding vertices is most of an import.
// Entries are keyed by the model file's path, size and time and the import options, so an
// edited model is simply imported again.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "scene/world.h"

namespace meeloop::scene {

// A mesh plus its materials, textures referred to by file path (re-decoded on load).
struct CachedModel {
  Mesh mesh;                          // primitives' material = index into `materials`
  std::vector<Material> materials;    // base_color_texture = index into `texture_files`, or -1
  std::vector<std::string> texture_files;
};

// Cache file below `cache_dir`/meshes for this model file and options text; nullopt when
// `cache_dir` is empty (no cache) or the model file is unreadable.
std::optional<std::filesystem::path> mesh_cache_path(const std::filesystem::path& cache_dir,
                                                     const std::filesystem::path& model,
                                                     const std::string& options_text);
// Reads an entry; nullopt when missing, truncated or from another format version.
std::optional<CachedModel> read_mesh_cache(const std::filesystem::path& file);
// Writes an entry atomically (temp file + rename); failures are ignored (it is only a cache).
void write_mesh_cache(const std::filesystem::path& file, const CachedModel& model);

}  // namespace meeloop::scene
