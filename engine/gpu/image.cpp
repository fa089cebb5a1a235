#include "gpu/image.h"

#include <algorithm>
#include <bit>

#include "gpu/buffer.h"
#include "gpu/check.h"

namespace meeloop::gpu {

Image create_image(const Device& device, const ImageDesc& desc, std::string_view name) {
  Image img;
  img.desc = desc;
  auto ci = vk_struct<VkImageCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_CREATE_INFO);
  ci.imageType = VK_IMAGE_TYPE_2D;
  ci.format = desc.format;
  ci.extent = {desc.width, desc.height, 1};
  ci.mipLevels = desc.mip_levels;
  ci.arrayLayers = desc.layers;
  ci.samples = desc.samples;
  ci.tiling = VK_IMAGE_TILING_OPTIMAL;
  ci.usage = desc.usage;
  ci.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  ci.initialLayout = VK_IMAGE_LAYOUT_UNDEFINED;
  VkImage raw = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkCreateImage(device.get(), &ci, nullptr, &raw));
  img.image = {device.get(), raw};
  device.name(raw, name);

  VkMemoryRequirements req;
  vkGetImageMemoryRequirements(device.get(), raw, &req);
  img.memory = allocate_memory(device, req, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT);
  MEELOOP_VK_CHECK(vkBindImageMemory(device.get(), raw, img.memory, 0));
  img.view = create_view(device, img, 0, desc.layers, name);
  return img;
}

Handle<VkImageView> create_view(const Device& device, const Image& image, uint32_t base_layer,
                                uint32_t layer_count, std::string_view name) {
  const ImageDesc& d = image.desc;
  auto ci = vk_struct<VkImageViewCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO);
  ci.image = image.image;
  ci.viewType = (layer_count > 1 || d.array_view) ? VK_IMAGE_VIEW_TYPE_2D_ARRAY
                                                  : VK_IMAGE_VIEW_TYPE_2D;
  ci.format = d.format;
  ci.subresourceRange = {d.aspect, 0, d.mip_levels, base_layer, layer_count};
  VkImageView raw = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkCreateImageView(device.get(), &ci, nullptr, &raw));
  device.name(raw, name);
  return {device.get(), raw};
}

Handle<VkSampler> create_sampler(const Device& device, uint32_t mip_levels, std::string_view name,
                                 bool blend_levels) {
  auto ci = vk_struct<VkSamplerCreateInfo>(VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO);
  ci.magFilter = VK_FILTER_LINEAR;
  ci.minFilter = VK_FILTER_LINEAR;
  ci.mipmapMode = blend_levels ? VK_SAMPLER_MIPMAP_MODE_LINEAR : VK_SAMPLER_MIPMAP_MODE_NEAREST;
  ci.addressModeU = ci.addressModeV = ci.addressModeW = VK_SAMPLER_ADDRESS_MODE_REPEAT;
  ci.maxLod = float(mip_levels);
  // Anisotropy is costly on lavapipe and barely visible at preview sizes.
  if (device.anisotropy() && !device.is_software()) {
    ci.anisotropyEnable = VK_TRUE;
    ci.maxAnisotropy = std::min(8.0f, device.properties().limits.maxSamplerAnisotropy);
  }
  VkSampler raw = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkCreateSampler(device.get(), &ci, nullptr, &raw));
  device.name(raw, name);
  return {device.get(), raw};
}

uint32_t full_mip_count(uint32_t width, uint32_t height) {
  return uint32_t(std::bit_width(std::max(1u, std::max(width, height))));
}

bool can_blit_linear(const Device& device, VkFormat format) {
  VkFormatProperties p;
  vkGetPhysicalDeviceFormatProperties(device.physical(), format, &p);
  const VkFormatFeatureFlags need = VK_FORMAT_FEATURE_BLIT_SRC_BIT | VK_FORMAT_FEATURE_BLIT_DST_BIT |
                                    VK_FORMAT_FEATURE_SAMPLED_IMAGE_FILTER_LINEAR_BIT;
  return (p.optimalTilingFeatures & need) == need;
}

}  // namespace meeloop::gpu
