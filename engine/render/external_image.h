#pragma once
// Handing a finished frame to images the renderer does not own (OpenXR swapchain images).
// The renderer draws every view into its RenderTarget (multiview, or one pass per view on
// lavapipe); this copies layer i of the target into layer i of the external image on the GPU.
#include <functional>
#include <memory>

#include "core/error.h"
#include "gpu/context.h"
#include "render/target.h"

namespace meeloop::render {

// Where a frame's depth goes too (an OpenXR depth swapchain image with a layer per view, in
// DEPTH_STENCIL_ATTACHMENT_OPTIMAL before and after, as OpenXR hands it over). Only kDepthFormat:
// depth/stencil copies cannot convert formats.
struct DepthDestination {
  VkImage image = VK_NULL_HANDLE;
  VkFormat format = VK_FORMAT_UNDEFINED;
};

class ExternalImageCopier {
 public:
  // `context` must outlive the result.
  static Result<std::unique_ptr<ExternalImageCopier>> create(const gpu::Context& context);

  // Copies every layer of `target` (after Renderer::render) into `dst`, an image of the same
  // size with at least as many layers, in COLOR_ATTACHMENT_OPTIMAL before and after (the
  // OpenXR hand-over layout). `dst_format` other than kColorFormat is converted by a blit.
  // `overlay`, when given, records more drawing into `dst` (in COLOR_ATTACHMENT_OPTIMAL)
  // after the copy. `depth`, when given, receives every view's depth (the target must have been
  // made with keep_depth). Submits and waits.
  Status copy(const RenderTarget& target, VkImage dst, VkFormat dst_format,
              const std::function<void(VkCommandBuffer)>& overlay = {},
              const DepthDestination* depth = nullptr);
  double last_ms() const { return last_ms_; }

 private:
  explicit ExternalImageCopier(const gpu::Context& context) : context_(context) {}
  const gpu::Context& context_;
  gpu::Handle<VkCommandPool> pool_;
  VkCommandBuffer cmd_ = VK_NULL_HANDLE;
  gpu::Handle<VkFence> fence_;
  double last_ms_ = 0;
};

}  // namespace meeloop::render
