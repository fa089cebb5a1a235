// `meeloop play <scene-dir> --xr [--script FILE] --participant <CODE|new> ...`: headset play
// through OpenXR. Every decision is recorded by play::Recorder exactly as in headless play.
// No runtime or no headset: one line saying why and exit 1 (desktop play is `--desktop`).
// With a display (and no --no-mirror) a desktop window mirrors the left eye for the operator,
// with the keys P (pause), R (recentre) and Esc (stop); --input-script drives it in tests.
// --operator-script FILE plays timed pause/resume/recentre commands (xr/operator_control.h);
// --vignette darkens the periphery for a moment on every snap turn and teleport.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "args.h"
#include "commands.h"
#include "recording_args.h"
#include "core/error.h"
#include "desktop/input_script.h"
#include "desktop/window.h"
#include "play/recorder.h"
#include "profile/dimensions.h"
#include "scenario/scenario_loader.h"
#include "scene/scene_loader.h"
#include "xr/mirror_window.h"
#include "xr/player.h"
#include "xr/session.h"
#include "xr/system.h"

namespace meeloop::cli {
namespace {

struct XrPlayOptions {
  std::string scene_dir, script;
  RecordingArgs recording;
  xr::PlayerOptions player;
  bool mirror = true;
  std::optional<std::string> input_script;  // the mirror window's scripted keys (tests)
};

XrPlayOptions read_options(Args& args) {
  XrPlayOptions o;
  o.scene_dir = args.positional(0, "<scene-dir>");
  o.script = args.option_or("--script", "");
  o.recording = read_recording_args(args);
  const std::string mv = args.option_or("--multiview", "auto");
  o.player.max_frames = args.int_option_or("--max-frames", 0, 0, 100000000);
  const int snap = args.int_option_or("--snap-turn", 30, 0, 90);
  o.player.comfort.seated = args.flag("--seated");
  o.player.comfort.vignette = args.flag("--vignette");
  const std::optional<std::string> operator_script = args.option("--operator-script");
  o.mirror = !args.flag("--no-mirror");
  o.input_script = args.option("--input-script");
  args.expect_consumed();
  if (mv == "auto") o.player.multiview = render::MultiviewMode::Auto;
  else if (mv == "on") o.player.multiview = render::MultiviewMode::On;
  else if (mv == "off") o.player.multiview = render::MultiviewMode::Off;
  else throw ErrorException(bad_input("", "", "--multiview expects auto, on or off, got \"" + mv + "\""));
  if (snap != 0 && snap != 30 && snap != 45)
    throw ErrorException(bad_input("", "", "--snap-turn expects 30, 45 or 0 (off), got " + std::to_string(snap)));
  o.player.comfort.snap_turn_degrees = float(snap);
  if (!o.script.empty() && !std::filesystem::is_regular_file(o.script))
    throw ErrorException(bad_input(o.script, "", "--script: no such file (the headless runtime's script)"));
  if (operator_script) o.player.operator_script = value_or_throw(xr::load_operator_script(*operator_script));
  return o;
}

std::unique_ptr<play::Recorder> open_recorder(const XrPlayOptions& o, const scenario::Scenario& sc, const Paths& paths,
                                              Log& log) {
  auto rec = cli::open_recorder(o.recording, paths, log);
  value_or_throw(rec->begin_session(sc.scene_id, sc.id + "@" + sc.version));
  return rec;
}

// The operator's mirror window, or null (no display, --no-mirror, or it could not open: one
// line says why, and the headset plays on without it).
std::unique_ptr<xr::MirrorWindow> open_mirror(const XrPlayOptions& o, const std::string& lang, const Settings& settings,
                                                Log& log) {
  const bool display = settings.display;
  if (!o.mirror || !display) {
    if (o.mirror) log.info("xr mirror: no display, so no desktop mirror");
    if (o.input_script) log.warn("xr mirror: --input-script is for the mirror window, and there is none");
    return nullptr;
  }
  xr::MirrorOptions mo;
  mo.language = lang.empty() ? "nl" : lang;
  mo.paths = settings.paths;
  if (o.input_script) mo.script = value_or_throw(desktop::read_input_script(*o.input_script));
  auto m = xr::MirrorWindow::open(mo, log);
  if (!m) {
    log.warn("xr mirror: " + m.error().message + "; playing without the desktop mirror");
    return nullptr;
  }
  return std::move(*m);
}

// The runtime's Vulkan context, with what a window needs when there is a mirror. Should the
// runtime's device refuse the window's extensions, the headset goes on without the mirror.
std::unique_ptr<gpu::Context> create_gpu(xr::System& system, std::unique_ptr<xr::MirrorWindow>& mirror,
                                       const Settings& settings, Log& log) {
  // Validation as the settings say; the device is the runtime's choice (xr/system.cpp).
  gpu::ContextConfig base = gpu::context_config(settings);
  base.preference.reset();
  if (mirror) {
    gpu::ContextConfig cc = base;
    cc.instance.extensions = mirror->instance_extensions();
    cc.device_extensions = {xr::MirrorWindow::device_extension()};
    auto gpu = system.create_gpu_context(log, cc);
    if (gpu) return std::move(*gpu);
    log.warn("xr mirror: " + gpu.error().message + "; playing without the desktop mirror");
    mirror.reset();
  }
  return value_or_throw(system.create_gpu_context(log, base));
}

}  // namespace

int cmd_play_xr(CommandContext& ctx) {
  Args args(ctx.args, {"--xr", "--seated", "--no-mirror", "--vignette"});
  (void)args.flag("--xr");
  XrPlayOptions o = read_options(args);
  // The headless runtime (tools/xr-runtime) reads its script from the environment.
  if (!o.script.empty()) ::setenv("MEELOOP_XR_SCRIPT", std::filesystem::absolute(o.script).c_str(), 1);

  xr::Unavailable why = xr::Unavailable::None;
  auto system = xr::open_system(ctx.log, &why);
  if (!system) {
    std::fprintf(stderr, "meeloop play --xr: %s; use `meeloop play %s --desktop` to play on a screen\n",
                 system.error().message.c_str(), o.scene_dir.c_str());
    return 1;
  }

  scene::World world = value_or_throw(scene::load_scene_package(o.scene_dir, ctx.settings.paths, ctx.log));
  scenario::LoadOptions opt;
  opt.dimensions = value_or_throw(profile::known_dimension_ids(ctx.settings.paths.data_root / "data" / "dimensions.json"));
  scenario::Scenario sc = value_or_throw(scenario::load_scenario(o.scene_dir, opt));
  std::unique_ptr<play::Recorder> rec = open_recorder(o, sc, ctx.settings.paths, ctx.log);
  o.player.language = rec->language();
  o.player.paths = ctx.settings.paths;

  // Declared in destruction order: the session goes before the Vulkan device, the device
  // before the OpenXR instance (inside `system`); the mirror window (which needs to exist
  // before the device, for its extensions) goes before the device too.
  std::unique_ptr<gpu::Context> gpu;
  std::unique_ptr<xr::MirrorWindow> mirror = open_mirror(o, rec->language(), ctx.settings, ctx.log);
  gpu = create_gpu(**system, mirror, ctx.settings, ctx.log);
  if (mirror) {
    if (Status st = mirror->attach(*gpu); !st) {
      ctx.log.warn("xr mirror: " + st.error().message + "; playing without the desktop mirror");
      mirror.reset();
    }
  }
  o.player.mirror = mirror.get();
  auto session = value_or_throw(xr::Session::create(**system, *gpu, ctx.log));
  scenario::Runtime rt(sc, rec->sink());
  std::printf("%s (%s, %s) in %s\n", sc.text(rec->language(), sc.title).c_str(), sc.scene_id.c_str(),
              rec->language().c_str(), (*system)->system_name().c_str());
  if (rec->consent()) std::printf("Participant %s, database %s\n", rec->participant_code().c_str(), rec->database().c_str());
  else std::printf("No consent: nothing is stored.\n");

  std::string shown;
  auto hook = [&](const scenario::Runtime& r, const xr::Frame&) {
    const std::string now = r.finished() ? "== " + r.ending()->id + " ==" : "[" + r.step()->id + "]";
    if (now != shown) std::printf("%s\n", now.c_str());
    shown = now;
    if (rec->pending() > 0) rec->flush();
  };
  xr::PlayerReport report = value_or_throw(xr::play(**system, *session, *gpu, world, rt, o.player, ctx.log, hook));
  session.reset();

  std::printf("Session ended: %s after %lld frames (%d focus loss(es)).\n",
              report.operator_stopped ? "the operator stopped it" : xr::to_string(report.exit),
              static_cast<long long>(report.frames), report.focus_losses);
  int code = 0;
  if (rt.finished()) {
    value_or_throw(rec->end_session(rt.ending()->id));
  } else {
    std::fprintf(stderr, "meeloop play --xr: the headset session ended at step \"%s\" before an ending; "
                         "the %d events so far %s\n", rt.step()->id.c_str(), rt.events_logged(),
                 rec->consent() ? "are kept" : "were not stored (no consent)");
  }
  rec->flush();
  if (rec->pending()) {
    std::fprintf(stderr, "meeloop play --xr: %zu write(s) could not be saved: %s\n", rec->pending(), rec->warning().c_str());
    code = 1;
  } else if (rec->consent()) {
    std::printf("Saved %d events for %s.\n", rt.events_logged(), rec->participant_code().c_str());
  }
  if (report.exit == xr::ExitReason::SessionLost || report.exit == xr::ExitReason::InstanceLost) code = 1;
  if (gpu->validation_errors() > 0) {
    ctx.log.error("play --xr: " + std::to_string(gpu->validation_errors()) + " Vulkan validation error(s)");
    code = 1;
  }
  return code;
}

}  // namespace meeloop::cli
