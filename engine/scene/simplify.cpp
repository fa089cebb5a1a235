#include "scene/simplify.h"

#include <vector>

#include <meshoptimizer.h>

namespace meeloop::scene {

void simplify_mesh(Mesh& mesh, float relative_error) {
  std::vector<uint32_t> out_indices;
  out_indices.reserve(mesh.indices.size());
  std::vector<uint32_t> scratch;
  for (Primitive& p : mesh.primitives) {
    const uint32_t* src = mesh.indices.data() + p.first_index;
    scratch.resize(p.index_count);
    size_t target = (p.index_count / 4) / 3 * 3;
    size_t kept = meshopt_simplify(scratch.data(), src, p.index_count, &mesh.vertices[0].position.x,
                                   mesh.vertices.size(), sizeof(Vertex), target, relative_error, 0,
                                   nullptr);
    p.first_index = uint32_t(out_indices.size());
    out_indices.insert(out_indices.end(), scratch.begin(), scratch.begin() + long(kept));
    p.index_count = uint32_t(kept);
  }
  std::erase_if(mesh.primitives, [](const Primitive& p) { return p.index_count == 0; });
  mesh.indices = std::move(out_indices);
}

}  // namespace meeloop::scene
