#pragma once
// The comfort layer drawn in each eye after the scene and the panel: the teleport arc (one
// colour when it lands somewhere walkable, another when not) with a ring where it lands, the
// comfort vignette (the periphery darkens during a turn or teleport) and the operator's fade
// to black. Untextured triangles through the overlays' shared pipeline (xr/overlay_pipeline.h).
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <utility>
#include <vector>

#include <glm/glm.hpp>

#include "core/error.h"
#include "gpu/buffer.h"
#include "gpu/context.h"
#include "render/camera.h"
#include "xr/locomotion.h"
#include "xr/overlay_pipeline.h"

namespace meeloop::xr {

// What the layer shows this frame.
struct ComfortView {
  std::optional<Arc> arc;  // the teleport being aimed, if any
  bool arc_valid = false;  // it lands inside the walkable area
  float vignette = 0.0f;   // 0 none .. 1 full darkening of the periphery
  float black = 0.0f;      // 0 clear .. 1 black (operator pause)
};

// The vignette's strength `since` seconds after a turn or teleport: full at once, gone after
// `seconds`.
float vignette_strength(double since, double seconds = 0.3);

class ComfortOverlay {
 public:
  // `color_format`: the swapchain's. `context` must outlive the result.
  static Result<std::unique_ptr<ComfortOverlay>> create(const gpu::Context& context, VkFormat color_format,
                                                        const std::filesystem::path& shader_dir);
  // Builds this frame's triangles for eyes (view and projection each).
  void prepare(const ComfortView& view, std::span<const render::View> eyes);
  // Draws into layer i of `image` with eye i (COLOR_ATTACHMENT_OPTIMAL, stays so); nothing
  // when there is nothing to show.
  void record(VkCommandBuffer cmd, VkImage image, uint32_t width, uint32_t height);

 private:
  explicit ComfortOverlay(const gpu::Context& context) : context_(context) {}
  struct Vertex {
    glm::vec3 position;
    glm::vec4 color;
  };
  void world_strip(const std::vector<glm::vec3>& points, glm::vec3 side, glm::vec4 color);
  void ring(glm::vec3 centre, float inner, float outer, glm::vec4 color);

  const gpu::Context& context_;
  gpu::Handle<VkShaderModule> vert_, frag_;
  gpu::Handle<VkPipelineLayout> layout_;
  gpu::Handle<VkPipeline> pipeline_;
  gpu::Buffer vertices_;
  std::vector<Vertex> world_, screen_;  // world: arc and ring (per-eye view); screen: NDC
  std::vector<glm::mat4> view_proj_;
  std::unique_ptr<EyeLayers> eyes_;
};

}  // namespace meeloop::xr
