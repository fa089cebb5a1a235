#include "gpu/commands.h"

#include "gpu/check.h"
#include "gpu/sync.h"

namespace meeloop::gpu {

Handle<VkCommandPool> create_command_pool(const Device& device, bool resettable,
                                          std::string_view name) {
  auto ci = vk_struct<VkCommandPoolCreateInfo>(VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO);
  ci.flags = resettable ? VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT
                        : VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
  ci.queueFamilyIndex = device.queue_family();
  VkCommandPool raw = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkCreateCommandPool(device.get(), &ci, nullptr, &raw));
  device.name(raw, name);
  return {device.get(), raw};
}

VkCommandBuffer allocate_command_buffer(const Device& device, VkCommandPool pool,
                                        std::string_view name) {
  auto ai = vk_struct<VkCommandBufferAllocateInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO);
  ai.commandPool = pool;
  ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  ai.commandBufferCount = 1;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkAllocateCommandBuffers(device.get(), &ai, &cmd));
  device.name(cmd, name);
  return cmd;
}

void begin_one_time(VkCommandBuffer cmd) {
  auto bi = vk_struct<VkCommandBufferBeginInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO);
  bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  MEELOOP_VK_CHECK(vkBeginCommandBuffer(cmd, &bi));
}

void end_and_submit(const Device& device, VkCommandBuffer cmd, VkFence fence) {
  MEELOOP_VK_CHECK(vkEndCommandBuffer(cmd));
  auto cb = vk_struct<VkCommandBufferSubmitInfo>(VK_STRUCTURE_TYPE_COMMAND_BUFFER_SUBMIT_INFO);
  cb.commandBuffer = cmd;
  auto si = vk_struct<VkSubmitInfo2>(VK_STRUCTURE_TYPE_SUBMIT_INFO_2);
  si.commandBufferInfoCount = 1;
  si.pCommandBufferInfos = &cb;
  MEELOOP_VK_CHECK(vkQueueSubmit2(device.queue(), 1, &si, fence));
}

void run_once(const Device& device, const std::function<void(VkCommandBuffer)>& record) {
  auto pool = create_command_pool(device, false, "one-shot pool");
  VkCommandBuffer cmd = allocate_command_buffer(device, pool, "one-shot commands");
  auto fence = create_fence(device, false, "one-shot fence");
  begin_one_time(cmd);
  record(cmd);
  end_and_submit(device, cmd, fence);
  wait_fence(device, fence);
}

}  // namespace meeloop::gpu
