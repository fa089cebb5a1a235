#pragma once
// The Vulkan instance: loader, optional Khronos validation layer, debug messenger.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "core/error.h"
#include "core/log.h"
#include "gpu/debug.h"
#include "gpu/external.h"
#include "gpu/handle.h"

namespace meeloop::gpu {

struct InstanceConfig {
  std::string app_name = "meeloop";  // default "meeloop"
  // Enable VK_LAYER_KHRONOS_validation: Settings::validation (MEELOOP_VALIDATION), or a test's
  // own choice. No default: creation fails while it is unset, so a caller that forgot to pass
  // the settings can never run with validation silently off. When requested but not
  // installed, instance creation fails too.
  std::optional<bool> validation;
  // Extra instance extensions, e.g. the ones an OpenXR runtime asks for. Default none.
  std::vector<std::string> extensions;
  // Who creates the VkInstance. Default null: vkCreateInstance. Must outlive create_instance.
  const ExternalVulkan* external = nullptr;
};

class Instance {
 public:
  VkInstance get() const { return instance_.get(); }
  bool validation_enabled() const { return validation_; }
  // Validation-layer errors reported so far (0 when validation is off).
  int validation_errors() const { return sink_->validation_errors; }
  int validation_warnings() const { return sink_->validation_warnings; }
  const DebugFns& debug_fns() const { return debug_fns_; }
  Log& log() const { return *sink_->log; }

 private:
  friend Result<std::unique_ptr<Instance>> create_instance(const InstanceConfig&, Log&);
  std::unique_ptr<DebugSink> sink_;
  Handle<VkInstance> instance_;
  Handle<VkDebugUtilsMessengerEXT> messenger_;
  DebugFns debug_fns_;
  bool validation_ = false;
};

// Creates a Vulkan 1.3 instance. Fails (Failure) when the loader or 1.3 is missing or when
// validation was asked for and the layer is not installed. Caller owns the result.
Result<std::unique_ptr<Instance>> create_instance(const InstanceConfig& config, Log& log);

}  // namespace meeloop::gpu
