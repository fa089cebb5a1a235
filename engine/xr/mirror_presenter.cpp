#include "xr/mirror_presenter.h"

#include <algorithm>
#include <cmath>

#include "gpu/sync.h"

namespace meeloop::xr {

VkRect2D letterbox(VkExtent2D area, VkExtent2D image) {
  if (area.width == 0 || area.height == 0 || image.width == 0 || image.height == 0) return {};
  const double scale = std::min(double(area.width) / image.width, double(area.height) / image.height);
  const uint32_t w = std::clamp<uint32_t>(uint32_t(std::lround(image.width * scale)), 1, area.width);
  const uint32_t h = std::clamp<uint32_t>(uint32_t(std::lround(image.height * scale)), 1, area.height);
  return {{int32_t((area.width - w) / 2), int32_t((area.height - h) / 2)}, {w, h}};
}

Result<std::unique_ptr<MirrorPresenter>> MirrorPresenter::create(const gpu::Context& context, GLFWwindow* window) {
  auto p = std::make_unique<MirrorPresenter>();
  p->context_ = &context;
  MEELOOP_ASSIGN_OR_RETURN(p->window_, desktop::SwapchainPresenter::create(
                                           context, window, {.name = "mirror window", .never_wait = true}));
  return p;
}

void MirrorPresenter::record_eye_copy(VkCommandBuffer cmd, VkImage eye, VkFormat format, uint32_t width,
                                      uint32_t height) {
  if (!eye_.fits(format, {width, height})) {
    window_->wait_last_frame();  // the last mirror frame may still read the old copy
    eye_.create(context_->device(), format, {width, height}, "mirror: left eye");
  }
  eye_.record_copy(cmd,
                   {.image = eye,
                    .old_layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                    .new_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                    .src_stage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                    .src_access = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                    .dst_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                    .dst_access = VK_ACCESS_2_TRANSFER_READ_BIT,
                    .base_layer = 0,
                    .layer_count = 1},
                   gpu::ImageBarrier{.image = eye,
                                     .old_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                                     .new_layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                                     .src_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                                     .dst_stage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                                     .dst_access = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                                     .base_layer = 0,
                                     .layer_count = 1});
}

Result<std::optional<render::RgbaImage>> MirrorPresenter::present(ImDrawData* ui, uint32_t strip_pixels, bool capture) {
  return window_->present(
      [&](const desktop::SwapchainFrame& frame) {
        const VkClearColorValue black{{0.0f, 0.0f, 0.0f, 1.0f}};
        const VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
        vkCmdClearColorImage(frame.cmd, frame.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &black, 1, &range);
        const VkExtent2D area{frame.extent.width,
                              frame.extent.height > strip_pixels ? frame.extent.height - strip_pixels : 0};
        eye_rect_ = eye_.valid() ? letterbox(area, eye_.size()) : VkRect2D{};
        if (eye_rect_.extent.width == 0 || eye_rect_.extent.height == 0) return;
        // The copy was written by an earlier submission on this queue (the headset frame).
        gpu::image_barriers(frame.cmd, {{.image = eye_.image(),
                                         .old_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                                         .new_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                                         .src_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                                         .src_access = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                                         .dst_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                                         .dst_access = VK_ACCESS_2_TRANSFER_READ_BIT}});
        frame.blit(eye_.image(), eye_.size(), eye_rect_, eye_.filter(eye_rect_.extent));
      },
      ui, capture);
}

}  // namespace meeloop::xr
