#pragma once
// Copying a rendered image back to the CPU: what Renderer::read_back, the window's screenshot
// (desktop/swapchain_presenter.h) and the GPU tests record, written once.
#include <cstdint>

#include <vulkan/vulkan.h>

namespace meeloop::render {

// Records into `cmd` the copy of array layer `layer` of `image` (4 bytes a pixel, `extent`) into
// `buffer` (host-visible, at least width * height * 4 bytes, tightly packed rows), followed by the
// barrier that makes the copy visible to the host once the submission's fence has signalled.
// `layout` is the image's: TRANSFER_SRC_OPTIMAL with its writes already visible to transfers, or
// COLOR_ATTACHMENT_OPTIMAL straight after a draw into it, which is waited for and moved to
// TRANSFER_SRC_OPTIMAL first. The image is left in TRANSFER_SRC_OPTIMAL.
void record_readback(VkCommandBuffer cmd, VkImage image, VkImageLayout layout, VkExtent2D extent, uint32_t layer,
                     VkBuffer buffer);

}  // namespace meeloop::render
