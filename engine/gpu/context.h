#pragma once
// Instance + device, created together: what the renderer needs to start.
#include <memory>
#include <optional>

#include "core/error.h"
#include "core/log.h"
#include "gpu/device.h"
#include "gpu/instance.h"

namespace meeloop::gpu {

struct ContextConfig {
  InstanceConfig instance;
  // Device kind. Default (nullopt): MEELOOP_GPU, else Auto. A value here wins over the env.
  std::optional<GpuPreference> preference;
  std::vector<std::string> device_extensions;  // default none
  // Instance and device created by someone else, e.g. an OpenXR runtime (gpu/external.h).
  // Default null. Must outlive create_context.
  const ExternalVulkan* external = nullptr;
};

class Context {
 public:
  Context(std::unique_ptr<Instance> instance, std::unique_ptr<Device> device)
      : instance_(std::move(instance)), device_(std::move(device)) {}
  const Instance& instance() const { return *instance_; }
  const Device& device() const { return *device_; }
  Log& log() const { return instance_->log(); }
  int validation_errors() const { return instance_->validation_errors(); }

 private:
  std::unique_ptr<Instance> instance_;  // declared first: destroyed after the device
  std::unique_ptr<Device> device_;
};

// Creates the instance and device; logs the device chosen on `log`, which must outlive the
// result. BadInput for a bad MEELOOP_GPU value, Failure when Vulkan is unusable.
Result<std::unique_ptr<Context>> create_context(Log& log, const ContextConfig& config = {});

}  // namespace meeloop::gpu
