#pragma once
// The Vulkan side of the headset mirror window: a copy of the left eye kept on the GPU, shown
// letterboxed above the operator strip, Dear ImGui (the strip) drawn on top, presented without
// ever making the headset wait. No CPU read-back except for an asked-for screenshot.
//
// Per headset frame: record_eye_copy() goes into the player's own command buffer (the eye as
// the visitor sees it, panel included), then present() blits that copy into the window.
// Both run on the device's one queue, so queue order plus barriers keep them apart.
#include <memory>
#include <optional>
#include <vector>

#include <vulkan/vulkan.h>

#include "core/error.h"
#include "desktop/vk_handles.h"
#include "gpu/buffer.h"
#include "gpu/context.h"
#include "gpu/image.h"
#include "render/rgba_image.h"

struct GLFWwindow;
struct ImDrawData;

namespace meeloop::xr {

// The largest rectangle with `image`'s aspect ratio centred in `area` (which starts at 0,0).
VkRect2D letterbox(VkExtent2D area, VkExtent2D image);

class MirrorPresenter {
 public:
  // Needs a context whose instance has GLFW's surface extensions and whose device has
  // VK_KHR_swapchain, and the window's ImGui context current (its Vulkan backend lives there).
  static Result<std::unique_ptr<MirrorPresenter>> create(const gpu::Context& context, GLFWwindow* window);
  ~MirrorPresenter();
  MirrorPresenter(const MirrorPresenter&) = delete;
  MirrorPresenter& operator=(const MirrorPresenter&) = delete;

  // (Re)uploads ImGui's font atlas. Throws nothing; Failure on a GPU error.
  Status upload_fonts();
  // Records into `cmd` a copy of layer 0 of `eye` (`width` x `height`, COLOR_ATTACHMENT_OPTIMAL
  // before and after, as the OpenXR hand-over wants) into the mirror's own image. Throws
  // GpuException (the caller's command buffer is then unusable, as for any recording error).
  void record_eye_copy(VkCommandBuffer cmd, VkImage eye, VkFormat format, uint32_t width, uint32_t height);
  // Shows the last copied eye letterboxed above the bottom `strip_pixels` rows, and `ui` on
  // top. Skips the frame (returns nullopt) when the window has no image free right now, unless
  // `capture`, which waits for one and returns the presented pixels.
  Result<std::optional<render::RgbaImage>> present(ImDrawData* ui, uint32_t strip_pixels, bool capture);
  VkExtent2D extent() const { return extent_; }
  VkRect2D eye_rect() const { return eye_rect_; }  // where the eye was drawn last, in pixels
  VkPresentModeKHR present_mode() const { return present_mode_; }

 private:
  explicit MirrorPresenter(const gpu::Context& context) : context_(context) {}
  void create_swapchain();  // throws GpuException
  bool init_imgui();

  const gpu::Context& context_;
  GLFWwindow* window_ = nullptr;
  gpu::Handle<VkSurfaceKHR> surface_;
  VkSurfaceFormatKHR format_{};
  VkPresentModeKHR present_mode_ = VK_PRESENT_MODE_FIFO_KHR;
  VkExtent2D extent_{};
  VkRect2D eye_rect_{};
  gpu::Handle<VkRenderPass> render_pass_;
  gpu::Handle<VkDescriptorPool> imgui_pool_;
  gpu::Handle<VkCommandPool> command_pool_;
  VkCommandBuffer cmd_ = VK_NULL_HANDLE;
  gpu::Handle<VkFence> frame_done_;
  gpu::Handle<VkSemaphore> acquired_;
  gpu::Handle<VkSwapchainKHR> swapchain_;
  std::vector<VkImage> images_;
  std::vector<gpu::Handle<VkImageView>> views_;
  std::vector<gpu::Handle<VkFramebuffer>> framebuffers_;
  std::vector<gpu::Handle<VkSemaphore>> rendered_;
  gpu::Image eye_;          // UNORM twin of the eye's format: a raw copy keeps the sRGB bytes
  bool eye_valid_ = false;  // a frame has been copied in
  VkFilter eye_filter_ = VK_FILTER_LINEAR;
  gpu::Buffer capture_buf_;
  bool capture_supported_ = false;
  bool imgui_ready_ = false, fonts_uploaded_ = false;
};

}  // namespace meeloop::xr
