#pragma once
// What desktop play and the kiosk show: the renderer's offscreen image (or a plain colour when
// no scene is shown) copied into the window's swapchain image, with Dear ImGui on top.
#include <memory>
#include <optional>

#include <glm/glm.hpp>

#include "core/error.h"
#include "desktop/swapchain_presenter.h"
#include "desktop/unorm_twin.h"
#include "gpu/context.h"
#include "render/rgba_image.h"
#include "render/target.h"

struct GLFWwindow;
struct ImDrawData;

namespace meeloop::desktop {

class Presenter {
 public:
  // Needs what SwapchainPresenter::create needs.
  static Result<std::unique_ptr<Presenter>> create(const gpu::Context& context, GLFWwindow* window);

  SwapchainPresenter& window() { return *window_; }
  // Presents one frame. `scene` may be null (then `clear` fills the window). With `capture`
  // the presented pixels (3D + UI) are also returned. An out-of-date swapchain is rebuilt and
  // the frame skipped (no capture then).
  Result<std::optional<render::RgbaImage>> present(const render::RenderTarget* scene, ImDrawData* ui,
                                                   glm::vec3 clear, bool capture);

 private:
  void record_scene(const SwapchainFrame& frame, const render::RenderTarget& scene);  // throws GpuException

  const gpu::Context* context_ = nullptr;
  UnormTwin staging_;  // the scene image, copied in each frame
  std::unique_ptr<SwapchainPresenter> window_;  // destroyed first: it waits for the GPU
};

}  // namespace meeloop::desktop
