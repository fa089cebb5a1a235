#pragma once
// The swapchains both eyes are drawn into: one image with two array layers (layer 0 = left
// eye, 1 = right), as multiview wants it. Colour is sRGB, handed over in
// COLOR_ATTACHMENT_OPTIMAL; depth (XR_KHR_composition_layer_depth) in
// DEPTH_STENCIL_ATTACHMENT_OPTIMAL. The runtime creates the images on our VkDevice.
#include <memory>
#include <vector>

#include "core/error.h"
#include "xr/session.h"

namespace meeloop::xr {

enum class SwapchainKind { Color, Depth };

// The VkFormats the session's runtime offers for swapchains, in its order of preference.
Result<std::vector<int64_t>> offered_swapchain_formats(const Session& session);

// What else, besides the frame copied in and (colour) overlays drawn on it, is done with the
// images. A runtime may create them with no more usage than asked for, so every use must be
// named here.
struct SwapchainUse {
  bool copied_out = false;  // a transfer source, e.g. the operator mirror copies the left eye out
};

class StereoSwapchain {
 public:
  // `format` must be one the runtime offers (Failure naming the offered ones otherwise).
  static Result<std::unique_ptr<StereoSwapchain>> create(const Session& session, uint32_t width, uint32_t height,
                                                         VkFormat format, SwapchainKind kind = SwapchainKind::Color,
                                                         SwapchainUse use = {});
  uint32_t width() const { return width_; }
  uint32_t height() const { return height_; }
  VkFormat format() const { return format_; }
  XrSwapchain get() const { return swapchain_; }

  // Acquires and waits for the next image; returns it. Pair with release().
  VkImage acquire();
  void release();

 private:
  XrHandle<XrSwapchain> swapchain_;
  std::vector<XrSwapchainImageVulkan2KHR> images_;
  uint32_t width_ = 0, height_ = 0;
  VkFormat format_ = VK_FORMAT_UNDEFINED;
};

}  // namespace meeloop::xr
