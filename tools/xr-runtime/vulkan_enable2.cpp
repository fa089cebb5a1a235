// XR_KHR_vulkan_enable2: the runtime creates the application's VkInstance and VkDevice on its
// behalf (adding what it needs, which is nothing) and picks the physical device.
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "api.h"
#include "runtime.h"

namespace meeloop::xrrt::api {
namespace {

// MEELOOP_GPU=auto|hardware|lavapipe, as the engine reads it: auto prefers a real GPU.
int rank(const VkPhysicalDeviceProperties& p, const std::string& pref) {
  const bool cpu = p.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
  if (pref == "hardware" && cpu) return -1;
  if (pref == "lavapipe" && !cpu) return -1;
  switch (p.deviceType) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return 4;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return 3;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return 2;
    default: return 1;
  }
}

bool has_graphics_queue(VkPhysicalDevice pd) {
  uint32_t n = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(pd, &n, nullptr);
  std::vector<VkQueueFamilyProperties> q(n);
  vkGetPhysicalDeviceQueueFamilyProperties(pd, &n, q.data());
  for (const auto& f : q)
    if (f.queueFlags & VK_QUEUE_GRAPHICS_BIT) return true;
  return false;
}

}  // namespace

XrResult XRAPI_CALL GetVulkanGraphicsRequirements2KHR(XrInstance instance, XrSystemId system,
                                                      XrGraphicsRequirementsVulkanKHR* req) {
  std::lock_guard lock(Registry::get().mutex);
  Instance* inst = Registry::get().instance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (system != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (!req || req->type != XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR) return XR_ERROR_VALIDATION_FAILURE;
  req->minApiVersionSupported = XR_MAKE_VERSION(1, 0, 0);
  req->maxApiVersionSupported = XR_MAKE_VERSION(1, 3, 0);
  inst->requirements_queried = true;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL CreateVulkanInstanceKHR(XrInstance instance, const XrVulkanInstanceCreateInfoKHR* info,
                                            VkInstance* vk_instance, VkResult* vk_result) {
  std::lock_guard lock(Registry::get().mutex);
  Instance* inst = Registry::get().instance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (!info || !vk_instance || !vk_result || info->type != XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR ||
      !info->pfnGetInstanceProcAddr || !info->vulkanCreateInfo || info->createFlags != 0)
    return XR_ERROR_VALIDATION_FAILURE;
  if (info->systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (!inst->requirements_queried)
    return inst->fail(XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING, "xrCreateVulkanInstanceKHR", "call xrGetVulkanGraphicsRequirements2KHR first");
  // The application's loader entry point, not ours: the app may use its own Vulkan loader.
  auto create = reinterpret_cast<PFN_vkCreateInstance>(info->pfnGetInstanceProcAddr(VK_NULL_HANDLE, "vkCreateInstance"));
  if (!create) return XR_ERROR_RUNTIME_FAILURE;
  *vk_result = create(info->vulkanCreateInfo, info->vulkanAllocator, vk_instance);
  if (*vk_result != VK_SUCCESS)
    inst->log.warn(std::string("meeloop-xr: vkCreateInstance failed: ") + vk_result_name(*vk_result));
  return XR_SUCCESS;  // the Vulkan failure travels in vk_result (spec: XR_SUCCESS with VkResult set)
}

XrResult XRAPI_CALL GetVulkanGraphicsDevice2KHR(XrInstance instance, const XrVulkanGraphicsDeviceGetInfoKHR* info,
                                                VkPhysicalDevice* out) {
  std::lock_guard lock(Registry::get().mutex);
  Instance* inst = Registry::get().instance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (!info || !out || info->type != XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR || !info->vulkanInstance)
    return XR_ERROR_VALIDATION_FAILURE;
  if (info->systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (!inst->requirements_queried)
    return inst->fail(XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING, "xrGetVulkanGraphicsDevice2KHR", "call xrGetVulkanGraphicsRequirements2KHR first");
  const char* env = std::getenv("MEELOOP_GPU");
  const std::string pref = env && *env ? env : "auto";
  uint32_t n = 0;
  vkEnumeratePhysicalDevices(info->vulkanInstance, &n, nullptr);
  std::vector<VkPhysicalDevice> pds(n);
  vkEnumeratePhysicalDevices(info->vulkanInstance, &n, pds.data());
  VkPhysicalDevice best = VK_NULL_HANDLE;
  int best_rank = 0;
  for (VkPhysicalDevice pd : pds) {
    VkPhysicalDeviceProperties p{};
    vkGetPhysicalDeviceProperties(pd, &p);
    const int r = has_graphics_queue(pd) ? rank(p, pref) : -1;
    if (r > best_rank) { best = pd; best_rank = r; }
  }
  if (!best)
    return inst->fail(XR_ERROR_RUNTIME_FAILURE, "xrGetVulkanGraphicsDevice2KHR",
                      "no Vulkan device with a graphics queue for MEELOOP_GPU=" + pref);
  inst->physical_device = best;
  inst->vk_instance = info->vulkanInstance;
  *out = best;
  return XR_SUCCESS;
}

XrResult XRAPI_CALL CreateVulkanDeviceKHR(XrInstance instance, const XrVulkanDeviceCreateInfoKHR* info,
                                          VkDevice* device, VkResult* vk_result) {
  std::lock_guard lock(Registry::get().mutex);
  Instance* inst = Registry::get().instance(instance);
  if (!inst) return XR_ERROR_HANDLE_INVALID;
  if (!info || !device || !vk_result || info->type != XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR ||
      !info->pfnGetInstanceProcAddr || !info->vulkanCreateInfo || !info->vulkanPhysicalDevice || info->createFlags != 0)
    return XR_ERROR_VALIDATION_FAILURE;
  if (info->systemId != kSystemId) return XR_ERROR_SYSTEM_INVALID;
  if (!inst->requirements_queried)
    return inst->fail(XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING, "xrCreateVulkanDeviceKHR", "call xrGetVulkanGraphicsRequirements2KHR first");
  if (info->vulkanPhysicalDevice != inst->physical_device)
    return inst->fail(XR_ERROR_GRAPHICS_DEVICE_INVALID, "xrCreateVulkanDeviceKHR",
                      "vulkanPhysicalDevice is not the one xrGetVulkanGraphicsDevice2KHR returned");
  // The runtime only copies and clears images, which core Vulkan 1.0 covers: it adds no
  // extensions or features to the application's device.
  // vkCreateDevice is an instance-level command: look it up on the VkInstance the application
  // passed to xrGetVulkanGraphicsDevice2KHR (the create info does not repeat it).
  auto create = reinterpret_cast<PFN_vkCreateDevice>(info->pfnGetInstanceProcAddr(inst->vk_instance, "vkCreateDevice"));
  if (!create) return XR_ERROR_RUNTIME_FAILURE;
  *vk_result = create(info->vulkanPhysicalDevice, info->vulkanCreateInfo, info->vulkanAllocator, device);
  if (*vk_result != VK_SUCCESS)
    inst->log.warn(std::string("meeloop-xr: vkCreateDevice failed: ") + vk_result_name(*vk_result));
  return XR_SUCCESS;
}

}  // namespace meeloop::xrrt::api
