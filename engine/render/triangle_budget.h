#pragma once
// A scene-wide triangle budget for software rasterisers. Lavapipe transforms and bins vertices
// on one thread, so its frame time grows with the triangles drawn, not with the pixels.
// Catalog models spend their triangles unevenly (a 30 cm radio carries more than a seated
// person), so first every mesh is held to a triangle density per square metre of its bounding
// box; what is left over the budget is then taken from every mesh in proportion (a mesh placed
// six times counts six times). Small meshes (boxes, the room shell) are kept whole.
#include <cstddef>
#include <filesystem>
#include <cstdint>
#include <vector>

#include "scene/world.h"

namespace meeloop::render {

// One mesh after fitting a budget: fewer triangles, and new vertices where simplifying welded
// the mesh's split vertices (normals are then rebuilt, keeping creases sharp).
struct MeshLod {
  std::vector<scene::Vertex> vertices;  // empty: the world mesh's own vertices
  std::vector<uint32_t> indices;
  std::vector<scene::Primitive> primitives;
};

// Surface (m^2) of the box around mesh `m` as `transform` places it.
double placed_surface(const scene::Mesh& m, const glm::mat4& transform);
// The largest factor by which `transform` stretches any axis.
float placement_scale(const glm::mat4& transform);

// Triangles of every instance summed (what a frame seeing everything draws).
size_t placed_triangles(const scene::World& world);

// One MeshLod per world mesh, simplified with meshoptimizer so that the placed triangles come
// close to `budget` (simplification stops early where its error would pass about a centimetre
// or it would tear a texture apart, so the result may stay somewhat above it). A world within the budget comes back unchanged.
// Simplified meshes are kept below `cache_dir`/lod (Settings::paths.cache_dir; empty: not kept).
std::vector<MeshLod> fit_triangle_budget(const scene::World& world, size_t budget,
                                         const std::filesystem::path& cache_dir);

}  // namespace meeloop::render
