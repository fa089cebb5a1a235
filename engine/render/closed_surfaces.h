#pragma once
// Which primitives may be drawn with back-face culling although their material is double-sided.
// Sweet Home 3D marks every OBJ material double-sided (its models mix open surfaces such as
// leaves with closed ones), so without this every closed cushion and chair leg is rasterised
// twice. A surface is closed when each of its edges (vertices welded by position) is shared
// by exactly two of its triangles running it in opposite directions, and it faces outward
// (counter-clockwise seen from outside, a positive volume): then no back face can be seen.
#include <vector>

#include "scene/world.h"

namespace meeloop::render {

// One flag per primitive: true when every triangle of it belongs to a closed, outward-facing
// surface (which may span several primitives, such as a cushion of two fabrics).
std::vector<bool> closed_primitives(const std::vector<scene::Vertex>& vertices,
                                    const std::vector<uint32_t>& indices,
                                    const std::vector<scene::Primitive>& primitives);

}  // namespace meeloop::render
