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
  // The scene depth of each view (single-sample kDepthFormat, one layer per view, in
  // TRANSFER_SRC_OPTIMAL after a frame), or null unless the target was made with keep_depth.
  const gpu::Image* kept_depth() const;
  VkImageLayout kept_depth_layout() const { return kept_depth_layout_; }

  // For Renderer::record: the depth attachment of a pass over all views (`all_views`) or of
  // view `view` alone, storing (and at MSAA resolving sample 0 of) the depth when it is kept.
  void fill_depth_attachment(VkRenderingAttachmentInfo& att, bool all_views, uint32_t view) const;
  // Before the first pass: the resolved depth becomes an attachment (nothing when not kept).
  void record_kept_depth_begin(VkCommandBuffer cmd) const;
  // After per-view pass `view` (nothing unless per-view passes keep MSAA depth).
  void record_kept_depth_after_pass(VkCommandBuffer cmd, uint32_t view) const;
  // After the last pass: the kept depth becomes a transfer source.
  void record_kept_depth_end(VkCommandBuffer cmd);

 private:
  friend class Renderer;
  friend RenderTarget create_target(const gpu::Device&, uint32_t, uint32_t, uint32_t,
                                    VkSampleCountFlagBits, bool, bool);
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
  // keep_depth: at 1x depth_ itself has a layer per view and is stored; with MSAA sample 0 is
  // resolved into depth_resolved_ (VK_RESOLVE_MODE_SAMPLE_ZERO_BIT, core in Vulkan 1.2).
  // depth_layers_ are single-layer views of the kept image for per-view passes. Per-view
  // passes with MSAA resolve into depth_pass_ (one layer) and copy it into the view's layer:
  // lavapipe's resolve ignores a resolve view's base layer (see record.cpp).
  bool keep_depth_ = false;
  bool per_view_ = false;
  gpu::Image depth_resolved_;
  gpu::Image depth_pass_;
  std::vector<gpu::Handle<VkImageView>> depth_layers_;
  VkImageLayout kept_depth_layout_ = VK_IMAGE_LAYOUT_UNDEFINED;
};

// Creates a target of `views` layers. `samples` must be supported for colour and depth
// (Renderer picks it). With `per_view_passes` the multisampled colour and depth images have one
// layer, reused by each view's pass. `keep_depth` keeps each view's depth for kept_depth() (an
// OpenXR depth layer); without it depth never leaves the GPU's tiles. Throws GpuException; the
// caller owns the result.
RenderTarget create_target(const gpu::Device& device, uint32_t width, uint32_t height,
                           uint32_t views, VkSampleCountFlagBits samples, bool per_view_passes,
                           bool keep_depth = false);

// Highest sample count <= `wanted` usable for both kColorFormat and kDepthFormat attachments.
VkSampleCountFlagBits pick_samples(const gpu::Device& device, uint32_t wanted);

}  // namespace meeloop::render
