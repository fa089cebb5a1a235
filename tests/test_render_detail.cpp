// Device-aware detail: the triangle budget of software rasterisers (Detail::Budget), full detail
// on hardware (forced here with Detail::Full, since tests run on lavapipe), and the
// front-to-back order of opaque draws.
#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>

#include "core/log.h"
#include "fixtures/render_world.h"
#include "gpu/context.h"
#include "render/draw_order.h"
#include "render/renderer.h"
#include "render/triangle_budget.h"

using namespace meeloop;

namespace {

// A UV sphere of radius 0.5 with about 2 * rings * rings triangles, one primitive.
scene::Mesh sphere(int rings, int material) {
  scene::Mesh m;
  m.source = "sphere";
  const int segments = 2 * rings;
  for (int r = 0; r <= rings; ++r)
    for (int s = 0; s <= segments; ++s) {
      const float theta = float(M_PI) * float(r) / float(rings);
      const float phi = 2.0f * float(M_PI) * float(s) / float(segments);
      const glm::vec3 n{std::sin(theta) * std::cos(phi), std::cos(theta), std::sin(theta) * std::sin(phi)};
      m.vertices.push_back({n * 0.5f, n, {float(s) / float(segments), float(r) / float(rings)}});
    }
  for (int r = 0; r < rings; ++r)
    for (int s = 0; s < segments; ++s) {
      const uint32_t a = uint32_t(r * (segments + 1) + s), b = a + uint32_t(segments + 1);
      m.indices.insert(m.indices.end(), {a, a + 1, b, a + 1, b + 1, b});
    }
  m.primitives.push_back({0, uint32_t(m.indices.size()), material});
  m.bounds_min = glm::vec3(-0.5f);
  m.bounds_max = glm::vec3(0.5f);
  return m;
}

// The fixture plus a dense sphere (about 20,000 triangles) placed three times.
scene::World dense_world() {
  scene::World w = test::make_render_world();
  const int mesh = int(w.meshes.size());
  w.meshes.push_back(sphere(100, 3));  // green
  for (int i = 0; i < 3; ++i)
    w.instances.push_back({"ball", mesh, glm::translate(glm::mat4(1.0f), glm::vec3(float(i) - 1.0f, 0.5f, 1.5f))});
  return w;
}

size_t lod_triangles(const scene::World& w, const std::vector<render::MeshLod>& lods) {
  size_t n = 0;
  for (const auto& inst : w.instances) n += lods[size_t(inst.mesh)].indices.size() / 3;
  return n;
}

}  // namespace

TEST_CASE("Detail::Auto means a budget on software rasterisers and full detail on hardware", "[render]") {
  using render::Detail;
  CHECK(render::resolve_detail(Detail::Auto, true) == Detail::Budget);
  CHECK(render::resolve_detail(Detail::Auto, false) == Detail::Full);
  CHECK(render::resolve_detail(Detail::Full, true) == Detail::Full);
  CHECK(render::resolve_detail(Detail::Budget, false) == Detail::Budget);
}

TEST_CASE("the triangle budget caps placed triangles and keeps small meshes whole", "[render]") {
  const scene::World w = dense_world();
  const size_t full = render::placed_triangles(w);
  REQUIRE(full > 60'000);

  const size_t budget = 45'000;
  const auto lods = render::fit_triangle_budget(w, budget);
  REQUIRE(lods.size() == w.meshes.size());
  const size_t placed = lod_triangles(w, lods);
  INFO(full << " placed triangles at full detail, " << placed << " within a budget of " << budget);
  CHECK(placed <= budget * 11 / 10);
  CHECK(placed > budget / 2);  // the budget is spent, not thrown away
  for (size_t m = 0; m + 1 < w.meshes.size(); ++m) {  // the fixture's boxes and quads
    CHECK(lods[m].indices == w.meshes[m].indices);
  }
  // The sphere's primitives still index inside its own vertices and cover its indices.
  const auto& ball = lods.back();
  REQUIRE(ball.primitives.size() == 1);
  CHECK(ball.primitives[0].first_index == 0);
  CHECK(ball.primitives[0].index_count == ball.indices.size());
  for (uint32_t i : ball.indices) REQUIRE(i < w.meshes.back().vertices.size());

  // No mesh is cut below 30% of its triangles (textured people tear there), whatever the budget.
  const auto floor = render::fit_triangle_budget(w, 5'000);
  CHECK(lod_triangles(w, floor) >= full * 3 / 10 - 3'000);
  CHECK(lod_triangles(w, floor) < placed);

  // A world within its budget is left as it is.
  const auto same = render::fit_triangle_budget(w, full);
  CHECK(lod_triangles(w, same) == full);
}

TEST_CASE("a budget renderer uploads fewer triangles, a full-detail one all of them", "[gpu][render]") {
  Log log(LogLevel::Warn);
  auto ctx = gpu::create_context(log);
  if (!ctx) FAIL(ctx.error().to_string());
  const scene::World w = dense_world();
  const size_t full = render::placed_triangles(w);

  render::RendererOptions budget;
  budget.detail = render::Detail::Budget;
  budget.triangle_budget = 45'000;
  auto low = render::Renderer::create(**ctx, budget);
  REQUIRE(low.ok());
  CHECK((*low)->detail() == render::Detail::Budget);
  CHECK((*low)->samples() == VK_SAMPLE_COUNT_1_BIT);
  auto low_scene = (*low)->upload(w);
  REQUIRE(low_scene.ok());
  CHECK((*low_scene)->stats().placed_triangles <= 49'500);
  CHECK((*low_scene)->stats().placed_triangles < full / 2);

  render::RendererOptions hardware;  // what Detail::Auto picks on a real GPU
  hardware.detail = render::Detail::Full;
  auto high = render::Renderer::create(**ctx, hardware);
  REQUIRE(high.ok());
  CHECK((*high)->detail() == render::Detail::Full);
  CHECK((*high)->samples() == render::pick_samples((*ctx)->device(), 4));
  auto high_scene = (*high)->upload(w);
  REQUIRE(high_scene.ok());
  CHECK((*high_scene)->stats().placed_triangles == full);

  // The simplified spheres still render as round balls: draw both and compare.
  auto draw = [&](render::Renderer& r, const render::GpuScene& s) {
    auto target = r.create_target(160, 120, 1);
    REQUIRE(target.ok());
    const render::View v = render::view_from_viewpoint(w.viewpoints[0], 160.0f / 120.0f);
    REQUIRE(r.render(s, {&v, 1}, *target).ok());
    CHECK(r.last_frame().triangles > 0);
    CHECK(r.last_frame().draws > 0);
    return r.read_back(*target, 0).value();
  };
  const auto a = draw(**low, **low_scene);
  const auto b = draw(**high, **high_scene);
  auto diff = render::compare_images(a, b);
  REQUIRE(diff.ok());
  CHECK(diff->mean_abs < 3.0);
  CHECK((*ctx)->validation_errors() == 0);
}

TEST_CASE("opaque draws go nearest first, the room around the eye last", "[gpu][render]") {
  Log log(LogLevel::Warn);
  auto ctx = gpu::create_context(log);
  if (!ctx) FAIL(ctx.error().to_string());
  auto renderer = render::Renderer::create(**ctx);
  REQUIRE(renderer.ok());
  scene::World w = test::make_render_world();
  const glm::vec3 eye{0.0f, 1.0f, 4.0f};
  // A box around the eye (a room) placed first, then boxes at 3, 1 and 2 metres.
  const int box = 1;  // the fixture's red box mesh
  w.instances.clear();
  auto at = [&](const char* id, glm::vec3 p, float size) {
    w.instances.push_back({id, box, glm::scale(glm::translate(glm::mat4(1.0f), p), glm::vec3(size))});
  };
  at("room", {0.0f, 1.0f, 3.0f}, 6.0f);
  at("far", eye - glm::vec3(0, 0, 3), 0.2f);
  at("near", eye - glm::vec3(0, 0, 1), 0.2f);
  at("middle", eye - glm::vec3(0, 0, 2), 0.2f);
  auto gs = (*renderer)->upload(w);
  REQUIRE(gs.ok());
  std::vector<const render::DrawItem*> draws;
  for (const auto& d : (*gs)->opaque()) draws.push_back(&d);
  REQUIRE(draws.size() == 4);
  render::sort_front_to_back(draws, **gs, eye);
  std::vector<std::string> order;
  for (const auto* d : draws) order.push_back(w.instances[d->instance].id);
  CHECK(order == std::vector<std::string>{"near", "middle", "far", "room"});
}
