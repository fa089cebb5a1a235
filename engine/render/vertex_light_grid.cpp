#include "render/vertex_light_grid.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <tuple>
#include <unordered_map>

namespace meeloop::render {
namespace {

constexpr int kMaxRounds = 16;  // each round halves every long edge

float length2(const MeshLod& m, uint32_t a, uint32_t b) {
  const glm::vec3 d = m.vertices[a].position - m.vertices[b].position;
  return glm::dot(d, d);
}

bool too_long(const MeshLod& m, const EdgeLimit& limit, float coarsening, uint32_t a, uint32_t b) {
  // Decided by the edge alone, its ends in a fixed order, so both of its triangles agree.
  const glm::vec3& pa = m.vertices[a].position;
  const glm::vec3& pb = m.vertices[b].position;
  const bool ordered = std::tie(pa.x, pa.y, pa.z) < std::tie(pb.x, pb.y, pb.z);
  const float l = (ordered ? limit(pa, pb) : limit(pb, pa)) * coarsening;
  return length2(m, a, b) > l * l;
}

class Splitter {
 public:
  Splitter(MeshLod& mesh, const EdgeLimit& limit, float coarsening)
      : mesh_(mesh), limit_(limit), coarsening_(coarsening) {}

  // One round over `tris`: every triangle with a long edge becomes two to four.
  bool round(std::vector<uint32_t>& tris) {
    std::vector<uint32_t> out;
    out.reserve(tris.size() * 2);
    bool split_any = false;
    for (size_t i = 0; i + 2 < tris.size(); i += 3) {
      std::array<uint32_t, 3> t{tris[i], tris[i + 1], tris[i + 2]};
      std::array<bool, 3> longer{};  // edge k runs from t[k] to t[k + 1]
      int count = 0;
      for (int k = 0; k < 3; ++k)
        count += (longer[size_t(k)] = too_long(mesh_, limit_, coarsening_, t[size_t(k)], t[size_t((k + 1) % 3)]));
      if (count == 0) {
        out.insert(out.end(), t.begin(), t.end());
        continue;
      }
      split_any = true;
      if (count == 3) {
        const uint32_t ab = mid(t[0], t[1]), bc = mid(t[1], t[2]), ca = mid(t[2], t[0]);
        out.insert(out.end(), {t[0], ab, ca, ab, t[1], bc, ca, bc, t[2], ab, bc, ca});
        continue;
      }
      // Rotate (keeping the winding) so that edge 0 (a-b) is split and, with two splits,
      // edge 1 (b-c) too.
      int r = 0;
      if (count == 1) r = longer[0] ? 0 : longer[1] ? 1 : 2;
      else r = !longer[2] ? 0 : !longer[0] ? 1 : 2;
      const uint32_t a = t[size_t(r)], b = t[size_t((r + 1) % 3)], c = t[size_t((r + 2) % 3)];
      const uint32_t ab = mid(a, b);
      if (count == 1) {
        out.insert(out.end(), {a, ab, c, ab, b, c});
        continue;
      }
      const uint32_t bc = mid(b, c);
      out.insert(out.end(), {ab, b, bc});
      // The quad a, ab, bc, c: cut along its shorter diagonal.
      if (length2(mesh_, a, bc) <= length2(mesh_, ab, c)) out.insert(out.end(), {a, ab, bc, a, bc, c});
      else out.insert(out.end(), {a, ab, c, ab, bc, c});
    }
    tris.swap(out);
    return split_any;
  }

 private:
  // The vertex halfway along a-b, made once per edge so both of its triangles use it.
  uint32_t mid(uint32_t a, uint32_t b) {
    const uint64_t key = (uint64_t(std::min(a, b)) << 32) | std::max(a, b);
    auto [it, inserted] = made_.try_emplace(key, uint32_t(mesh_.vertices.size()));
    if (inserted) {
      const scene::Vertex& va = mesh_.vertices[a];
      const scene::Vertex& vb = mesh_.vertices[b];
      scene::Vertex m;
      // Symmetric in a and b, so that an edge split from either side lands on the same point.
      m.position = (va.position + vb.position) * 0.5f;
      const glm::vec3 n = va.normal + vb.normal;
      m.normal = glm::dot(n, n) > 1e-12f ? glm::normalize(n) : va.normal;
      m.uv = (va.uv + vb.uv) * 0.5f;
      mesh_.vertices.push_back(m);
    }
    return it->second;
  }

  MeshLod& mesh_;
  const EdgeLimit& limit_;
  float coarsening_;
  std::unordered_map<uint64_t, uint32_t> made_;
};

}  // namespace

size_t split_long_edges(MeshLod& mesh, const EdgeLimit& limit, size_t max_added) {
  if (mesh.vertices.empty()) return 0;
  const size_t before = mesh.indices.size() / 3, most = before + max_added;
  // Every limit grows by half again until the mesh stays within max_added; an attempt stops as
  // soon as it passes that, so a limit near zero cannot run away.
  for (float coarsening = 1.0f; coarsening < 1e6f; coarsening *= 1.5f) {
    MeshLod out = mesh;
    Splitter splitter(out, limit, coarsening);
    out.indices.clear();
    out.primitives.clear();
    bool over = false;
    for (const scene::Primitive& p : mesh.primitives) {
      std::vector<uint32_t> tris(mesh.indices.begin() + p.first_index,
                                 mesh.indices.begin() + p.first_index + p.index_count);
      for (int i = 0; i < kMaxRounds && !over && splitter.round(tris); ++i)
        over = (out.indices.size() + tris.size()) / 3 > most;
      if (over) break;
      out.primitives.push_back({uint32_t(out.indices.size()), uint32_t(tris.size()), p.material});
      out.indices.insert(out.indices.end(), tris.begin(), tris.end());
    }
    if (!over && out.indices.size() / 3 <= most) {
      mesh = std::move(out);
      return mesh.indices.size() / 3 - before;
    }
  }
  return 0;  // no grid coarse enough: the mesh stays as it was
}

}  // namespace meeloop::render
