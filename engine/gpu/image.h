#pragma once
// Images with their memory and a default view, plus samplers.
#include <string_view>

#include <vulkan/vulkan.h>

#include "gpu/device.h"
#include "gpu/handle.h"

namespace meeloop::gpu {

struct ImageDesc {
  VkFormat format = VK_FORMAT_R8G8B8A8_SRGB;
  uint32_t width = 1, height = 1;
  uint32_t mip_levels = 1;  // default 1
  uint32_t layers = 1;      // array layers; the view is a 2D array view when > 1 or `array_view`
  bool array_view = false;  // force a 2D-array view even for one layer (multiview targets)
  VkSampleCountFlagBits samples = VK_SAMPLE_COUNT_1_BIT;
  VkImageUsageFlags usage = VK_IMAGE_USAGE_SAMPLED_BIT;
  VkImageAspectFlags aspect = VK_IMAGE_ASPECT_COLOR_BIT;
};

struct Image {
  Handle<VkDeviceMemory> memory;  // declared first: freed last
  Handle<VkImage> image;
  Handle<VkImageView> view;  // all mips and layers
  ImageDesc desc;
};

// Creates a device-local image and its view (throws GpuException). Caller owns the result.
Image create_image(const Device& device, const ImageDesc& desc, std::string_view name);

// Creates a view of some layers of `image` (e.g. one eye of a stereo target).
Handle<VkImageView> create_view(const Device& device, const Image& image, uint32_t base_layer,
                                uint32_t layer_count, std::string_view name);

// Trilinear, repeating sampler over `mip_levels`, anisotropic where the device allows.
// Without `blend_levels` only the nearest mip level is filtered (bilinear): on a software
// rasteriser that is one texture fetch of four texels instead of two.
Handle<VkSampler> create_sampler(const Device& device, uint32_t mip_levels, std::string_view name,
                                 bool blend_levels = true);

// Mip count for a full chain down to 1x1.
uint32_t full_mip_count(uint32_t width, uint32_t height);

// Whether `format` can be a linear-filtered blit source and destination (for mip generation).
bool can_blit_linear(const Device& device, VkFormat format);

}  // namespace meeloop::gpu
