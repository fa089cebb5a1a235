#include "gpu/context.h"

namespace meeloop::gpu {

Result<std::unique_ptr<Context>> create_context(Log& log, const ContextConfig& config) {
  DeviceConfig dc;
  dc.extensions = config.device_extensions;
  dc.external = config.external;
  if (config.preference) {
    dc.preference = *config.preference;
  } else {
    auto env = gpu_preference_from_env();
    if (!env) return env.error();
    dc.preference = *env;
  }
  InstanceConfig ic = config.instance;
  if (config.external) ic.external = config.external;
  auto instance = create_instance(ic, log);
  if (!instance) return instance.error();
  auto device = create_device(**instance, dc);
  if (!device) return device.error();
  return std::make_unique<Context>(std::move(*instance), std::move(*device));
}

}  // namespace meeloop::gpu
