#pragma once
// Handle<T> destroy rules for the objects only a window needs (surface, swapchain). Additive:
// the offscreen engine never creates these, so they live here rather than in gpu/handle.h.
#include <vulkan/vulkan.h>

#include "gpu/handle.h"

namespace meeloop::gpu {

template <>
struct HandleTraits<VkSurfaceKHR> {
  using Owner = VkInstance;
  static void destroy(VkInstance i, VkSurfaceKHR h) { vkDestroySurfaceKHR(i, h, nullptr); }
};
template <>
struct HandleTraits<VkSwapchainKHR> {
  using Owner = VkDevice;
  static void destroy(VkDevice d, VkSwapchainKHR h) { vkDestroySwapchainKHR(d, h, nullptr); }
};

}  // namespace meeloop::gpu
