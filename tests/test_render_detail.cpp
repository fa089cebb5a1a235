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
#include "temp_dir.h"
#include "test_render_options.h"

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

// The sphere as a flat-shaded catalog OBJ stores it: every triangle with its own three
// vertices and its face normal, so no vertex is shared.
scene::Mesh faceted(const scene::Mesh& smooth) {
  scene::Mesh m = smooth;
  m.vertices.clear();
  m.indices.clear();
  for (size_t t = 0; t + 2 < smooth.indices.size(); t += 3) {
    const auto& a = smooth.vertices[smooth.indices[t]];
    const auto& b = smooth.vertices[smooth.indices[t + 1]];
    const auto& c = smooth.vertices[smooth.indices[t + 2]];
    glm::vec3 n = glm::normalize(glm::cross(b.position - a.position, c.position - a.position) + glm::vec3(1e-9f));
    if (glm::dot(n, a.normal + b.normal + c.normal) < 0.0f) n = -n;  // outward, as the smooth ball
    for (const auto* v : {&a, &b, &c}) {
      m.indices.push_back(uint32_t(m.vertices.size()));
      m.vertices.push_back({v->position, n, v->uv});
    }
  }
  m.primitives = {{0, uint32_t(m.indices.size()), smooth.primitives[0].material}};
  return m;
}

const std::vector<scene::Vertex>& lod_vertices(const scene::Mesh& mesh, const render::MeshLod& lod) {
  return lod.vertices.empty() ? mesh.vertices : lod.vertices;
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

TEST_CASE("simplified meshes are kept below the cache folder passed in, and nowhere without one", "[render]") {
  const scene::World w = dense_world();
  test::TempDir cache("meeloop-lod-cache");
  const auto kept = render::fit_triangle_budget(w, 45'000, cache.path);
  CHECK(std::filesystem::exists(cache.path / "lod"));
  CHECK_FALSE(std::filesystem::is_empty(cache.path / "lod"));
  // Without a folder the same simplification comes back, computed afresh.
  const auto fresh = render::fit_triangle_budget(w, 45'000, {});
  REQUIRE(fresh.size() == kept.size());
  CHECK(fresh.back().indices == kept.back().indices);
}

TEST_CASE("the triangle budget caps placed triangles and keeps small meshes whole", "[render]") {
  const scene::World w = dense_world();
  const size_t full = render::placed_triangles(w);
  REQUIRE(full > 60'000);

  const size_t budget = 45'000;
  const auto lods = render::fit_triangle_budget(w, budget, test::settings().paths.cache_dir);
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
  for (uint32_t i : ball.indices) REQUIRE(i < lod_vertices(w.meshes.back(), ball).size());

  // However small the budget, no surface moves more than about a centimetre: the ball stays
  // round (every triangle's centre within 2 cm of the sphere) and its rebuilt normals point out.
  const auto floor = render::fit_triangle_budget(w, 5'000, test::settings().paths.cache_dir);
  CHECK(lod_triangles(w, floor) < placed);
  const auto& small = floor.back();
  const auto& verts = lod_vertices(w.meshes.back(), small);
  REQUIRE(small.indices.size() >= 3 * 100);
  for (size_t t = 0; t + 2 < small.indices.size(); t += 3) {
    const glm::vec3 centre = (verts[small.indices[t]].position + verts[small.indices[t + 1]].position +
                              verts[small.indices[t + 2]].position) / 3.0f;
    REQUIRE(glm::length(centre) > 0.48f);
  }
  for (const auto& v : verts) {
    REQUIRE(std::abs(glm::length(v.normal) - 1.0f) < 1e-3f);
    REQUIRE(glm::dot(v.normal, glm::normalize(v.position)) > 0.8f);
  }

  // A world within its budget is left as it is.
  const auto same = render::fit_triangle_budget(w, full, test::settings().paths.cache_dir);
  CHECK(lod_triangles(w, same) == full);
}

TEST_CASE("the budget welds split vertices and holds small props to fewer triangles", "[render]") {
  scene::World w = test::make_render_world();
  const int big = int(w.meshes.size());
  w.meshes.push_back(faceted(sphere(60, 3)));  // about 7,000 triangles
  w.meshes.push_back(faceted(sphere(60, 3)));
  const int small = big + 1;
  // The same dense ball as a 1.5 m armchair-sized thing and as a 20 cm teapot-sized one.
  w.instances.push_back({"big", big, glm::scale(glm::mat4(1.0f), glm::vec3(1.5f))});
  w.instances.push_back({"small", small, glm::scale(glm::mat4(1.0f), glm::vec3(0.2f))});
  REQUIRE(render::placed_triangles(w) > 28'000);
  const auto lods = render::fit_triangle_budget(w, 5'000, test::settings().paths.cache_dir);
  const size_t big_after = lods[size_t(big)].indices.size() / 3;
  const size_t small_after = lods[size_t(small)].indices.size() / 3;
  INFO("big " << big_after << ", small " << small_after << " of " << w.meshes[size_t(big)].indices.size() / 3);
  // Flat-shaded input shares no vertex; without welding the simplifier could not remove any.
  CHECK(big_after < w.meshes[size_t(big)].indices.size() / 3 / 2);
  CHECK(small_after < big_after);
  CHECK(small_after <= 800);
  // Welded vertices are rebuilt: far fewer than one per corner, normals pointing out.
  const auto& v = lod_vertices(w.meshes[size_t(small)], lods[size_t(small)]);
  CHECK(v.size() < lods[size_t(small)].indices.size() / 2);
  for (const auto& vert : v) REQUIRE(glm::dot(vert.normal, glm::normalize(vert.position)) > 0.5f);
}

TEST_CASE("a budget renderer uploads fewer triangles, a full-detail one all of them", "[gpu][render]") {
  Log log(LogLevel::Warn);
  auto ctx = gpu::create_context(log, gpu::context_config(test::settings()));
  if (!ctx) FAIL(ctx.error().to_string());
  const scene::World w = dense_world();
  const size_t full = render::placed_triangles(w);

  render::RendererOptions budget = test::renderer_options();
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
  // Light is taken at the vertices: the 12 m floor (two triangles in the world) is split finer
  // under the lamp, or the lamp's pool of light would fall between its corners.
  auto floor_triangles = [&](const render::GpuScene& s) {
    size_t n = 0;
    for (const auto& d : s.opaque()) n += w.instances[d.instance].id == "floor" ? d.index_count / 3 : 0;
    return n;
  };
  CHECK(floor_triangles(**low_scene) > 50);

  render::RendererOptions hardware = test::renderer_options();  // what Detail::Auto picks on a real GPU
  hardware.detail = render::Detail::Full;
  auto high = render::Renderer::create(**ctx, hardware);
  REQUIRE(high.ok());
  CHECK((*high)->detail() == render::Detail::Full);
  CHECK((*high)->samples() == render::pick_samples((*ctx)->device(), 4));
  auto high_scene = (*high)->upload(w);
  REQUIRE(high_scene.ok());
  CHECK((*high_scene)->stats().placed_triangles == full);
  CHECK(floor_triangles(**high_scene) == 2);

  // The simplified spheres still render as round balls: draw both and compare.
  auto draw = [&](render::Renderer& r, const render::GpuScene& s) {
    auto target = r.create_target(160, 120, 1);
    if (!target.ok()) FAIL(target.error().to_string());
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
  auto ctx = gpu::create_context(log, gpu::context_config(test::settings()));
  if (!ctx) FAIL(ctx.error().to_string());
  auto renderer = render::Renderer::create(**ctx, test::renderer_options());
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
