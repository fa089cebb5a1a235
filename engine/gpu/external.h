#pragma once
// Letting someone else create the Vulkan instance and device. With OpenXR's
// XR_KHR_vulkan_enable2 the runtime must create both (it may add what the headset needs) and
// picks the physical device. gpu/ still builds the create-infos, so validation, debug utils
// and the feature chain are the same as for a device gpu/ creates itself.
#include <functional>

#include <vulkan/vulkan.h>

#include "core/error.h"

namespace meeloop::gpu {

struct ExternalVulkan {
  // Creates the instance from gpu/'s create-info (e.g. xrCreateVulkanInstanceKHR).
  std::function<VkResult(const VkInstanceCreateInfo&, VkInstance*)> create_instance;
  // The only physical device allowed (e.g. xrGetVulkanGraphicsDevice2KHR).
  std::function<Result<VkPhysicalDevice>(VkInstance)> physical_device;
  // Creates the device from gpu/'s create-info (e.g. xrCreateVulkanDeviceKHR).
  std::function<VkResult(VkPhysicalDevice, const VkDeviceCreateInfo&, VkDevice*)> create_device;
};

}  // namespace meeloop::gpu
