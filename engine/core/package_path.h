#pragma once
// The one check that keeps a scene package to its own files. Scenes are shared between
// organisations, so every file one names (scene.json's models and textures, an OBJ's mtllib, an
// MTL's texture maps, a glTF's buffers and images, and every file Assimp opens) must lie inside
// the package folder, or for a catalog piece inside its extracted catalog folder. Paths are
// compared in canonical form, so "../", absolute paths and symbolic links pointing out are all
// refused, and no file outside is ever opened.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace meeloop {

class AllowedRoots {
 public:
  AllowedRoots() = default;  // allows nothing
  // `folders` in canonical form (a folder that does not exist allows nothing); `label` names
  // them in messages, e.g. "the scene folder".
  AllowedRoots(const std::vector<std::filesystem::path>& folders, std::string label);

  const std::vector<std::filesystem::path>& folders() const { return folders_; }
  const std::string& label() const { return label_; }
  // True when `canonical` (already canonical) lies strictly inside one of the folders.
  bool contains(const std::filesystem::path& canonical) const;

 private:
  std::vector<std::filesystem::path> folders_;
  std::string label_;
};

// `name` as written in a scene text, relative to `base` (the folder of the file that names it)
// or absolute: its canonical path (symbolic links followed as far as the path exists) when that
// lies inside `roots`. Otherwise a BadInput without file or position, which the caller adds
// (scene.json pointer, OBJ/MTL line:col); its message quotes only `name`, never a file's content.
Result<std::filesystem::path> resolve_inside(const AllowedRoots& roots, const std::filesystem::path& base,
                                             std::string_view name);

// Ok when the package's own text `relative` (scene.json, locale/nl.json) stays inside
// `package_dir`; else a BadInput naming `package_dir / relative`, so a scene text that is a link
// out of its package is never opened (a parser's error would quote the file it reached).
Status expect_inside_package(const std::filesystem::path& package_dir, const std::filesystem::path& relative);

}  // namespace meeloop
