#pragma once
// Mesh simplification for dense imported models (meshoptimizer).
#include "scene/world.h"

namespace meeloop::scene {

// Simplifies every primitive of `mesh` in place until the geometric error would exceed
// `relative_error` times the mesh's size (or a quarter of its triangles remain). Material
// borders and UV seams are kept; vertices and bounds are left as they are.
void simplify_mesh(Mesh& mesh, float relative_error);

}  // namespace meeloop::scene
