#pragma once
// One move-only owner for every Vulkan handle. Destruction is looked up in HandleTraits, a
// table of one-liners, so no type needs a hand-written destructor (and none can free the
// wrong object). Objects are destroyed in reverse member order, so declare owners after
// what they depend on.
#include <type_traits>
#include <utility>

#include <vulkan/vulkan.h>

namespace meeloop::gpu {

// Owner: the parent a handle is destroyed through (VkDevice, VkInstance, or NoOwner).
struct NoOwner {};

template <class T>
struct HandleTraits;

#define MEELOOP_GPU_DEVICE_CHILD(T, destroy_fn)                                   \
  template <>                                                                     \
  struct HandleTraits<T> {                                                        \
    using Owner = VkDevice;                                                       \
    static void destroy(VkDevice d, T h) { destroy_fn(d, h, nullptr); }           \
  };
MEELOOP_GPU_DEVICE_CHILD(VkBuffer, vkDestroyBuffer)
MEELOOP_GPU_DEVICE_CHILD(VkImage, vkDestroyImage)
MEELOOP_GPU_DEVICE_CHILD(VkImageView, vkDestroyImageView)
MEELOOP_GPU_DEVICE_CHILD(VkSampler, vkDestroySampler)
MEELOOP_GPU_DEVICE_CHILD(VkDeviceMemory, vkFreeMemory)
MEELOOP_GPU_DEVICE_CHILD(VkShaderModule, vkDestroyShaderModule)
MEELOOP_GPU_DEVICE_CHILD(VkPipeline, vkDestroyPipeline)
MEELOOP_GPU_DEVICE_CHILD(VkPipelineLayout, vkDestroyPipelineLayout)
MEELOOP_GPU_DEVICE_CHILD(VkDescriptorSetLayout, vkDestroyDescriptorSetLayout)
MEELOOP_GPU_DEVICE_CHILD(VkDescriptorPool, vkDestroyDescriptorPool)
MEELOOP_GPU_DEVICE_CHILD(VkCommandPool, vkDestroyCommandPool)
MEELOOP_GPU_DEVICE_CHILD(VkFence, vkDestroyFence)
MEELOOP_GPU_DEVICE_CHILD(VkSemaphore, vkDestroySemaphore)
MEELOOP_GPU_DEVICE_CHILD(VkQueryPool, vkDestroyQueryPool)
#undef MEELOOP_GPU_DEVICE_CHILD

template <>
struct HandleTraits<VkInstance> {
  using Owner = NoOwner;
  static void destroy(NoOwner, VkInstance h) { vkDestroyInstance(h, nullptr); }
};
template <>
struct HandleTraits<VkDevice> {
  using Owner = NoOwner;
  static void destroy(NoOwner, VkDevice h) {
    // Pending GPU work must finish before the device (and everything on it) goes away.
    vkDeviceWaitIdle(h);
    vkDestroyDevice(h, nullptr);
  }
};
// The messenger's destroy function is an extension entry point the loader does not export;
// instance.cpp fetches it and stores it in the owner.
struct MessengerOwner {
  VkInstance instance = VK_NULL_HANDLE;
  PFN_vkDestroyDebugUtilsMessengerEXT destroy = nullptr;
};
template <>
struct HandleTraits<VkDebugUtilsMessengerEXT> {
  using Owner = MessengerOwner;
  static void destroy(MessengerOwner o, VkDebugUtilsMessengerEXT h) {
    if (o.destroy) o.destroy(o.instance, h, nullptr);
  }
};

template <class T>
class Handle {
 public:
  using Owner = typename HandleTraits<T>::Owner;

  Handle() = default;
  Handle(Owner owner, T value) : owner_(owner), value_(value) {}
  // For top-level objects (instance, device) that have no parent.
  explicit Handle(T value) requires std::is_same_v<Owner, NoOwner> : value_(value) {}
  Handle(Handle&& o) noexcept
      : owner_(o.owner_), value_(std::exchange(o.value_, VK_NULL_HANDLE)) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      reset();
      owner_ = o.owner_;
      value_ = std::exchange(o.value_, VK_NULL_HANDLE);
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  ~Handle() { reset(); }

  T get() const { return value_; }
  operator T() const { return value_; }
  explicit operator bool() const { return value_ != VK_NULL_HANDLE; }
  // Destroys the object now (no-op when empty).
  void reset() {
    if (value_ != VK_NULL_HANDLE) HandleTraits<T>::destroy(owner_, value_);
    value_ = VK_NULL_HANDLE;
  }
  // Gives up ownership, e.g. when an external runtime (OpenXR) must own the object.
  T release() { return std::exchange(value_, VK_NULL_HANDLE); }

 private:
  Owner owner_{};
  T value_ = VK_NULL_HANDLE;
};

}  // namespace meeloop::gpu
