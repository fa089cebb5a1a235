#pragma once
// Fences, semaphores and image layout barriers (synchronization2).
#include <string_view>

#include <vulkan/vulkan.h>

#include "gpu/device.h"
#include "gpu/handle.h"

namespace meeloop::gpu {

Handle<VkFence> create_fence(const Device& device, bool signaled, std::string_view name);
Handle<VkSemaphore> create_semaphore(const Device& device, std::string_view name);
// A pool of `count` timestamp queries.
Handle<VkQueryPool> create_timestamp_pool(const Device& device, uint32_t count, std::string_view name);
// Waits (without timeout) for `fence`; throws GpuException on device loss.
void wait_fence(const Device& device, VkFence fence);
// Waits, then resets `fence` for the next submission.
void wait_and_reset_fence(const Device& device, VkFence fence);

// One image layout transition / memory dependency.
struct ImageBarrier {
  VkImage image = VK_NULL_HANDLE;
  VkImageLayout old_layout = VK_IMAGE_LAYOUT_UNDEFINED;
  VkImageLayout new_layout = VK_IMAGE_LAYOUT_UNDEFINED;
  VkPipelineStageFlags2 src_stage = VK_PIPELINE_STAGE_2_NONE;
  VkAccessFlags2 src_access = VK_ACCESS_2_NONE;
  VkPipelineStageFlags2 dst_stage = VK_PIPELINE_STAGE_2_NONE;
  VkAccessFlags2 dst_access = VK_ACCESS_2_NONE;
  VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;
  uint32_t base_mip = 0, mip_count = VK_REMAINING_MIP_LEVELS;
  uint32_t base_layer = 0, layer_count = VK_REMAINING_ARRAY_LAYERS;
};
// Records all `barriers` in one vkCmdPipelineBarrier2.
void image_barriers(VkCommandBuffer cmd, std::initializer_list<ImageBarrier> barriers);

}  // namespace meeloop::gpu
