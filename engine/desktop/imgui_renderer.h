#pragma once
// Draws Dear ImGui's triangles with dynamic rendering, in place of 1.86's Vulkan backend (which
// needs a VkRenderPass): the font atlas as an image, one alpha-blended pipeline for the
// target's format, vertex and index buffers grown as needed, ImGui's clip rectangles as
// scissors. Colours pass through unconverted, so the target should be UNORM (ImGui's colours
// are sRGB-encoded already). Every ImGui host draws with it: the windows and the headset
// panel's texture (xr/panel_texture.h). One frame in flight: the caller waits for the last
// frame it recorded before recording the next.
#include <optional>
#include <string>

#include <vulkan/vulkan.h>

#include "gpu/buffer.h"
#include "gpu/device.h"
#include "gpu/handle.h"
#include "gpu/image.h"

struct ImDrawData;

namespace meeloop::desktop {

// The rectangle ImGui's clip rectangle `clip` (x1, y1, x2, y2 in display coordinates starting
// at `display_pos`, scaled by `scale` to pixels) covers inside a `target` of pixels; empty
// (zero extent) when nothing of it is inside.
VkRect2D imgui_scissor(const float clip[4], const float display_pos[2], const float scale[2], VkExtent2D target);

// The renderer's precondition, as one synchronization2 barrier: `image` moved from `old_layout`
// into COLOR_ATTACHMENT_OPTIMAL once the work before it on the image (`src_stage`) is done and
// its writes (`src_access`) are visible, so the draw may clear or load it and blend over it.
void imgui_target_barrier(VkCommandBuffer cmd, VkImage image, VkImageLayout old_layout,
                          VkPipelineStageFlags2 src_stage, VkAccessFlags2 src_access);

class ImGuiRenderer {
 public:
  // For a `color_format` target (a rendering with one colour attachment, no depth). Throws
  // GpuException. `name` names the Vulkan objects.
  ImGuiRenderer(const gpu::Device& device, VkFormat color_format, std::string name);
  ImGuiRenderer(const ImGuiRenderer&) = delete;
  ImGuiRenderer& operator=(const ImGuiRenderer&) = delete;

  // Uploads the current ImGui context's font atlas (after its fonts were (re)built), replacing
  // the last one, makes it the atlas's texture id and tells the context that vertex offsets are
  // honoured. The GPU must not be using the old atlas: the caller waits for the device first.
  // Throws GpuException.
  void upload_fonts();
  bool has_fonts() const { return font_.image != VK_NULL_HANDLE; }

  // Records `data` into `cmd`, which is inside a vkCmdBeginRendering onto a `target`-sized
  // image of the renderer's format. Sets viewport, scissor and cull mode. Throws GpuException.
  void record(VkCommandBuffer cmd, const ImDrawData& data, VkExtent2D target);

  // One rendering onto `view` (a `target`-sized image of the renderer's format, made ready by
  // imgui_target_barrier): cleared to `clear`, or loaded when there is none, then `data` drawn
  // over it when given. Throws GpuException.
  void record_pass(VkCommandBuffer cmd, VkImageView view, VkExtent2D target,
                   std::optional<VkClearColorValue> clear, const ImDrawData* data);

 private:
  void setup(VkCommandBuffer cmd, const ImDrawData& data, VkExtent2D target) const;

  const gpu::Device& device_;
  std::string name_;
  gpu::Handle<VkSampler> sampler_;
  gpu::Handle<VkDescriptorSetLayout> set_layout_;
  gpu::Handle<VkDescriptorPool> pool_;
  VkDescriptorSet set_ = VK_NULL_HANDLE;  // freed with pool_
  gpu::Handle<VkPipelineLayout> layout_;
  gpu::Handle<VkPipeline> pipeline_;
  gpu::Image font_;
  gpu::Buffer vertices_, indices_;
};

}  // namespace meeloop::desktop
