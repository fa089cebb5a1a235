#include "xr/overlay_pipeline.h"

#include <vector>

#include "gpu/check.h"
#include "gpu/pipeline.h"

namespace meeloop::xr {

gpu::Handle<VkPipeline> create_overlay_pipeline(const gpu::Device& device, VkShaderModule vertex,
                                                VkShaderModule fragment, VkPipelineLayout layout, uint32_t stride,
                                                std::span<const VkVertexInputAttributeDescription> attributes,
                                                VkFormat color_format, std::string_view name) {
  gpu::GraphicsPipelineDesc d;
  d.vertex = vertex;
  d.fragment = fragment;
  d.layout = layout;
  d.bindings = {{0, stride, VK_VERTEX_INPUT_RATE_VERTEX}};
  d.attributes.assign(attributes.begin(), attributes.end());
  d.color_format = color_format;
  d.depth_format = VK_FORMAT_UNDEFINED;  // over the scene: the UI and markers stay visible
  d.alpha_blend = true;
  d.depth_write = false;
  return gpu::create_graphics_pipeline(device, d, name);
}

void EyeLayers::begin(VkCommandBuffer cmd, VkImage image, uint32_t layer, uint32_t width, uint32_t height) {
  const auto key = std::make_pair(image, layer);
  auto it = views_.find(key);
  if (it == views_.end()) {
    auto ci = gpu::vk_struct<VkImageViewCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO);
    ci.image = image;
    ci.viewType = VK_IMAGE_VIEW_TYPE_2D;
    ci.format = format_;
    ci.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, layer, 1};
    VkImageView raw = VK_NULL_HANDLE;
    MEELOOP_VK_CHECK(vkCreateImageView(device_.get(), &ci, nullptr, &raw));
    it = views_.emplace(key, gpu::Handle<VkImageView>(device_.get(), raw)).first;
  }
  auto att = gpu::vk_struct<VkRenderingAttachmentInfo>(VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO);
  att.imageView = it->second;
  att.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  att.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;
  att.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
  auto info = gpu::vk_struct<VkRenderingInfo>(VK_STRUCTURE_TYPE_RENDERING_INFO);
  info.renderArea = {{0, 0}, {width, height}};
  info.layerCount = 1;
  info.colorAttachmentCount = 1;
  info.pColorAttachments = &att;
  vkCmdBeginRendering(cmd, &info);
  const VkViewport viewport{0.0f, 0.0f, float(width), float(height), 0.0f, 1.0f};
  const VkRect2D scissor{{0, 0}, {width, height}};
  vkCmdSetViewport(cmd, 0, 1, &viewport);
  vkCmdSetScissor(cmd, 0, 1, &scissor);
  vkCmdSetCullMode(cmd, VK_CULL_MODE_NONE);
}

}  // namespace meeloop::xr
