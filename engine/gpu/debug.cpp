#include "gpu/debug.h"

#include <string>

namespace meeloop::gpu {
namespace {

VKAPI_ATTR VkBool32 VKAPI_CALL on_message(VkDebugUtilsMessageSeverityFlagBitsEXT severity,
                                          VkDebugUtilsMessageTypeFlagsEXT types,
                                          const VkDebugUtilsMessengerCallbackDataEXT* data,
                                          void* user) {
  auto* sink = static_cast<DebugSink*>(user);
  const bool validation = types & VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT;
  std::string text = std::string("vulkan: ") + (data->pMessage ? data->pMessage : "");
  if (severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT) {
    if (validation) ++sink->validation_errors;
    sink->log->error(text);
  } else if (severity >= VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT) {
    if (validation) ++sink->validation_warnings;
    sink->log->warn(text);
  } else {
    sink->log->debug(text);
  }
  return VK_FALSE;  // never abort the call: the caller's own checks decide what is fatal
}

}  // namespace

VkDebugUtilsMessengerCreateInfoEXT messenger_create_info(DebugSink* sink) {
  auto ci = vk_struct<VkDebugUtilsMessengerCreateInfoEXT>(VK_STRUCTURE_TYPE_DEBUG_UTILS_MESSENGER_CREATE_INFO_EXT);
  ci.messageSeverity = VK_DEBUG_UTILS_MESSAGE_SEVERITY_WARNING_BIT_EXT |
                       VK_DEBUG_UTILS_MESSAGE_SEVERITY_ERROR_BIT_EXT;
  ci.messageType = VK_DEBUG_UTILS_MESSAGE_TYPE_GENERAL_BIT_EXT |
                   VK_DEBUG_UTILS_MESSAGE_TYPE_VALIDATION_BIT_EXT |
                   VK_DEBUG_UTILS_MESSAGE_TYPE_PERFORMANCE_BIT_EXT;
  ci.pfnUserCallback = on_message;
  ci.pUserData = sink;
  return ci;
}

DebugFns load_debug_fns(VkInstance instance) {
  DebugFns f;
  f.set_object_name = reinterpret_cast<PFN_vkSetDebugUtilsObjectNameEXT>(
      vkGetInstanceProcAddr(instance, "vkSetDebugUtilsObjectNameEXT"));
  f.begin_label = reinterpret_cast<PFN_vkCmdBeginDebugUtilsLabelEXT>(
      vkGetInstanceProcAddr(instance, "vkCmdBeginDebugUtilsLabelEXT"));
  f.end_label = reinterpret_cast<PFN_vkCmdEndDebugUtilsLabelEXT>(
      vkGetInstanceProcAddr(instance, "vkCmdEndDebugUtilsLabelEXT"));
  return f;
}

void set_object_name(const DebugFns& fns, VkDevice device, VkObjectType type, uint64_t handle,
                     std::string_view name) {
  if (!fns.set_object_name || handle == 0) return;
  std::string n(name);
  auto info = vk_struct<VkDebugUtilsObjectNameInfoEXT>(VK_STRUCTURE_TYPE_DEBUG_UTILS_OBJECT_NAME_INFO_EXT);
  info.objectType = type;
  info.objectHandle = handle;
  info.pObjectName = n.c_str();
  fns.set_object_name(device, &info);
}

}  // namespace meeloop::gpu
