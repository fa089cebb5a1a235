// Renderer::read_back: one layer of the resolved image copied to the CPU.
#include <cstring>

#include "gpu/check.h"
#include "gpu/commands.h"
#include "gpu/sync.h"
#include "render/renderer.h"

namespace meeloop::render {

Result<RgbaImage> Renderer::read_back(RenderTarget& t, uint32_t layer) {
  if (layer >= t.views_) return failure("read_back: layer " + std::to_string(layer) + " does not exist");
  if (t.resolved_layout_ != VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL)
    return failure("read_back: nothing has been rendered into this target yet");
  return gpu::catch_gpu<RgbaImage>([&]() -> Result<RgbaImage> {
    const gpu::Device& dev = context_.device();
    const VkDeviceSize bytes = VkDeviceSize(t.width_) * t.height_ * 4;
    if (!t.readback_.buffer)
      t.readback_ = gpu::create_buffer(dev, bytes, VK_BUFFER_USAGE_TRANSFER_DST_BIT,
                                       gpu::MemoryUse::Readback, "target read-back");
    gpu::run_once(dev, [&](VkCommandBuffer cmd) {
      VkBufferImageCopy region{};
      region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, layer, 1};
      region.imageExtent = {t.width_, t.height_, 1};
      vkCmdCopyImageToBuffer(cmd, t.resolved_.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                             t.readback_.buffer, 1, &region);
      // Make the transfer's writes visible to the host mapping.
      auto mb = gpu::vk_struct<VkMemoryBarrier2>(VK_STRUCTURE_TYPE_MEMORY_BARRIER_2);
      mb.srcStageMask = VK_PIPELINE_STAGE_2_TRANSFER_BIT;
      mb.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
      mb.dstStageMask = VK_PIPELINE_STAGE_2_HOST_BIT;
      mb.dstAccessMask = VK_ACCESS_2_HOST_READ_BIT;
      auto di = gpu::vk_struct<VkDependencyInfo>(VK_STRUCTURE_TYPE_DEPENDENCY_INFO);
      di.memoryBarrierCount = 1;
      di.pMemoryBarriers = &mb;
      vkCmdPipelineBarrier2(cmd, &di);
    });
    RgbaImage img{t.width_, t.height_, std::vector<uint8_t>(size_t(bytes))};
    std::memcpy(img.rgba.data(), t.readback_.mapped, size_t(bytes));
    return img;
  });
}

}  // namespace meeloop::render
