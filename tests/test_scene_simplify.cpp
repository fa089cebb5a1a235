#include <catch2/catch.hpp>

#include "scene/simplify.h"

using namespace meeloop::scene;

namespace {
// A flat n x n grid of quads with two materials (left and right half): dense but trivially
// simplifiable, with a material border down the middle that must survive.
Mesh dense_grid(int n) {
  Mesh m;
  for (int z = 0; z <= n; ++z)
    for (int x = 0; x <= n; ++x)
      m.vertices.push_back({{float(x) / n, 0.0f, float(z) / n}, {0, 1, 0}, {float(x) / n, float(z) / n}});
  for (int half = 0; half < 2; ++half) {
    Primitive p;
    p.first_index = uint32_t(m.indices.size());
    p.material = half;
    for (int z = 0; z < n; ++z)
      for (int x = half * n / 2; x < (half + 1) * n / 2; ++x) {
        uint32_t a = uint32_t(z * (n + 1) + x), b = a + 1, c = a + uint32_t(n + 1), d = c + 1;
        m.indices.insert(m.indices.end(), {a, c, b, b, c, d});
      }
    p.index_count = uint32_t(m.indices.size()) - p.first_index;
    m.primitives.push_back(p);
  }
  m.bounds_min = {0, 0, 0};
  m.bounds_max = {1, 0, 1};
  return m;
}
}  // namespace

TEST_CASE("dense models are simplified per primitive without losing materials", "[scene]") {
  Mesh m = dense_grid(60);  // 7,200 triangles
  const size_t before = m.indices.size();
  const size_t vertices = m.vertices.size();
  simplify_mesh(m, 0.004f);
  CHECK(m.indices.size() * 4 <= before);  // at least the quarter target is reached
  CHECK(m.indices.size() % 3 == 0);
  REQUIRE(m.primitives.size() == 2);
  CHECK(m.primitives[0].material == 0);
  CHECK(m.primitives[1].material == 1);
  CHECK(m.primitives[1].first_index == m.primitives[0].index_count);
  CHECK(m.primitives[0].index_count + m.primitives[1].index_count == m.indices.size());
  CHECK(m.vertices.size() == vertices);  // vertices and bounds are left alone
  for (uint32_t i : m.indices) REQUIRE(i < vertices);
  CHECK(m.bounds_max == glm::vec3(1, 0, 1));
}
