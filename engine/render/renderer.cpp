#include "render/renderer.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cstring>
#include <string>

#include "gpu/check.h"
#include "gpu/commands.h"
#include "gpu/descriptors.h"
#include "gpu/pipeline.h"
#include "gpu/sync.h"
#include "render/baked_light.h"

namespace meeloop::render {
namespace {

VkDescriptorSetLayoutBinding binding(VkDescriptorType type, VkShaderStageFlags stages) {
  return {0, type, 1, stages, nullptr};
}

constexpr VkShaderStageFlags kDrawStages = VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT;

}  // namespace

Detail resolve_detail(Detail wanted, bool software_device) {
  if (wanted != Detail::Auto) return wanted;
  return software_device ? Detail::Budget : Detail::Full;
}

Result<std::unique_ptr<Renderer>> Renderer::create(const gpu::Context& context,
                                                   const RendererOptions& options) {
  return gpu::catch_gpu<std::unique_ptr<Renderer>>([&]() -> Result<std::unique_ptr<Renderer>> {
    const gpu::Device& dev = context.device();
    auto r = std::unique_ptr<Renderer>(new Renderer(context));
    r->detail_ = resolve_detail(options.detail, dev.is_software());
    r->triangle_budget_ = r->detail_ == Detail::Budget ? options.triangle_budget : 0;
    const uint32_t wanted = options.samples != 0 ? options.samples : r->detail_ == Detail::Full ? 4 : 1;
    r->samples_ = pick_samples(dev, wanted);
    // Mesa 22.3's lavapipe loses the view index of triangles its clipper splits (anything
    // crossing the near plane): they land in layer 0 and are missing from the other layers.
    // Its MSAA resolve into a layer > 0 of an array view is also wrong. So there each view gets
    // its own pass with single-layer multisampled images (tests/test_render_fixture.cpp checks
    // every layer against a mono render).
    r->multiview_ = options.multiview == MultiviewMode::On ||
                    (options.multiview == MultiviewMode::Auto && !dev.is_software());
    r->cache_dir_ = options.cache_dir;
    r->vert_ = gpu::load_shader(dev, options.shader_dir / (r->detail_ == Detail::Budget ? "mesh_budget.vert.spv"
                                                                                 : "mesh.vert.spv"));
    r->frag_ = gpu::load_shader(dev, options.shader_dir / (r->detail_ == Detail::Budget ? "mesh_budget.frag.spv"
                                                                                 : "mesh.frag.spv"));

    const auto frame_b = binding(VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER,
                                 VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT);
    const auto tex_b = binding(VK_DESCRIPTOR_TYPE_COMBINED_IMAGE_SAMPLER, VK_SHADER_STAGE_FRAGMENT_BIT);
    r->frame_layout_ = gpu::create_set_layout(dev, {&frame_b, 1}, "frame set layout");
    r->texture_layout_ = gpu::create_set_layout(dev, {&tex_b, 1}, "texture set layout");
    const std::array<VkDescriptorSetLayout, 2> sets{r->frame_layout_, r->texture_layout_};
    const VkPushConstantRange push{kDrawStages, 0, sizeof(DrawPush)};
    r->layout_ = gpu::create_pipeline_layout(dev, sets, {&push, 1}, "mesh pipeline layout");

    r->frame_ubo_ = gpu::create_buffer(dev, sizeof(FrameUniforms), VK_BUFFER_USAGE_UNIFORM_BUFFER_BIT,
                                       gpu::MemoryUse::Upload, "frame uniforms");
    const VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, 1};
    r->pool_ = gpu::create_descriptor_pool(dev, {&size, 1}, 1, "frame descriptors");
    r->frame_set_ = gpu::allocate_set(dev, r->pool_, r->frame_layout_, "frame set");
    gpu::write_buffer(dev, r->frame_set_, 0, VK_DESCRIPTOR_TYPE_UNIFORM_BUFFER, r->frame_ubo_.buffer);

    r->command_pool_ = gpu::create_command_pool(dev, true, "frame pool");
    r->cmd_ = gpu::allocate_command_buffer(dev, r->command_pool_, "frame commands");
    r->fence_ = gpu::create_fence(dev, true, "frame fence");
    const uint32_t flush_points = options.flush_points >= 0 ? std::min(uint32_t(options.flush_points), kMaxFlushPoints)
                                  : dev.is_software()       ? kSoftwareFlushPoints
                                                            : 0;
    if (flush_points > 0 && dev.timestamps()) {
      r->flush_points_ = flush_points;
      r->flush_queries_ = gpu::create_timestamp_pool(dev, r->flush_query_count(), "flush point timestamps");
    }
    context.log().debug("render: " + std::to_string(int(r->samples_)) + "x MSAA, " +
                        (r->multiview_ ? "multiview" : "one pass per view") + ", " +
                        (r->detail_ == Detail::Full ? "full detail"
                                                    : "budget of " + std::to_string(r->triangle_budget_) + " triangles"));
    return r;
  });
}

Result<std::unique_ptr<GpuScene>> Renderer::upload(const scene::World& world) {
  UploadDetail detail;
  if (detail_ == Detail::Budget) {
    detail.triangle_budget = triangle_budget_;
    detail.cache_dir = cache_dir_;
    detail.max_texture_size = kBudgetMaxTextureSize;
    detail.vertex_light_grid = kBudgetVertexLightGrid;
    detail.blend_mip_levels = false;
    detail.bake_vertex_light = true;  // mesh_budget.vert reads the light stream
    detail.srgb_textures = false;     // mesh_budget.frag decodes
  }
  return upload_world(context_.device(), texture_layout_, world, context_.log(),
                      detail);
}

Result<RenderTarget> Renderer::create_target(uint32_t width, uint32_t height, uint32_t views, bool keep_depth) {
  const auto& limits = context_.device().properties().limits;
  if (width == 0 || height == 0 || width > limits.maxFramebufferWidth ||
      height > limits.maxFramebufferHeight)
    return bad_input("", "", "image size " + std::to_string(width) + "x" + std::to_string(height) +
                                 " is outside 1.." + std::to_string(limits.maxFramebufferWidth));
  if (views == 0 || views > kMaxViews)
    return failure("a render target needs 1 to " + std::to_string(kMaxViews) + " views");
  return gpu::catch_gpu<RenderTarget>(
      [&]() -> Result<RenderTarget> { return render::create_target(context_.device(), width, height, views, samples_, !multiview_, keep_depth); });
}

const Renderer::Pipelines& Renderer::pipelines_for(uint32_t view_mask) {
  auto it = pipelines_.find(view_mask);
  if (it != pipelines_.end()) return it->second;
  gpu::GraphicsPipelineDesc d;
  d.vertex = vert_;
  d.fragment = frag_;
  d.layout = layout_;
  d.bindings = {{0, sizeof(scene::Vertex), VK_VERTEX_INPUT_RATE_VERTEX}};
  d.attributes = {
      {0, 0, VK_FORMAT_R32G32B32_SFLOAT, uint32_t(offsetof(scene::Vertex, position))},
      {1, 0, VK_FORMAT_R32G32B32_SFLOAT, uint32_t(offsetof(scene::Vertex, normal))},
      {2, 0, VK_FORMAT_R32G32_SFLOAT, uint32_t(offsetof(scene::Vertex, uv))}};
  if (detail_ == Detail::Budget) {
    // The world-space normal and the baked light come from the scene's light stream.
    d.bindings.push_back({1, sizeof(LitVertex), VK_VERTEX_INPUT_RATE_VERTEX});
    d.attributes[1] = {1, 1, VK_FORMAT_R32G32B32_SFLOAT, uint32_t(offsetof(LitVertex, normal))};
    d.attributes.push_back({3, 1, VK_FORMAT_R32G32B32_SFLOAT, uint32_t(offsetof(LitVertex, front))});
    d.attributes.push_back({4, 1, VK_FORMAT_R32G32B32_SFLOAT, uint32_t(offsetof(LitVertex, back))});
  }
  d.color_format = kColorFormat;
  d.depth_format = kDepthFormat;
  d.samples = samples_;
  d.view_mask = view_mask;
  d.dynamic_front_face = true;
  Pipelines p;
  p.opaque = gpu::create_graphics_pipeline(context_.device(), d, "mesh opaque");
  d.alpha_cutout = true;
  p.cutout = gpu::create_graphics_pipeline(context_.device(), d, "mesh cut-out");
  d.alpha_cutout = false;  // blended materials have no cut-off
  d.alpha_blend = true;
  d.depth_write = false;  // blended surfaces are sorted instead
  p.blend = gpu::create_graphics_pipeline(context_.device(), d, "mesh blend");
  return pipelines_.emplace(view_mask, std::move(p)).first->second;
}

void Renderer::write_frame_uniforms(const GpuScene& scene, std::span<const View> views) {
  FrameUniforms f{};
  for (size_t i = 0; i < views.size(); ++i) {
    f.view_proj[i] = views[i].proj * views[i].view;
    f.camera_pos[i] = glm::vec4(eye_position(views[i].view), 1.0f);
  }
  const auto& l = scene.lighting();
  f.sun_direction = glm::vec4(glm::normalize(l.sun_direction), 0.0f);
  f.sun_color = glm::vec4(l.sun_color * l.sun_intensity, 0.0f);
  f.sky_color = glm::vec4(l.sky_color * l.ambient_intensity, 0.0f);
  f.ground_color = glm::vec4(l.ground_color * l.ambient_intensity, 0.0f);
  const size_t n = std::min<size_t>(l.points.size(), kMaxPointLights);
  for (size_t i = 0; i < n; ++i) {
    const auto& p = l.points[i];
    f.points[i] = {glm::vec4(p.position, lamp_range(p)), glm::vec4(p.color, p.intensity)};
  }
  f.counts.x = int(n);
  std::memcpy(frame_ubo_.mapped, &f, sizeof f);
}

Status Renderer::render(const GpuScene& scene, std::span<const View> views, RenderTarget& target) {
  if (views.empty() || views.size() != target.views())
    return failure("render: " + std::to_string(views.size()) + " views for a target of " +
                   std::to_string(target.views()) + " layers");
  if (scene.lighting().points.size() > kMaxPointLights)
    context_.log().warn("render: only the first " + std::to_string(kMaxPointLights) +
                        " point lights are used");
  return gpu::catch_gpu<Ok>([&]() -> Status {
    const auto t0 = std::chrono::steady_clock::now();
    const gpu::Device& dev = context_.device();
    gpu::wait_and_reset_fence(dev, fence_);
    write_frame_uniforms(scene, views);
    last_frame_.draws = last_frame_.triangles = last_frame_.flushes = 0;
    MEELOOP_VK_CHECK(vkResetCommandBuffer(cmd_, 0));
    gpu::begin_one_time(cmd_);
    record(cmd_, scene, views, target);
    gpu::end_and_submit(dev, cmd_, fence_);
    const auto t1 = std::chrono::steady_clock::now();
    gpu::wait_fence(dev, fence_);
    const auto t2 = std::chrono::steady_clock::now();
    last_frame_.cpu_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
    last_frame_.total_ms = std::chrono::duration<double, std::milli>(t2 - t0).count();
    return Ok{};
  });
}

}  // namespace meeloop::render
