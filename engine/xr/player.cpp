#include "xr/player.h"

#include <chrono>
#include <cmath>
#include <thread>

#include <glm/gtc/matrix_transform.hpp>

#include "render/external_image.h"
#include "xr/comfort_overlay.h"
#include "xr/depth_layer.h"
#include "xr/hotspots.h"
#include "xr/input.h"
#include "xr/locomotion.h"
#include "xr/mirror_window.h"
#include "xr/panel.h"
#include "xr/panel_renderer.h"
#include "xr/panel_ui.h"
#include "xr/pose_math.h"
#include "xr/swapchain.h"
#include "xr/xr_check.h"
#include "xr/xr_struct.h"

namespace meeloop::xr {
namespace {

constexpr double kNsPerSecond = 1e9;

float yaw_of(const glm::quat& q) {
  const glm::vec3 f = q * glm::vec3(0, 0, -1);
  return std::atan2(-f.x, -f.z);
}

// Stage/local space -> scene: the play area's origin under the scene's default viewpoint,
// facing where it looks.
glm::mat4 initial_world_from_space(const scene::World& world) {
  const scene::Viewpoint vp = world.viewpoints.empty() ? scene::Viewpoint{} : world.viewpoints.front();
  const glm::vec3 dir = vp.target - vp.position;
  const float yaw = std::atan2(-dir.x, -dir.z);
  return glm::rotate(glm::translate(glm::mat4(1.0f), glm::vec3(vp.position.x, 0.0f, vp.position.z)), yaw,
                     glm::vec3(0, 1, 0));
}

// Everything the loop holds between frames.
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

  std::unique_ptr<render::Renderer> renderer;
  std::unique_ptr<render::GpuScene> scene;
  std::optional<render::RenderTarget> target;
  std::unique_ptr<render::ExternalImageCopier> copier;
  std::unique_ptr<StereoSwapchain> swapchain;
  std::unique_ptr<DepthLayer> depth;  // null: the runtime gets colour only
  std::unique_ptr<Controls> controls;
  std::unique_ptr<PanelUi> panel_ui;  // before panel_renderer: outlives its ImGui backend
  std::unique_ptr<PanelRenderer> panel_renderer;
  std::unique_ptr<ComfortOverlay> comfort;

  glm::mat4 world_from_space{1.0f};
  glm::mat4 space_from_panel{1.0f};
  bool panel_placed = false;
  float seated_lift = 0.0f;  // metres the play space is raised in seated mode
  bool ever_focused = false, was_focused = false;
  std::optional<XrTime> last_time;
  double elapsed = 0;  // display time since the first frame (the mirror's clock)
  double ending_elapsed = 0;
  bool exit_requested = false;
  std::array<StickGestures, 2> sticks;
  std::array<std::optional<Arc>, 2> arcs;  // the teleport each hand is aiming, if any
  WalkableArea walkable;
  std::vector<Box> furniture;  // what a teleport arc cannot pass through
  double since_motion = 1e9;  // seconds since the last snap turn or teleport (the vignette)
  OperatorControl control;
  std::optional<OperatorScriptPlayer> operator_script;
  bool operator_paused = false;  // what the loop last acted on
  PanelView panel;  // where the panel is, rays and the hovered object this frame
  double input_dt = 0;  // display time since the last input(): the panel's ImGui clock
  int panel_hand = 1;   // the hand whose trigger clicked the panel last (its haptic pulse)
  PlayerReport report;

  void setup() {
    render::RendererOptions ro;
    ro.multiview = options.multiview;
    renderer = value_or_throw(render::Renderer::create(gpu, ro));
    scene = value_or_throw(renderer->upload(world));
    const uint32_t w = options.eye_width ? options.eye_width : system.eye_width();
    const uint32_t h = options.eye_height ? options.eye_height : system.eye_height();
    depth = value_or_throw(DepthLayer::create(system, session, w, h, log));
    target.emplace(value_or_throw(renderer->create_target(w, h, 2, depth != nullptr)));
    copier = value_or_throw(render::ExternalImageCopier::create(gpu));
    // The mirror copies the left eye out of the swapchain image (MirrorWindow::record_eye_copy).
    swapchain = value_or_throw(StereoSwapchain::create(session, w, h, render::kColorFormat, SwapchainKind::Color,
                                                      {.copied_out = options.mirror != nullptr}));
    controls = value_or_throw(Controls::create(session));
    panel_ui = value_or_throw(PanelUi::create(options.language));
    panel_renderer = value_or_throw(PanelRenderer::create(gpu, render::kColorFormat, *panel_ui));
    comfort = value_or_throw(ComfortOverlay::create(gpu, render::kColorFormat));
    world_from_space = initial_world_from_space(world);
    walkable = walkable_area(world);
    furniture = furniture_boxes(world);
    if (!options.operator_script.lines.empty()) operator_script.emplace(options.operator_script);
  }

  // Puts the panel in front of the head (session start, recentre).
  void place_panel_at(const Frame& f) {
    const glm::vec3 head = (to_vec3(f.eyes[0].pose.position) + to_vec3(f.eyes[1].pose.position)) * 0.5f;
    // Chest height below the eyes, so seated and standing visitors both read it comfortably.
    space_from_panel = place_panel(head, yaw_of(to_quat(f.eyes[0].pose.orientation)), 0.9f, head.y - 0.3f);
    panel_placed = true;
    if (options.comfort.seated || !session.stage_space()) {
      // Height reset: lift the scene's floor so a seated visitor's eyes (or, in a local space
      // with no known floor, anyone's) are at standing height.
      const float lift = floor_lift(options.comfort.seated, session.stage_space(), head.y, options.comfort.seated_eye_height);
      world_from_space = world_from_space * glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, lift - seated_lift, 0.0f));
      seated_lift = lift;
    }
  }

  void on_focus(bool focused) {
    if (focused == was_focused) return;
    was_focused = focused;
    if (focused) {
      ever_focused = true;
      if (!operator_paused) rt.resume();
      log.info("xr: focused; scenario clock runs");
    } else {
      rt.pause();
      ++report.focus_losses;
      log.info("xr: focus lost; scenario clock paused");
    }
  }

  static glm::vec3 head_in_space(const Frame& f) {
    return (to_vec3(f.eyes[0].pose.position) + to_vec3(f.eyes[1].pose.position)) * 0.5f;
  }

  // Recentre (menu button, operator): the visitor stands at the start view, facing where it
  // looks, eyes at the right height; the panel comes back in front.
  void recentre_visitor(const Frame& f) {
    const glm::vec3 head = head_in_space(f);
    const scene::Viewpoint vp = world.viewpoints.empty() ? scene::Viewpoint{} : world.viewpoints.front();
    const float lift = floor_lift(options.comfort.seated, session.stage_space(), head.y, options.comfort.seated_eye_height);
    world_from_space = recentre(vp, head, yaw_of(to_quat(f.eyes[0].pose.orientation)), lift);
    seated_lift = lift;
    place_panel_at(f);
    log.info("xr: recentred at the start view");
  }

  // The thumbstick: sideways snap-turns, forward aims a teleport arc, letting go jumps there.
  void locomotion(int hand, const Frame& f) {
    const HandState& h = controls->hand(hand);
    const auto event = sticks[size_t(hand)].update(h.thumbstick);
    const glm::vec3 head = head_in_space(f);
    const float degrees = options.comfort.snap_turn_degrees;
    if ((event == StickGestures::Event::TurnLeft || event == StickGestures::Event::TurnRight) && degrees > 0) {
      world_from_space = snap_turn(world_from_space, head, event == StickGestures::Event::TurnLeft ? degrees : -degrees);
      ++report.snap_turns;
      since_motion = 0;
    }
    std::optional<Arc>& arc = arcs[size_t(hand)];
    if (event == StickGestures::Event::TeleportRelease) {
      if (arc && arc->landing && walkable.contains(*arc->landing)) {
        world_from_space = teleport(world_from_space, head, *arc->landing);
        ++report.teleports;
        since_motion = 0;
        log.info("xr: teleported");
      }
      arc.reset();
    }
    if (sticks[size_t(hand)].aiming() && h.active) {
      const glm::vec3 o = glm::vec3(world_from_space * glm::vec4(h.aim_origin, 1.0f));
      const glm::vec3 d = glm::vec3(world_from_space * glm::vec4(h.aim_direction, 0.0f));
      arc = sample_arc(o, d, 0.0f, furniture);  // the scene's floor
    } else if (!sticks[size_t(hand)].aiming()) {
      arc.reset();
    }
  }

  ComfortView comfort_view() const {
    ComfortView v;
    for (const auto& a : arcs)
      if (a && !v.arc) {
        v.arc = a;
        v.arc_valid = a->landing && walkable.contains(*a->landing);
      }
    if (options.comfort.vignette) v.vignette = vignette_strength(since_motion);
    v.black = control.black();
    return v;
  }

  // Applies the operator's pause or resume: the scenario clock and the visitor's input stop;
  // the fade follows in the overlay.
  void apply_operator(const Frame& f) {
    if (f.should_render && control.take_recentre()) recentre_visitor(f);
    if (control.paused() == operator_paused) return;
    operator_paused = control.paused();
    if (operator_paused) {
      ++report.operator_pauses;
      rt.pause();
      for (auto& s : sticks) s.cancel();
      for (auto& a : arcs) a.reset();
      log.info("xr: the operator paused the session (fade to black)");
    } else {
      if (was_focused && !exit_requested) rt.resume();
      log.info("xr: the operator resumed the session");
    }
  }

  // Pointer: the panel first, then hotspots. A trigger press on the panel is a click in its
  // Dear ImGui interface (chosen on the next frame); on an object it chooses at once.
  Status input(const Frame& f) {
    const std::vector<scenario::Option> opts = rt.finished() ? std::vector<scenario::Option>{} : rt.options();
    const PanelCanvas& canvas = panel_ui->canvas();
    panel.world_from_panel = world_from_space * space_from_panel;
    panel.hover_spot.reset();
    std::optional<glm::vec2> pointer;
    bool panel_press = false;
    panel.rays.clear();
    const std::vector<Hotspot> spots = hotspots_for(world, opts);
    for (int hand = 0; hand < 2; ++hand) {
      const HandState& h = controls->hand(hand);
      locomotion(hand, f);
      if (h.menu_pressed) recentre_visitor(f);
      if (!h.active) continue;
      const glm::vec3 o = glm::vec3(world_from_space * glm::vec4(h.aim_origin, 1.0f));
      const glm::vec3 d = glm::normalize(glm::vec3(world_from_space * glm::vec4(h.aim_direction, 0.0f)));
      float length = 3.0f;
      std::optional<std::string> chosen;
      if (auto hit = hit_panel(canvas.size_m(), panel.world_from_panel, o, d)) {
        length = hit->distance;
        // One ImGui mouse: the hand that pulls the trigger, else the right hand, else the left.
        if (!panel_press) {
          pointer = canvas.to_canvas(hit->point);
          if (h.select_pressed) {
            panel_press = true;
            panel_hand = hand;
          }
        }
      } else if (auto spot = hit_hotspot(spots, o, d)) {
        length = spot->second;
        panel.hover_spot = spots[spot->first];
        if (h.select_pressed) chosen = spots[spot->first].option_id;
      }
      panel.rays.push_back({o, o + d * length});
      if (rt.finished() || !h.select_pressed || !chosen) continue;
      const std::string step = rt.step()->id;
      if (auto st = rt.choose(*chosen); !st) return st;
      controls->pulse(hand);
      log.info("xr: " + step + " -> " + *chosen);
    }
    const auto action = panel_ui->frame(rt, pointer, panel_press, input_dt);
    input_dt = 0;
    if (!action) return Ok{};
    if (action->kind == ui::DialogueAction::Kind::Continue) {
      ending_elapsed = options.ending_seconds;  // the visitor has read the ending
      return Ok{};
    }
    if (rt.finished()) return Ok{};
    const std::string step = rt.step()->id;
    if (auto st = ui::apply_dialogue_action(rt, *action, panel_ui->state()); !st) return st;
    controls->pulse(panel_hand);
    if (action->kind == ui::DialogueAction::Kind::Choose) log.info("xr: " + step + " -> " + action->id);
    return Ok{};
  }

  void render_frame(const Frame& f) {
    std::array<render::View, 2> views;
    for (size_t i = 0; i < 2; ++i) views[i] = eye_view(world_from_space, f.eyes[i].pose, f.eyes[i].fov);
    if (auto st = renderer->render(*scene, views, *target); !st) throw ErrorException(st.error());
    report.cpu_ms_total += renderer->last_frame().cpu_ms;
    const VkImage image = swapchain->acquire();
    render::DepthDestination depth_dst{depth ? depth->swapchain().acquire() : VK_NULL_HANDLE, render::kDepthFormat};
    // A snap turn, teleport or recentre this frame moved the play space after the pointer used it.
    panel.world_from_panel = world_from_space * space_from_panel;
    panel_renderer->prepare(panel, views);
    comfort->prepare(comfort_view(), views);
    report.head_in_scene = glm::vec3(world_from_space * glm::vec4(head_in_space(f), 1.0f));
    report.head_yaw_degrees = glm::degrees(yaw_of_direction(glm::vec3(
        world_from_space * glm::vec4(to_quat(f.eyes[0].pose.orientation) * glm::vec3(0, 0, -1), 0.0f))));
    auto st = copier->copy(*target, image, swapchain->format(), [&](VkCommandBuffer cmd) {
      panel_renderer->record(cmd, image, swapchain->width(), swapchain->height());
      comfort->record(cmd, image, swapchain->width(), swapchain->height());
      if (options.mirror) options.mirror->record_eye_copy(cmd, image, swapchain->format(), swapchain->width(), swapchain->height());
    }, depth ? &depth_dst : nullptr);
    swapchain->release();
    if (depth) depth->swapchain().release();
    if (!st) throw ErrorException(st.error());
    if (options.mirror) options.mirror->present(mirror_status());

    std::array<XrCompositionLayerProjectionView, 2> pv{};
    for (uint32_t i = 0; i < 2; ++i) {
      pv[i] = xr_struct<XrCompositionLayerProjectionView>(XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW);
      pv[i].pose = f.eyes[i].pose;
      pv[i].fov = f.eyes[i].fov;
      pv[i].subImage.swapchain = swapchain->get();
      pv[i].subImage.imageRect = {{0, 0}, {int32_t(swapchain->width()), int32_t(swapchain->height())}};
      pv[i].subImage.imageArrayIndex = i;
    }
    if (depth) depth->attach(pv);  // the scene's depth; the panel and overlays are not in it
    auto layer = xr_struct<XrCompositionLayerProjection>(XR_TYPE_COMPOSITION_LAYER_PROJECTION);
    layer.space = session.world_space();
    layer.viewCount = 2;
    layer.views = pv.data();
    session.end_frame(f, &layer);
    ++report.frames_rendered;
  }

  // The operator's keys in the mirror window (P pause, R recentre, Esc or closing it: stop).
  void operator_input() {
    if (!options.mirror || !options.mirror->active()) return;
    const OperatorRequests req = options.mirror->poll(elapsed);
    if (req.toggle_pause) control.toggle_pause();
    if (req.recentre) control.recentre();
    if (req.stop && !exit_requested) {
      log.info("xr: the operator stopped the session");
      report.operator_stopped = exit_requested = true;
      rt.pause();  // nothing more happens to the visitor while the session winds down
      session.request_exit();
    }
  }

  MirrorStatus mirror_status() const {
    MirrorStatus s;
    s.frame = report.frames - 1;
    s.elapsed_seconds = elapsed;
    s.paused = operator_paused;  // not focus loss: then the runtime shows its own view
    s.stopping = exit_requested;
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

  Status run(const FrameHook& hook) {
    rt.pause();  // the clock starts with the first focused frame
    while (session.poll_events()) {
      if (options.max_frames > 0 && report.frames >= options.max_frames) {
        log.warn("xr: stopping after " + std::to_string(report.frames) + " frames (--max-frames)");
        if (!exit_requested) {
          exit_requested = true;
          session.request_exit();
        }
        if (report.frames >= options.max_frames + 200) break;  // the runtime never ended the session
      }
      if (!session.running()) {
        // IDLE before READY, or after STOPPING until EXITING: nothing to draw, do not spin.
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
        continue;
      }
      const Frame f = session.begin_frame();
      ++report.frames;
      on_focus(session.focused());
      const XrTime now = f.state.predictedDisplayTime;
      const double dt = last_time ? double(now - *last_time) / kNsPerSecond : 0.0;
      last_time = now;
      elapsed += dt;
      since_motion += dt;
      input_dt += dt;
      if (ever_focused && !session.focused()) report.paused_seconds += dt;
      if (operator_paused) report.operator_paused_seconds += dt;
      if (f.should_render && !panel_placed) place_panel_at(f);
      // The operator before the clock, so a pause stops this very frame's tick.
      operator_input();
      if (operator_script) operator_script->apply_due(elapsed, control);
      apply_operator(f);
      control.advance_fade(dt);
      if (auto st = rt.tick(dt); !st) return st;  // ignored by the runtime while paused
      controls->sync(now, session.focused());
      if (session.focused() && f.should_render && !operator_paused)
        if (auto st = input(f); !st) return st;
      if (hook) hook(rt, f);
      if (rt.finished() && !exit_requested) {
        ending_elapsed += dt;
        if (ending_elapsed >= options.ending_seconds) {
          log.info("xr: ending \"" + rt.ending()->id + "\" shown; ending the session");
          exit_requested = true;
          session.request_exit();
        }
      }
      if (f.should_render) render_frame(f);
      else session.end_frame(f, nullptr);
    }
    return Ok{};
  }
};

}  // namespace

Result<PlayerReport> play(System& system, Session& session, const gpu::Context& gpu, const scene::World& world,
                          scenario::Runtime& rt, const PlayerOptions& options, Log& log, const FrameHook& hook) {
  Loop loop{system, session, gpu, world, rt, options, log};
  try {
    loop.setup();
    if (auto st = loop.run(hook); !st) return st.error();
  } catch (const XrException& e) {
    // Session or instance loss in the middle of a frame call: a clean, explained stop.
    if (e.result == XR_ERROR_SESSION_LOST) loop.report.exit = ExitReason::SessionLost;
    else if (e.result == XR_ERROR_INSTANCE_LOST) loop.report.exit = ExitReason::InstanceLost;
    else return e.error();
  } catch (const ErrorException& e) {
    return e.error();
  }
  if (loop.report.exit == ExitReason::None) loop.report.exit = session.exit_reason();
  loop.report.states = session.history();
  return loop.report;
}

}  // namespace meeloop::xr
