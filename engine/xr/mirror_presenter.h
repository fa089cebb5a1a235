#pragma once
// The Vulkan side of the headset mirror window: a copy of the left eye kept on the GPU, shown
// letterboxed above the operator strip in the window's swapchain (desktop::SwapchainPresenter,
// which never makes the headset wait). No CPU read-back except for an asked-for screenshot.
//
// Per headset frame: record_eye_copy() goes into the player's own command buffer (the eye as
// the visitor sees it, panel included), then present() blits that copy into the window.
// Both run on the device's one queue, so queue order plus barriers keep them apart.
#include <memory>
#include <optional>

#include <vulkan/vulkan.h>

#include "core/error.h"
#include "desktop/swapchain_presenter.h"
#include "desktop/unorm_twin.h"
#include "gpu/context.h"
#include "render/rgba_image.h"

struct GLFWwindow;
struct ImDrawData;

namespace meeloop::xr {

// The largest rectangle with `image`'s aspect ratio centred in `area` (which starts at 0,0).
VkRect2D letterbox(VkExtent2D area, VkExtent2D image);

class MirrorPresenter {
 public:
  // Needs what desktop::SwapchainPresenter::create needs.
  static Result<std::unique_ptr<MirrorPresenter>> create(const gpu::Context& context, GLFWwindow* window);

  desktop::SwapchainPresenter& window() { return *window_; }
  // Records into `cmd` a copy of layer 0 of `eye` (`width` x `height`, COLOR_ATTACHMENT_OPTIMAL
  // before and after, as the OpenXR hand-over wants) into the mirror's own image. `eye` must
  // have transfer-source usage (StereoSwapchain: SwapchainUse::copied_out). Throws
  // GpuException (the caller's command buffer is then unusable, as for any recording error).
  void record_eye_copy(VkCommandBuffer cmd, VkImage eye, VkFormat format, uint32_t width, uint32_t height);
  // Shows the last copied eye letterboxed above the bottom `strip_pixels` rows, and `ui` on
  // top. Skips the frame (returns nullopt) when the window has no image free right now, unless
  // `capture`, which waits for one and returns the presented pixels.
  Result<std::optional<render::RgbaImage>> present(ImDrawData* ui, uint32_t strip_pixels, bool capture);
  VkRect2D eye_rect() const { return eye_rect_; }  // where the eye was drawn last, in pixels

 private:
  const gpu::Context* context_ = nullptr;
  VkRect2D eye_rect_{};
  desktop::UnormTwin eye_;  // valid once a frame has been copied in
  std::unique_ptr<desktop::SwapchainPresenter> window_;  // destroyed first: it waits for the GPU
};

}  // namespace meeloop::xr
