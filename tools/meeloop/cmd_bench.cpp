// `meeloop bench <name> ...`: performance figures, printed, never asserted (not a test).
// Each bench is a function taking the remaining arguments. To add one: write
// `int bench_<name>(CommandContext&)` in its own file, declare it in commands.h, add a row to
// kBenches below and extend the "bench" usage line in commands.cpp.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "args.h"
#include "commands.h"
#include "unwrap.h"
#include "core/error.h"
#include "core/paths.h"
#include "gpu/context.h"
#include "render/renderer.h"
#include "scene/scene_loader.h"

namespace meeloop::cli {
namespace {

using Clock = std::chrono::steady_clock;

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// CPU time of the whole process (lavapipe's worker threads included), in ms. On a shared
// machine this is steadier than wall time.
double process_cpu_ms() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return (double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000.0 +
          double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000.0);
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

// Renders `frames` frames at width x height after a short warm-up and prints the timings.
void time_frames(render::Renderer& renderer, const render::GpuScene& scene,
                 const scene::Viewpoint& vp, uint32_t width, uint32_t height, int frames,
                 const char* label) {
  auto target = take(renderer.create_target(width, height, 1));
  const render::View view = render::view_from_viewpoint(vp, float(width) / float(height));
  for (int i = 0; i < 3; ++i) check(renderer.render(scene, {&view, 1}, target));
  std::vector<double> ms, cpu;
  for (int i = 0; i < frames; ++i) {
    const auto t0 = Clock::now();
    const double c0 = process_cpu_ms();
    check(renderer.render(scene, {&view, 1}, target));
    ms.push_back(ms_between(t0, Clock::now()));
    cpu.push_back(process_cpu_ms() - c0);
  }
  std::printf("  %-12s %4ux%-5u median %8.2f ms   p95 %8.2f ms   cpu median %8.2f ms   (%d frames)\n",
              label, width, height, percentile(ms, 0.5), percentile(ms, 0.95), percentile(cpu, 0.5),
              frames);
}

// `bench render [--frames N] [--scene DIR] [--msaa N]`: frame times of huiskamer at a desktop
// size and at one Quest 2 eye, load-to-first-frame time, peak memory.
int bench_render(CommandContext& ctx) {
  Args args(ctx.args, {});
  const int frames = args.int_option_or("--frames", 60, 1, 100000);
  const std::string dir = args.option_or("--scene", (data_root() / "scenes" / "huiskamer").string());
  const int msaa = args.int_option_or("--msaa", 4, 1, 8);
  args.expect_consumed();

  const auto t0 = Clock::now();
  scene::World world = take(scene::load_scene_package(dir, ctx.log));
  const auto t_loaded = Clock::now();
  auto context = take(gpu::create_context(ctx.log));
  render::RendererOptions options;
  options.samples = uint32_t(msaa);
  auto renderer = take(render::Renderer::create(*context, options));
  const auto t_gpu = Clock::now();
  auto gpu_scene = take(renderer->upload(world));
  const auto t_uploaded = Clock::now();
  const scene::Viewpoint vp = world.viewpoints.empty() ? scene::Viewpoint{} : world.viewpoints.front();
  {
    auto target = take(renderer->create_target(1280, 720, 1));
    const render::View view = render::view_from_viewpoint(vp, 1280.0f / 720.0f);
    check(renderer->render(*gpu_scene, {&view, 1}, target));
  }
  const auto t_first = Clock::now();

  const auto& st = gpu_scene->stats();
  std::printf("bench render: %s on %s, %ux MSAA\n", dir.c_str(),
              context->device().properties().deviceName, unsigned(renderer->samples()));
  std::printf("  scene: %zu meshes, %zu instances, %zu draws, %zu triangles stored (%zu placed), %zu textures, %.1f MiB uploaded\n",
              st.meshes, st.instances, st.draws, st.triangles, st.placed_triangles, st.textures,
              double(st.uploaded_bytes) / (1024.0 * 1024.0));
  std::printf("  load to first frame    %7.1f ms  (scene %.1f, gpu init %.1f, upload %.1f, first frame %.1f)\n",
              ms_between(t0, t_first), ms_between(t0, t_loaded), ms_between(t_loaded, t_gpu),
              ms_between(t_gpu, t_uploaded), ms_between(t_uploaded, t_first));
  time_frames(*renderer, *gpu_scene, vp, 320, 180, frames, "preview");
  time_frames(*renderer, *gpu_scene, vp, 1280, 720, frames, "desktop");
  time_frames(*renderer, *gpu_scene, vp, 1832, 1920, frames, "Quest 2 eye");
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("  peak memory (ru_maxrss) %.1f MiB\n", double(usage.ru_maxrss) / 1024.0);
  if (context->validation_errors() > 0)
    std::printf("  note: %d validation errors; timings with MEELOOP_VALIDATION=1 are not representative\n",
                context->validation_errors());
  return 0;
}

struct Bench {
  const char* name;
  CommandFn run;
};
constexpr Bench kBenches[] = {
    {"render", &bench_render},
    {"profile", &bench_profile},
};

}  // namespace

int cmd_bench(CommandContext& ctx) {
  std::string names;
  for (const Bench& b : kBenches) names += std::string(names.empty() ? "" : ", ") + b.name;
  if (ctx.args.empty()) throw ErrorException(bad_input("", "", "bench needs a name: " + names));
  for (const Bench& b : kBenches) {
    if (ctx.args[0] != b.name) continue;
    CommandContext sub{ctx.log, std::vector<std::string>(ctx.args.begin() + 1, ctx.args.end())};
    return b.run(sub);
  }
  throw ErrorException(bad_input("", "", "unknown bench \"" + ctx.args[0] + "\" (known: " + names + ")"));
}

}  // namespace meeloop::cli
