#pragma once
// What the headset's world-space overlays (the panel layer, the comfort layer) share: one
// alpha-blended triangle pipeline without depth, drawn after the scene into each layer (eye)
// of the swapchain image.
#include <map>
#include <span>
#include <string_view>
#include <utility>

#include <vulkan/vulkan.h>

#include "gpu/device.h"
#include "gpu/handle.h"

namespace meeloop::xr {

// Triangles with one interleaved vertex buffer of `stride` bytes, blended over the scene, no
// depth test (overlays stay visible), both sides drawn. Throws GpuException.
gpu::Handle<VkPipeline> create_overlay_pipeline(const gpu::Device& device, VkShaderModule vertex,
                                                VkShaderModule fragment, VkPipelineLayout layout, uint32_t stride,
                                                std::span<const VkVertexInputAttributeDescription> attributes,
                                                VkFormat color_format, std::string_view name);

// Views of single layers of the swapchain's images, made on first use and kept.
class EyeLayers {
 public:
  EyeLayers(const gpu::Device& device, VkFormat format) : device_(device), format_(format) {}
  // Begins rendering into `layer` of `image` (COLOR_ATTACHMENT_OPTIMAL, contents kept) with
  // the full viewport and scissor set and culling off. End with vkCmdEndRendering.
  void begin(VkCommandBuffer cmd, VkImage image, uint32_t layer, uint32_t width, uint32_t height);

 private:
  const gpu::Device& device_;
  VkFormat format_;
  std::map<std::pair<VkImage, uint32_t>, gpu::Handle<VkImageView>> views_;
};

}  // namespace meeloop::xr
