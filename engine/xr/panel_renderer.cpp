#include "xr/panel_renderer.h"

#include <cstring>

#include <glm/gtc/matrix_transform.hpp>

#include "core/paths.h"
#include "gpu/check.h"
#include "gpu/descriptors.h"
#include "gpu/pipeline.h"
#include "gpu/upload.h"

namespace meeloop::xr {
namespace {
constexpr size_t kMaxVertices = 6 * 6000;
const glm::vec4 kPanel{0.10f, 0.12f, 0.16f, 0.92f};
const glm::vec4 kText{0.22f, 0.25f, 0.32f, 1.0f};
const glm::vec4 kRow{0.20f, 0.36f, 0.60f, 1.0f};
const glm::vec4 kAsk{0.55f, 0.42f, 0.16f, 1.0f};
const glm::vec4 kHover{0.98f, 0.80f, 0.25f, 1.0f};
const glm::vec4 kRay{0.95f, 0.95f, 1.0f, 0.9f};
const glm::vec4 kWhite{1.0f, 1.0f, 1.0f, 1.0f};
const glm::vec4 kDark{0.05f, 0.05f, 0.08f, 1.0f};
}  // namespace

Result<std::unique_ptr<PanelRenderer>> PanelRenderer::create(const gpu::Context& context, VkFormat color_format) {
  return gpu::catch_gpu<std::unique_ptr<PanelRenderer>>([&]() -> Result<std::unique_ptr<PanelRenderer>> {
    const gpu::Device& dev = context.device();
    auto r = std::unique_ptr<PanelRenderer>(new PanelRenderer(context));
    r->render_format_ = color_format;
    r->vert_ = gpu::load_shader(dev, shader_dir() / "xr_overlay.vert.spv");
    r->frag_ = gpu::load_shader(dev, shader_dir() / "xr_overlay.frag.spv");
    auto font = PanelFont::create();
    if (!font) return font.error();
    r->font_ = std::move(*font);
    gpu::ImageDesc ad;
    ad.format = VK_FORMAT_R8G8B8A8_UNORM;  // white, coverage in alpha: not a colour to decode
    ad.width = uint32_t(r->font_->atlas_width());
    ad.height = uint32_t(r->font_->atlas_height());
    ad.usage = VK_IMAGE_USAGE_SAMPLED_BIT | VK_IMAGE_USAGE_TRANSFER_DST_BIT;
    r->atlas_ = gpu::create_image(dev, ad, "xr panel font atlas");
    gpu::Uploader up(dev);
    up.image_rgba8(r->atlas_, r->font_->atlas_rgba());
    up.flush();
    r->sampler_ = gpu::create_sampler(dev, 1, "xr panel font sampler");
    const VkDescriptorSetLayoutBinding b{0, VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1, VK_SHADER_STAGE_FRAGMENT_BIT, nullptr};
    r->set_layout_ = gpu::create_set_layout(dev, {&b, 1}, "xr overlay set layout");
    const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, 1};
    r->pool_ = gpu::create_descriptor_pool(dev, {&size, 1}, 1, "xr overlay descriptors");
    r->set_ = gpu::allocate_set(dev, r->pool_, r->set_layout_, "xr overlay set");
    gpu::write_image(dev, r->set_, 0, r->atlas_.view, r->sampler_);
    const VkPushConstantRange push{VK_SHADER_STAGE_VERTEX_BIT, 0, sizeof(glm::mat4)};
    const VkDescriptorSetLayout sets[1] = {r->set_layout_};
    r->layout_ = gpu::create_pipeline_layout(dev, sets, {&push, 1}, "xr overlay layout");
    gpu::GraphicsPipelineDesc d;
    d.vertex = r->vert_;
    d.fragment = r->frag_;
    d.layout = r->layout_;
    d.bindings = {{0, sizeof(Vertex), VK_VERTEX_INPUT_RATE_VERTEX}};
    d.attributes = {{0, 0, VK_FORMAT_R32G32B32_SFLOAT, uint32_t(offsetof(Vertex, position))},
                    {1, 0, VK_FORMAT_R32G32_SFLOAT, uint32_t(offsetof(Vertex, uv))},
                    {2, 0, VK_FORMAT_R32G32B32A32_SFLOAT, uint32_t(offsetof(Vertex, color))}};
    d.color_format = color_format;
    d.depth_format = VK_FORMAT_UNDEFINED;  // drawn over the scene: UI stays readable
    d.alpha_blend = true;
    d.depth_write = false;
    r->pipeline_ = gpu::create_graphics_pipeline(dev, d, "xr overlay");
    r->vertices_ = gpu::create_buffer(dev, kMaxVertices * sizeof(Vertex), VK_BUFFER_USAGE_VERTEX_BUFFER_BIT,
                                      gpu::MemoryUse::Upload, "xr overlay vertices");
    return r;
  });
}

void PanelRenderer::quad(const glm::mat4& m, glm::vec2 a, glm::vec2 b, float z, glm::vec4 color) {
  const glm::vec3 p[4] = {glm::vec3(m * glm::vec4(a.x, a.y, z, 1)), glm::vec3(m * glm::vec4(b.x, a.y, z, 1)),
                          glm::vec3(m * glm::vec4(b.x, b.y, z, 1)), glm::vec3(m * glm::vec4(a.x, b.y, z, 1))};
  strip(p, color);
}

void PanelRenderer::strip(const glm::vec3 (&p)[4], glm::vec4 color) {
  const glm::vec2 uv = font_->white_uv();
  for (int i : {0, 1, 2, 0, 2, 3}) cpu_.push_back({p[i], uv, color});
}

void PanelRenderer::text(const glm::mat4& m, const std::string& s, glm::vec2 top_left, float width,
                         float line_height, bool bold, glm::vec4 color, float z) {
  std::vector<GlyphQuad> glyphs;
  font_->layout(s, top_left, width, line_height, bold, glyphs);
  for (const GlyphQuad& g : glyphs) {
    const glm::vec3 p[4] = {glm::vec3(m * glm::vec4(g.min.x, g.min.y, z, 1)), glm::vec3(m * glm::vec4(g.max.x, g.min.y, z, 1)),
                            glm::vec3(m * glm::vec4(g.max.x, g.max.y, z, 1)), glm::vec3(m * glm::vec4(g.min.x, g.max.y, z, 1))};
    const glm::vec2 uv[4] = {g.uv_min, {g.uv_max.x, g.uv_min.y}, g.uv_max, {g.uv_min.x, g.uv_max.y}};
    for (int i : {0, 1, 2, 0, 2, 3}) cpu_.push_back({p[i], uv[i], color});
  }
}

void PanelRenderer::prepare(const PanelView& v, const scenario::Runtime& rt, const std::string& lang,
                            std::span<const render::View> eyes) {
  cpu_.clear();
  const scenario::Scenario& sc = rt.scenario();
  const auto t = [&](const std::string& key) -> const std::string& { return sc.text(lang, key); };
  const glm::mat4& m = v.world_from_panel;
  const float hw = v.layout.width * 0.5f, hh = v.layout.height * 0.5f;
  quad(m, {-hw, -hh}, {hw, hh}, 0.0f, kPanel);
  quad(m, v.layout.text_min, v.layout.text_max, 0.002f, kText);

  // The text block: who says what, the prompt, the supervisor's answer; or the ending.
  std::string block;
  if (const scenario::Ending* e = rt.ending()) {
    block = t(e->title) + "\n" + t(e->debrief);
  } else if (const scenario::Step* s = rt.step()) {
    for (const auto& l : s->lines) {
      const scenario::Character* c = l.speaker.empty() ? nullptr : sc.find_character(l.speaker);
      block += (c ? t(c->name) + ": " : "") + t(l.text) + "\n";
    }
    if (!s->prompt.empty()) block += t(s->prompt) + "\n";
    if (!v.supervisor_hint.empty()) block += t(sc.supervisor.name) + ": " + t(v.supervisor_hint);
  }
  const float pad = 0.012f;
  const glm::vec2 text_tl{v.layout.text_min.x + pad, v.layout.text_max.y - pad};
  const float text_w = v.layout.text_max.x - v.layout.text_min.x - 2 * pad;
  const float text_h = v.layout.text_max.y - v.layout.text_min.y - 2 * pad;
  // Shrink the line height until the block fits (long steps), never below 60%.
  float line = 0.03f;
  for (int i = 0; i < 4; ++i) {
    std::vector<GlyphQuad> probe;
    if (float(font_->layout(block, text_tl, text_w, line, false, probe)) * line <= text_h) break;
    line *= 0.88f;
  }
  text(m, block, text_tl, text_w, line, false, kWhite, 0.004f);

  const std::vector<scenario::Option> opts = rt.finished() ? std::vector<scenario::Option>{} : rt.options();
  for (size_t i = 0; i < v.layout.rows.size(); ++i) {
    const PanelRow& r = v.layout.rows[i];
    const bool hover = int(i) == v.hover_row;
    const glm::vec4 c = hover ? kHover : r.kind == PanelRow::Kind::AskSupervisor ? kAsk : kRow;
    quad(m, r.min, r.max, 0.002f, c);
    std::string label = "?  " + t(sc.supervisor.name);
    if (r.kind == PanelRow::Kind::Option)
      for (const auto& o : opts)
        if (o.id == r.id) label = t(o.text);
    text(m, label, {r.min.x + pad, r.max.y - 0.008f}, r.max.x - r.min.x - 2 * pad, 0.027f, false,
         hover ? kDark : kWhite, 0.004f);
  }
  // Rays: thin crossed strips, visible from any side.
  for (const auto& ray : v.rays) {
    for (glm::vec3 side : {glm::vec3(0.003f, 0, 0), glm::vec3(0, 0.003f, 0)}) {
      const glm::vec3 p[4] = {ray.from - side, ray.from + side, ray.to + side, ray.to - side};
      strip(p, kRay);
    }
  }
  if (v.hover_spot) {  // a frame along the top of the hovered object's box
    const auto& s = *v.hover_spot;
    const float y = s.max.y + 0.01f;
    const glm::vec3 a{s.min.x, y, s.min.z}, b{s.max.x, y, s.min.z}, c{s.max.x, y, s.max.z}, e{s.min.x, y, s.max.z};
    for (auto [p, q] : {std::pair{a, b}, std::pair{b, c}, std::pair{c, e}, std::pair{e, a}}) {
      const glm::vec3 up{0, 0.015f, 0};
      const glm::vec3 pts[4] = {p, q, q + up, p + up};
      strip(pts, kHover);
    }
  }
  if (cpu_.size() > kMaxVertices) cpu_.resize(kMaxVertices);
  std::memcpy(vertices_.mapped, cpu_.data(), cpu_.size() * sizeof(Vertex));
  view_proj_.clear();
  for (const auto& e : eyes) view_proj_.push_back(e.proj * e.view);
}

void PanelRenderer::record(VkCommandBuffer cmd, VkImage image, uint32_t width, uint32_t height) {
  const gpu::Device& dev = context_.device();
  for (uint32_t layer = 0; layer < view_proj_.size(); ++layer) {
    auto key = std::make_pair(image, layer);
    auto it = layer_views_.find(key);
    if (it == layer_views_.end()) {
      auto ci = gpu::vk_struct<VkImageViewCreateInfo>(VK_STRUCTURE_TYPE_IMAGE_VIEW_CREATE_INFO);
      ci.image = image;
      ci.viewType = VK_IMAGE_VIEW_TYPE_2D;
      ci.format = render_format_;
      ci.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, layer, 1};
      VkImageView raw = VK_NULL_HANDLE;
      MEELOOP_VK_CHECK(vkCreateImageView(dev.get(), &ci, nullptr, &raw));
      it = layer_views_.emplace(key, gpu::Handle<VkImageView>(dev.get(), raw)).first;
    }
    auto att = gpu::vk_struct<VkRenderingAttachmentInfo>(VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO);
    att.imageView = it->second;
    att.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    att.loadOp = VK_ATTACHMENT_LOAD_OP_LOAD;
    att.storeOp = VK_ATTACHMENT_STORE_OP_STORE;
    auto info = gpu::vk_struct<VkRenderingInfo>(VK_STRUCTURE_TYPE_RENDERING_INFO);
    info.renderArea = {{0, 0}, {width, height}};
    info.layerCount = 1;
    info.colorAttachmentCount = 1;
    info.pColorAttachments = &att;
    vkCmdBeginRendering(cmd, &info);
    const VkViewport viewport{0.0f, 0.0f, float(width), float(height), 0.0f, 1.0f};
    const VkRect2D scissor{{0, 0}, {width, height}};
    vkCmdSetViewport(cmd, 0, 1, &viewport);
    vkCmdSetScissor(cmd, 0, 1, &scissor);
    vkCmdSetCullMode(cmd, VK_CULL_MODE_NONE);
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
