#include "xr/comfort_overlay.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <glm/gtc/constants.hpp>

#include "gpu/check.h"
#include "gpu/pipeline.h"
#include "xr/overlay_pipeline.h"

namespace meeloop::xr {
namespace {
constexpr size_t kMaxVertices = 8192;
const glm::vec4 kArcValid{0.30f, 0.80f, 1.00f, 0.90f};
const glm::vec4 kArcInvalid{0.95f, 0.30f, 0.20f, 0.75f};
const glm::vec4 kRing{0.30f, 0.80f, 1.00f, 0.95f};
constexpr float kArcHalfWidth = 0.015f;
}  // namespace

float vignette_strength(double since, double seconds) {
  if (since < 0 || since >= seconds) return 0.0f;
  return float(1.0 - since / seconds);
}

Result<std::unique_ptr<ComfortOverlay>> ComfortOverlay::create(const gpu::Context& context, VkFormat color_format,
                                                               const std::filesystem::path& shader_dir) {
  return gpu::catch_gpu<std::unique_ptr<ComfortOverlay>>([&]() -> Result<std::unique_ptr<ComfortOverlay>> {
    const gpu::Device& dev = context.device();
    auto r = std::unique_ptr<ComfortOverlay>(new ComfortOverlay(context));
    r->vert_ = gpu::load_shader(dev, shader_dir / "comfort_overlay.vert.spv");
    r->frag_ = gpu::load_shader(dev, shader_dir / "comfort_overlay.frag.spv");
    const VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(glm::mat4)};
    r->layout_ = gpu::create_pipeline_layout(dev, {}, {&push, 1}, "xr comfort layout");
    // Over everything: a marker hidden by a chair still helps.
    const VkVertexInputAttributeDescription attributes[2] = {
        {0, 0, VK_FORMAT_R32G32B32_SFLOAT, uint32_t(offsetof(Vertex, position))},
        {1, 0, VK_FORMAT_R32G32B32A32_SFLOAT, uint32_t(offsetof(Vertex, color))}};
    r->pipeline_ = create_overlay_pipeline(dev, r->vert_, r->frag_, r->layout_, sizeof(Vertex), attributes,
                                           color_format, "xr comfort");
    r->eyes_ = std::make_unique<EyeLayers>(dev, color_format);
    r->vertices_ = gpu::create_buffer(dev, kMaxVertices * sizeof(Vertex), VK_BUFFER_USAGE_VERTEX_BUFFER_BIT,
                                      gpu::MemoryUse::Upload, "xr comfort vertices");
    return r;
  });
}

void ComfortOverlay::world_strip(const std::vector<glm::vec3>& pts, glm::vec3 side, glm::vec4 color) {
  for (size_t i = 0; i + 1 < pts.size(); ++i) {
    const glm::vec3 q[4] = {pts[i] - side, pts[i] + side, pts[i + 1] + side, pts[i + 1] - side};
    for (int k : {0, 1, 2, 0, 2, 3}) world_.push_back({q[k], color});
  }
}

void ComfortOverlay::ring(glm::vec3 c, float inner, float outer, glm::vec4 color) {
  constexpr int kSegments = 40;
  for (int i = 0; i < kSegments; ++i) {
    const float a0 = glm::two_pi<float>() * float(i) / kSegments, a1 = glm::two_pi<float>() * float(i + 1) / kSegments;
    const glm::vec3 d0{std::cos(a0), 0, std::sin(a0)}, d1{std::cos(a1), 0, std::sin(a1)};
    const glm::vec3 q[4] = {c + d0 * inner, c + d0 * outer, c + d1 * outer, c + d1 * inner};
    for (int k : {0, 1, 2, 0, 2, 3}) world_.push_back({q[k], color});
  }
}

void ComfortOverlay::prepare(const ComfortView& v, std::span<const render::View> eyes) {
  world_.clear();
  screen_.clear();
  if (v.arc && v.arc->points.size() >= 2) {
    const auto& pts = v.arc->points;
    glm::vec3 along = pts.back() - pts.front();
    along.y = 0;
    // Two crossed ribbons (sideways and upright) so the arc has width from any angle.
    const glm::vec3 side = glm::length(along) > 1e-4f ? glm::normalize(glm::cross(along, glm::vec3(0, 1, 0))) * kArcHalfWidth
                                                      : glm::vec3(kArcHalfWidth, 0, 0);
    const glm::vec4 c = v.arc_valid ? kArcValid : kArcInvalid;
    world_strip(pts, side, c);
    world_strip(pts, glm::vec3(0, kArcHalfWidth, 0), c);
    if (v.arc_valid && v.arc->landing) ring(*v.arc->landing + glm::vec3(0, 0.01f, 0), 0.22f, 0.28f, kRing);
  }
  if (v.vignette > 0.0f) {
    // An annulus in normalised device coordinates: clear inside, dark towards the edges.
    constexpr int kSegments = 48;
    const float dark = std::min(v.vignette, 1.0f);
    const float radii[3] = {0.55f, 0.95f, 1.6f};
    const float alpha[3] = {0.0f, dark, dark};
    for (int band = 0; band < 2; ++band)
      for (int i = 0; i < kSegments; ++i) {
        const float a0 = glm::two_pi<float>() * float(i) / kSegments, a1 = glm::two_pi<float>() * float(i + 1) / kSegments;
        const glm::vec2 d0{std::cos(a0), std::sin(a0)}, d1{std::cos(a1), std::sin(a1)};
        const Vertex q[4] = {{glm::vec3(d0 * radii[band], 0.5f), {0, 0, 0, alpha[band]}},
                             {glm::vec3(d0 * radii[band + 1], 0.5f), {0, 0, 0, alpha[band + 1]}},
                             {glm::vec3(d1 * radii[band + 1], 0.5f), {0, 0, 0, alpha[band + 1]}},
                             {glm::vec3(d1 * radii[band], 0.5f), {0, 0, 0, alpha[band]}}};
        for (int k : {0, 1, 2, 0, 2, 3}) screen_.push_back(q[k]);
      }
  }
  if (v.black > 0.0f) {
    const glm::vec4 c{0, 0, 0, std::min(v.black, 1.0f)};
    const glm::vec3 q[4] = {{-1, -1, 0.5f}, {1, -1, 0.5f}, {1, 1, 0.5f}, {-1, 1, 0.5f}};
    for (int k : {0, 1, 2, 0, 2, 3}) screen_.push_back({q[k], c});
  }
  // The fade and vignette must survive whatever happens to the arc: trim the arc first.
  if (world_.size() + screen_.size() > kMaxVertices) world_.resize(kMaxVertices - std::min(kMaxVertices, screen_.size()));
  if (!world_.empty()) std::memcpy(vertices_.mapped, world_.data(), world_.size() * sizeof(Vertex));
  if (!screen_.empty())
    std::memcpy(static_cast<Vertex*>(vertices_.mapped) + world_.size(), screen_.data(), screen_.size() * sizeof(Vertex));
  view_proj_.clear();
  for (const auto& e : eyes) view_proj_.push_back(e.proj * e.view);
}

void ComfortOverlay::record(VkCommandBuffer cmd, VkImage image, uint32_t width, uint32_t height) {
  if (world_.empty() && screen_.empty()) return;
  const glm::mat4 identity(1.0f);
  for (uint32_t layer = 0; layer < view_proj_.size(); ++layer) {
    eyes_->begin(cmd, image, layer, width, height);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline_);
    const VkBuffer vb = vertices_.buffer;
    const VkDeviceSize zero = 0;
    vkCmdBindVertexBuffers(cmd, 0, 1, &vb, &zero);
    if (!world_.empty()) {
      vkCmdPushConstants(cmd, layout_, VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(glm::mat4), &view_proj_[layer]);
      vkCmdDraw(cmd, uint32_t(world_.size()), 1, 0, 0);
    }
    if (!screen_.empty()) {
      vkCmdPushConstants(cmd, layout_, VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(glm::mat4), &identity);
      vkCmdDraw(cmd, uint32_t(screen_.size()), 1, uint32_t(world_.size()), 0);
    }
    vkCmdEndRendering(cmd);
  }
}

}  // namespace meeloop::xr
