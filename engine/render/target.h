#pragma once
// Where a frame is drawn: one array layer per view (multiview), multisampled colour and depth,
// resolved into an sRGB image that can be read back or (later) handed to an OpenXR swapchain.
#include <cstdint>
#include <vector>

#include <vulkan/vulkan.h>

#include "gpu/buffer.h"
#include "gpu/device.h"
#include "gpu/image.h"

namespace meeloop::render {

inline constexpr VkFormat kColorFormat = VK_FORMAT_R8G8B8A8_SRGB;  // store encodes linear->sRGB
inline constexpr VkFormat kDepthFormat = VK_FORMAT_D32_SFLOAT;

class RenderTarget {
 public:
  uint32_t width() const { return width_; }
  uint32_t height() const { return height_; }
  uint32_t views() const { return views_; }
  VkSampleCountFlagBits samples() const { return samples_; }
  // Final single-sample image (one layer per view) and its layout after the last frame.
  const gpu::Image& resolved() const { return resolved_; }
  VkImageLayout resolved_layout() const { return resolved_layout_; }

 private:
  friend class Renderer;
  friend RenderTarget create_target(const gpu::Device&, uint32_t, uint32_t, uint32_t,
                                    VkSampleCountFlagBits, bool);
  uint32_t width_ = 0, height_ = 0, views_ = 1;
  VkSampleCountFlagBits samples_ = VK_SAMPLE_COUNT_1_BIT;
  // Multisampled colour (empty when samples_ == 1: draw straight into resolved_) and depth.
  // One layer per view, or a single layer reused by each view's pass (see per_view_passes).
  gpu::Image color_msaa_;
  gpu::Image depth_;
  gpu::Image resolved_;
  VkImageLayout resolved_layout_ = VK_IMAGE_LAYOUT_UNDEFINED;
  gpu::Buffer readback_;  // created on the first read-back
  // Single-layer views of resolved_, one per view, for drawing the views one pass each.
  std::vector<gpu::Handle<VkImageView>> resolved_layers_;
};

// Creates a target of `views` layers. `samples` must be supported for colour and depth
// (Renderer picks it). With `per_view_passes` the multisampled colour and depth images have one
// layer, reused by each view's pass. Throws GpuException; the caller owns the result.
RenderTarget create_target(const gpu::Device& device, uint32_t width, uint32_t height,
                           uint32_t views, VkSampleCountFlagBits samples, bool per_view_passes);

// Highest sample count <= `wanted` usable for both kColorFormat and kDepthFormat attachments.
VkSampleCountFlagBits pick_samples(const gpu::Device& device, uint32_t wanted);

}  // namespace meeloop::render
