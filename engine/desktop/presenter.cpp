#include "desktop/presenter.h"

#include <algorithm>
#include <cmath>

namespace meeloop::desktop {
namespace {

uint8_t encode_srgb(float linear) {
  float c = std::clamp(linear, 0.0f, 1.0f);
  float s = c <= 0.0031308f ? c * 12.92f : 1.055f * std::pow(c, 1.0f / 2.4f) - 0.055f;
  return uint8_t(std::lround(s * 255.0f));
}

}  // namespace

Result<std::unique_ptr<Presenter>> Presenter::create(const gpu::Context& context, GLFWwindow* window) {
  auto p = std::make_unique<Presenter>();
  p->context_ = &context;
  MEELOOP_ASSIGN_OR_RETURN(p->window_, SwapchainPresenter::create(context, window, SwapchainOptions{}));
  return p;
}

void Presenter::record_scene(const SwapchainFrame& frame, const render::RenderTarget& scene) {
  const gpu::Image& resolved = scene.resolved();
  const VkExtent2D size{scene.width(), scene.height()};
  if (!staging_.fits(resolved.desc.format, size))
    staging_.create(context_->device(), resolved.desc.format, size, "scene bytes for the window");
  staging_.record_copy(frame.cmd, {.image = resolved.image,
                                   .old_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                                   .new_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                                   .src_stage = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
                                   .src_access = VK_ACCESS_2_MEMORY_WRITE_BIT,
                                   .dst_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                                   .dst_access = VK_ACCESS_2_TRANSFER_READ_BIT});
  frame.blit(staging_.image(), size, {{0, 0}, frame.extent}, staging_.filter(frame.extent));
}

Result<std::optional<render::RgbaImage>> Presenter::present(const render::RenderTarget* scene, ImDrawData* ui,
                                                            glm::vec3 clear, bool capture) {
  return window_->present(
      [&](const SwapchainFrame& frame) {
        if (scene) return record_scene(frame, *scene);
        VkClearColorValue value{};
        value.float32[0] = encode_srgb(clear.r) / 255.0f;
        value.float32[1] = encode_srgb(clear.g) / 255.0f;
        value.float32[2] = encode_srgb(clear.b) / 255.0f;
        value.float32[3] = 1.0f;
        const VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 1};
        vkCmdClearColorImage(frame.cmd, frame.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &value, 1, &range);
      },
      ui, capture);
}

}  // namespace meeloop::desktop
