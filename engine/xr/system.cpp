#include "xr/system.h"

#include <cstdio>
#include <cstring>
#include <vector>

#include "xr/xr_check.h"
#include "xr/xr_struct.h"

namespace meeloop::xr {
namespace {

bool has_extension(const char* name) {
  uint32_t n = 0;
  if (XR_FAILED(xrEnumerateInstanceExtensionProperties(nullptr, 0, &n, nullptr))) return false;
  std::vector<XrExtensionProperties> exts(n, xr_struct<XrExtensionProperties>(XR_TYPE_EXTENSION_PROPERTIES));
  if (XR_FAILED(xrEnumerateInstanceExtensionProperties(nullptr, n, &n, exts.data()))) return false;
  for (const auto& e : exts)
    if (std::strcmp(e.extensionName, name) == 0) return true;
  return false;
}

template <class Fn>
Fn proc(XrInstance instance, const char* name) {
  PFN_xrVoidFunction fn = nullptr;
  MEELOOP_XR_CHECK(xrGetInstanceProcAddr(instance, name, &fn));
  return reinterpret_cast<Fn>(fn);
}

}  // namespace

Result<std::unique_ptr<System>> open_system(Log& log, Unavailable* why) {
  auto say = [&](Unavailable u, std::string msg) -> Error {
    if (why) *why = u;
    return failure(std::move(msg));
  };
  if (why) *why = Unavailable::None;
  // The loader fails this way when no runtime is installed (no active_runtime.json, no
  // XR_RUNTIME_JSON) or the runtime cannot be loaded.
  uint32_t n = 0;
  if (XR_FAILED(xrEnumerateInstanceExtensionProperties(nullptr, 0, &n, nullptr)))
    return say(Unavailable::NoRuntime, "no OpenXR runtime is installed (or XR_RUNTIME_JSON points nowhere)");
  if (!has_extension(XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME))
    return say(Unavailable::NoRuntime, "the OpenXR runtime does not offer XR_KHR_vulkan_enable2 (Vulkan)");

  return catch_xr<std::unique_ptr<System>>([&]() -> Result<std::unique_ptr<System>> {
    auto s = std::unique_ptr<System>(new System());
    s->depth_layer_ = has_extension(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME);
    std::vector<const char*> exts{XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME};
    if (s->depth_layer_) exts.push_back(XR_KHR_COMPOSITION_LAYER_DEPTH_EXTENSION_NAME);
    auto ci = xr_struct<XrInstanceCreateInfo>(XR_TYPE_INSTANCE_CREATE_INFO);
    std::snprintf(ci.applicationInfo.applicationName, XR_MAX_APPLICATION_NAME_SIZE, "%s", "meeloop");
    std::snprintf(ci.applicationInfo.engineName, XR_MAX_ENGINE_NAME_SIZE, "%s", "meeloop");
    ci.applicationInfo.applicationVersion = 1;
    ci.applicationInfo.apiVersion = XR_MAKE_VERSION(1, 0, 0);
    ci.enabledExtensionCount = uint32_t(exts.size());
    ci.enabledExtensionNames = exts.data();
    XrInstance raw = XR_NULL_HANDLE;
    const XrResult r = xrCreateInstance(&ci, &raw);
    if (XR_FAILED(r))
      return say(Unavailable::NoRuntime, "the OpenXR runtime did not start (" + result_name(r) + ")");
    s->instance_ = XrHandle<XrInstance>(raw);
    auto props = xr_struct<XrInstanceProperties>(XR_TYPE_INSTANCE_PROPERTIES);
    MEELOOP_XR_CHECK(xrGetInstanceProperties(raw, &props));
    s->runtime_name_ = props.runtimeName;

    auto si = xr_struct<XrSystemGetInfo>(XR_TYPE_SYSTEM_GET_INFO);
    si.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
    const XrResult sr = xrGetSystem(raw, &si, &s->system_);
    if (sr == XR_ERROR_FORM_FACTOR_UNAVAILABLE)
      return say(Unavailable::NoHeadset, "no headset is connected to " + s->runtime_name_ + " (or it is asleep)");
    if (XR_FAILED(sr))
      return say(Unavailable::NoHeadset, s->runtime_name_ + " offers no head-mounted display (" + result_name(sr) + ")");
    auto sp = xr_struct<XrSystemProperties>(XR_TYPE_SYSTEM_PROPERTIES);
    MEELOOP_XR_CHECK(xrGetSystemProperties(raw, s->system_, &sp));
    s->system_name_ = sp.systemName;

    uint32_t nv = 0;
    MEELOOP_XR_CHECK(xrEnumerateViewConfigurationViews(raw, s->system_, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, 0,
                                                       &nv, nullptr));
    if (nv != 2) return say(Unavailable::Other, "the headset's stereo view configuration has " + std::to_string(nv) + " views, not 2");
    std::vector<XrViewConfigurationView> views(nv, xr_struct<XrViewConfigurationView>(XR_TYPE_VIEW_CONFIGURATION_VIEW));
    MEELOOP_XR_CHECK(xrEnumerateViewConfigurationViews(raw, s->system_, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_STEREO, nv,
                                                       &nv, views.data()));
    s->eye_width_ = views[0].recommendedImageRectWidth;
    s->eye_height_ = views[0].recommendedImageRectHeight;

    s->get_requirements_ = proc<PFN_xrGetVulkanGraphicsRequirements2KHR>(raw, "xrGetVulkanGraphicsRequirements2KHR");
    s->create_vk_instance_ = proc<PFN_xrCreateVulkanInstanceKHR>(raw, "xrCreateVulkanInstanceKHR");
    s->get_vk_device_ = proc<PFN_xrGetVulkanGraphicsDevice2KHR>(raw, "xrGetVulkanGraphicsDevice2KHR");
    s->create_vk_device_ = proc<PFN_xrCreateVulkanDeviceKHR>(raw, "xrCreateVulkanDeviceKHR");
    log.info("xr: " + s->runtime_name_ + ", " + s->system_name_ + ", " + std::to_string(s->eye_width_) + "x" +
             std::to_string(s->eye_height_) + " per eye" +
             (s->depth_layer_ ? ", XR_KHR_composition_layer_depth enabled" : ", no XR_KHR_composition_layer_depth"));
    return s;
  });
}

Result<std::unique_ptr<gpu::Context>> System::create_gpu_context(Log& log, gpu::ContextConfig config) {
  MEELOOP_RETURN_IF_ERROR(catch_xr<Ok>([&]() -> Status {
    auto r = xr_struct<XrGraphicsRequirementsVulkan2KHR>(XR_TYPE_GRAPHICS_REQUIREMENTS_VULKAN2_KHR);
    MEELOOP_XR_CHECK(get_requirements_(instance_, system_, &r));
    // We need Vulkan 1.3 (dynamic rendering, synchronization2); a runtime that caps below it
    // cannot drive our renderer.
    if (r.maxApiVersionSupported < XR_MAKE_VERSION(1, 3, 0) && XR_VERSION_MAJOR(r.maxApiVersionSupported) == 1)
      return failure("the OpenXR runtime supports Vulkan up to " + std::to_string(XR_VERSION_MAJOR(r.maxApiVersionSupported)) +
                     "." + std::to_string(XR_VERSION_MINOR(r.maxApiVersionSupported)) + "; meeloop needs 1.3");
    return Ok{};
  }));

  external_.create_instance = [this](const VkInstanceCreateInfo& ci, VkInstance* out) {
    auto xci = xr_struct<XrVulkanInstanceCreateInfoKHR>(XR_TYPE_VULKAN_INSTANCE_CREATE_INFO_KHR);
    xci.systemId = system_;
    xci.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
    xci.vulkanCreateInfo = &ci;
    VkResult vr = VK_ERROR_INITIALIZATION_FAILED;
    if (XR_FAILED(create_vk_instance_(instance_, &xci, out, &vr))) return VK_ERROR_INITIALIZATION_FAILED;
    return vr;
  };
  external_.physical_device = [this](VkInstance vk) -> Result<VkPhysicalDevice> {
    auto gi = xr_struct<XrVulkanGraphicsDeviceGetInfoKHR>(XR_TYPE_VULKAN_GRAPHICS_DEVICE_GET_INFO_KHR);
    gi.systemId = system_;
    gi.vulkanInstance = vk;
    VkPhysicalDevice pd = VK_NULL_HANDLE;
    const XrResult r = get_vk_device_(instance_, &gi, &pd);
    if (XR_FAILED(r) || !pd) return failure("xrGetVulkanGraphicsDevice2KHR found no Vulkan device (" + result_name(r) + ")");
    return pd;
  };
  external_.create_device = [this](VkPhysicalDevice pd, const VkDeviceCreateInfo& ci, VkDevice* out) {
    auto xci = xr_struct<XrVulkanDeviceCreateInfoKHR>(XR_TYPE_VULKAN_DEVICE_CREATE_INFO_KHR);
    xci.systemId = system_;
    xci.pfnGetInstanceProcAddr = &vkGetInstanceProcAddr;
    xci.vulkanPhysicalDevice = pd;
    xci.vulkanCreateInfo = &ci;
    VkResult vr = VK_ERROR_INITIALIZATION_FAILED;
    if (XR_FAILED(create_vk_device_(instance_, &xci, out, &vr))) return VK_ERROR_INITIALIZATION_FAILED;
    return vr;
  };
  config.external = &external_;
  // The runtime picks the device; MEELOOP_GPU only steers it (the runtime reads it too).
  if (!config.preference) config.preference = gpu::GpuPreference::Auto;
  return gpu::create_context(log, config);
}

}  // namespace meeloop::xr
