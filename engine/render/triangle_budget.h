#pragma once
// A scene-wide triangle budget for software rasterisers. Lavapipe transforms and bins vertices
// on one thread, so its frame time grows with the triangles drawn, not with the pixels. Each
// mesh gives up triangles in proportion to its share of the placed triangles (a mesh placed six
// times counts six times); small meshes (boxes, the room shell) are kept whole.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "scene/world.h"

namespace meeloop::render {

// The index data of one mesh after fitting a budget: same vertices, fewer triangles.
struct MeshLod {
  std::vector<uint32_t> indices;
  std::vector<scene::Primitive> primitives;
};

// Triangles of every instance summed (what a frame seeing everything draws).
size_t placed_triangles(const scene::World& world);

// One MeshLod per world mesh, simplified with meshoptimizer so that the placed triangles come
// close to `budget` (simplification stops early where it would tear a model apart, so the
// result may stay somewhat above it). A world within the budget comes back unchanged.
std::vector<MeshLod> fit_triangle_budget(const scene::World& world, size_t budget);

}  // namespace meeloop::render
