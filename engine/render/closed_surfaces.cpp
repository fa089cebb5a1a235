#include "render/closed_surfaces.h"

#include <array>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace meeloop::render {
namespace {

// Positions closer than this (in the mesh's units) are one point. A pair that falls either
// side of a grid line stays two points: the surface is then taken as open, which is safe.
constexpr float kWeldGrid = 1e-5f;

struct CellHash {
  size_t operator()(const std::array<int64_t, 3>& c) const {
    return size_t(c[0] * 73856093LL ^ c[1] * 19349663LL ^ c[2] * 83492791LL);
  }
};

std::vector<uint32_t> weld(const std::vector<scene::Vertex>& vertices) {
  std::unordered_map<std::array<int64_t, 3>, uint32_t, CellHash> ids;
  std::vector<uint32_t> out(vertices.size());
  for (size_t i = 0; i < vertices.size(); ++i) {
    const glm::vec3& p = vertices[i].position;
    const std::array<int64_t, 3> cell{std::llround(double(p.x) / kWeldGrid), std::llround(double(p.y) / kWeldGrid),
                                      std::llround(double(p.z) / kWeldGrid)};
    out[i] = ids.try_emplace(cell, uint32_t(ids.size())).first->second;
  }
  return out;
}

uint32_t find(std::vector<uint32_t>& parent, uint32_t x) {
  while (parent[x] != x) x = parent[x] = parent[parent[x]];
  return x;
}

uint64_t edge_key(uint32_t from, uint32_t to) { return (uint64_t(from) << 32) | to; }

}  // namespace

std::vector<bool> closed_primitives(const std::vector<scene::Vertex>& vertices,
                                    const std::vector<uint32_t>& indices,
                                    const std::vector<scene::Primitive>& primitives) {
  const std::vector<uint32_t> welded = weld(vertices);
  const size_t tris = indices.size() / 3;
  auto corner = [&](size_t t, int k) { return welded[indices[t * 3 + size_t(k)]]; };
  // Triangles that collapse to a line or a point cover no pixel; they neither close nor open.
  auto degenerate = [&](size_t t) {
    return corner(t, 0) == corner(t, 1) || corner(t, 1) == corner(t, 2) || corner(t, 2) == corner(t, 0);
  };

  std::unordered_map<uint64_t, uint32_t> directed;  // edge -> how many triangles run it so
  directed.reserve(tris * 3);
  for (size_t t = 0; t < tris; ++t)
    if (!degenerate(t))
      for (int k = 0; k < 3; ++k) ++directed[edge_key(corner(t, k), corner(t, (k + 1) % 3))];

  // Surfaces: triangles joined by shared edges. A surface is closed when all of its edges are.
  std::vector<uint32_t> parent(tris);
  std::iota(parent.begin(), parent.end(), 0u);
  std::unordered_map<uint64_t, uint32_t> first_on_edge;
  first_on_edge.reserve(tris * 3);
  std::vector<bool> sealed(tris, true);
  for (size_t t = 0; t < tris; ++t) {
    if (degenerate(t)) continue;
    for (int k = 0; k < 3; ++k) {
      const uint32_t a = corner(t, k), b = corner(t, (k + 1) % 3);
      const auto back = directed.find(edge_key(b, a));
      if (directed[edge_key(a, b)] != 1 || back == directed.end() || back->second != 1) sealed[t] = false;
      const auto [it, first] = first_on_edge.try_emplace(edge_key(std::min(a, b), std::max(a, b)), uint32_t(t));
      if (!first) parent[find(parent, uint32_t(t))] = find(parent, it->second);
    }
  }
  std::vector<bool> surface_closed(tris, true);
  std::vector<double> volume(tris, 0.0);  // six times the signed volume, per surface root
  for (size_t t = 0; t < tris; ++t) {
    if (degenerate(t)) continue;
    const uint32_t root = find(parent, uint32_t(t));
    if (!sealed[t]) surface_closed[root] = false;
    const glm::dvec3 p0(vertices[indices[t * 3]].position), p1(vertices[indices[t * 3 + 1]].position),
        p2(vertices[indices[t * 3 + 2]].position);
    volume[root] += glm::dot(p0, glm::cross(p1, p2));
  }

  std::vector<bool> out;
  for (const scene::Primitive& p : primitives) {
    bool closed = p.index_count > 0;
    for (size_t t = p.first_index / 3; closed && t < (p.first_index + p.index_count) / 3; ++t) {
      if (degenerate(t)) continue;
      const uint32_t root = find(parent, uint32_t(t));
      closed = surface_closed[root] && volume[root] > 0.0;
    }
    out.push_back(closed);
  }
  return out;
}

}  // namespace meeloop::render
