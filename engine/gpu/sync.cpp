#include "gpu/sync.h"

#include <cstdint>
#include <vector>

#include "gpu/check.h"

namespace meeloop::gpu {

Handle<VkFence> create_fence(const Device& device, bool signaled, std::string_view name) {
  auto ci = vk_struct<VkFenceCreateInfo>(VK_STRUCTURE_TYPE_FENCE_CREATE_INFO);
  if (signaled) ci.flags = VK_FENCE_CREATE_SIGNALED_BIT;
  VkFence raw = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkCreateFence(device.get(), &ci, nullptr, &raw));
  device.name(raw, name);
  return {device.get(), raw};
}

Handle<VkQueryPool> create_timestamp_pool(const Device& device, uint32_t count, std::string_view name) {
  auto ci = vk_struct<VkQueryPoolCreateInfo>(VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO);
  ci.queryType = VK_QUERY_TYPE_TIMESTAMP;
  ci.queryCount = count;
  VkQueryPool raw = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkCreateQueryPool(device.get(), &ci, nullptr, &raw));
  device.name(raw, name);
  return {device.get(), raw};
}

Handle<VkSemaphore> create_semaphore(const Device& device, std::string_view name) {
  auto ci = vk_struct<VkSemaphoreCreateInfo>(VK_STRUCTURE_TYPE_SEMAPHORE_CREATE_INFO);
  VkSemaphore raw = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkCreateSemaphore(device.get(), &ci, nullptr, &raw));
  device.name(raw, name);
  return {device.get(), raw};
}

void wait_fence(const Device& device, VkFence fence) {
  MEELOOP_VK_CHECK(vkWaitForFences(device.get(), 1, &fence, VK_TRUE, UINT64_MAX));
}

void wait_and_reset_fence(const Device& device, VkFence fence) {
  wait_fence(device, fence);
  MEELOOP_VK_CHECK(vkResetFences(device.get(), 1, &fence));
}

void image_barriers(VkCommandBuffer cmd, std::initializer_list<ImageBarrier> barriers) {
  std::vector<VkImageMemoryBarrier2> vk;
  vk.reserve(barriers.size());
  for (const auto& b : barriers) {
    auto m = vk_struct<VkImageMemoryBarrier2>(VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER_2);
    m.srcStageMask = b.src_stage;
    m.srcAccessMask = b.src_access;
    m.dstStageMask = b.dst_stage;
    m.dstAccessMask = b.dst_access;
    m.oldLayout = b.old_layout;
    m.newLayout = b.new_layout;
    m.srcQueueFamilyIndex = m.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    m.image = b.image;
    m.subresourceRange = {b.aspect, b.base_mip, b.mip_count, b.base_layer, b.layer_count};
    vk.push_back(m);
  }
  auto di = vk_struct<VkDependencyInfo>(VK_STRUCTURE_TYPE_DEPENDENCY_INFO);
  di.imageMemoryBarrierCount = uint32_t(vk.size());
  di.pImageMemoryBarriers = vk.data();
  vkCmdPipelineBarrier2(cmd, &di);
}

}  // namespace meeloop::gpu
