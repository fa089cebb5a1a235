#include "vk_util.h"

#include <stdexcept>

namespace meeloop::xrrt {

GpuQueue::GpuQueue(const VulkanBinding& binding) : binding_(binding) {
  vkGetDeviceQueue(binding.device, binding.queue_family, binding.queue_index, &queue_);
  vkGetPhysicalDeviceMemoryProperties(binding.physical_device, &memory_);
  VkCommandPoolCreateInfo pci{};
  pci.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
  pci.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT | VK_COMMAND_POOL_CREATE_TRANSIENT_BIT;
  pci.queueFamilyIndex = binding.queue_family;
  VkCommandPool pool = VK_NULL_HANDLE;
  VkResult r = vkCreateCommandPool(binding.device, &pci, nullptr, &pool);
  if (r != VK_SUCCESS) throw std::runtime_error(std::string("vkCreateCommandPool: ") + vk_result_name(r));
  pool_ = VkCommandPoolOwner(binding.device, pool);
  VkFenceCreateInfo fci{};
  fci.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
  VkFence fence = VK_NULL_HANDLE;
  r = vkCreateFence(binding.device, &fci, nullptr, &fence);
  if (r != VK_SUCCESS) throw std::runtime_error(std::string("vkCreateFence: ") + vk_result_name(r));
  fence_ = VkFenceOwner(binding.device, fence);
}

VkResult GpuQueue::submit_and_wait(const std::function<void(VkCommandBuffer)>& record) {
  VkCommandBufferAllocateInfo ai{};
  ai.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
  ai.commandPool = pool_.get();
  ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
  ai.commandBufferCount = 1;
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  VkResult r = vkAllocateCommandBuffers(binding_.device, &ai, &cmd);
  if (r != VK_SUCCESS) return r;
  VkCommandBufferBeginInfo bi{};
  bi.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
  bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
  vkBeginCommandBuffer(cmd, &bi);
  record(cmd);
  r = vkEndCommandBuffer(cmd);
  if (r == VK_SUCCESS) {
    VkSubmitInfo si{};
    si.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
    si.commandBufferCount = 1;
    si.pCommandBuffers = &cmd;
    VkFence fence = fence_.get();
    r = vkQueueSubmit(queue_, 1, &si, fence);
    if (r == VK_SUCCESS) r = vkWaitForFences(binding_.device, 1, &fence, VK_TRUE, UINT64_MAX);
    vkResetFences(binding_.device, 1, &fence);
  }
  vkFreeCommandBuffers(binding_.device, pool_.get(), 1, &cmd);
  return r;
}

uint32_t GpuQueue::memory_type(uint32_t type_bits, VkMemoryPropertyFlags flags) const {
  for (uint32_t i = 0; i < memory_.memoryTypeCount; ++i)
    if ((type_bits & (1u << i)) && (memory_.memoryTypes[i].propertyFlags & flags) == flags) return i;
  return UINT32_MAX;
}

const char* vk_result_name(VkResult r) {
  switch (r) {
    case VK_SUCCESS: return "VK_SUCCESS";
    case VK_ERROR_OUT_OF_HOST_MEMORY: return "VK_ERROR_OUT_OF_HOST_MEMORY";
    case VK_ERROR_OUT_OF_DEVICE_MEMORY: return "VK_ERROR_OUT_OF_DEVICE_MEMORY";
    case VK_ERROR_INITIALIZATION_FAILED: return "VK_ERROR_INITIALIZATION_FAILED";
    case VK_ERROR_DEVICE_LOST: return "VK_ERROR_DEVICE_LOST";
    case VK_ERROR_LAYER_NOT_PRESENT: return "VK_ERROR_LAYER_NOT_PRESENT";
    case VK_ERROR_EXTENSION_NOT_PRESENT: return "VK_ERROR_EXTENSION_NOT_PRESENT";
    case VK_ERROR_FEATURE_NOT_PRESENT: return "VK_ERROR_FEATURE_NOT_PRESENT";
    case VK_ERROR_INCOMPATIBLE_DRIVER: return "VK_ERROR_INCOMPATIBLE_DRIVER";
    case VK_ERROR_FORMAT_NOT_SUPPORTED: return "VK_ERROR_FORMAT_NOT_SUPPORTED";
    default: return "VkResult(other)";
  }
}

}  // namespace meeloop::xrrt
