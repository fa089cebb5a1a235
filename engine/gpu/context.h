#pragma once
// Instance + device, created together: what the renderer needs to start.
#include <memory>
#include <optional>

#include "core/error.h"
#include "core/log.h"
#include "core/settings.h"
#include "gpu/device.h"
#include "gpu/instance.h"

namespace meeloop::gpu {

struct ContextConfig {
  InstanceConfig instance;
  // Device kind: Settings::gpu (MEELOOP_GPU). Default (nullopt): Auto.
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

// The device kind and validation the settings ask for (MEELOOP_GPU, MEELOOP_VALIDATION); the
// caller adds extensions. What every front end and test helper starts from.
ContextConfig context_config(const Settings& settings);

// Creates the instance and device; logs the device chosen on `log`, which must outlive the
// result. Failure when Vulkan is unusable or config.instance.validation is unset.
Result<std::unique_ptr<Context>> create_context(Log& log, const ContextConfig& config);

}  // namespace meeloop::gpu
