#include "xr/stereo_output.h"

#include <array>

#include "xr/pose_math.h"
#include "xr/xr_struct.h"

namespace meeloop::xr {

Result<std::unique_ptr<StereoOutput>> StereoOutput::create(System& system, Session& session, const gpu::Context& gpu,
                                                           const scene::World& world, PanelUi& panel_ui,
                                                           const StereoOutputOptions& options, Log& log) {
  std::unique_ptr<StereoOutput> out(new StereoOutput(session, options.mirror));
  render::RendererOptions ro;
  ro.multiview = options.multiview;
  ro.shader_dir = options.shader_dir;
  ro.cache_dir = options.cache_dir;
  MEELOOP_ASSIGN_OR_RETURN(out->renderer_, render::Renderer::create(gpu, ro));
  MEELOOP_ASSIGN_OR_RETURN(out->scene_, out->renderer_->upload(world));
  const uint32_t w = options.eye_width ? options.eye_width : system.eye_width();
  const uint32_t h = options.eye_height ? options.eye_height : system.eye_height();
  MEELOOP_ASSIGN_OR_RETURN(out->depth_, DepthLayer::create(system, session, w, h, log));
  MEELOOP_ASSIGN_OR_RETURN(out->target_, out->renderer_->create_target(w, h, 2, out->depth_ != nullptr));
  MEELOOP_ASSIGN_OR_RETURN(out->copier_, render::ExternalImageCopier::create(gpu));
  // The mirror copies the left eye out of the swapchain image (MirrorWindow::record_eye_copy).
  MEELOOP_ASSIGN_OR_RETURN(out->swapchain_,
                           StereoSwapchain::create(session, w, h, render::kColorFormat, SwapchainKind::Color,
                                                   {.copied_out = options.mirror != nullptr}));
  MEELOOP_ASSIGN_OR_RETURN(out->panel_renderer_,
                           PanelRenderer::create(gpu, render::kColorFormat, panel_ui, options.shader_dir));
  MEELOOP_ASSIGN_OR_RETURN(out->comfort_, ComfortOverlay::create(gpu, render::kColorFormat, options.shader_dir));
  return out;
}

Status StereoOutput::submit(const Frame& f, const glm::mat4& world_from_space, const PanelView& panel,
                            const ComfortView& comfort, const MirrorStatus& mirror_status) {
  std::array<render::View, 2> views;
  for (size_t i = 0; i < 2; ++i) views[i] = eye_view(world_from_space, f.eyes[i].pose, f.eyes[i].fov);
  MEELOOP_RETURN_IF_ERROR(renderer_->render(*scene_, views, *target_));
  cpu_ms_total_ += renderer_->last_frame().cpu_ms;
  const VkImage image = swapchain_->acquire();
  render::DepthDestination depth_dst{depth_ ? depth_->swapchain().acquire() : VK_NULL_HANDLE, render::kDepthFormat};
  panel_renderer_->prepare(panel, views);
  comfort_->prepare(comfort, views);
  auto copied = copier_->copy(*target_, image, swapchain_->format(), [&](VkCommandBuffer cmd) {
    panel_renderer_->record(cmd, image, swapchain_->width(), swapchain_->height());
    comfort_->record(cmd, image, swapchain_->width(), swapchain_->height());
    if (mirror_) mirror_->record_eye_copy(cmd, image, swapchain_->format(), swapchain_->width(), swapchain_->height());
  }, depth_ ? &depth_dst : nullptr);
  swapchain_->release();
  if (depth_) depth_->swapchain().release();
  MEELOOP_RETURN_IF_ERROR(copied);
  if (mirror_) mirror_->present(mirror_status);

  std::array<XrCompositionLayerProjectionView, 2> pv{};
  for (uint32_t i = 0; i < 2; ++i) {
    pv[i] = xr_struct<XrCompositionLayerProjectionView>(XR_TYPE_COMPOSITION_LAYER_PROJECTION_VIEW);
    pv[i].pose = f.eyes[i].pose;
    pv[i].fov = f.eyes[i].fov;
    pv[i].subImage.swapchain = swapchain_->get();
    pv[i].subImage.imageRect = {{0, 0}, {int32_t(swapchain_->width()), int32_t(swapchain_->height())}};
    pv[i].subImage.imageArrayIndex = i;
  }
  if (depth_) depth_->attach(pv);  // the scene's depth; the panel and overlays are not in it
  auto layer = xr_struct<XrCompositionLayerProjection>(XR_TYPE_COMPOSITION_LAYER_PROJECTION);
  layer.space = session_.world_space();
  layer.viewCount = 2;
  layer.views = pv.data();
  session_.end_frame(f, &layer);
  return Ok{};
}

}  // namespace meeloop::xr
