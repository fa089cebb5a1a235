#pragma once
// Descriptor set layouts, pools, sets and writes.
#include <span>
#include <string_view>

#include <vulkan/vulkan.h>

#include "gpu/device.h"
#include "gpu/handle.h"

namespace meeloop::gpu {

Handle<VkDescriptorSetLayout> create_set_layout(
    const Device& device, std::span<const VkDescriptorSetLayoutBinding> bindings,
    std::string_view name);
// A pool for up to `max_sets` sets drawing on `sizes`. Sets are freed with the pool.
Handle<VkDescriptorPool> create_descriptor_pool(const Device& device,
                                                std::span<const VkDescriptorPoolSize> sizes,
                                                uint32_t max_sets, std::string_view name);
VkDescriptorSet allocate_set(const Device& device, VkDescriptorPool pool,
                             VkDescriptorSetLayout layout, std::string_view name);
// Points `binding` of `set` at a whole buffer.
void write_buffer(const Device& device, VkDescriptorSet set, uint32_t binding,
                  VkDescriptorType type, VkBuffer buffer, VkDeviceSize range = VK_WHOLE_SIZE);
// Points `binding` of `set` at a sampled image in SHADER_READ_ONLY_OPTIMAL layout.
void write_image(const Device& device, VkDescriptorSet set, uint32_t binding, VkImageView view,
                 VkSampler sampler);

}  // namespace meeloop::gpu
