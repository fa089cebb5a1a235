// `meeloop bench xr [--frames N] [--scene DIR]`: what stereo costs. For one headset eye size
// at a time, the renderer draws one mono view, a multiview stereo pair (VK_KHR_multiview, one
// pass) and the same pair as two mono passes; per mode the median CPU time to record and
// submit a frame and the median frame time (until the GPU is done), side by side with ratios.
// The renderer is driven directly (no OpenXR), so the numbers are the renderer's own.
#include <algorithm>
#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include "args.h"
#include "commands.h"
#include "core/error.h"
#include "core/paths.h"
#include "gpu/context.h"
#include "render/renderer.h"
#include "scene/scene_loader.h"

namespace meeloop::cli {
namespace {

struct ModeTiming {
  double cpu_ms = 0, frame_ms = 0;
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Two eyes 63 mm apart at the viewpoint, with the canted, asymmetric frusta a headset reports.
std::array<render::View, 2> eye_views(const scene::Viewpoint& vp) {
  const glm::mat4 centre = render::look_at(vp.position, vp.target);
  std::array<render::View, 2> v;
  for (int i = 0; i < 2; ++i) {
    const float side = i == 0 ? -1.0f : 1.0f;
    glm::mat4 shift(1.0f);
    shift[3][0] = -side * 0.0315f;  // eye space: the left eye sees the world shifted right
    v[size_t(i)].view = shift * centre;
    v[size_t(i)].proj = i == 0 ? render::perspective_fov(-0.8203f, 0.7330f, 0.8203f, -0.8727f)
                               : render::perspective_fov(-0.7330f, 0.8203f, 0.8203f, -0.8727f);
  }
  return v;
}

ModeTiming time_mode(const gpu::Context& context, const Paths& paths, const scene::World& world,
                     const scene::Viewpoint& vp, render::MultiviewMode mode, uint32_t views, uint32_t w, uint32_t h,
                     int frames) {
  render::RendererOptions o;
  o.shader_dir = paths.shader_dir;
  o.cache_dir = paths.cache_dir;
  o.multiview = mode;
  auto renderer = value_or_throw(render::Renderer::create(context, o));
  auto scene = value_or_throw(renderer->upload(world));
  auto target = value_or_throw(renderer->create_target(w, h, views));
  const auto eyes = eye_views(vp);
  const std::span<const render::View> v(eyes.data(), views);
  value_or_throw(renderer->render(*scene, v, target));  // warm-up: pipelines, first-touch memory
  std::vector<double> cpu, total;
  for (int i = 0; i < frames; ++i) {
    value_or_throw(renderer->render(*scene, v, target));
    cpu.push_back(renderer->last_frame().cpu_ms);
    total.push_back(renderer->last_frame().total_ms);
  }
  return {median(cpu), median(total)};
}

}  // namespace

int bench_xr(CommandContext& ctx) {
  Args args(ctx.args, {});
  const int frames = args.int_option_or("--frames", 5, 1, 100000);
  const std::string dir = args.option_or("--scene", (ctx.settings.paths.data_root / "scenes" / "huiskamer").string());
  args.expect_consumed();
  scene::World world = value_or_throw(scene::load_scene_package(dir, ctx.settings.paths, ctx.log));
  const scene::Viewpoint vp = world.viewpoints.empty() ? scene::Viewpoint{} : world.viewpoints.front();
  auto context = value_or_throw(gpu::create_context(ctx.log, gpu::context_config(ctx.settings)));
  const auto& dev = context->device();
  std::printf("bench xr: %s (%s), %d frame(s) per mode, median; cpu = record + submit, frame = until the GPU is done\n",
              dev.properties().deviceName, dev.is_software() ? "software" : "hardware", frames);
  if (dev.is_software())
    std::printf("  note: lavapipe rasterises on the CPU, so 'frame' is CPU work too; its multiview drops view 1\n"
                "  for triangles clipped at the near plane (the player uses two passes there, see renderer.h)\n");
  const Paths& paths = ctx.settings.paths;
  struct Size { uint32_t w, h; const char* label; };
  for (const Size& s : {Size{1832, 1920, "Quest 2"}, Size{2064, 2208, "Quest 3"}}) {
    const ModeTiming mono = time_mode(*context, paths, world, vp, render::MultiviewMode::Off, 1, s.w, s.h, frames);
    const ModeTiming multi = time_mode(*context, paths, world, vp, render::MultiviewMode::On, 2, s.w, s.h, frames);
    const ModeTiming two = time_mode(*context, paths, world, vp, render::MultiviewMode::Off, 2, s.w, s.h, frames);
    std::printf("\n  %ux%u per eye (%s)        cpu ms   frame ms   cpu/mono  frame/mono\n", s.w, s.h, s.label);
    auto row = [&](const char* name, const ModeTiming& t) {
      std::printf("    %-22s %9.2f %10.2f %9.2fx %10.2fx\n", name, t.cpu_ms, t.frame_ms, t.cpu_ms / mono.cpu_ms,
                  t.frame_ms / mono.frame_ms);
    };
    row("mono (1 view)", mono);
    row("multiview stereo", multi);
    row("two mono passes", two);
    std::printf("    multiview cpu / mono cpu = %.2f (target <= 1.2); multiview frame / two passes = %.2f (target < 1)\n",
                multi.cpu_ms / mono.cpu_ms, multi.frame_ms / two.frame_ms);
  }
  if (context->validation_errors() > 0) return 1;
  return 0;
}

}  // namespace meeloop::cli
