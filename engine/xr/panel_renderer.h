#pragma once
// Draws the in-world dialogue panel (background, text block, one bar per option, the hovered
// row highlighted, every text in the interface's font), hotspot hover frames and the pointer
// rays into both layers of a swapchain image, over the rendered scene: world-space triangles
// textured with the font atlas, one pass per eye.
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/error.h"
#include "gpu/buffer.h"
#include "gpu/context.h"
#include "render/camera.h"
#include "scenario/runtime.h"
#include "xr/hotspots.h"
#include "gpu/image.h"
#include "xr/panel.h"
#include "xr/panel_text.h"

namespace meeloop::xr {

// What the panel shows this frame.
struct PanelView {
  PanelLayout layout;
  glm::mat4 world_from_panel{1.0f};
  int hover_row = -1;
  std::optional<Hotspot> hover_spot;
  std::string supervisor_hint;  // locale key of the last answer at this step
  struct Ray {
    glm::vec3 from, to;
  };
  std::vector<Ray> rays;
};

class PanelRenderer {
 public:
  // `color_format`: the swapchain's. `context` must outlive the result.
  static Result<std::unique_ptr<PanelRenderer>> create(const gpu::Context& context, VkFormat color_format);
  // Builds this frame's triangles.
  void prepare(const PanelView& view, const scenario::Runtime& rt, const std::string& lang,
               std::span<const render::View> eyes);
  // Draws into layer i of `image` with eye i (image in COLOR_ATTACHMENT_OPTIMAL, stays so).
  void record(VkCommandBuffer cmd, VkImage image, uint32_t width, uint32_t height);

 private:
  explicit PanelRenderer(const gpu::Context& context) : context_(context) {}
  struct Vertex {
    glm::vec3 position;
    glm::vec2 uv;
    glm::vec4 color;
  };
  void quad(const glm::mat4& m, glm::vec2 min, glm::vec2 max, float z, glm::vec4 color);
  void strip(const glm::vec3 (&corners)[4], glm::vec4 color);
  void text(const glm::mat4& m, const std::string& s, glm::vec2 top_left, float width, float line_height,
            bool bold, glm::vec4 color, float z);

  const gpu::Context& context_;
  gpu::Handle<VkShaderModule> vert_, frag_;
  std::unique_ptr<PanelFont> font_;
  gpu::Image atlas_;
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
  std::map<std::pair<VkImage, uint32_t>, gpu::Handle<VkImageView>> layer_views_;
};

}  // namespace meeloop::xr
