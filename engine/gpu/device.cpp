#include "gpu/device.h"

#include <cstring>

#include "gpu/check.h"

namespace meeloop::gpu {
namespace {

struct Candidate {
  VkPhysicalDevice physical = VK_NULL_HANDLE;
  VkPhysicalDeviceProperties props{};
  uint32_t queue_family = 0;
  bool software = false;
  bool anisotropy = false;
  bool timestamps = false;  // the graphics queue writes timestamps
  int rank = 0;
  std::string why_not;  // empty when usable
};

bool has_device_extension(VkPhysicalDevice pd, const std::string& name) {
  uint32_t n = 0;
  vkEnumerateDeviceExtensionProperties(pd, nullptr, &n, nullptr);
  std::vector<VkExtensionProperties> exts(n);
  vkEnumerateDeviceExtensionProperties(pd, nullptr, &n, exts.data());
  for (auto& e : exts)
    if (name == e.extensionName) return true;
  return false;
}

Candidate inspect(VkPhysicalDevice pd, const DeviceConfig& config) {
  Candidate c;
  c.physical = pd;
  vkGetPhysicalDeviceProperties(pd, &c.props);
  c.software = c.props.deviceType == VK_PHYSICAL_DEVICE_TYPE_CPU;
  switch (c.props.deviceType) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: c.rank = 4; break;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: c.rank = 3; break;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: c.rank = 2; break;
    case VK_PHYSICAL_DEVICE_TYPE_CPU: c.rank = 1; break;
    default: c.rank = 0; break;
  }
  if (c.props.apiVersion < VK_API_VERSION_1_3) {
    c.why_not = "Vulkan 1.3 not supported";
    return c;
  }
  auto f11 = vk_struct<VkPhysicalDeviceVulkan11Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES);
  auto f13 = vk_struct<VkPhysicalDeviceVulkan13Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES);
  f11.pNext = &f13;
  auto f2 = vk_struct<VkPhysicalDeviceFeatures2>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2);
  f2.pNext = &f11;
  vkGetPhysicalDeviceFeatures2(pd, &f2);
  if (!f13.dynamicRendering || !f13.synchronization2 || !f11.multiview) {
    c.why_not = "lacks dynamic rendering, synchronization2 or multiview";
    return c;
  }
  c.anisotropy = f2.features.samplerAnisotropy;
  for (auto& e : config.extensions)
    if (!has_device_extension(pd, e)) {
      c.why_not = "lacks extension " + e;
      return c;
    }
  uint32_t n = 0;
  vkGetPhysicalDeviceQueueFamilyProperties(pd, &n, nullptr);
  std::vector<VkQueueFamilyProperties> families(n);
  vkGetPhysicalDeviceQueueFamilyProperties(pd, &n, families.data());
  for (uint32_t i = 0; i < n; ++i)
    if (families[i].queueFlags & VK_QUEUE_GRAPHICS_BIT) {
      c.queue_family = i;
      c.timestamps = families[i].timestampValidBits > 0;
      return c;
    }
  c.why_not = "no graphics queue";
  return c;
}

}  // namespace

Result<std::unique_ptr<Device>> create_device(const Instance& instance, const DeviceConfig& config) {
  return catch_gpu<std::unique_ptr<Device>>([&]() -> Result<std::unique_ptr<Device>> {
    Log& log = instance.log();
    uint32_t n = 0;
    MEELOOP_VK_CHECK(vkEnumeratePhysicalDevices(instance.get(), &n, nullptr));
    std::vector<VkPhysicalDevice> pds(n);
    MEELOOP_VK_CHECK(vkEnumeratePhysicalDevices(instance.get(), &n, pds.data()));
    if (config.external) {  // the runtime's choice is the only candidate
      MEELOOP_ASSIGN_OR_RETURN(VkPhysicalDevice pd, config.external->physical_device(instance.get()));
      pds = {pd};
      n = 1;
    }

    const Candidate* best = nullptr;
    std::vector<Candidate> candidates;
    candidates.reserve(n);
    std::string rejected;
    for (auto pd : pds) {
      candidates.push_back(inspect(pd, config));
      const Candidate& c = candidates.back();
      std::string why = c.why_not;
      if (why.empty() && config.preference == GpuPreference::Hardware && c.software)
        why = "software renderer, MEELOOP_GPU=hardware";
      if (why.empty() && config.preference == GpuPreference::Lavapipe && !c.software)
        why = "hardware GPU, MEELOOP_GPU=lavapipe";
      if (!why.empty()) {
        rejected += std::string("; ") + c.props.deviceName + ": " + why;
        continue;
      }
      if (!best || c.rank > best->rank) best = &c;
    }
    if (!best)
      return failure(std::string("no usable Vulkan device for MEELOOP_GPU=") +
                     to_string(config.preference) + " (" + std::to_string(n) + " found" +
                     rejected + ")");

    float priority = 1.0f;
    auto queue_ci = vk_struct<VkDeviceQueueCreateInfo>(VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO);
    queue_ci.queueFamilyIndex = best->queue_family;
    queue_ci.queueCount = 1;
    queue_ci.pQueuePriorities = &priority;

    auto f13 = vk_struct<VkPhysicalDeviceVulkan13Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES);
    f13.dynamicRendering = VK_TRUE;
    f13.synchronization2 = VK_TRUE;
    auto f11 = vk_struct<VkPhysicalDeviceVulkan11Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES);
    f11.multiview = VK_TRUE;
    f11.pNext = &f13;
    auto f2 = vk_struct<VkPhysicalDeviceFeatures2>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2);
    f2.features.samplerAnisotropy = best->anisotropy ? VK_TRUE : VK_FALSE;
    f2.pNext = &f11;

    std::vector<const char*> exts;
    for (auto& e : config.extensions) exts.push_back(e.c_str());
    auto ci = vk_struct<VkDeviceCreateInfo>(VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO);
    ci.pNext = &f2;
    ci.queueCreateInfoCount = 1;
    ci.pQueueCreateInfos = &queue_ci;
    ci.enabledExtensionCount = uint32_t(exts.size());
    ci.ppEnabledExtensionNames = exts.data();
    VkDevice raw = VK_NULL_HANDLE;
    if (config.external) MEELOOP_VK_CHECK(config.external->create_device(best->physical, ci, &raw));
    else MEELOOP_VK_CHECK(vkCreateDevice(best->physical, &ci, nullptr, &raw));

    auto dev = std::unique_ptr<Device>(new Device());
    dev->device_ = Handle<VkDevice>(raw);
    dev->physical_ = best->physical;
    dev->queue_family_ = best->queue_family;
    dev->props_ = best->props;
    dev->software_ = best->software;
    dev->anisotropy_ = best->anisotropy;
    dev->timestamps_ = best->timestamps;
    dev->debug_fns_ = instance.debug_fns();
    vkGetPhysicalDeviceMemoryProperties(best->physical, &dev->memory_);
    vkGetDeviceQueue(raw, best->queue_family, 0, &dev->queue_);
    dev->name(dev->queue_, "graphics queue");

    const uint32_t v = best->props.apiVersion;
    log.info(std::string("gpu: ") + best->props.deviceName + " (" +
             (best->software ? "software, lavapipe" : "hardware") + ", Vulkan " +
             std::to_string(VK_API_VERSION_MAJOR(v)) + "." + std::to_string(VK_API_VERSION_MINOR(v)) +
             "." + std::to_string(VK_API_VERSION_PATCH(v)) + ", MEELOOP_GPU=" +
             to_string(config.preference) + (instance.validation_enabled() ? ", validation on" : "") +
             ")");
    return dev;
  });
}

}  // namespace meeloop::gpu
