#include "gpu/descriptors.h"

#include "gpu/check.h"

namespace meeloop::gpu {

Handle<VkDescriptorSetLayout> create_set_layout(
    const Device& device, std::span<const VkDescriptorSetLayoutBinding> bindings,
    std::string_view name) {
  auto ci = vk_struct<VkDescriptorSetLayoutCreateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO);
  ci.bindingCount = uint32_t(bindings.size());
  ci.pBindings = bindings.data();
  VkDescriptorSetLayout raw = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkCreateDescriptorSetLayout(device.get(), &ci, nullptr, &raw));
  device.name(raw, name);
  return {device.get(), raw};
}

Handle<VkDescriptorPool> create_descriptor_pool(const Device& device,
                                                std::span<const VkDescriptorPoolSize> sizes,
                                                uint32_t max_sets, std::string_view name) {
  auto ci = vk_struct<VkDescriptorPoolCreateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO);
  ci.maxSets = max_sets;
  ci.poolSizeCount = uint32_t(sizes.size());
  ci.pPoolSizes = sizes.data();
  VkDescriptorPool raw = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkCreateDescriptorPool(device.get(), &ci, nullptr, &raw));
  device.name(raw, name);
  return {device.get(), raw};
}

VkDescriptorSet allocate_set(const Device& device, VkDescriptorPool pool,
                             VkDescriptorSetLayout layout, std::string_view name) {
  auto ai = vk_struct<VkDescriptorSetAllocateInfo>(VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO);
  ai.descriptorPool = pool;
  ai.descriptorSetCount = 1;
  ai.pSetLayouts = &layout;
  VkDescriptorSet set = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkAllocateDescriptorSets(device.get(), &ai, &set));
  device.name(set, name);
  return set;
}

void write_buffer(const Device& device, VkDescriptorSet set, uint32_t binding,
                  VkDescriptorType type, VkBuffer buffer, VkDeviceSize range) {
  VkDescriptorBufferInfo bi{buffer, 0, range};
  auto w = vk_struct<VkWriteDescriptorSet>(VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET);
  w.dstSet = set;
  w.dstBinding = binding;
  w.descriptorCount = 1;
  w.descriptorType = type;
  w.pBufferInfo = &bi;
  vkUpdateDescriptorSets(device.get(), 1, &w, 0, nullptr);
}

void write_image(const Device& device, VkDescriptorSet set, uint32_t binding, VkImageView view,
                 VkSampler sampler) {
  VkDescriptorImageInfo ii{sampler, view, VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL};
  auto w = vk_struct<VkWriteDescriptorSet>(VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET);
  w.dstSet = set;
  w.dstBinding = binding;
  w.descriptorCount = 1;
  w.descriptorType = VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER;
  w.pImageInfo = &ii;
  vkUpdateDescriptorSets(device.get(), 1, &w, 0, nullptr);
}

}  // namespace meeloop::gpu
