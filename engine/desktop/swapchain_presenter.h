#pragma once
// What every window (desktop play, the kiosk, the headset mirror) does to show a frame: acquire
// a swapchain image, let the caller put its picture in, draw Dear ImGui on top (ImGuiRenderer,
// dynamic rendering), optionally read the pixels back, present. Owns the surface, the swapchain
// and everything sized by it, and rebuilds them after a resize. One frame in flight.
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <vulkan/vulkan.h>

#include "core/error.h"
#include "desktop/imgui_renderer.h"
#include "desktop/vk_handles.h"
#include "gpu/buffer.h"
#include "gpu/context.h"
#include "render/rgba_image.h"

struct GLFWwindow;
struct ImDrawData;

namespace meeloop::desktop {

struct SwapchainOptions {
  std::string name = "window";  // in error messages and Vulkan object names
  // Off: FIFO, and a frame waits for a free image. On: mailbox or immediate where offered,
  // one image more, and a frame is skipped when no image is free (unless it is captured), so a
  // window never holds back whoever calls present() (the headset).
  bool never_wait = false;
};

// The acquired image, TRANSFER_DST_OPTIMAL while the caller fills it (its old contents are gone).
struct SwapchainFrame {
  VkCommandBuffer cmd = VK_NULL_HANDLE;
  VkImage image = VK_NULL_HANDLE;
  VkExtent2D extent{};

  // Records a blit of `src` (TRANSFER_SRC_OPTIMAL, `size` pixels) into `to`.
  void blit(VkImage src, VkExtent2D size, VkRect2D to, VkFilter filter) const;
};

class SwapchainPresenter {
 public:
  // Needs a context whose instance has GLFW's surface extensions and whose device has
  // VK_KHR_swapchain. Fonts and UI come from the ImGui context current at each call.
  static Result<std::unique_ptr<SwapchainPresenter>> create(const gpu::Context& context, GLFWwindow* window,
                                                            const SwapchainOptions& options);
  ~SwapchainPresenter();
  SwapchainPresenter(const SwapchainPresenter&) = delete;
  SwapchainPresenter& operator=(const SwapchainPresenter&) = delete;

  // Loads the interface fonts from `font_dir` at `pixels` (logical size) for the window's
  // `content_scale` into the current ImGui context and uploads its atlas; nothing when the
  // scale is the one loaded last.
  Status fit_fonts(const std::filesystem::path& font_dir, float pixels, float content_scale);

  // Records the frame's picture into the acquired image; may throw GpuException.
  using Fill = std::function<void(const SwapchainFrame&)>;
  // One frame: `fill`, then `ui` on top, then present. With `capture` the presented pixels
  // come back. nullopt otherwise, and when the frame was skipped: minimised, out of date
  // (rebuilt for the next one), or no image free with never_wait.
  Result<std::optional<render::RgbaImage>> present(const Fill& fill, ImDrawData* ui, bool capture);

  // Blocks until the last frame's commands are done (before replacing an image they read).
  void wait_last_frame();
  VkExtent2D extent() const { return extent_; }
  VkPresentModeKHR present_mode() const { return present_mode_; }

 private:
  SwapchainPresenter(const gpu::Context& context, const SwapchainOptions& options)
      : context_(context), options_(options) {}
  void create_swapchain();  // throws GpuException
  void record_ui(VkImageView view, ImDrawData* ui);  // the image is COLOR_ATTACHMENT_OPTIMAL
  void record_capture(VkImage target);
  render::RgbaImage read_capture(VkExtent2D extent) const;

  const gpu::Context& context_;
  SwapchainOptions options_;
  GLFWwindow* window_ = nullptr;
  gpu::Handle<VkSurfaceKHR> surface_;
  VkSurfaceFormatKHR format_{};
  VkPresentModeKHR present_mode_ = VK_PRESENT_MODE_FIFO_KHR;
  VkExtent2D extent_{};
  gpu::Handle<VkCommandPool> command_pool_;
  VkCommandBuffer cmd_ = VK_NULL_HANDLE;
  gpu::Handle<VkFence> frame_done_;
  gpu::Handle<VkSemaphore> acquired_;
  gpu::Handle<VkSwapchainKHR> swapchain_;
  std::vector<VkImage> images_;  // owned by the swapchain
  std::vector<gpu::Handle<VkImageView>> views_;
  std::vector<gpu::Handle<VkSemaphore>> rendered_;  // one per swapchain image
  gpu::Buffer capture_buf_;
  bool capture_supported_ = false;
  std::unique_ptr<ImGuiRenderer> imgui_;
  float font_scale_ = 0;  // 0: no fonts uploaded yet
};

}  // namespace meeloop::desktop
