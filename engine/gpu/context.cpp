#include "gpu/context.h"

namespace meeloop::gpu {

ContextConfig context_config(const Settings& settings) {
  ContextConfig c;
  c.instance.validation = settings.validation;
  c.preference = settings.gpu;
  return c;
}

Result<std::unique_ptr<Context>> create_context(Log& log, const ContextConfig& config) {
  DeviceConfig dc;
  dc.extensions = config.device_extensions;
  dc.external = config.external;
  dc.preference = config.preference.value_or(GpuPreference::Auto);
  InstanceConfig ic = config.instance;
  if (config.external) ic.external = config.external;
  MEELOOP_ASSIGN_OR_RETURN(auto instance, create_instance(ic, log));
  MEELOOP_ASSIGN_OR_RETURN(auto device, create_device(*instance, dc));
  return std::make_unique<Context>(std::move(instance), std::move(device));
}

}  // namespace meeloop::gpu
