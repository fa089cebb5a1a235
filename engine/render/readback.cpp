// Renderer::read_back (one layer of the resolved image copied to the CPU) and the copy it records.
#include <cstring>

#include "gpu/check.h"
#include "gpu/commands.h"
#include "gpu/sync.h"
#include "render/readback.h"
#include "render/renderer.h"

namespace meeloop::render {

void record_readback(VkCommandBuffer cmd, VkImage image, VkImageLayout layout, VkExtent2D extent, uint32_t layer,
                     VkBuffer buffer) {
  if (layout == VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL)
    gpu::image_barriers(cmd, {{.image = image,
                               .old_layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                               .new_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                               .src_stage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                               .src_access = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                               .dst_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                               .dst_access = VK_ACCESS_2_TRANSFER_READ_BIT}});
  VkBufferImageCopy region{};
  region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, layer, 1};
  region.imageExtent = {extent.width, extent.height, 1};
  vkCmdCopyImageToBuffer(cmd, image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buffer, 1, &region);
  // The host reads the mapped buffer after the fence: the transfer's writes must reach it.
  auto mb = gpu::vk_struct<VkMemoryBarrier2>(VK_STRUCTURE_TYPE_MEMORY_BARRIER_2);
  mb.srcStageMask = VK_PIPELINE_STAGE_2_TRANSFER_BIT;
  mb.srcAccessMask = VK_ACCESS_2_TRANSFER_WRITE_BIT;
  mb.dstStageMask = VK_PIPELINE_STAGE_2_HOST_BIT;
  mb.dstAccessMask = VK_ACCESS_2_HOST_READ_BIT;
  auto di = gpu::vk_struct<VkDependencyInfo>(VK_STRUCTURE_TYPE_DEPENDENCY_INFO);
  di.memoryBarrierCount = 1;
  di.pMemoryBarriers = &mb;
  vkCmdPipelineBarrier2(cmd, &di);
}

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
      record_readback(cmd, t.resolved_.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, {t.width_, t.height_}, layer,
                      t.readback_.buffer);
    });
    RgbaImage img{t.width_, t.height_, std::vector<uint8_t>(size_t(bytes))};
    std::memcpy(img.rgba.data(), t.readback_.mapped, size_t(bytes));
    return img;
  });
}

}  // namespace meeloop::render
