#pragma once
// Entry point used by the renderer and `meeloop render|play`: a scene package folder in,
// a World out. Every problem with the package comes back as a BadInput Error naming the file,
// line:col and JSON pointer, among them any file it names (models, textures, and inside a model
// its MTL files, textures, glTF buffers and images) that lies outside the package folder
// (package_path.h); catalog pieces read only their extracted catalog folder.
#include <filesystem>

#include "core/error.h"
#include "core/log.h"
#include "core/settings.h"
#include "scene/world.h"

namespace meeloop::scene {

// Loads <dir>/scene.json and everything it refers to (room shell, model files, Sweet Home 3D
// catalog pieces) into a World the caller owns. The "scenario" member is accepted unread.
// Of `paths` (the front end's Settings::paths) it uses two folders: catalogs are found in
// `furniture_dirs`; pieces are extracted and imported meshes cached below `cache_dir`.
Result<World> load_scene_package(const std::filesystem::path& dir, const Paths& paths, Log& log);

}  // namespace meeloop::scene
