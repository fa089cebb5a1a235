#pragma once
// VK_EXT_debug_utils: routes validation-layer messages into the Log, counts validation errors,
// and gives objects names that show up in validation messages and GPU debuggers.
#include <atomic>
#include <string_view>
#include <type_traits>

#include <vulkan/vulkan.h>

#include "gpu/vk_struct.h"

#include "core/log.h"

namespace meeloop::gpu {

// Receives messenger callbacks. Owned by the Instance (heap-allocated so the address handed
// to Vulkan as pUserData stays valid when the Instance moves).
struct DebugSink {
  Log* log = nullptr;
  std::atomic<int> validation_errors{0};
  std::atomic<int> validation_warnings{0};
};

// Create-info for a messenger that reports warnings and errors into `sink`. Also chained into
// VkInstanceCreateInfo so instance creation itself is covered.
VkDebugUtilsMessengerCreateInfoEXT messenger_create_info(DebugSink* sink);

// Device-level debug-utils entry points; all null when the extension is not enabled.
struct DebugFns {
  PFN_vkSetDebugUtilsObjectNameEXT set_object_name = nullptr;
  PFN_vkCmdBeginDebugUtilsLabelEXT begin_label = nullptr;
  PFN_vkCmdEndDebugUtilsLabelEXT end_label = nullptr;
};
DebugFns load_debug_fns(VkInstance instance);

template <class T>
constexpr VkObjectType object_type() {
  if constexpr (std::is_same_v<T, VkBuffer>) return VK_OBJECT_TYPE_BUFFER;
  else if constexpr (std::is_same_v<T, VkImage>) return VK_OBJECT_TYPE_IMAGE;
  else if constexpr (std::is_same_v<T, VkImageView>) return VK_OBJECT_TYPE_IMAGE_VIEW;
  else if constexpr (std::is_same_v<T, VkSampler>) return VK_OBJECT_TYPE_SAMPLER;
  else if constexpr (std::is_same_v<T, VkDeviceMemory>) return VK_OBJECT_TYPE_DEVICE_MEMORY;
  else if constexpr (std::is_same_v<T, VkPipeline>) return VK_OBJECT_TYPE_PIPELINE;
  else if constexpr (std::is_same_v<T, VkPipelineLayout>) return VK_OBJECT_TYPE_PIPELINE_LAYOUT;
  else if constexpr (std::is_same_v<T, VkShaderModule>) return VK_OBJECT_TYPE_SHADER_MODULE;
  else if constexpr (std::is_same_v<T, VkDescriptorSet>) return VK_OBJECT_TYPE_DESCRIPTOR_SET;
  else if constexpr (std::is_same_v<T, VkDescriptorSetLayout>) return VK_OBJECT_TYPE_DESCRIPTOR_SET_LAYOUT;
  else if constexpr (std::is_same_v<T, VkDescriptorPool>) return VK_OBJECT_TYPE_DESCRIPTOR_POOL;
  else if constexpr (std::is_same_v<T, VkCommandPool>) return VK_OBJECT_TYPE_COMMAND_POOL;
  else if constexpr (std::is_same_v<T, VkCommandBuffer>) return VK_OBJECT_TYPE_COMMAND_BUFFER;
  else if constexpr (std::is_same_v<T, VkFence>) return VK_OBJECT_TYPE_FENCE;
  else if constexpr (std::is_same_v<T, VkSemaphore>) return VK_OBJECT_TYPE_SEMAPHORE;
  else if constexpr (std::is_same_v<T, VkQueryPool>) return VK_OBJECT_TYPE_QUERY_POOL;
  else if constexpr (std::is_same_v<T, VkQueue>) return VK_OBJECT_TYPE_QUEUE;
  else return VK_OBJECT_TYPE_UNKNOWN;
}

// Names one object (no-op when debug utils are off).
void set_object_name(const DebugFns& fns, VkDevice device, VkObjectType type, uint64_t handle,
                     std::string_view name);
template <class T>
void set_name(const DebugFns& fns, VkDevice device, T handle, std::string_view name) {
  static_assert(object_type<T>() != VK_OBJECT_TYPE_UNKNOWN, "add the type to object_type()");
  set_object_name(fns, device, object_type<T>(), reinterpret_cast<uint64_t>(handle), name);
}

}  // namespace meeloop::gpu
