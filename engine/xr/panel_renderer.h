#pragma once
// Draws the in-world dialogue panel (PanelUi's Dear ImGui drawing as a texture on a quad in the
// room), the hovered object's frame and the pointer rays into both layers of a swapchain image,
// over the rendered scene: world-space triangles, one pass per eye.
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include <glm/glm.hpp>

#include "core/error.h"
#include "gpu/buffer.h"
#include "gpu/context.h"
#include "render/camera.h"
#include "xr/hotspots.h"
#include "xr/overlay_pipeline.h"
#include "xr/panel_texture.h"
#include "xr/panel_ui.h"

namespace meeloop::xr {

// What the world-space layer shows this frame besides the panel's own contents.
struct PanelView {
  glm::mat4 world_from_panel{1.0f};
  std::optional<Hotspot> hover_spot;
  struct Ray {
    glm::vec3 from, to;
  };
  std::vector<Ray> rays;
};

class PanelRenderer {
 public:
  // `color_format`: the swapchain's. `context` and `ui` must outlive the result.
  static Result<std::unique_ptr<PanelRenderer>> create(const gpu::Context& context, VkFormat color_format, PanelUi& ui,
                                                       const std::filesystem::path& shader_dir);
  ~PanelRenderer();
  // Builds this frame's triangles.
  void prepare(const PanelView& view, std::span<const render::View> eyes);
  // Redraws the panel's texture if its contents changed, then draws into layer i of `image`
  // with eye i (image in COLOR_ATTACHMENT_OPTIMAL, stays so).
  void record(VkCommandBuffer cmd, VkImage image, uint32_t width, uint32_t height);
  const PanelTexture& texture() const { return *texture_; }

 private:
  PanelRenderer(const gpu::Context& context, PanelUi& ui) : context_(context), ui_(ui) {}
  struct Vertex {
    glm::vec3 position;
    glm::vec2 uv;  // x < 0: a solid shape, not textured
    glm::vec4 color;
  };
  void strip(const glm::vec3 (&corners)[4], glm::vec4 color);

  const gpu::Context& context_;
  PanelUi& ui_;
  std::unique_ptr<PanelTexture> texture_;
  gpu::Handle<VkShaderModule> vert_, frag_;
  gpu::Handle<VkSampler> sampler_;
  gpu::Handle<VkDescriptorSetLayout> set_layout_;
  gpu::Handle<VkDescriptorPool> pool_;
  VkDescriptorSet set_ = VK_NULL_HANDLE;
  gpu::Handle<VkPipelineLayout> layout_;
  gpu::Handle<VkPipeline> pipeline_;
  gpu::Buffer vertices_;
  std::vector<Vertex> cpu_;
  VkFormat render_format_ = VK_FORMAT_UNDEFINED;
  std::vector<glm::mat4> view_proj_;
  std::unique_ptr<EyeLayers> eyes_;
};

}  // namespace meeloop::xr
