#pragma once
// The little Vulkan the runtime does itself, on the application's VkDevice: owning handles,
// one-shot command submission on the application's queue, memory-type choice.
#include <cstdint>
#include <functional>
#include <string>
#include <utility>

#include <vulkan/vulkan.h>

namespace meeloop::xrrt {

// Move-only owner of one device child; Destroy is the matching vkDestroy*/vkFree* function.
template <class T, void (*Destroy)(VkDevice, T, const VkAllocationCallbacks*)>
class DeviceChild {
 public:
  DeviceChild() = default;
  DeviceChild(VkDevice device, T handle) : device_(device), handle_(handle) {}
  DeviceChild(DeviceChild&& o) noexcept : device_(o.device_), handle_(std::exchange(o.handle_, T(VK_NULL_HANDLE))) {}
  DeviceChild& operator=(DeviceChild&& o) noexcept {
    if (this != &o) {
      reset();
      device_ = o.device_;
      handle_ = std::exchange(o.handle_, T(VK_NULL_HANDLE));
    }
    return *this;
  }
  DeviceChild(const DeviceChild&) = delete;
  DeviceChild& operator=(const DeviceChild&) = delete;
  ~DeviceChild() { reset(); }
  void reset() {
    if (handle_ != T(VK_NULL_HANDLE)) Destroy(device_, handle_, nullptr);
    handle_ = T(VK_NULL_HANDLE);
  }
  T get() const { return handle_; }

 private:
  VkDevice device_ = VK_NULL_HANDLE;
  T handle_ = T(VK_NULL_HANDLE);
};

using VkImageOwner = DeviceChild<VkImage, vkDestroyImage>;
using VkBufferOwner = DeviceChild<VkBuffer, vkDestroyBuffer>;
using VkMemoryOwner = DeviceChild<VkDeviceMemory, vkFreeMemory>;
using VkCommandPoolOwner = DeviceChild<VkCommandPool, vkDestroyCommandPool>;
using VkFenceOwner = DeviceChild<VkFence, vkDestroyFence>;

// What the session's XrGraphicsBindingVulkan2KHR named.
struct VulkanBinding {
  VkInstance instance = VK_NULL_HANDLE;
  VkPhysicalDevice physical_device = VK_NULL_HANDLE;
  VkDevice device = VK_NULL_HANDLE;
  uint32_t queue_family = 0;
  uint32_t queue_index = 0;
};

// The runtime's own command pool and fence on the application's queue. Every submission is
// waited for before returning, so nothing of the runtime's is in flight when the application
// destroys its device or reuses an image.
class GpuQueue {
 public:
  explicit GpuQueue(const VulkanBinding& binding);  // throws std::runtime_error on failure
  VkDevice device() const { return binding_.device; }
  VkPhysicalDevice physical_device() const { return binding_.physical_device; }
  // Records with `record`, submits on the application's queue and waits. Returns the VkResult.
  VkResult submit_and_wait(const std::function<void(VkCommandBuffer)>& record);
  // A memory type allowed by `type_bits` with all of `flags`, or UINT32_MAX.
  uint32_t memory_type(uint32_t type_bits, VkMemoryPropertyFlags flags) const;

 private:
  VulkanBinding binding_;
  VkQueue queue_ = VK_NULL_HANDLE;
  VkPhysicalDeviceMemoryProperties memory_{};
  VkCommandPoolOwner pool_;
  VkFenceOwner fence_;
};

const char* vk_result_name(VkResult r);

}  // namespace meeloop::xrrt
