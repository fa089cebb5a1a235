#pragma once
// Physical-device choice and the logical device with one graphics queue.
#include <memory>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "core/error.h"
#include "core/settings.h"
#include "gpu/debug.h"
#include "gpu/external.h"
#include "gpu/handle.h"
#include "gpu/instance.h"

namespace meeloop::gpu {

// The device kinds and their parser live with the settings (core/settings.h), which read
// MEELOOP_GPU once; gpu/ only takes the choice.
using ::meeloop::GpuPreference;
using ::meeloop::parse_gpu_preference;
using ::meeloop::to_string;

struct DeviceConfig {
  GpuPreference preference = GpuPreference::Auto;  // default Auto
  // Extra device extensions (swapchain, OpenXR's list). Devices lacking one are skipped.
  std::vector<std::string> extensions;
  // Who picks the physical device and creates the VkDevice. Default null: gpu/ itself.
  const ExternalVulkan* external = nullptr;
};

class Device {
 public:
  VkDevice get() const { return device_.get(); }
  VkPhysicalDevice physical() const { return physical_; }
  VkQueue queue() const { return queue_; }
  uint32_t queue_family() const { return queue_family_; }
  const VkPhysicalDeviceProperties& properties() const { return props_; }
  const VkPhysicalDeviceMemoryProperties& memory() const { return memory_; }
  bool is_software() const { return software_; }
  bool anisotropy() const { return anisotropy_; }
  bool timestamps() const { return timestamps_; }  // the queue can write timestamps
  const DebugFns& debug_fns() const { return debug_fns_; }
  // Names `handle` for validation messages and debuggers.
  template <class T>
  void name(T handle, std::string_view text) const { set_name(debug_fns_, get(), handle, text); }

 private:
  friend Result<std::unique_ptr<Device>> create_device(const Instance&, const DeviceConfig&);
  Handle<VkDevice> device_;
  VkPhysicalDevice physical_ = VK_NULL_HANDLE;
  VkQueue queue_ = VK_NULL_HANDLE;
  uint32_t queue_family_ = 0;
  VkPhysicalDeviceProperties props_{};
  VkPhysicalDeviceMemoryProperties memory_{};
  bool software_ = false;
  bool anisotropy_ = false;
  bool timestamps_ = false;
  DebugFns debug_fns_;
};

// Picks a device per `config.preference` that supports Vulkan 1.3 with dynamic rendering,
// synchronization2 and multiview, logs the choice on the instance's Log, and creates it.
// Failure when none fits. Caller owns the result; it must not outlive `instance`.
Result<std::unique_ptr<Device>> create_device(const Instance& instance, const DeviceConfig& config);

}  // namespace meeloop::gpu
