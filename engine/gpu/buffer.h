#pragma once
// Buffers with their own memory allocation. One allocation per buffer is plenty for a scene
// of a few hundred meshes; a sub-allocator can replace find_memory_type's callers later.
#include <string_view>

#include <vulkan/vulkan.h>

#include "gpu/device.h"
#include "gpu/handle.h"

namespace meeloop::gpu {

enum class MemoryUse {
  DeviceLocal,  // GPU only; filled through a staging upload
  Upload,       // host-visible, coherent, mapped: CPU writes, GPU reads (staging, per-frame data)
  Readback,     // host-visible, cached if possible, mapped: GPU writes, CPU reads
};

struct Buffer {
  Handle<VkDeviceMemory> memory;  // declared first: freed after the buffer
  Handle<VkBuffer> buffer;
  VkDeviceSize size = 0;
  void* mapped = nullptr;  // non-null for Upload/Readback memory; valid while memory lives
};

// Index of a memory type allowed by `type_bits` with all of `required`; throws GpuException.
uint32_t find_memory_type(const Device& device, uint32_t type_bits, VkMemoryPropertyFlags required,
                          VkMemoryPropertyFlags preferred = 0);
// Allocates memory for `requirements` (throws GpuException). Caller owns the result.
Handle<VkDeviceMemory> allocate_memory(const Device& device, const VkMemoryRequirements& req,
                                       VkMemoryPropertyFlags required,
                                       VkMemoryPropertyFlags preferred = 0);
// Creates a buffer with bound (and for host memory, mapped) memory. Throws GpuException.
Buffer create_buffer(const Device& device, VkDeviceSize size, VkBufferUsageFlags usage,
                     MemoryUse use, std::string_view name);

}  // namespace meeloop::gpu
