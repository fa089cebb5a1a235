#include "xr/player.h"

#include <chrono>
#include <thread>

#include "xr/head_pose.h"
#include "xr/hotspots.h"
#include "xr/input.h"
#include "xr/locomotion.h"
#include "xr/mirror_window.h"
#include "xr/panel_pointing.h"
#include "xr/play_space.h"
#include "xr/scenario_pacing.h"
#include "xr/stereo_output.h"
#include "xr/xr_check.h"

namespace meeloop::xr {
namespace {

constexpr double kNsPerSecond = 1e9;

// The frame loop: each part (xr/play_space.h, panel_pointing.h, scenario_pacing.h,
// stereo_output.h) keeps its own state; the loop orders them within a frame and hands each the
// frame's head pose.
struct Loop {
  Loop(System& sy, Session& se, const gpu::Context& g, const scene::World& w, scenario::Runtime& r,
       const PlayerOptions& o, Log& l)
      : system(sy), session(se), gpu(g), world(w), rt(r), options(o), log(l) {}
  System& system;
  Session& session;
  const gpu::Context& gpu;
  const scene::World& world;
  scenario::Runtime& rt;
  const PlayerOptions& options;
  Log& log;

  std::unique_ptr<Controls> controls;
  std::unique_ptr<PanelPointing> pointing;  // before output: its PanelUi outlives the panel's renderer
  std::unique_ptr<StereoOutput> output;
  std::optional<PlaySpace> space;
  std::optional<ScenarioPacing> pacing;
  std::optional<XrTime> last_time;
  double elapsed = 0;  // display time since the first frame (the mirror's clock)
  PlayerReport report;  // the loop's own counts; the parts' are gathered by finished_report()

  Status setup() {
    pacing.emplace(rt, session, options.operator_script, options.ending_seconds, log);
    MEELOOP_ASSIGN_OR_RETURN(pointing, PanelPointing::create(options.language, options.paths));
    MEELOOP_ASSIGN_OR_RETURN(output, StereoOutput::create(system, session, gpu, world, pointing->ui(),
                                                          {.multiview = options.multiview,
                                                           .eye_width = options.eye_width,
                                                           .eye_height = options.eye_height,
                                                           .mirror = options.mirror,
                                                           .shader_dir = options.paths.shader_dir,
                                                           .cache_dir = options.paths.cache_dir},
                                                          log));
    MEELOOP_ASSIGN_OR_RETURN(controls, Controls::create(session));
    space.emplace(world, options.comfort, session.stage_space(), log);
    return Ok{};
  }

  // The panel in front of the head, and the floor where the visitor's eyes need it.
  void place_panel(const HeadPose& head) {
    pointing->place(head);
    space->reset_height(head);
  }

  // Menu button or operator: the visitor back at the start view, the panel in front again.
  void recentre_visitor(const HeadPose& head) {
    space->recentre(head);
    place_panel(head);
    log.info("xr: recentred at the start view");
  }

  // The operator's keys in the mirror window (P pause, R recentre, Esc or closing it: stop).
  void operator_input() {
    if (!options.mirror || !options.mirror->active()) return;
    const OperatorRequests req = options.mirror->poll(elapsed);
    if (req.toggle_pause) pacing->control().toggle_pause();
    if (req.recentre) pacing->control().recentre();
    if (req.stop) pacing->operator_stop();
  }

  // Each hand in turn moves the play space (thumbstick, menu), then points (panel, hotspots);
  // a trigger on a hotspot chooses at once, a click on the panel comes back from its ImGui frame.
  Status input(const HeadPose& head) {
    const std::vector<scenario::Option> opts = rt.finished() ? std::vector<scenario::Option>{} : rt.options();
    pointing->begin(space->world_from_space(), hotspots_for(world, opts));
    for (int hand = 0; hand < 2; ++hand) {
      const HandState& h = controls->hand(hand);
      space->update_hand(hand, h, head);
      if (h.menu_pressed) recentre_visitor(head);
      if (!h.active) continue;
      const std::optional<std::string> chosen = pointing->point(hand, h, space->world_from_space());
      if (!chosen || rt.finished()) continue;
      const std::string step = rt.step()->id;
      MEELOOP_RETURN_IF_ERROR(rt.choose(*chosen));
      controls->pulse(hand);
      log.info("xr: " + step + " -> " + *chosen);
    }
    const auto action = pointing->finish(rt);
    if (!action) return Ok{};
    if (action->kind == ui::DialogueAction::Kind::Continue) {
      pacing->ending_read();
      return Ok{};
    }
    if (rt.finished()) return Ok{};
    const std::string step = rt.step()->id;
    MEELOOP_RETURN_IF_ERROR(ui::apply_dialogue_action(rt, *action, pointing->ui().state()));
    controls->pulse(pointing->clicking_hand());
    if (action->kind == ui::DialogueAction::Kind::Choose) log.info("xr: " + step + " -> " + action->id);
    return Ok{};
  }

  MirrorStatus mirror_status() const {
    MirrorStatus s;
    s.frame = report.frames - 1;
    s.elapsed_seconds = elapsed;
    s.paused = pacing->operator_paused();  // not focus loss: then the runtime shows its own view
    s.stopping = pacing->exit_requested();
    s.step_count = int(rt.scenario().steps.size());
    if (const scenario::Ending* e = rt.ending()) {
      s.finished = true;
      s.step = e->id;
    } else if (const scenario::Step* st = rt.step()) {
      s.step = st->id;
      s.step_number = int(st - rt.scenario().steps.data()) + 1;
    }
    return s;
  }

  Status render_frame(const Frame& f, const HeadPose& head) {
    const glm::mat4& world_from_space = space->world_from_space();
    report.head_in_scene = glm::vec3(world_from_space * glm::vec4(head.position, 1.0f));
    report.head_yaw_degrees =
        glm::degrees(yaw_of_direction(glm::vec3(world_from_space * glm::vec4(head.forward, 0.0f))));
    ComfortView comfort = space->comfort_view();
    comfort.black = pacing->control().black();
    MEELOOP_RETURN_IF_ERROR(output->submit(f, world_from_space, pointing->view(world_from_space), comfort,
                                           options.mirror ? mirror_status() : MirrorStatus{}));
    ++report.frames_rendered;
    return Ok{};
  }

  Status run(const FrameHook& hook) {
    while (session.poll_events()) {
      if (options.max_frames > 0 && report.frames >= options.max_frames) {
        log.warn("xr: stopping after " + std::to_string(report.frames) + " frames (--max-frames)");
        pacing->request_exit();
        if (report.frames >= options.max_frames + 200) break;  // the runtime never ended the session
      }
      if (!session.running()) {
        // IDLE before READY, or after STOPPING until EXITING: nothing to draw, do not spin.
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        continue;
      }
      const Frame f = session.begin_frame();
      const HeadPose head = head_pose(f);  // meaningful only when f.should_render
      ++report.frames;
      const XrTime now = f.state.predictedDisplayTime;
      const double dt = last_time ? double(now - *last_time) / kNsPerSecond : 0.0;
      last_time = now;
      elapsed += dt;
      pacing->begin_frame(dt, session.focused());
      space->advance(dt);
      pointing->advance(dt);
      if (f.should_render && !pointing->placed()) place_panel(head);
      // The operator before the clock, so a pause stops this very frame's tick.
      operator_input();
      pacing->run_script(elapsed);
      if (f.should_render && pacing->control().take_recentre()) recentre_visitor(head);
      if (pacing->apply_operator_pause()) space->cancel();
      pacing->control().advance_fade(dt);
      MEELOOP_RETURN_IF_ERROR(rt.tick(dt));  // ignored by the runtime while paused
      controls->sync(now, session.focused());
      if (session.focused() && f.should_render && !pacing->operator_paused()) MEELOOP_RETURN_IF_ERROR(input(head));
      if (hook) hook(rt, f);
      pacing->wait_for_ending(dt);
      if (f.should_render) MEELOOP_RETURN_IF_ERROR(render_frame(f, head));
      else session.end_frame(f, nullptr);
    }
    return Ok{};
  }

  // The report with the parts' counts; parts not made yet (a loss during setup) count nothing.
  PlayerReport finished_report() const {
    PlayerReport r = report;
    if (pacing) {
      r.focus_losses = pacing->focus_losses();
      r.paused_seconds = pacing->paused_seconds();
      r.operator_stopped = pacing->operator_stopped();
      r.operator_pauses = pacing->operator_pauses();
      r.operator_paused_seconds = pacing->operator_paused_seconds();
    }
    if (space) {
      r.snap_turns = space->snap_turns();
      r.teleports = space->teleports();
    }
    if (output) r.cpu_ms_total = output->cpu_ms_total();
    return r;
  }
};

}  // namespace

Result<PlayerReport> play(System& system, Session& session, const gpu::Context& gpu, const scene::World& world,
                          scenario::Runtime& rt, const PlayerOptions& options, Log& log, const FrameHook& hook) {
  Loop loop{system, session, gpu, world, rt, options, log};
  // Frame calls report a lost session or instance by throwing; catch_xr makes that a Result.
  const Status ran = catch_xr<Ok>([&]() -> Status {
    MEELOOP_RETURN_IF_ERROR(loop.setup());
    return loop.run(hook);
  });
  ExitReason exit = ExitReason::None;
  if (!ran) {
    // Session or instance loss in the middle of a frame call: a clean, explained stop.
    const std::optional<XrResult> lost = xr_result(ran.error());
    if (lost == XR_ERROR_SESSION_LOST) exit = ExitReason::SessionLost;
    else if (lost == XR_ERROR_INSTANCE_LOST) exit = ExitReason::InstanceLost;
    else return ran.error();
  }
  PlayerReport report = loop.finished_report();
  report.exit = exit == ExitReason::None ? session.exit_reason() : exit;
  report.states = session.history();
  return report;
}

}  // namespace meeloop::xr
