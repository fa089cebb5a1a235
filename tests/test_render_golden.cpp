// Golden image: scenes/huiskamer at 320x180 from its first viewpoint, compared with
// tests/golden/huiskamer_320x180.png by a tolerant metric (drivers differ in the last bits of
// filtering and MSAA). Regenerate deliberately after an intended visual change:
//   MEELOOP_UPDATE_GOLDEN=1 ctest -R golden     (then look at the PNG before committing it)
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/log.h"
#include "fixtures/render_world.h"
#include "gpu/context.h"
#include "render/renderer.h"
#include "scene/scene_loader.h"
#include "test_render_options.h"

using namespace meeloop;

namespace {
const std::filesystem::path kGolden =
    std::filesystem::path(MEELOOP_TEST_SOURCE_DIR) / "golden" / "huiskamer_320x180.png";
bool updating() {
  const char* v = std::getenv("MEELOOP_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}
}  // namespace

TEST_CASE("huiskamer matches its golden image", "[gpu][render][golden]") {
  Log log(LogLevel::Warn);
  const Paths& paths = test::settings().paths;
  auto world = scene::load_scene_package(paths.data_root / "scenes" / "huiskamer", paths, log);
  if (!world) FAIL(world.error().to_string());
  REQUIRE_FALSE(world->viewpoints.empty());
  auto ctx = gpu::create_context(log, gpu::context_config(test::settings()));
  if (!ctx) FAIL(ctx.error().to_string());
  auto renderer = render::Renderer::create(**ctx, test::renderer_options());
  REQUIRE(renderer.ok());
  auto gs = (*renderer)->upload(*world);
  if (!gs) FAIL(gs.error().to_string());
  auto target = (*renderer)->create_target(320, 180, 1);
  REQUIRE(target.ok());
  const render::View view = render::view_from_viewpoint(world->viewpoints[0], 320.0f / 180.0f);
  REQUIRE((*renderer)->render(**gs, {&view, 1}, *target).ok());
  auto image = (*renderer)->read_back(*target, 0);
  REQUIRE(image.ok());
  REQUIRE(render::write_png(*image, test::output_dir() / "huiskamer_320x180.png").ok());
  CHECK((*ctx)->validation_errors() == 0);
  CHECK(render::luma_variance(*image) > 200.0);  // never bless a blank picture

  if (updating()) {
    REQUIRE(render::write_png(*image, kGolden).ok());
    WARN("golden image rewritten: " << kGolden.string() << " (look at it before committing)");
    return;
  }
  auto golden = render::read_png(kGolden);
  if (!golden)
    FAIL(golden.error().to_string() << "; create it with MEELOOP_UPDATE_GOLDEN=1");
  auto diff = render::compare_images(*golden, *image);
  REQUIRE(diff.ok());
  INFO("mean abs " << diff->mean_abs << ", max " << diff->max_abs << ", PSNR " << diff->psnr_db
                   << " dB, " << diff->differing_fraction * 100.0 << "% of pixels off by > 16; "
                   << "this run's image: " << (test::output_dir() / "huiskamer_320x180.png").string());
  CHECK(diff->mean_abs < 2.0);
  CHECK(diff->psnr_db > 30.0);
  CHECK(diff->differing_fraction < 0.02);
}
