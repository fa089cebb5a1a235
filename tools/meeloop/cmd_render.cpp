// `meeloop render <scene-dir> --out <file.png> [--width W] [--height H] [--view ID] [--step ID]`:
// loads a scene package and draws one viewpoint offscreen to a PNG; with --step, the camera
// frames that scenario step's speaker or hotspot (play::frame_step, as desktop and kiosk do).
// Needs no display; runs on lavapipe when there is no GPU (MEELOOP_GPU picks).
#include <chrono>
#include <optional>
#include <utility>
#include <string>

#include "args.h"
#include "commands.h"
#include "core/error.h"
#include "gpu/context.h"
#include "play/step_view.h"
#include "profile/dimensions.h"
#include "render/renderer.h"
#include "scenario/scenario_loader.h"
#include "scene/scene_loader.h"

namespace meeloop::cli {
namespace {

// The viewpoint called `id`, the first one when `id` is empty, or a default eye when the scene
// has none. BadInput listing the known ids when `id` is unknown.
scene::Viewpoint pick_viewpoint(const scene::World& world, const std::string& id,
                                const std::string& scene_dir) {
  if (id.empty()) return world.viewpoints.empty() ? scene::Viewpoint{} : world.viewpoints.front();
  std::string known;
  for (const auto& vp : world.viewpoints) {
    if (vp.id == id) return vp;
    known += (known.empty() ? "" : ", ") + vp.id;
  }
  throw ErrorException(bad_input(scene_dir, "", "--view " + id + ": no such viewpoint (known: " +
                                                    (known.empty() ? "none" : known) + ")"));
}

// The scenario and its step `step_id`, read before the (slower) scene load so a typo fails
// first. BadInput naming the scene file and listing the step ids when there is no such step.
std::pair<scenario::Scenario, std::string> load_step(const std::string& dir, const std::string& step_id,
                                                     const Paths& paths) {
  scenario::LoadOptions opt;
  opt.dimensions = value_or_throw(profile::known_dimension_ids(paths.data_root / "data" / "dimensions.json"));
  scenario::Scenario sc = value_or_throw(scenario::load_scenario(dir, opt));
  if (sc.find_step(step_id)) return {std::move(sc), step_id};
  std::string known;
  for (const auto& s : sc.steps) known += (known.empty() ? "" : ", ") + s.id;
  throw ErrorException(bad_input((std::filesystem::path(dir) / "scene.json").string(), "/scenario/steps",
                                 "--step " + step_id + ": no such step (steps: " + known + ")"));
}

}  // namespace

int cmd_render(CommandContext& ctx) {
  Args args(ctx.args, {});
  const std::string dir = args.positional(0, "scene folder");
  const auto out = args.option("--out");
  const int width = args.int_option_or("--width", 1280, 16, 8192);
  const int height = args.int_option_or("--height", 720, 16, 8192);
  const std::string view_id = args.option_or("--view", "");
  const std::string step_id = args.option_or("--step", "");
  args.expect_consumed();
  if (args.positionals().size() > 1)
    throw ErrorException(bad_input("", "", "render takes one scene folder, got " +
                                               std::to_string(args.positionals().size())));
  if (!out) throw ErrorException(bad_input("", "", "render needs --out <file.png>"));
  if (std::filesystem::path(*out).extension() != ".png")
    throw ErrorException(bad_input("", "", "--out " + *out + ": the file name must end in .png"));

  const auto t0 = std::chrono::steady_clock::now();
  std::optional<std::pair<scenario::Scenario, std::string>> step;
  if (!step_id.empty()) step = load_step(dir, step_id, ctx.settings.paths);
  scene::World world = value_or_throw(scene::load_scene_package(dir, ctx.settings.paths, ctx.log));
  scene::Viewpoint vp = pick_viewpoint(world, view_id, dir);
  if (step) vp = play::frame_step(world, step->first, *step->first.find_step(step->second), vp);

  auto context = value_or_throw(gpu::create_context(ctx.log, gpu::context_config(ctx.settings)));
  auto renderer = value_or_throw(render::Renderer::create(
      *context, {.shader_dir = ctx.settings.paths.shader_dir, .cache_dir = ctx.settings.paths.cache_dir}));
  auto gpu_scene = value_or_throw(renderer->upload(world));
  auto target = value_or_throw(renderer->create_target(uint32_t(width), uint32_t(height), 1));
  const render::View view = render::view_from_viewpoint(vp, float(width) / float(height));
  if (auto st = renderer->render(*gpu_scene, {&view, 1}, target); !st) throw ErrorException(st.error());
  const render::RgbaImage image = value_or_throw(renderer->read_back(target, 0));
  if (auto st = render::write_png(image, *out); !st) throw ErrorException(st.error());

  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  ctx.log.info("render: wrote " + *out + " (" + std::to_string(width) + "x" + std::to_string(height) +
               ", view \"" + vp.id + "\", " + std::to_string(int(ms)) + " ms)");
  if (context->validation_errors() > 0) {
    ctx.log.error("render: " + std::to_string(context->validation_errors()) +
                  " Vulkan validation error(s); see the messages above");
    return 1;
  }
  return 0;
}

}  // namespace meeloop::cli
