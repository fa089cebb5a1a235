#pragma once
// The files a model names (an OBJ's mtllib, its MTL files' texture maps, a glTF's buffers and
// images), found by reading the text before Assimp opens anything, each checked with
// resolve_inside, so that both the importer and `meeloop lint` can say file:line:col of a
// name that leaves the package. data: URIs are not files.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "core/error.h"
#include "core/package_path.h"

namespace meeloop::scene {

struct ModelScan {
  // One BadInput per name that leaves `roots`: the OBJ, MTL or glTF naming it, line:col of the
  // name (glTF: also the JSON pointer, e.g. /buffers/0/uri; a .glb has no line:col). Files the
  // geometry needs (mtllib, buffers) and textures (MTL maps, glTF images) are kept apart,
  // because a catalog piece may skip a texture its author named on their own machine.
  std::vector<Error> outside;
  std::vector<Error> outside_textures;
  // The MTL files an OBJ uses that exist inside `roots` (its mtllib ones and <model>.mtl,
  // which Assimp falls back to), as reached from the model's path.
  std::vector<std::filesystem::path> materials;
};

// Scans `model` (.obj, .gltf or .glb, itself already inside `roots`). Files outside `roots` are
// never read; one that cannot be read (missing, not a regular file, over `max_bytes`) is
// skipped here and left to the importer's own checks.
ModelScan scan_model_references(const std::filesystem::path& model, const AllowedRoots& roots,
                                uintmax_t max_bytes);

}  // namespace meeloop::scene
