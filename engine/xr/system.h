#pragma once
// The OpenXR instance (through the Khronos loader) with XR_KHR_vulkan_enable2, the headset
// (HMD system) and its stereo view configuration; and the gpu::Context the runtime creates.
#include <array>
#include <memory>
#include <string>

#include <vulkan/vulkan.h>
#define XR_USE_GRAPHICS_API_VULKAN 1
#include <openxr/openxr.h>
#include <openxr/openxr_platform.h>

#include "core/error.h"
#include "core/log.h"
#include "gpu/context.h"
#include "gpu/external.h"
#include "xr/xr_handle.h"

namespace meeloop::xr {

// Why there is no headset to use; each has a one-line explanation in the Error's message.
enum class Unavailable { None, NoRuntime, NoHeadset, Other };

class System {
 public:
  XrInstance instance() const { return instance_; }
  XrSystemId id() const { return system_; }
  const std::string& runtime_name() const { return runtime_name_; }
  const std::string& system_name() const { return system_name_; }
  // Recommended image size per eye (PRIMARY_STEREO).
  uint32_t eye_width() const { return eye_width_; }
  uint32_t eye_height() const { return eye_height_; }
  bool has_depth_layer() const { return depth_layer_; }  // XR_KHR_composition_layer_depth

  // Creates the Vulkan instance and device through the runtime (xrCreateVulkanInstanceKHR,
  // xrGetVulkanGraphicsDevice2KHR, xrCreateVulkanDeviceKHR). The result must be destroyed
  // before this System and after every Session on it.
  Result<std::unique_ptr<gpu::Context>> create_gpu_context(Log& log, gpu::ContextConfig config = {});

 private:
  friend Result<std::unique_ptr<System>> open_system(Log&, Unavailable*);
  XrHandle<XrInstance> instance_;
  XrSystemId system_ = XR_NULL_SYSTEM_ID;
  std::string runtime_name_, system_name_;
  uint32_t eye_width_ = 0, eye_height_ = 0;
  bool depth_layer_ = false;
  PFN_xrGetVulkanGraphicsRequirements2KHR get_requirements_ = nullptr;
  PFN_xrCreateVulkanInstanceKHR create_vk_instance_ = nullptr;
  PFN_xrGetVulkanGraphicsDevice2KHR get_vk_device_ = nullptr;
  PFN_xrCreateVulkanDeviceKHR create_vk_device_ = nullptr;
  gpu::ExternalVulkan external_;
};

// Opens the runtime and finds a head-mounted display. On failure `why` (when given) says whether
// the runtime or the headset was missing; the Error's message is one line for the user.
Result<std::unique_ptr<System>> open_system(Log& log, Unavailable* why = nullptr);

}  // namespace meeloop::xr
