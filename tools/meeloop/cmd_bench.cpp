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
#include "core/error.h"
#include "core/paths.h"
#include "desktop/shell.h"
#include "gpu/context.h"
#include "render/renderer.h"
#include "render/triangle_budget.h"
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

struct Timing {
  double median = 0.0, p95 = 0.0, cpu_median = 0.0;
  size_t draws = 0, triangles = 0;  // drawn after culling, last frame
};

// Renders `frames` frames at width x height after a short warm-up.
Timing time_frames(render::Renderer& renderer, const render::GpuScene& scene,
                   const scene::Viewpoint& vp, uint32_t width, uint32_t height, int frames) {
  auto target = value_or_throw(renderer.create_target(width, height, 1));
  const render::View view = render::view_from_viewpoint(vp, float(width) / float(height));
  for (int i = 0; i < 3; ++i) value_or_throw(renderer.render(scene, {&view, 1}, target));
  std::vector<double> ms, cpu;
  for (int i = 0; i < frames; ++i) {
    const auto t0 = Clock::now();
    const double c0 = process_cpu_ms();
    value_or_throw(renderer.render(scene, {&view, 1}, target));
    ms.push_back(ms_between(t0, Clock::now()));
    cpu.push_back(process_cpu_ms() - c0);
  }
  return {percentile(ms, 0.5), percentile(ms, 0.95), percentile(cpu, 0.5),
          renderer.last_frame().draws, renderer.last_frame().triangles};
}

render::Detail parse_detail(const std::string& s) {
  if (s == "auto") return render::Detail::Auto;
  if (s == "full") return render::Detail::Full;
  if (s == "budget") return render::Detail::Budget;
  throw ErrorException(bad_input("", "--detail", "expected auto, full or budget, found \"" + s + "\""));
}

const char* detail_name(render::Detail d) {
  return d == render::Detail::Full ? "full" : d == render::Detail::Budget ? "budget" : "auto";
}

struct Size {
  uint32_t w, h;
  std::string label;
};

// One row of the table: a renderer configuration, its upload and its frame times at each size.
void bench_config(const gpu::Context& context, const scene::World& world, const scene::Viewpoint& vp,
                  const render::RendererOptions& options, int frames, const std::vector<Size>& sizes) {
  const auto t0 = Clock::now();
  auto renderer = value_or_throw(render::Renderer::create(context, options));
  auto gpu_scene = value_or_throw(renderer->upload(world));
  const auto t_up = Clock::now();
  {
    auto target = value_or_throw(renderer->create_target(1280, 720, 1));
    const render::View view = render::view_from_viewpoint(vp, 1280.0f / 720.0f);
    value_or_throw(renderer->render(*gpu_scene, {&view, 1}, target));
  }
  const double first = ms_between(t_up, Clock::now());
  const auto& st = gpu_scene->stats();
  std::printf("  %-6s %ux, %u flush points  placed %7zu tris, %3zu draws   upload %6.1f ms, first frame %6.1f ms\n",
              detail_name(renderer->detail()), unsigned(renderer->samples()), renderer->flush_points(),
              st.placed_triangles, st.draws, ms_between(t0, t_up), first);
  for (const Size& sz : sizes) {
    const Timing t = time_frames(*renderer, *gpu_scene, vp, sz.w, sz.h, frames);
    std::printf("    %-12s %4ux%-5u median %8.2f ms   p95 %8.2f ms   cpu median %8.2f ms   drawn %6zu tris, %3zu draws\n",
                sz.label.c_str(), sz.w, sz.h, t.median, t.p95, t.cpu_median, t.triangles, t.draws);
  }
}

// `bench render [--frames N] [--scene DIR] [--msaa N] [--detail auto|full|budget] [--budget T]
// [--size WxH] [--flush-points N] [--compare]`: load-to-first-frame time, then frame times of
// huiskamer at a preview size, a desktop size and one Quest 2 eye (or only at --size), peak
// memory. --compare adds rows for full detail and budget detail at 4x and 1x MSAA and for
// budget detail without flush points, so each lever's share is measured in the same run.
int bench_render(CommandContext& ctx) {
  Args args(ctx.args, {"--compare"});
  const int frames = args.int_option_or("--frames", 60, 1, 100000);
  const std::string dir = args.option_or("--scene", (ctx.settings.paths.data_root / "scenes" / "huiskamer").string());
  render::RendererOptions options;
  options.shader_dir = ctx.settings.paths.shader_dir;
  options.cache_dir = ctx.settings.paths.cache_dir;
  options.samples = uint32_t(args.int_option_or("--msaa", 0, 0, 8));
  options.detail = parse_detail(args.option_or("--detail", "auto"));
  options.triangle_budget = size_t(args.int_option_or("--budget", int(render::kDefaultTriangleBudget), 1000, 100'000'000));
  options.flush_points = args.int_option_or("--flush-points", -1, -1, int(render::kMaxFlushPoints));
  const bool compare = args.flag("--compare");
  std::vector<Size> sizes{{320, 180, "preview"}, {1280, 720, "desktop"}, {1832, 1920, "Quest 2 eye"}};
  if (auto s = args.option("--size")) {
    const glm::ivec2 wh = value_or_throw(desktop::parse_size(*s));
    sizes = {{uint32_t(wh.x), uint32_t(wh.y), "asked"}};
  }
  args.expect_consumed();

  // Load to first frame, in the order `meeloop render` does it.
  const auto t0 = Clock::now();
  scene::World world = value_or_throw(scene::load_scene_package(dir, ctx.settings.paths, ctx.log));
  const auto t_loaded = Clock::now();
  auto context = value_or_throw(gpu::create_context(ctx.log, gpu::context_config(ctx.settings)));
  auto renderer = value_or_throw(render::Renderer::create(*context, options));
  const auto t_gpu = Clock::now();
  auto gpu_scene = value_or_throw(renderer->upload(world));
  const auto t_uploaded = Clock::now();
  const scene::Viewpoint vp = world.viewpoints.empty() ? scene::Viewpoint{} : world.viewpoints.front();
  auto target = value_or_throw(renderer->create_target(1280, 720, 1));
  const render::View view = render::view_from_viewpoint(vp, 1280.0f / 720.0f);
  value_or_throw(renderer->render(*gpu_scene, {&view, 1}, target));
  const auto t_first = Clock::now();
  const auto image = value_or_throw(renderer->read_back(target, 0));
  const auto t_read = Clock::now();

  const auto& st = gpu_scene->stats();
  const gpu::Device& dev = context->device();
  std::printf("bench render: %s on %s (%s)\n", dir.c_str(), dev.properties().deviceName,
              dev.is_software() ? "software rasteriser" : "hardware");
  std::printf("  scene: %zu meshes, %zu instances, %zu textures, %zu triangles placed at full detail\n",
              st.meshes, st.instances, st.textures, render::placed_triangles(world));
  std::printf("  load to first frame    %7.1f ms  (scene %.1f, gpu init %.1f, upload %.1f, first frame %.1f; %s detail, %ux MSAA)\n",
              ms_between(t0, t_first), ms_between(t0, t_loaded), ms_between(t_loaded, t_gpu),
              ms_between(t_gpu, t_uploaded), ms_between(t_uploaded, t_first),
              detail_name(renderer->detail()), unsigned(renderer->samples()));
  std::printf("  read back 1280x720     %7.1f ms\n", ms_between(t_first, t_read));
  (void)image;
  gpu_scene.reset();  // before its renderer
  renderer.reset();

  std::vector<render::RendererOptions> rows{options};
  if (compare) {
    for (render::Detail d : {render::Detail::Full, render::Detail::Budget})
      for (uint32_t samples : {4u, 1u}) {
        render::RendererOptions o = options;
        o.detail = d;
        o.samples = samples;
        rows.push_back(o);
      }
    render::RendererOptions whole = options;  // each pass binned as one scene
    whole.detail = render::Detail::Budget;
    whole.samples = 1;
    whole.flush_points = 0;
    rows.push_back(whole);
  }
  for (const auto& o : rows) bench_config(*context, world, vp, o, frames, sizes);
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
    {"xr", &bench_xr},
    {"hub", &bench_hub},
};

}  // namespace

int cmd_bench(CommandContext& ctx) {
  std::string names;
  for (const Bench& b : kBenches) names += std::string(names.empty() ? "" : ", ") + b.name;
  if (ctx.args.empty()) throw ErrorException(bad_input("", "", "bench needs a name: " + names));
  for (const Bench& b : kBenches) {
    if (ctx.args[0] != b.name) continue;
    CommandContext sub{ctx.log, ctx.settings, std::vector<std::string>(ctx.args.begin() + 1, ctx.args.end())};
    return b.run(sub);
  }
  throw ErrorException(bad_input("", "", "unknown bench \"" + ctx.args[0] + "\" (known: " + names + ")"));
}

}  // namespace meeloop::cli
