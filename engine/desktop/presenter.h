#pragma once
// What reaches the window each frame: the renderer's offscreen image (or a plain colour when
// no scene is shown) copied into a swapchain image, Dear ImGui drawn on top with its Vulkan
// backend, then presented. Owns the surface, the swapchain and everything sized by it, and
// rebuilds them after a resize. One frame in flight: the renderer waits for its own frame
// anyway, so a second would buy nothing.
#include <filesystem>
#include <memory>
#include <optional>
#include <vector>

#include <glm/glm.hpp>
#include <vulkan/vulkan.h>

#include "core/error.h"
#include "desktop/vk_handles.h"
#include "gpu/buffer.h"
#include "gpu/context.h"
#include "gpu/image.h"
#include "render/rgba_image.h"
#include "render/target.h"

struct GLFWwindow;
struct ImDrawData;

namespace meeloop::desktop {

class Presenter {
 public:
  // Needs a context created with the GLFW instance extensions and VK_KHR_swapchain, and an
  // ImGui context (ImGui::CreateContext) that outlives the Presenter.
  static Result<std::unique_ptr<Presenter>> create(const gpu::Context& context, GLFWwindow* window);
  ~Presenter();
  Presenter(const Presenter&) = delete;
  Presenter& operator=(const Presenter&) = delete;

  // (Re)uploads ImGui's font atlas (after ui::load_fonts).
  Status upload_fonts();
  // Presents one frame. `scene` may be null (then `clear` fills the window). With `capture`
  // the presented pixels (3D + UI) are also returned. An out-of-date swapchain is rebuilt and
  // the frame skipped (no capture then).
  Result<std::optional<render::RgbaImage>> present(const render::RenderTarget* scene, ImDrawData* ui,
                                                   glm::vec3 clear, bool capture);
  VkExtent2D extent() const { return extent_; }

 private:
  explicit Presenter(const gpu::Context& context) : context_(context) {}
  void create_swapchain();  // throws GpuException
  void destroy_swapchain_objects();
  bool init_imgui();  // the Vulkan backend, drawing through render_pass_

  const gpu::Context& context_;
  GLFWwindow* window_ = nullptr;
  gpu::Handle<VkSurfaceKHR> surface_;
  VkSurfaceFormatKHR format_{};
  VkExtent2D extent_{};
  gpu::Handle<VkRenderPass> render_pass_;
  gpu::Handle<VkDescriptorPool> imgui_pool_;
  gpu::Handle<VkCommandPool> command_pool_;
  VkCommandBuffer cmd_ = VK_NULL_HANDLE;
  gpu::Handle<VkFence> frame_done_;
  gpu::Handle<VkSemaphore> acquired_;
  gpu::Handle<VkSwapchainKHR> swapchain_;
  std::vector<VkImage> images_;  // owned by the swapchain
  std::vector<gpu::Handle<VkImageView>> views_;
  std::vector<gpu::Handle<VkFramebuffer>> framebuffers_;
  std::vector<gpu::Handle<VkSemaphore>> rendered_;  // one per swapchain image
  gpu::Image staging_;      // UNORM twin of the scene image: a raw copy keeps its sRGB bytes
  gpu::Buffer capture_buf_;
  bool imgui_ready_ = false;
  bool capture_supported_ = false;
  bool fonts_uploaded_ = false;
};

}  // namespace meeloop::desktop
