#pragma once
// Detail::Budget lights surfaces at their vertices (shaders/mesh_budget.vert). A lamp's pool of
// light on the floor or the ceiling would fall between the corners of a room shell's few large
// triangles, so long edges are split first: every edge longer than its limit is halved, the
// same way in both triangles that share it, so no T-junction (and no crack) appears.
#include <cstddef>
#include <functional>

#include "render/triangle_budget.h"

namespace meeloop::render {

// The longest an edge from a to b may be (in the mesh's own units): shorter near a lamp, whose
// light changes fastest there; unlimited (infinity) where no lamp reaches.
using EdgeLimit = std::function<float(const glm::vec3& a, const glm::vec3& b)>;

// Splits the triangles of `mesh` until every edge is within its `limit`, interpolating normals
// and texture coordinates. To keep a huge surface from taking thousands of triangles, a mesh
// gains at most `max_added` triangles: every limit grows alike where it would (and where no
// growth is enough, the mesh stays as it was). Returns the triangles added.
size_t split_long_edges(MeshLod& mesh, const EdgeLimit& limit, size_t max_added);

}  // namespace meeloop::render
