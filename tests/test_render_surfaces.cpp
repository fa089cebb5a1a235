// Which surfaces are closed (back faces culled although double-sided), long edges split for
// light at the vertices, the light baked at the vertices, and mirrored instances drawn front
// side out.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <functional>
#include <initializer_list>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <glm/gtc/matrix_transform.hpp>

#include "core/log.h"
#include "fixtures/render_world.h"
#include "gpu/context.h"
#include "render/baked_light.h"
#include "render/closed_surfaces.h"
#include "render/renderer.h"
#include "render/vertex_light_grid.h"
#include "test_render_options.h"

using namespace meeloop;

namespace {

// Unit cube around the origin, four corners per face (split vertices, as catalog models
// have), counter-clockwise from outside; face f is primitive f with material f.
scene::Mesh cube(bool inside_out = false) {
  scene::Mesh m;
  m.source = "cube";
  const glm::vec3 normals[6] = {{0, 0, 1}, {0, 0, -1}, {1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}};
  for (int f = 0; f < 6; ++f) {
    const glm::vec3 n = normals[f];
    const glm::vec3 u = std::abs(n.y) > 0.5f ? glm::vec3(1, 0, 0) : glm::vec3(0, 1, 0);
    const glm::vec3 v = glm::cross(n, u);
    const uint32_t base = uint32_t(m.vertices.size());
    for (glm::vec2 c : {glm::vec2(-1, -1), glm::vec2(1, -1), glm::vec2(1, 1), glm::vec2(-1, 1)})
      m.vertices.push_back({n * 0.5f + u * (0.5f * c.x) + v * (0.5f * c.y), n, (c + 1.0f) * 0.5f});
    const bool ccw = (glm::dot(glm::cross(u, v), n) > 0.0f) != inside_out;
    const uint32_t first = uint32_t(m.indices.size());
    for (uint32_t i : ccw ? std::array<uint32_t, 6>{0, 1, 2, 0, 2, 3} : std::array<uint32_t, 6>{0, 2, 1, 0, 3, 2})
      m.indices.push_back(base + i);
    m.primitives.push_back({first, 6, f});
  }
  m.bounds_min = glm::vec3(-0.5f);
  m.bounds_max = glm::vec3(0.5f);
  return m;
}

std::vector<bool> closed(const scene::Mesh& m) {
  return render::closed_primitives(m.vertices, m.indices, m.primitives);
}

// The whole cube as one primitive.
scene::Mesh one_primitive(scene::Mesh m) {
  m.primitives = {{0, uint32_t(m.indices.size()), 0}};
  return m;
}

// A flat w x d quad in the XZ plane (two triangles), uv = position / size.
render::MeshLod floor_quad(float w, float d) {
  render::MeshLod m;
  const glm::vec3 n{0, 1, 0};
  m.vertices = {{{0, 0, 0}, n, {0, 0}}, {{w, 0, 0}, n, {1, 0}}, {{w, 0, d}, n, {1, 1}}, {{0, 0, d}, n, {0, 1}}};
  m.indices = {0, 2, 1, 0, 3, 2};
  m.primitives = {{0, 6, 0}};
  return m;
}

double area(const render::MeshLod& m) {
  double a = 0.0;
  for (size_t i = 0; i < m.indices.size(); i += 3) {
    const glm::vec3 p = m.vertices[m.indices[i]].position;
    a += 0.5 * glm::length(glm::cross(m.vertices[m.indices[i + 1]].position - p, m.vertices[m.indices[i + 2]].position - p));
  }
  return a;
}

// Directed edges by vertex index: in a mesh without T-junctions every inner edge is run once
// each way, and the outline adds up to the original perimeter.
void check_conforming(const render::MeshLod& m, double perimeter) {
  std::map<std::pair<uint32_t, uint32_t>, int> runs;
  for (size_t i = 0; i < m.indices.size(); i += 3)
    for (int k = 0; k < 3; ++k) ++runs[{m.indices[i + size_t(k)], m.indices[i + size_t((k + 1) % 3)]}];
  double outline = 0.0;
  for (const auto& [edge, count] : runs) {
    REQUIRE(count == 1);
    if (!runs.count({edge.second, edge.first}))
      outline += glm::distance(m.vertices[edge.first].position, m.vertices[edge.second].position);
  }
  CHECK(outline == Approx(perimeter).epsilon(1e-4));
}

}  // namespace

TEST_CASE("a closed cube is found closed, across primitives and split vertices", "[render]") {
  const scene::Mesh c = cube();
  CHECK(closed(c) == std::vector<bool>(6, true));
  CHECK(closed(one_primitive(c)) == std::vector<bool>{true});

  SECTION("a missing face opens it") {
    scene::Mesh open = one_primitive(c);
    open.indices.resize(open.indices.size() - 6);
    open.primitives[0].index_count -= 6;
    CHECK(closed(open) == std::vector<bool>{false});
  }
  SECTION("inside out (clockwise from outside) it is not culled") {
    CHECK(closed(one_primitive(cube(true))) == std::vector<bool>{false});
  }
  SECTION("one face wound the wrong way breaks it") {
    scene::Mesh bad = c;
    std::swap(bad.indices[1], bad.indices[2]);
    std::swap(bad.indices[4], bad.indices[5]);
    CHECK(closed(bad) == std::vector<bool>(6, false));
  }
  SECTION("a loose quad in the same primitive keeps it open; in its own primitive only the quad is") {
    scene::Mesh with_quad = one_primitive(c);
    const uint32_t base = uint32_t(with_quad.vertices.size());
    for (glm::vec3 p : {glm::vec3(2, 0, 0), glm::vec3(3, 0, 0), glm::vec3(3, 1, 0), glm::vec3(2, 1, 0)})
      with_quad.vertices.push_back({p, {0, 0, 1}, {0, 0}});
    for (uint32_t i : {0u, 1u, 2u, 0u, 2u, 3u}) with_quad.indices.push_back(base + i);
    with_quad.primitives[0].index_count += 6;
    CHECK(closed(with_quad) == std::vector<bool>{false});
    with_quad.primitives = {{0, 36, 0}, {36, 6, 1}};
    CHECK(closed(with_quad) == std::vector<bool>{true, false});
  }
  SECTION("a collapsed triangle neither closes nor opens it") {
    scene::Mesh degenerate = one_primitive(c);
    degenerate.indices.insert(degenerate.indices.end(), {0, 0, 1});
    degenerate.primitives[0].index_count += 3;
    CHECK(closed(degenerate) == std::vector<bool>{true});
  }
  SECTION("a fin (an edge shared by three triangles) opens it") {
    scene::Mesh fin = one_primitive(c);
    const uint32_t base = uint32_t(fin.vertices.size());
    fin.vertices.push_back({{0.5f, 0.5f, 0.5f}, {0, 1, 0}, {0, 0}});
    fin.vertices.push_back({{-0.5f, 0.5f, 0.5f}, {0, 1, 0}, {0, 0}});
    fin.vertices.push_back({{0.0f, 1.5f, 0.5f}, {0, 1, 0}, {0, 0}});
    fin.indices.insert(fin.indices.end(), {base, base + 1, base + 2});
    fin.primitives[0].index_count += 3;
    CHECK(closed(fin) == std::vector<bool>{false});
  }
}

TEST_CASE("long edges are split without T-junctions, keeping area and texture coordinates", "[render]") {
  render::MeshLod m = floor_quad(2.0f, 1.0f);
  const render::EdgeLimit limit = [](const glm::vec3&, const glm::vec3&) { return 0.3f; };
  const size_t added = render::split_long_edges(m, limit, 10'000);
  INFO(m.indices.size() / 3 << " triangles");
  CHECK(added == m.indices.size() / 3 - 2);
  CHECK(added > 20);
  CHECK(area(m) == Approx(2.0).epsilon(1e-5));
  check_conforming(m, 6.0);
  for (size_t i = 0; i < m.indices.size(); i += 3)
    for (int k = 0; k < 3; ++k) {
      const auto& a = m.vertices[m.indices[i + size_t(k)]];
      const auto& b = m.vertices[m.indices[i + size_t((k + 1) % 3)]];
      REQUIRE(glm::distance(a.position, b.position) <= 0.3f + 1e-5f);
    }
  for (const auto& v : m.vertices) {
    REQUIRE(v.uv.x == Approx(v.position.x / 2.0f).margin(1e-5));
    REQUIRE(v.uv.y == Approx(v.position.z).margin(1e-5));
    REQUIRE(v.normal == glm::vec3(0, 1, 0));
  }
  CHECK(m.primitives.size() == 1);
  CHECK(m.primitives[0].index_count == m.indices.size());
}

TEST_CASE("edges split finer near a lamp, not at all out of its reach, and within a cap", "[render]") {
  const glm::vec3 lamp{1.0f, 0.2f, 1.0f};
  const render::EdgeLimit near_lamp = [&](const glm::vec3& a, const glm::vec3& b) {
    const glm::vec3 ab = b - a;
    const float along = glm::clamp(glm::dot(lamp - a, ab) / glm::dot(ab, ab), 0.0f, 1.0f);
    const float d = glm::distance(a + ab * along, lamp);
    return d < 1.0f ? std::max(0.05f, 0.5f * d) : std::numeric_limits<float>::infinity();
  };
  render::MeshLod m = floor_quad(4.0f, 4.0f);
  render::split_long_edges(m, near_lamp, 100'000);
  check_conforming(m, 16.0);
  double near_edges = 0.0, far_edges = 0.0;
  int near_count = 0, far_count = 0;
  for (size_t i = 0; i < m.indices.size(); i += 3) {
    const glm::vec3 a = m.vertices[m.indices[i]].position, b = m.vertices[m.indices[i + 1]].position;
    const float d = glm::distance((a + b) * 0.5f, lamp);
    if (d < 0.4f) near_edges += glm::distance(a, b), ++near_count;
    if (d > 2.5f) far_edges += glm::distance(a, b), ++far_count;
  }
  REQUIRE(near_count > 0);
  REQUIRE(far_count > 0);
  CHECK(near_edges / near_count < 0.25);
  CHECK(far_edges / far_count > 1.0);

  SECTION("the cap coarsens every limit alike") {
    render::MeshLod capped = floor_quad(4.0f, 4.0f);
    const size_t added = render::split_long_edges(capped, near_lamp, 40);
    CHECK(added <= 40);
    CHECK(added > 0);
    check_conforming(capped, 16.0);
  }
  SECTION("a limit of zero leaves the mesh as it was instead of running away") {
    render::MeshLod same = floor_quad(4.0f, 4.0f);
    const render::EdgeLimit zero = [](const glm::vec3&, const glm::vec3&) { return 0.0f; };
    CHECK(render::split_long_edges(same, zero, 1000) == 0);
    CHECK(same.indices == floor_quad(4.0f, 4.0f).indices);
  }
  SECTION("no limit, no change") {
    render::MeshLod same = floor_quad(4.0f, 4.0f);
    const render::EdgeLimit none = [](const glm::vec3&, const glm::vec3&) { return std::numeric_limits<float>::infinity(); };
    CHECK(render::split_long_edges(same, none, 100) == 0);
    CHECK(same.indices == floor_quad(4.0f, 4.0f).indices);
  }
}

namespace {

// Renders `w` from its first viewpoint at 160x120 with `detail`; saved as render-output/<name>.png.
// `check_scene` looks at the upload first.
render::RgbaImage render_world(gpu::Context& ctx, const scene::World& w, render::Detail detail,
                               const std::string& name,
                               const std::function<void(const render::GpuScene&)>& check_scene = {}) {
  render::RendererOptions options = test::renderer_options();
  options.detail = detail;
  auto r = render::Renderer::create(ctx, options);
  REQUIRE(r.ok());
  auto scene = (*r)->upload(w);
  REQUIRE(scene.ok());
  if (check_scene) check_scene(**scene);
  auto target = (*r)->create_target(160, 120, 1);
  REQUIRE(target.ok());
  const render::View v = render::view_from_viewpoint(w.viewpoints[0], 160.0f / 120.0f);
  REQUIRE((*r)->render(**scene, {&v, 1}, *target).ok());
  auto img = (*r)->read_back(*target, 0);
  REQUIRE(img.ok());
  REQUIRE(render::write_png(*img, test::output_dir() / (name + ".png")).ok());
  return std::move(*img);
}

glm::u8vec4 pixel_at(const render::RgbaImage& img, const scene::World& w, glm::vec3 p) {
  const render::View v = render::view_from_viewpoint(w.viewpoints[0], 160.0f / 120.0f);
  const glm::ivec2 px = test::pixel_of(v, p, 160, 120);
  REQUIRE(px.x >= 0);
  REQUIRE(px.y >= 0);
  REQUIRE(px.x < 160);
  REQUIRE(px.y < 120);
  return img.at(uint32_t(px.x), uint32_t(px.y));
}

const char* detail_name(render::Detail d) { return d == render::Detail::Full ? "full" : "budget"; }

// A quad around `centre` spanning +-u and +-v, facing cross(u, v), texture u along u and v
// against v, with material `material`.
scene::Mesh quad(glm::vec3 centre, glm::vec3 u, glm::vec3 v, int material) {
  scene::Mesh m;
  m.source = "quad";
  const glm::vec3 n = glm::normalize(glm::cross(u, v));
  m.vertices = {{centre - u - v, n, {0, 1}}, {centre + u - v, n, {1, 1}}, {centre + u + v, n, {1, 0}},
                {centre - u + v, n, {0, 0}}};
  m.indices = {0, 1, 2, 0, 2, 3};
  m.primitives = {{0, 6, material}};
  m.bounds_min = glm::min(centre - u - v, centre + u + v);
  m.bounds_max = glm::max(centre - u - v, centre + u + v);
  return m;
}

// A 2 x 2 m quad in the XY plane facing +z, texture v running down.
scene::Mesh upright_quad(int material) { return quad({0, 0, 0}, {1, 0, 0}, {0, 1, 0}, material); }

scene::Material plain(glm::vec4 colour) {
  scene::Material m;
  m.base_color = colour;
  m.double_sided = true;
  return m;
}

}  // namespace

TEST_CASE("closed double-sided surfaces are culled, and mirrored instances show their outside", "[gpu][render]") {
  Log log(LogLevel::Warn);
  auto ctx = gpu::create_context(log, gpu::context_config(test::settings()));
  if (!ctx) FAIL(ctx.error().to_string());

  // A cube with a red front (+z, towards the camera) and a blue back, double-sided as catalog
  // OBJs are, mirrored left to right: drawn with the wrong front face, the front would be culled
  // and the inside of the blue back would show.
  scene::World w;
  w.name = "mirrored cube";
  w.materials = {plain({0.8f, 0.05f, 0.05f, 1}), plain({0.05f, 0.1f, 0.8f, 1})};
  for (int i = 0; i < 4; ++i) w.materials.push_back(plain({0.5f, 0.5f, 0.5f, 1}));
  w.meshes.push_back(cube());
  w.instances.push_back({"mirrored", 0, glm::scale(glm::mat4(1.0f), glm::vec3(-1.0f, 1.0f, 1.0f))});
  w.viewpoints.push_back({"front", {0.6f, 0.4f, 3.0f}, {0.0f, 0.0f, 0.0f}, 50.0f});

  for (const render::Detail detail : {render::Detail::Full, render::Detail::Budget}) {
    const std::string name = std::string("mirrored_cube_") + detail_name(detail);
    const auto img = render_world(**ctx, w, detail, name, [](const render::GpuScene& s) {
      for (const auto& d : s.opaque()) CHECK(d.cull_back);
      CHECK(s.mirrored(0));
    });
    const glm::u8vec4 c = pixel_at(img, w, {0.0f, 0.0f, 0.5f});
    INFO(name << ": front face centre is " << int(c.r) << ", " << int(c.g) << ", " << int(c.b));
    CHECK(c.r > 80);
    CHECK(c.r > 2 * c.b);
  }
  CHECK((*ctx)->validation_errors() == 0);
}

TEST_CASE("cut-out texels are discarded, opaque ones drawn, through the cut-out pipeline", "[gpu][render]") {
  Log log(LogLevel::Warn);
  auto ctx = gpu::create_context(log, gpu::context_config(test::settings()));
  if (!ctx) FAIL(ctx.error().to_string());

  // A leaf-like quad: its texture is red on the right and green but fully transparent on the
  // left, in front of a blue wall. Drawn without the discard, the left would be green.
  scene::World w;
  w.name = "cut-out";
  scene::Image leaf{"leaf", 16, 16, {}};
  for (int y = 0; y < 16; ++y)
    for (int x = 0; x < 16; ++x)
      leaf.rgba.insert(leaf.rgba.end(), x < 8 ? std::initializer_list<uint8_t>{0, 255, 0, 0}
                                              : std::initializer_list<uint8_t>{255, 0, 0, 255});
  w.images.push_back(leaf);
  w.materials = {plain({1, 1, 1, 1}), plain({0.05f, 0.1f, 0.8f, 1})};
  w.materials[0].base_color_texture = 0;
  w.meshes = {upright_quad(0), upright_quad(1)};
  w.instances.push_back({"leaf", 0, glm::mat4(1.0f)});
  w.instances.push_back({"wall", 1, glm::scale(glm::translate(glm::mat4(1.0f), {0, 0, -1}), glm::vec3(3.0f))});
  w.viewpoints.push_back({"front", {0.0f, 0.0f, 3.0f}, {0.0f, 0.0f, 0.0f}, 60.0f});

  for (const render::Detail detail : {render::Detail::Full, render::Detail::Budget}) {
    const std::string name = std::string("cutout_") + detail_name(detail);
    const auto img = render_world(**ctx, w, detail, name, [](const render::GpuScene& s) {
      CHECK(s.materials()[0].cutout);
      CHECK_FALSE(s.materials()[1].cutout);
    });
    const glm::u8vec4 left = pixel_at(img, w, {-0.5f, 0.0f, 0.0f});
    const glm::u8vec4 right = pixel_at(img, w, {0.5f, 0.0f, 0.0f});
    INFO(name << ": left " << int(left.r) << ", " << int(left.g) << ", " << int(left.b) << "; right "
              << int(right.r) << ", " << int(right.g) << ", " << int(right.b));
    CHECK(left.b > 2 * left.g);  // the blue wall through the hole
    CHECK(left.b > 2 * left.r);
    CHECK(right.r > 2 * right.g);  // the opaque red half
    CHECK(right.r > 2 * right.b);
  }
  CHECK((*ctx)->validation_errors() == 0);
}

TEST_CASE("the sun's and a lamp's light at a vertex are worked out as the shaders do", "[render]") {
  scene::Lighting l;
  l.sun_intensity = 0.0f;
  l.points = {{{0.0f, 1.0f, 0.0f}, {1.0f, 0.5f, 0.25f}, 2.0f, 5.0f}};
  const glm::vec3 up{0, 1, 0};
  // One metre below the lamp: inverse square, windowed by (1 - (d/range)^4)^2.
  const float window = 1.0f - std::pow(1.0f / 25.0f, 2.0f);
  const glm::vec3 e = render::direct_irradiance(l, render::kMaxPointLights, {0, 0, 0}, up);
  CHECK(e.r == Approx(2.0f * window * window));
  CHECK(e.b == Approx(0.5f * window * window));
  CHECK(render::direct_irradiance(l, render::kMaxPointLights, {0, 0, 0}, -up) == glm::vec3(0.0f));  // faces away
  CHECK(render::direct_irradiance(l, render::kMaxPointLights, {0, -5, 0}, up) == glm::vec3(0.0f));  // out of range
  CHECK(render::direct_irradiance(l, 0, {0, 0, 0}, up) == glm::vec3(0.0f));  // lamps past the limit are dropped

  scene::Lighting sun;
  sun.sun_direction = {0, -2, 0};  // not normalised: the shaders get it normalised
  sun.sun_color = glm::vec3(1.0f);
  sun.sun_intensity = 2.0f;
  CHECK(render::direct_irradiance(sun, 0, {0, 0, 0}, up).g == Approx(2.0f));
  const glm::vec3 tilted{std::sin(glm::radians(60.0f)), 0.5f, 0.0f};
  CHECK(render::direct_irradiance(sun, 0, {0, 0, 0}, tilted).g == Approx(1.0f));
}

TEST_CASE("the baked light stream keeps normals outward and unit length on mirrored, scaled placements", "[render]") {
  scene::Lighting l;
  l.sun_intensity = 0.0f;
  l.points = {{{-4.0f, 0.0f, 0.0f}, glm::vec3(1.0f), 1.0f, 5.0f}};
  // A vertex on the +x side of a model, facing +x; mirrored and stretched it sits at x = -2,
  // facing -x, towards the lamp.
  const std::vector<scene::Vertex> v{{{1, 0, 0}, {1, 0, 0}, {0, 0}}};
  const auto lit = render::bake_vertex_light(v, glm::scale(glm::mat4(1.0f), glm::vec3(-2.0f, 1.0f, 1.0f)), l,
                                             render::kMaxPointLights);
  REQUIRE(lit.size() == 1);
  CHECK(lit[0].normal.x == Approx(-1.0f));
  CHECK(glm::length(lit[0].normal) == Approx(1.0f));
  CHECK(lit[0].front.r > 0.1f);       // the lit side
  CHECK(lit[0].back == glm::vec3(0.0f));  // the side away from the lamp
}

TEST_CASE("at Budget detail lamps light through the baked stream and textures are decoded from sRGB", "[gpu][render]") {
  Log log(LogLevel::Warn);
  auto ctx = gpu::create_context(log, gpu::context_config(test::settings()));
  if (!ctx) FAIL(ctx.error().to_string());

  // Two floor quads mirrored about x = 0 under one lamp: the left textured in sRGB grey 128,
  // the right untextured with the same colour in linear terms. Drawn alike only if the texture
  // is decoded exactly once.
  scene::World w;
  w.name = "decode";
  w.images.push_back({"grey", 4, 4, std::vector<uint8_t>(64, 128)});
  for (size_t i = 3; i < 64; i += 4) w.images[0].rgba[i] = 255;
  w.materials = {plain({1, 1, 1, 1}), plain({0.2158605f, 0.2158605f, 0.2158605f, 1})};
  w.materials[0].base_color_texture = 0;
  // Two horizontal 2 x 2 m quads facing up, centred at x = -1 and x = 1.
  w.meshes = {quad({-1, 0, 0}, {0, 0, 1}, {1, 0, 0}, 0), quad({1, 0, 0}, {0, 0, 1}, {1, 0, 0}, 1)};
  w.instances = {{"textured", 0, glm::mat4(1.0f)}, {"plain", 1, glm::mat4(1.0f)}};
  w.lighting.sun_intensity = 0.0f;
  w.lighting.points = {{{0.0f, 1.5f, 0.0f}, glm::vec3(1.0f), 3.0f, 6.0f}};
  w.viewpoints.push_back({"above", {0.0f, 2.5f, 2.5f}, {0.0f, 0.0f, 0.0f}, 60.0f});
  scene::World dark = w;
  dark.lighting.points.clear();

  const auto lit = render_world(**ctx, w, render::Detail::Budget, "budget_decode", [&](const render::GpuScene& s) {
    CHECK(s.light_buffer() != VK_NULL_HANDLE);
    CHECK(s.stats().lit_vertices >= 8);  // both quads, split near the lamp
  });
  const auto unlit = render_world(**ctx, dark, render::Detail::Budget, "budget_decode_dark");
  const glm::u8vec4 left = pixel_at(lit, w, {-0.6f, 0.0f, 0.0f});
  const glm::u8vec4 right = pixel_at(lit, w, {0.6f, 0.0f, 0.0f});
  const glm::u8vec4 left_dark = pixel_at(unlit, dark, {-0.6f, 0.0f, 0.0f});
  INFO("textured " << int(left.r) << ", plain " << int(right.r) << ", textured without the lamp " << int(left_dark.r));
  CHECK(std::abs(int(left.r) - int(right.r)) <= 3);
  CHECK(std::abs(int(left.g) - int(right.g)) <= 3);
  CHECK(int(left.r) > int(left_dark.r) + 20);
  CHECK((*ctx)->validation_errors() == 0);
}

TEST_CASE("at Budget detail the back of a double-sided surface gets the light on its own side", "[gpu][render]") {
  Log log(LogLevel::Warn);
  auto ctx = gpu::create_context(log, gpu::context_config(test::settings()));
  if (!ctx) FAIL(ctx.error().to_string());

  // An open upright quad facing +z, seen from behind (-z) with a lamp on the camera's side: a
  // swapped front and back would light it from the dark side.
  scene::World w;
  w.name = "back side";
  w.materials = {plain({0.6f, 0.6f, 0.6f, 1})};
  w.lighting.sun_intensity = 0.0f;
  w.meshes.push_back(upright_quad(0));
  w.instances.push_back({"quad", 0, glm::mat4(1.0f)});
  w.viewpoints.push_back({"behind", {0.0f, 0.0f, -3.0f}, {0.0f, 0.0f, 0.0f}, 60.0f});
  scene::World front_lamp = w;
  w.lighting.points = {{{0.0f, 0.0f, -1.0f}, glm::vec3(1.0f), 2.0f, 5.0f}};
  front_lamp.lighting.points = {{{0.0f, 0.0f, 1.0f}, glm::vec3(1.0f), 2.0f, 5.0f}};

  const auto own_side = render_world(**ctx, w, render::Detail::Budget, "budget_back_lamp_behind_viewer");
  const auto far_side = render_world(**ctx, front_lamp, render::Detail::Budget, "budget_back_lamp_far_side");
  const glm::u8vec4 a = pixel_at(own_side, w, {0.3f, 0.2f, 0.0f});
  const glm::u8vec4 b = pixel_at(far_side, front_lamp, {0.3f, 0.2f, 0.0f});
  INFO("lamp on the seen side " << int(a.r) << ", on the far side " << int(b.r));
  CHECK(int(a.r) > int(b.r) + 40);
  CHECK((*ctx)->validation_errors() == 0);
}
