#pragma once
// Package checks of `meeloop lint` (not installed): what concerns the scene package as a
// whole rather than one field, each reported as a problem in scene.json.
#include "lint/lint_context.h"

namespace meeloop::lint {

// The folder is named after the scene's "id" (play records sessions under the folder's name).
void check_scene_id(const Context& ctx);
// Positions, targets, directions, sizes and turns stay within sane bounds (a typo such as 1e308
// would otherwise put a piece out of sight, or overflow a float, without a word).
void check_bounds(const Context& ctx);
// Every model file the package brings (the room model and models[] that are not catalog
// pieces) is imported through the scene importer, without a GPU, and each one that fails is a
// problem; a missing file or one outside the package is left to the layout checks.
void check_model_imports(const Context& ctx);

}  // namespace meeloop::lint
