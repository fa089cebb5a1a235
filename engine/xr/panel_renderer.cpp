#include "xr/panel_renderer.h"

#include <cstring>

#include "gpu/check.h"
#include "gpu/descriptors.h"
#include "gpu/pipeline.h"

namespace meeloop::xr {
namespace {
constexpr size_t kMaxVertices = 6 * 64;
const glm::vec4 kHover{0.98f, 0.80f, 0.25f, 1.0f};
const glm::vec4 kRay{0.95f, 0.95f, 1.0f, 0.9f};
const glm::vec4 kWhite{1.0f, 1.0f, 1.0f, 1.0f};
const glm::vec2 kSolid{-1.0f, -1.0f};

gpu::Handle<VkSampler> clamped_sampler(const gpu::Device& dev) {
  auto ci = gpu::vk_struct<VkSamplerCreateInfo>(VK_STRUCTURE_TYPE_SAMPLER_CREATE_INFO);
  ci.magFilter = VK_FILTER_LINEAR;
  ci.minFilter = VK_FILTER_LINEAR;
  ci.mipmapMode = VK_SAMPLER_MIPMAP_MODE_NEAREST;
  // Clamped: linear filtering at one edge must not pull in the opposite edge.
  ci.addressModeU = ci.addressModeV = ci.addressModeW = VK_SAMPLER_ADDRESS_MODE_CLAMP_TO_EDGE;
  VkSampler raw = VK_NULL_HANDLE;
  MEELOOP_VK_CHECK(vkCreateSampler(dev.get(), &ci, nullptr, &raw));
  dev.name(raw, "xr panel sampler");
  return {dev.get(), raw};
}
}  // namespace

Result<std::unique_ptr<PanelRenderer>> PanelRenderer::create(const gpu::Context& context, VkFormat color_format,
                                                             PanelUi& ui, const std::filesystem::path& shader_dir) {
  MEELOOP_ASSIGN_OR_RETURN(auto texture, PanelTexture::create(context, ui));
  return gpu::catch_gpu<std::unique_ptr<PanelRenderer>>([&]() -> Result<std::unique_ptr<PanelRenderer>> {
    const gpu::Device& dev = context.device();
    auto r = std::unique_ptr<PanelRenderer>(new PanelRenderer(context, ui));
    r->texture_ = std::move(texture);
    r->render_format_ = color_format;
    r->eyes_ = std::make_unique<EyeLayers>(dev, color_format);
    r->vert_ = gpu::load_shader(dev, shader_dir / "xr_overlay.vert.spv");
    r->frag_ = gpu::load_shader(dev, shader_dir / "xr_overlay.frag.spv");
    r->sampler_ = clamped_sampler(dev);
    const VkDescriptorSetLayoutBinding b{0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr};
    r->set_layout_ = gpu::create_set_layout(dev, {&b, 1}, "xr overlay set layout");
    const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1};
    r->pool_ = gpu::create_descriptor_pool(dev, {&size, 1}, 1, "xr overlay descriptors");
    r->set_ = gpu::allocate_set(dev, r->pool_, r->set_layout_, "xr overlay set");
    gpu::write_image(dev, r->set_, 0, r->texture_->srgb_view(), r->sampler_);
    const VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(glm::mat4)};
    const VkDescriptorSetLayout sets[1] = {r->set_layout_};
    r->layout_ = gpu::create_pipeline_layout(dev, sets, {&push, 1}, "xr overlay layout");
    const VkVertexInputAttributeDescription attributes[3] = {
        {0, 0, VK_FORMAT_R32G32B32_SFLOAT, uint32_t(offsetof(Vertex, position))},
        {1, 0, VK_FORMAT_R32G32_SFLOAT, uint32_t(offsetof(Vertex, uv))},
        {2, 0, VK_FORMAT_R32G32B32A32_SFLOAT, uint32_t(offsetof(Vertex, color))}};
    r->pipeline_ = create_overlay_pipeline(dev, r->vert_, r->frag_, r->layout_, sizeof(Vertex), attributes,
                                           color_format, "xr overlay");
    r->vertices_ = gpu::create_buffer(dev, kMaxVertices * sizeof(Vertex), VK_BUFFER_USAGE_VERTEX_BUFFER_BIT,
                                      gpu::MemoryUse::Upload, "xr overlay vertices");
    return r;
  });
}

PanelRenderer::~PanelRenderer() = default;

void PanelRenderer::strip(const glm::vec3 (&p)[4], glm::vec4 color) {
  for (int i : {0, 1, 2, 0, 2, 3}) cpu_.push_back({p[i], kSolid, color});
}

void PanelRenderer::prepare(const PanelView& v, std::span<const render::View> eyes) {
  cpu_.clear();
  // The panel: the canvas' top-left pixel at the quad's top-left corner.
  const glm::mat4& m = v.world_from_panel;
  const glm::vec2 half = ui_.canvas().size_m() * 0.5f;
  const glm::vec3 p[4] = {glm::vec3(m * glm::vec4(-half.x, -half.y, 0, 1)), glm::vec3(m * glm::vec4(half.x, -half.y, 0, 1)),
                          glm::vec3(m * glm::vec4(half.x, half.y, 0, 1)), glm::vec3(m * glm::vec4(-half.x, half.y, 0, 1))};
  const glm::vec2 uv[4] = {{0, 1}, {1, 1}, {1, 0}, {0, 0}};
  for (int i : {0, 1, 2, 0, 2, 3}) cpu_.push_back({p[i], uv[i], kWhite});
  // Rays: thin crossed strips, visible from any side.
  for (const auto& ray : v.rays) {
    for (glm::vec3 side : {glm::vec3(0.003f, 0, 0), glm::vec3(0, 0.003f, 0)}) {
      const glm::vec3 q[4] = {ray.from - side, ray.from + side, ray.to + side, ray.to - side};
      strip(q, kRay);
    }
  }
  if (v.hover_spot) {  // a frame along the top of the hovered object's box
    const auto& s = *v.hover_spot;
    const float y = s.max.y + 0.01f;
    const glm::vec3 a{s.min.x, y, s.min.z}, b{s.max.x, y, s.min.z}, c{s.max.x, y, s.max.z}, e{s.min.x, y, s.max.z};
    for (auto [from, to] : {std::pair{a, b}, std::pair{b, c}, std::pair{c, e}, std::pair{e, a}}) {
      const glm::vec3 up{0, 0.015f, 0};
      const glm::vec3 q[4] = {from, to, to + up, from + up};
      strip(q, kHover);
    }
  }
  if (cpu_.size() > kMaxVertices) cpu_.resize(kMaxVertices);
  std::memcpy(vertices_.mapped, cpu_.data(), cpu_.size() * sizeof(Vertex));
  view_proj_.clear();
  for (const auto& e : eyes) view_proj_.push_back(e.proj * e.view);
}

void PanelRenderer::record(VkCommandBuffer cmd, VkImage image, uint32_t width, uint32_t height) {
  texture_->record(cmd);
  for (uint32_t layer = 0; layer < view_proj_.size(); ++layer) {
    eyes_->begin(cmd, image, layer, width, height);
    vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline_);
    const VkBuffer vb = vertices_.buffer;
    const VkDeviceSize zero = 0;
    vkCmdBindVertexBuffers(cmd, 0, 1, &vb, &zero);
    vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layout_, 0, 1, &set_, 0, nullptr);
    vkCmdPushConstants(cmd, layout_, VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(glm::mat4), &view_proj_[layer]);
    vkCmdDraw(cmd, uint32_t(cpu_.size()), 1, 0, 0);
    vkCmdEndRendering(cmd);
  }
}

}  // namespace meeloop::xr
