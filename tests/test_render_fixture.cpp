// engine/render on the code-built fixture world (fixtures/render_world.h): validation-clean
// rendering, known colours at known places, depth, blending, double-sided, multiview.
#include <catch2/catch.hpp>

#include <array>
#include <memory>
#include <string>

#include "core/log.h"
#include "fixtures/render_world.h"
#include "gpu/context.h"
#include "render/renderer.h"
#include "test_render_options.h"

using namespace meeloop;

namespace {

constexpr uint32_t kW = 320, kH = 240;

// Context, renderer and uploaded fixture, with the log captured.
struct Rig {
  Log log{LogLevel::Warn};
  std::unique_ptr<gpu::Context> ctx;
  std::unique_ptr<render::Renderer> renderer;
  scene::World world = test::make_render_world();

  Rig() {
    auto c = gpu::create_context(log, gpu::context_config(test::settings()));
    if (!c) FAIL(c.error().to_string());
    ctx = std::move(*c);
    auto r = render::Renderer::create(*ctx, test::renderer_options());
    if (!r) FAIL(r.error().to_string());
    renderer = std::move(*r);
  }
  render::View view(size_t viewpoint) const {
    return render::view_from_viewpoint(world.viewpoints[viewpoint], float(kW) / float(kH));
  }
  // Renders `w` from its viewpoint 0 and returns the image; also saved as render-output/<name>.png.
  render::RgbaImage draw(const scene::World& w, const std::string& name) {
    auto gs = renderer->upload(w);
    REQUIRE(gs.ok());
    auto target = renderer->create_target(kW, kH, 1);
    if (!target) FAIL(target.error().to_string());
    const render::View v = render::view_from_viewpoint(w.viewpoints[0], float(kW) / float(kH));
    REQUIRE(renderer->render(**gs, {&v, 1}, *target).ok());
    auto img = renderer->read_back(*target, 0);
    REQUIRE(img.ok());
    REQUIRE(render::write_png(*img, test::output_dir() / (name + ".png")).ok());
    return std::move(*img);
  }
  glm::u8vec4 pixel(const render::RgbaImage& img, glm::vec3 world_point) const {
    const glm::ivec2 p = test::pixel_of(view(0), world_point, kW, kH);
    REQUIRE(p.x >= 0);
    REQUIRE(p.y >= 0);
    REQUIRE(p.x < int(kW));
    REQUIRE(p.y < int(kH));
    return img.at(uint32_t(p.x), uint32_t(p.y));
  }
};

std::string describe(glm::u8vec4 c) {
  return "rgba(" + std::to_string(c.r) + ", " + std::to_string(c.g) + ", " + std::to_string(c.b) +
         ", " + std::to_string(c.a) + ")";
}

}  // namespace

TEST_CASE("the fixture renders with no validation errors and is not blank", "[gpu][render]") {
  Rig rig;
  const render::RgbaImage img = rig.draw(rig.world, "fixture_front");
  CHECK(rig.ctx->instance().validation_enabled() == test::settings().validation);
  CHECK(rig.ctx->validation_errors() == 0);
  CHECK(rig.log.errors() == 0);
  CHECK(img.width == kW);
  CHECK(img.height == kH);
  CHECK(render::luma_variance(img) > 200.0);
  CHECK(rig.renderer->samples() >= VK_SAMPLE_COUNT_1_BIT);
}

TEST_CASE("known colours land at known places, nearer surfaces win", "[gpu][render]") {
  Rig rig;
  const render::RgbaImage img = rig.draw(rig.world, "fixture_colours");
  const auto& clear = rig.world.clear_color;

  SECTION("sky: the top row is the clear colour, stored sRGB-encoded") {
    for (uint32_t x : {2u, kW / 2, kW - 3}) {
      const glm::u8vec4 c = img.at(x, 1);
      INFO("top pixel " << x << " is " << describe(c));
      CHECK(std::abs(int(c.r) - test::linear_to_srgb8(clear.r)) <= 2);
      CHECK(std::abs(int(c.g) - test::linear_to_srgb8(clear.g)) <= 2);
      CHECK(std::abs(int(c.b) - test::linear_to_srgb8(clear.b)) <= 2);
      CHECK(c.a == 255);
    }
  }
  SECTION("the red box is red, although the blue box behind it is drawn later") {
    const glm::u8vec4 c = rig.pixel(img, test::kRedBoxCentre);
    INFO("red box centre is " << describe(c));
    CHECK(c.r > 80);
    CHECK(c.r > 2 * c.g);
    CHECK(c.r > 2 * c.b);
  }
  SECTION("the blue box shows above the red one") {
    const glm::u8vec4 c = rig.pixel(img, test::kBlueBoxCentre + glm::vec3(0.0f, 0.6f, 0.0f));
    INFO("blue box top is " << describe(c));
    CHECK(c.b > 60);
    CHECK(c.b > 2 * c.r);
  }
  SECTION("the back of the double-sided checker quad is drawn, texture and all") {
    const glm::ivec2 centre = test::pixel_of(rig.view(0), test::kQuadCentre, kW, kH);
    int bright = 0, dark = 0;
    for (int dy = -12; dy <= 12; ++dy)
      for (int dx = -12; dx <= 12; ++dx) {
        const glm::u8vec4 c = img.at(uint32_t(centre.x + dx), uint32_t(centre.y + dy));
        if (c.r > 170 && c.g > 170 && c.b > 170) ++bright;
        if (c.r < 90 && c.g < 90 && c.b < 90) ++dark;
      }
    INFO("bright " << bright << ", dark " << dark << " of 625 pixels");
    CHECK(bright > 100);
    CHECK(dark > 100);
  }
}

TEST_CASE("a half-transparent pane tints what is behind it without hiding it", "[gpu][render]") {
  Rig rig;
  scene::World without = rig.world;
  without.instances.pop_back();  // the pane is the last instance
  const render::RgbaImage with_pane = rig.draw(rig.world, "fixture_with_pane");
  const render::RgbaImage no_pane = rig.draw(without, "fixture_without_pane");
  const glm::vec3 green{0.8f, 0.2f, 0.2f};  // first green box
  const glm::u8vec4 a = rig.pixel(with_pane, green);
  const glm::u8vec4 b = rig.pixel(no_pane, green);
  INFO("through the pane " << describe(a) << ", without it " << describe(b));
  CHECK(b.g > 2 * b.r);           // plain green box
  CHECK(a.g > a.r);               // still green through the pane ...
  CHECK(int(a.r) > int(b.r) + 30);  // ... but lightened by the white pane
  CHECK(rig.ctx->validation_errors() == 0);
}

TEST_CASE("a mesh placed several times is uploaded once", "[gpu][render]") {
  Rig rig;
  // Without lamps no edge is split for light at the vertices (render/vertex_light_grid.h), so
  // the uploaded vertices are exactly the meshes' own.
  rig.world.lighting.points.clear();
  auto gs = rig.renderer->upload(rig.world);
  REQUIRE(gs.ok());
  const render::SceneStats& s = (*gs)->stats();
  size_t vertices = 0;
  for (const auto& m : rig.world.meshes) vertices += m.vertices.size();
  CHECK(s.meshes == rig.world.meshes.size());
  CHECK(s.instances == rig.world.instances.size());
  CHECK(s.vertices == vertices);  // not multiplied by the three green placements
  // Budget detail adds light per placed vertex (render/baked_light.h), geometry stays shared.
  size_t placed = 0;
  for (const auto& inst : rig.world.instances) placed += rig.world.meshes[size_t(inst.mesh)].vertices.size();
  CHECK(s.lit_vertices == (rig.renderer->detail() == render::Detail::Budget ? placed : 0));
  CHECK(s.draws == rig.world.instances.size());
  CHECK((*gs)->blended().size() == 1);
}

TEST_CASE("a world with a broken reference fails cleanly", "[gpu][render]") {
  Rig rig;
  scene::World bad = rig.world;
  bad.instances[1].mesh = 99;
  auto gs = rig.renderer->upload(bad);
  REQUIRE_FALSE(gs.ok());
  CHECK(gs.error().message.find("uses mesh 99") != std::string::npos);
  bad = rig.world;
  bad.meshes[1].indices[0] = 1000;
  gs = rig.renderer->upload(bad);
  REQUIRE_FALSE(gs.ok());
  CHECK(gs.error().message.find("index 1000") != std::string::npos);
}

TEST_CASE("two views render into two layers, each the same as a mono render (stereo-ready)", "[gpu][render]") {
  Rig rig;
  const render::RgbaImage mono0 = rig.draw(rig.world, "fixture_mono_view0");
  // The side viewpoint as a mono render, for comparison with layer 1.
  scene::World side = rig.world;
  std::swap(side.viewpoints[0], side.viewpoints[1]);
  const render::RgbaImage mono1 = rig.draw(side, "fixture_mono_view1");
  auto gs = rig.renderer->upload(rig.world);
  REQUIRE(gs.ok());
  auto target = rig.renderer->create_target(kW, kH, 2);
  REQUIRE(target.ok());
  const std::array<render::View, 2> views{rig.view(0), rig.view(1)};
  REQUIRE(rig.renderer->render(**gs, views, *target).ok());
  auto layer0 = rig.renderer->read_back(*target, 0);
  auto layer1 = rig.renderer->read_back(*target, 1);
  REQUIRE(layer0.ok());
  REQUIRE(layer1.ok());
  REQUIRE(render::write_png(*layer0, test::output_dir() / "multiview_layer0.png").ok());
  REQUIRE(render::write_png(*layer1, test::output_dir() / "multiview_layer1.png").ok());
  INFO("multiview " << (rig.renderer->uses_multiview() ? "on" : "off (one pass per view)"));
  auto d0 = render::compare_images(mono0, *layer0);
  auto d1 = render::compare_images(mono1, *layer1);
  REQUIRE(d0.ok());
  REQUIRE(d1.ok());
  // Both the floor (which crosses the near plane) and the boxes must be in each layer.
  CHECK(d0->mean_abs < 0.5);
  CHECK(d1->mean_abs < 0.5);
  auto differ = render::compare_images(*layer0, *layer1);
  REQUIRE(differ.ok());
  CHECK(differ->mean_abs > 5.0);  // two different viewpoints, not one copied
  CHECK(rig.ctx->validation_errors() == 0);
  // Passing the wrong number of views is refused, not rendered half-way.
  const render::View one = rig.view(0);
  CHECK_FALSE(rig.renderer->render(**gs, {&one, 1}, *target).ok());
}

TEST_CASE("one pass per view gives the same pictures as the default mode", "[gpu][render]") {
  Rig rig;
  render::RendererOptions options = test::renderer_options();
  options.multiview = render::MultiviewMode::Off;
  auto per_view = render::Renderer::create(*rig.ctx, options);
  REQUIRE(per_view.ok());
  CHECK_FALSE((*per_view)->uses_multiview());
  const std::array<render::View, 2> views{rig.view(0), rig.view(1)};
  std::array<render::RgbaImage, 2> a, b;
  for (auto* r : {rig.renderer.get(), per_view->get()}) {
    auto gs = r->upload(rig.world);
    REQUIRE(gs.ok());
    auto target = r->create_target(kW, kH, 2);
    REQUIRE(target.ok());
    REQUIRE(r->render(**gs, views, *target).ok());
    auto& out = (r == rig.renderer.get()) ? a : b;
    for (uint32_t l = 0; l < 2; ++l) out[l] = std::move(r->read_back(*target, l).value());
  }
  for (int l = 0; l < 2; ++l) {
    auto d = render::compare_images(a[size_t(l)], b[size_t(l)]);
    REQUIRE(d.ok());
    CHECK(d->mean_abs < 0.5);
  }
  CHECK(rig.ctx->validation_errors() == 0);
}

TEST_CASE("true multiview (one pass, viewMask) matches mono renders", "[gpu][render]") {
  Rig rig;
  render::RendererOptions options = test::renderer_options();
  options.multiview = render::MultiviewMode::On;
  auto mv = render::Renderer::create(*rig.ctx, options);
  REQUIRE(mv.ok());
  REQUIRE((*mv)->uses_multiview());
  // Without the floor nothing crosses the near plane, which lavapipe's multiview mishandles
  // (the reason MultiviewMode::Auto draws each view in its own pass there).
  scene::World w = rig.world;
  w.instances.erase(w.instances.begin());
  scene::World side = w;
  std::swap(side.viewpoints[0], side.viewpoints[1]);
  const std::array<render::RgbaImage, 2> mono{rig.draw(w, "multiview_on_mono0"), rig.draw(side, "multiview_on_mono1")};
  auto gs = (*mv)->upload(w);
  REQUIRE(gs.ok());
  auto target = (*mv)->create_target(kW, kH, 2);
  REQUIRE(target.ok());
  const std::array<render::View, 2> views{rig.view(0), rig.view(1)};
  REQUIRE((*mv)->render(**gs, views, *target).ok());
  for (uint32_t l = 0; l < 2; ++l) {
    auto layer = (*mv)->read_back(*target, l);
    REQUIRE(layer.ok());
    REQUIRE(render::write_png(*layer, test::output_dir() / ("multiview_on_layer" + std::to_string(l) + ".png")).ok());
    auto d = render::compare_images(mono[l], *layer);
    REQUIRE(d.ok());
    INFO("layer " << l);
    CHECK(d->mean_abs < 0.5);
  }
  CHECK(rig.ctx->validation_errors() == 0);
}

TEST_CASE("flush points split each pass without changing a pixel", "[gpu][render]") {
  Rig rig;
  // By default only a software rasteriser gets them (they only help where binning and
  // rasterising take turns on the CPU).
  CHECK(rig.renderer->flush_points() ==
        (rig.ctx->device().is_software() ? render::kSoftwareFlushPoints : 0u));
  const std::array<render::View, 2> views{rig.view(0), rig.view(1)};
  for (auto mode : {render::MultiviewMode::Auto, render::MultiviewMode::On}) {
    std::array<std::array<render::RgbaImage, 2>, 2> layers;  // [split][layer]
    size_t flushes[2] = {0, 0};
    for (int split : {0, 1}) {
      render::RendererOptions options = test::renderer_options();
      options.multiview = mode;
      options.flush_points = split ? 3 : 0;
      auto r = render::Renderer::create(*rig.ctx, options);
      REQUIRE(r.ok());
      auto gs = (*r)->upload(rig.world);
      REQUIRE(gs.ok());
      auto target = (*r)->create_target(kW, kH, 2);
      REQUIRE(target.ok());
      REQUIRE((*r)->render(**gs, views, *target).ok());
      flushes[split] = (*r)->last_frame().flushes;
      for (uint32_t l = 0; l < 2; ++l) layers[size_t(split)][l] = std::move((*r)->read_back(*target, l).value());
      if (split) {
        const bool multiview = (*r)->uses_multiview();
        INFO("multiview " << multiview);
        // Three per pass where there are enough draws; a pass per view without multiview.
        CHECK(flushes[1] >= (multiview ? 1u : 2u));
        CHECK(flushes[1] <= (multiview ? 3u : 6u));
      }
    }
    CHECK(flushes[0] == 0);
    for (size_t l = 0; l < 2; ++l) {
      auto d = render::compare_images(layers[0][l], layers[1][l]);
      REQUIRE(d.ok());
      CHECK(d->max_abs == 0);
    }
  }
  CHECK(rig.ctx->validation_errors() == 0);
}
