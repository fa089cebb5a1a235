#pragma once
// A UNORM twin of an image whose bytes are sRGB-encoded (the renderer's frame, a headset eye):
// a raw copy into it keeps the bytes, so a blit from it into a UNORM swapchain image moves them
// unchanged, where a blit from the sRGB image itself would decode them.
#include <optional>
#include <string_view>

#include <vulkan/vulkan.h>

#include "gpu/device.h"
#include "gpu/image.h"
#include "gpu/sync.h"

namespace meeloop::desktop {

class UnormTwin {
 public:
  // False when the twin must be (re)made for a `format` image of `size`; the caller makes sure
  // the GPU no longer reads the old one first.
  bool fits(VkFormat format, VkExtent2D size) const;
  void create(const gpu::Device& device, VkFormat format, VkExtent2D size, std::string_view name);

  // Records a copy of layer 0 of `src_before.image`: `src_before` brings it to
  // TRANSFER_SRC_OPTIMAL, `src_after` (if any) takes it back. The twin ends TRANSFER_SRC_OPTIMAL,
  // ready for a blit in this command buffer or a later one on the same queue.
  void record_copy(VkCommandBuffer cmd, const gpu::ImageBarrier& src_before,
                   const std::optional<gpu::ImageBarrier>& src_after = std::nullopt) const;

  bool valid() const { return image_.image != VK_NULL_HANDLE; }
  VkImage image() const { return image_.image; }
  VkExtent2D size() const { return {image_.desc.width, image_.desc.height}; }
  // For a blit to `to`: nearest when nothing is scaled, else linear where the format allows.
  VkFilter filter(VkExtent2D to) const;

 private:
  gpu::Image image_;
  bool linear_ = false;
};

}  // namespace meeloop::desktop
