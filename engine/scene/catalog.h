#pragma once
// Sweet Home 3D furniture catalogs (.sh3f zip files, Debian package sweethome3d-furniture):
// lists pieces with their size and licence, resolves ids such as "sh3d:Reallusion#sitFemale01"
// and extracts a piece's model folder to the cache.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <glm/glm.hpp>

#include "core/error.h"
#include "core/log.h"

namespace meeloop::scene {

struct CatalogEntry {
  std::string id;          // ours: "sh3d:<catalog file stem>#<piece>", e.g. "sh3d:BlendSwap-CC-0#oakTable"
  std::string sh3d_id;     // as in the catalog, e.g. "Blend Swap CC-0#oakTable" (also accepted)
  std::string name;
  std::string category;
  std::string tags;
  std::string creator;
  std::string license;     // catalog-wide licence text
  std::string catalog_file;
  std::string model;       // entry path inside the zip, without the leading '/'
  glm::vec3 size{0.0f};    // metres: x = width, y = height, z = depth
  float elevation = 0.0f;  // metres above the floor the piece is usually placed at
  std::optional<glm::mat3> model_rotation;  // applied to the model before fitting to `size`
  bool door_or_window = false;
};

class Catalog {
 public:
  // Reads the catalog list of every .sh3f in `dirs` (the front end's
  // Settings::paths.furniture_dirs); unreadable files are skipped with a warning.
  static Catalog open(const std::vector<std::filesystem::path>& dirs, Log& log);

  const std::vector<CatalogEntry>& entries() const { return entries_; }
  // The entry with this id (with or without "sh3d:", ours or the catalog's spelling), or null.
  const CatalogEntry* find(std::string_view id) const;
  // Up to `max` entries whose ids are closest to `id` (for "did you mean" messages).
  std::vector<const CatalogEntry*> near_matches(std::string_view id, size_t max = 4) const;
  // Entries where every word occurs (case-insensitively) in id, name, category, tags or creator.
  std::vector<const CatalogEntry*> search(const std::vector<std::string>& words) const;
  // Extracts the entry's model folder below `cache_dir`/sh3d (Settings::paths.cache_dir) once
  // and returns the model file; an empty `cache_dir` is an error.
  Result<std::filesystem::path> extract_model(const CatalogEntry& entry, const std::filesystem::path& cache_dir,
                                              Log& log) const;
  // The folder below `cache_dir` the entry's catalog is extracted into: the only place its
  // files may be read from.
  static std::filesystem::path extraction_root(const CatalogEntry& entry, const std::filesystem::path& cache_dir);

 private:
  void add_catalog(const std::filesystem::path& file, Log& log);
  std::vector<CatalogEntry> entries_;
  std::unordered_map<std::string, size_t> by_id_;  // lower-cased ids, both spellings
};

// Short licence label for listings: "CC0", "CC-BY-3.0" or the text itself.
std::string short_license(const std::string& license);

}  // namespace meeloop::scene
