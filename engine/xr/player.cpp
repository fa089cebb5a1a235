#include "xr/player.h"

#include <chrono>
#include <cmath>
#include <thread>

#include <glm/gtc/matrix_transform.hpp>

#include "render/external_image.h"
#include "xr/hotspots.h"
#include "xr/input.h"
#include "xr/panel.h"
#include "xr/panel_renderer.h"
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
  std::unique_ptr<Controls> controls;
  std::unique_ptr<PanelRenderer> panel_renderer;

  glm::mat4 world_from_space{1.0f};
  glm::mat4 space_from_panel{1.0f};
  bool panel_placed = false;
  float seated_lift = 0.0f;  // metres the play space is raised in seated mode
  bool ever_focused = false, was_focused = false;
  std::optional<XrTime> last_time;
  double ending_elapsed = 0;
  bool exit_requested = false;
  std::array<bool, 2> stick_armed{true, true};
  PanelView panel;  // what the panel shows this frame (hover, rows)
  PlayerReport report;

  void setup() {
    render::RendererOptions ro;
    ro.multiview = options.multiview;
    renderer = take_or_throw(render::Renderer::create(gpu, ro));
    scene = take_or_throw(renderer->upload(world));
    const uint32_t w = options.eye_width ? options.eye_width : system.eye_width();
    const uint32_t h = options.eye_height ? options.eye_height : system.eye_height();
    target.emplace(take_or_throw(renderer->create_target(w, h, 2)));
    copier = take_or_throw(render::ExternalImageCopier::create(gpu));
    swapchain = take_or_throw(StereoSwapchain::create(session, w, h, render::kColorFormat));
    controls = take_or_throw(Controls::create(session));
    panel_renderer = take_or_throw(PanelRenderer::create(gpu, render::kColorFormat));
    world_from_space = initial_world_from_space(world);
  }

  template <class T>
  static T take_or_throw(Result<T> r) {
    if (!r) throw ErrorException(r.error());
    return std::move(r.value());
  }

  // Puts the panel in front of the head (session start, recentre).
  void place_panel_at(const Frame& f) {
    const glm::vec3 head = (to_vec3(f.eyes[0].pose.position) + to_vec3(f.eyes[1].pose.position)) * 0.5f;
    // Chest height below the eyes, so seated and standing visitors both read it comfortably.
    space_from_panel = place_panel(head, yaw_of(to_quat(f.eyes[0].pose.orientation)), 0.9f, head.y - 0.3f);
    panel_placed = true;
    if (options.comfort.seated) {
      // Height reset: lift the scene's floor so the seated visitor's eyes are at standing height.
      const float lift = options.comfort.seated_eye_height - head.y;
      world_from_space = world_from_space * glm::translate(glm::mat4(1.0f), glm::vec3(0.0f, lift - seated_lift, 0.0f));
      seated_lift = lift;
    }
  }

  void on_focus(bool focused) {
    if (focused == was_focused) return;
    was_focused = focused;
    if (focused) {
      ever_focused = true;
      rt.resume();
      log.info("xr: focused; scenario clock runs");
    } else {
      rt.pause();
      ++report.focus_losses;
      log.info("xr: focus lost; scenario clock paused");
    }
  }

  void snap_turn(int hand, const Frame& f) {
    const float x = controls->hand(hand).thumbstick.x;
    bool& armed = stick_armed[size_t(hand)];
    if (std::abs(x) < 0.3f) armed = true;
    if (!armed || std::abs(x) < 0.7f || options.comfort.snap_turn_degrees <= 0) return;
    armed = false;
    // Turn the world about the head, so the visitor turns on the spot.
    const glm::vec3 head = glm::vec3(world_from_space * glm::vec4(to_vec3(f.eyes[0].pose.position), 1.0f));
    const float a = glm::radians(options.comfort.snap_turn_degrees) * (x > 0 ? -1.0f : 1.0f);
    world_from_space = glm::translate(glm::mat4(1.0f), head) * glm::rotate(glm::mat4(1.0f), a, glm::vec3(0, 1, 0)) *
                       glm::translate(glm::mat4(1.0f), -head) * world_from_space;
  }

  // Pointer: the panel first, then hotspots. A trigger press chooses what is pointed at.
  Status input(const Frame& f) {
    const std::vector<scenario::Option> opts = rt.finished() ? std::vector<scenario::Option>{} : rt.options();
    std::vector<std::string> ids;
    for (const auto& o : opts) ids.push_back(o.id);
    panel.layout = layout_panel(ids, !rt.finished());
    panel.world_from_panel = world_from_space * space_from_panel;
    panel.hover_row = -1;
    panel.hover_spot.reset();
    panel.rays.clear();
    const std::vector<Hotspot> spots = hotspots_for(world, opts);
    for (int hand = 0; hand < 2; ++hand) {
      const HandState& h = controls->hand(hand);
      snap_turn(hand, f);
      if (h.menu_pressed) place_panel_at(f);  // recentre: the panel comes back in front
      if (!h.active) continue;
      const glm::vec3 o = glm::vec3(world_from_space * glm::vec4(h.aim_origin, 1.0f));
      const glm::vec3 d = glm::normalize(glm::vec3(world_from_space * glm::vec4(h.aim_direction, 0.0f)));
      float length = 3.0f;
      std::optional<std::string> chosen;
      bool ask = false;
      if (auto hit = hit_panel(panel.layout, panel.world_from_panel, o, d)) {
        length = hit->distance;
        if (hit->row >= 0) {
          panel.hover_row = hit->row;
          const PanelRow& row = panel.layout.rows[size_t(hit->row)];
          if (h.select_pressed) {
            if (row.kind == PanelRow::Kind::AskSupervisor) ask = true;
            else chosen = row.id;
          }
        }
      } else if (auto spot = hit_hotspot(spots, o, d)) {
        length = spot->second;
        panel.hover_spot = spots[spot->first];
        if (h.select_pressed) chosen = spots[spot->first].option_id;
      }
      panel.rays.push_back({o, o + d * length});
      if (rt.finished() || !h.select_pressed) continue;
      if (ask) {
        auto hint = rt.ask_supervisor();
        if (!hint) return hint.error();
        panel.supervisor_hint = *hint;
        controls->pulse(hand);
      } else if (chosen) {
        const std::string step = rt.step()->id;
        if (auto st = rt.choose(*chosen); !st) return st;
        panel.supervisor_hint.clear();
        controls->pulse(hand);
        log.info("xr: " + step + " -> " + *chosen);
      }
    }
    return Ok{};
  }

  void render_frame(const Frame& f) {
    std::array<render::View, 2> views;
    for (size_t i = 0; i < 2; ++i) views[i] = eye_view(world_from_space, f.eyes[i].pose, f.eyes[i].fov);
    if (auto st = renderer->render(*scene, views, *target); !st) throw ErrorException(st.error());
    report.cpu_ms_total += renderer->last_frame().cpu_ms;
    const VkImage image = swapchain->acquire();
    panel_renderer->prepare(panel, rt, options.language, views);
    auto st = copier->copy(*target, image, swapchain->format(), [&](VkCommandBuffer cmd) {
      panel_renderer->record(cmd, image, swapchain->width(), swapchain->height());
    });
    swapchain->release();
    if (!st) throw ErrorException(st.error());

    std::array<XrCompositionLayerProjectionView, 2> pv{};
    for (uint32_t i = 0; i < 2; ++i) {
      pv[i] = xr_struct<XrCompositionLayerProjectionView>(XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW);
      pv[i].pose = f.eyes[i].pose;
      pv[i].fov = f.eyes[i].fov;
      pv[i].subImage.swapchain = swapchain->get();
      pv[i].subImage.imageRect = {{0, 0}, {int32_t(swapchain->width()), int32_t(swapchain->height())}};
      pv[i].subImage.imageArrayIndex = i;
    }
    auto layer = xr_struct<XrCompositionLayerProjection>(XR_TYPE_COMPOSITION_LAYER_PROJECTION);
    layer.space = session.world_space();
    layer.viewCount = 2;
    layer.views = pv.data();
    session.end_frame(f, &layer);
    ++report.frames_rendered;
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
      if (ever_focused && !session.focused()) report.paused_seconds += dt;
      if (auto st = rt.tick(dt); !st) return st;  // ignored by the runtime while paused
      if (f.should_render && !panel_placed) place_panel_at(f);
      controls->sync(now, session.focused());
      if (session.focused() && f.should_render)
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
