#include "gpu/buffer.h"

#include <string>

#include "gpu/check.h"

namespace meeloop::gpu {

uint32_t find_memory_type(const Device& device, uint32_t type_bits, VkMemoryPropertyFlags required,
                          VkMemoryPropertyFlags preferred) {
  const auto& mem = device.memory();
  for (VkMemoryPropertyFlags want : {required | preferred, required})
    for (uint32_t i = 0; i < mem.memoryTypeCount; ++i)
      if ((type_bits & (1u << i)) && (mem.memoryTypes[i].propertyFlags & want) == want) return i;
  throw_gpu_failure("no Vulkan memory type with flags " + std::to_string(required));
}

Handle<VkDeviceMemory> allocate_memory(const Device& device, const VkMemoryRequirements& req,
                                       VkMemoryPropertyFlags required,
                                       VkMemoryPropertyFlags preferred) {
  auto ai = vk_struct<VkMemoryAllocateInfo>(VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO);
  ai.allocationSize = req.size;
  ai.memoryTypeIndex = find_memory_type(device, req.memoryTypeBits, required, preferred);
  VkDeviceMemory raw = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkAllocateMemory(device.get(), &ai, nullptr, &raw));
  return {device.get(), raw};
}

Buffer create_buffer(const Device& device, VkDeviceSize size, VkBufferUsageFlags usage,
                     MemoryUse use, std::string_view name) {
  Buffer b;
  b.size = size;
  auto ci = vk_struct<VkBufferCreateInfo>(VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO);
  ci.size = size;
  ci.usage = usage;
  ci.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  VkBuffer raw = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkCreateBuffer(device.get(), &ci, nullptr, &raw));
  b.buffer = {device.get(), raw};
  device.name(raw, name);

  VkMemoryRequirements req;
  vkGetBufferMemoryRequirements(device.get(), raw, &req);
  switch (use) {
    case MemoryUse::DeviceLocal:
      b.memory = allocate_memory(device, req, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
      break;
    case MemoryUse::Upload:
      b.memory = allocate_memory(device, req,
                                 VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
                                     VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
      break;
    case MemoryUse::Readback:
      b.memory = allocate_memory(device, req,
                                 VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT |
                                     VK_MEMORY_PROPERTY_HOST_COHERENT_BIT,
                                 VK_MEMORY_PROPERTY_HOST_CACHED_BIT);
      break;
  }
  device.name(b.memory.get(), name);
  MEELOOP_VK_CHECK(vkBindBufferMemory(device.get(), raw, b.memory, 0));
  if (use != MemoryUse::DeviceLocal)
    MEELOOP_VK_CHECK(vkMapMemory(device.get(), b.memory, 0, VK_WHOLE_SIZE, 0, &b.mapped));
  return b;
}

}  // namespace meeloop::gpu
