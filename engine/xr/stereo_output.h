#pragma once
// What turns a headset frame into what the runtime shows: the scene rendered for both eyes, the
// panel and comfort overlays drawn over it, the operator mirror's copy of the left eye, the
// colour (and, when offered, depth) swapchains and the projection layer handed to xrEndFrame.
#include <filesystem>
#include <memory>
#include <optional>

#include <glm/glm.hpp>

#include "core/error.h"
#include "core/log.h"
#include "gpu/context.h"
#include "render/external_image.h"
#include "render/renderer.h"
#include "scene/world.h"
#include "xr/comfort_overlay.h"
#include "xr/depth_layer.h"
#include "xr/mirror_window.h"
#include "xr/panel_renderer.h"
#include "xr/panel_ui.h"
#include "xr/session.h"
#include "xr/swapchain.h"
#include "xr/system.h"

namespace meeloop::xr {

struct StereoOutputOptions {
  render::MultiviewMode multiview = render::MultiviewMode::Auto;
  uint32_t eye_width = 0, eye_height = 0;  // 0: the runtime's recommendation
  MirrorWindow* mirror = nullptr;          // copies the left eye out each frame; null: none
  std::filesystem::path shader_dir;        // Settings::paths.shader_dir
  std::filesystem::path cache_dir;         // Settings::paths.cache_dir (simplified meshes)
};

class StereoOutput {
 public:
  // Uploads `world` and makes the swapchains. Everything passed must outlive the result.
  static Result<std::unique_ptr<StereoOutput>> create(System& system, Session& session, const gpu::Context& gpu,
                                                      const scene::World& world, PanelUi& panel_ui,
                                                      const StereoOutputOptions& options, Log& log);

  // Renders, draws the overlays and ends the frame with both eyes. The mirror, if any, shows
  // `mirror_status` over the left eye. Session or instance loss throws XrException, as
  // Session's frame calls do.
  Status submit(const Frame& frame, const glm::mat4& world_from_space, const PanelView& panel,
                const ComfortView& comfort, const MirrorStatus& mirror_status);
  double cpu_ms_total() const { return cpu_ms_total_; }  // the renderer's record+submit, summed

 private:
  StereoOutput(Session& session, MirrorWindow* mirror) : session_(session), mirror_(mirror) {}
  Session& session_;
  MirrorWindow* mirror_;
  std::unique_ptr<render::Renderer> renderer_;
  std::unique_ptr<render::GpuScene> scene_;
  std::optional<render::RenderTarget> target_;
  std::unique_ptr<render::ExternalImageCopier> copier_;
  std::unique_ptr<StereoSwapchain> swapchain_;
  std::unique_ptr<DepthLayer> depth_;  // null: the runtime gets colour only
  std::unique_ptr<PanelRenderer> panel_renderer_;
  std::unique_ptr<ComfortOverlay> comfort_;
  double cpu_ms_total_ = 0;
};

}  // namespace meeloop::xr
