#include "desktop/unorm_twin.h"

namespace meeloop::desktop {
namespace {

VkFormat unorm_of(VkFormat f) {
  switch (f) {
    case VK_FORMAT_R8G8B8A8_SRGB: return VK_FORMAT_R8G8B8A8_UNORM;
    case VK_FORMAT_B8G8R8A8_SRGB: return VK_FORMAT_B8G8R8A8_UNORM;
    default: return f;
  }
}

}  // namespace

bool UnormTwin::fits(VkFormat format, VkExtent2D size) const {
  return valid() && image_.desc.width == size.width && image_.desc.height == size.height &&
         image_.desc.format == unorm_of(format);
}

void UnormTwin::create(const gpu::Device& device, VkFormat format, VkExtent2D size, std::string_view name) {
  gpu::ImageDesc d;
  d.format = unorm_of(format);
  d.width = size.width;
  d.height = size.height;
  // SAMPLED only because create_image also makes a view, which needs a view-able usage.
  d.usage = VK_IMAGE_USAGE_TRANSFER_SRC_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_SAMPLED_BIT;
  image_ = gpu::create_image(device, d, name);
  linear_ = gpu::can_blit_linear(device, d.format);
}

VkFilter UnormTwin::filter(VkExtent2D to) const {
  const bool same = to.width == image_.desc.width && to.height == image_.desc.height;
  return !same && linear_ ? VK_FILTER_LINEAR : VK_FILTER_NEAREST;
}

void UnormTwin::record_copy(VkCommandBuffer cmd, const gpu::ImageBarrier& src_before,
                            const std::optional<gpu::ImageBarrier>& src_after) const {
  // The last blit from the twin was a transfer read: wait for it before overwriting.
  gpu::image_barriers(cmd, {src_before,
                            {.image = image_.image,
                             .old_layout = VK_IMAGE_LAYOUT_UNDEFINED,
                             .new_layout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                             .src_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                             .dst_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                             .dst_access = VK_ACCESS_2_TRANSFER_WRITE_BIT}});
  VkImageCopy copy{};
  copy.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  copy.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  copy.extent = {image_.desc.width, image_.desc.height, 1};
  vkCmdCopyImage(cmd, src_before.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, image_.image,
                 VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &copy);
  const gpu::ImageBarrier ready{.image = image_.image,
                                .old_layout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                .new_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                                .src_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                                .src_access = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                                .dst_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                                .dst_access = VK_ACCESS_2_TRANSFER_READ_BIT};
  if (src_after) gpu::image_barriers(cmd, {*src_after, ready});
  else gpu::image_barriers(cmd, {ready});
}

}  // namespace meeloop::desktop
