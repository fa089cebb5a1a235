// Renderer::record: the command stream of one frame, all views at once via multiview.
#include <algorithm>
#include <array>
#include <vector>

#include "gpu/sync.h"
#include "render/culling.h"
#include "render/draw_order.h"
#include "render/renderer.h"

namespace meeloop::render {
namespace {
constexpr auto kColorStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
constexpr auto kColorAccess = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT;
constexpr auto kDepthStage = VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT |
                             VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT;
}  // namespace

void Renderer::record(VkCommandBuffer cmd, const GpuScene& scene, std::span<const View> views,
                      RenderTarget& t) {
  const bool msaa = t.samples_ != VK_SAMPLE_COUNT_1_BIT;
  // Per-view passes resolve with vkCmdResolveImage into the view's layer, because lavapipe's
  // attachment resolve ignores the resolve view's base layer (see Renderer::create).
  const bool copy_resolve = msaa && !multiview_;
  const gpu::Image& color = msaa ? t.color_msaa_ : t.resolved_;

  // Previous contents are not needed (UNDEFINED); the fence wait already ordered us after the
  // last frame and read-back, the stage masks keep validation's hazard tracking informed.
  const gpu::ImageBarrier to_color{.image = color.image,
                                   .new_layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                                   .src_stage = kColorStage | VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                                   .dst_stage = kColorStage,
                                   .dst_access = kColorAccess};
  gpu::ImageBarrier to_resolve = to_color;
  to_resolve.image = t.resolved_.image;
  if (copy_resolve) {
    to_resolve.new_layout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    to_resolve.dst_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT;
    to_resolve.dst_access = VK_ACCESS_2_TRANSFER_WRITE_BIT;
  }
  const gpu::ImageBarrier to_depth{.image = t.depth_.image,
                                   .new_layout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
                                   .src_stage = kDepthStage,
                                   .src_access = VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT,
                                   .dst_stage = kDepthStage,
                                   .dst_access = VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT |
                                                 VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT,
                                   .aspect = VK_IMAGE_ASPECT_DEPTH_BIT};
  if (flush_queries_)
    vkCmdResetQueryPool(cmd, flush_queries_, 0, flush_query_count());
  if (msaa) gpu::image_barriers(cmd, {to_color, to_resolve, to_depth});
  else gpu::image_barriers(cmd, {to_color, to_depth});
  t.record_kept_depth_begin(cmd);
  // Between per-view passes depth keeps its layout: a kept depth holds the earlier views.
  gpu::ImageBarrier depth_again = to_depth;
  depth_again.old_layout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;

  if (multiview_) {
    record_pass(cmd, scene, views, t, (1u << views.size()) - 1u, 0);
  } else {
    for (uint32_t i = 0; i < views.size(); ++i) {
      // The single-layer multisampled images are reused: wait for the previous pass/resolve.
      if (i > 0) {
        if (msaa) gpu::image_barriers(cmd, {to_color, depth_again});
        else gpu::image_barriers(cmd, {depth_again});
      }
      record_pass(cmd, scene, views, t, 0, i);
      t.record_kept_depth_after_pass(cmd, i);
      if (copy_resolve) {
        gpu::image_barriers(cmd, {{.image = color.image,
                                   .old_layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                                   .new_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                                   .src_stage = kColorStage,
                                   .src_access = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                                   .dst_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                                   .dst_access = VK_ACCESS_2_TRANSFER_READ_BIT}});
        VkImageResolve region{};
        region.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
        region.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, i, 1};
        region.extent = {t.width_, t.height_, 1};
        vkCmdResolveImage(cmd, color.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, t.resolved_.image,
                          VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
      }
    }
  }

  gpu::image_barriers(
      cmd, {{.image = t.resolved_.image,
             .old_layout = copy_resolve ? VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL
                                        : VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
             .new_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
             .src_stage = copy_resolve ? VK_PIPELINE_STAGE_2_TRANSFER_BIT : kColorStage,
             .src_access = copy_resolve ? VK_ACCESS_2_TRANSFER_WRITE_BIT
                                        : VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
             .dst_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
             .dst_access = VK_ACCESS_2_TRANSFER_READ_BIT}});
  t.resolved_layout_ = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  t.record_kept_depth_end(cmd);
}

void Renderer::record_pass(VkCommandBuffer cmd, const GpuScene& scene, std::span<const View> views,
                           RenderTarget& t, uint32_t view_mask, uint32_t first_view) {
  const bool msaa = t.samples_ != VK_SAMPLE_COUNT_1_BIT;
  // With a view mask the whole array is bound and multiview picks layers; without, only the
  // layer of `first_view` of the resolved image (the multisampled images have one layer then).
  const bool all = view_mask != 0;
  const VkImageView resolved = all ? t.resolved_.view.get() : t.resolved_layers_[first_view].get();
  const VkImageView color = msaa ? t.color_msaa_.view.get() : resolved;
  const Pipelines& pipes = pipelines_for(view_mask);
  const std::vector<bool> visible =
      visible_instances(scene, all ? views : views.subspan(first_view, 1));

  const glm::vec3 clear = scene.clear_color();
  auto color_att = gpu::vk_struct<VkRenderingAttachmentInfo>(VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO);
  color_att.imageView = color;
  color_att.imageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  color_att.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  // Resolved by the attachment (multiview) or by vkCmdResolveImage afterwards (per-view).
  const bool attachment_resolve = msaa && all;
  color_att.storeOp = attachment_resolve ? VK_ATTACHMENT_STORE_OP_DONT_CARE : VK_ATTACHMENT_STORE_OP_STORE;
  color_att.clearValue.color = {{clear.r, clear.g, clear.b, 1.0f}};  // linear; stored as sRGB
  if (attachment_resolve) {
    color_att.resolveMode = VK_RESOLVE_MODE_AVERAGE_BIT;
    color_att.resolveImageView = resolved;
    color_att.resolveImageLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  }
  auto depth_att = gpu::vk_struct<VkRenderingAttachmentInfo>(VK_STRUCTURE_TYPE_RENDERING_ATTACHMENT_INFO);
  t.fill_depth_attachment(depth_att, all, first_view);

  auto info = gpu::vk_struct<VkRenderingInfo>(VK_STRUCTURE_TYPE_RENDERING_INFO);
  info.renderArea = {{0, 0}, {t.width_, t.height_}};
  info.layerCount = 1;  // with multiview, viewMask picks the layers instead
  info.viewMask = view_mask;
  info.colorAttachmentCount = 1;
  info.pColorAttachments = &color_att;
  info.pDepthAttachment = &depth_att;
  vkCmdBeginRendering(cmd, &info);

  const VkViewport viewport{0.0f, 0.0f, float(t.width_), float(t.height_), 0.0f, 1.0f};
  const VkRect2D scissor{{0, 0}, {t.width_, t.height_}};
  vkCmdSetViewport(cmd, 0, 1, &viewport);
  vkCmdSetScissor(cmd, 0, 1, &scissor);
  const VkBuffer vb = scene.vertex_buffer();
  const VkDeviceSize zero = 0;
  // With a light stream both buffers are bound per instance, at its mesh and its light.
  const VkBuffer lb = scene.light_buffer();
  if (lb == VK_NULL_HANDLE) vkCmdBindVertexBuffers(cmd, 0, 1, &vb, &zero);
  uint32_t bound_instance = UINT32_MAX;
  vkCmdBindIndexBuffer(cmd, scene.index_buffer(), 0, VK_INDEX_TYPE_UINT32);
  vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layout_, 0, 1, &frame_set_, 0, nullptr);

  // State is only re-sent when it changes.
  uint32_t bound_texture = UINT32_MAX;
  int bound_cull = -1, bound_front = -1;
  VkPipeline bound_pipeline = VK_NULL_HANDLE;
  auto draw = [&](const DrawItem& d) {
    if (!visible[d.instance]) return;
    const GpuMaterial& m = scene.materials()[d.material];
    const VkPipeline pipeline = m.blend ? pipes.blend : m.cutout ? pipes.cutout : pipes.opaque;
    if (pipeline != bound_pipeline) {
      vkCmdBindPipeline(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, pipeline);
      bound_pipeline = pipeline;
    }
    if (m.texture != bound_texture) {
      const VkDescriptorSet set = scene.textures()[m.texture].set;
      vkCmdBindDescriptorSets(cmd, VK_PIPELINE_BIND_POINT_GRAPHICS, layout_, 1, 1, &set, 0, nullptr);
      bound_texture = m.texture;
    }
    if (int(d.cull_back) != bound_cull) {
      vkCmdSetCullMode(cmd, d.cull_back ? VK_CULL_MODE_BACK_BIT : VK_CULL_MODE_NONE);
      bound_cull = int(d.cull_back);
    }
    // A mirrored instance winds its triangles the other way round on screen.
    const bool mirrored = scene.mirrored(d.instance);
    if (int(mirrored) != bound_front) {
      vkCmdSetFrontFace(cmd, mirrored ? VK_FRONT_FACE_CLOCKWISE : VK_FRONT_FACE_COUNTER_CLOCKWISE);
      bound_front = int(mirrored);
    }
    DrawPush push{scene.instance_model(d.instance), m.push};
    push.material.view.x = int(first_view);
    vkCmdPushConstants(cmd, layout_, VK_SHADER_STAGE_VERTEX_BIT | VK_SHADER_STAGE_FRAGMENT_BIT, 0,
                       sizeof push, &push);
    int32_t vertex_offset = d.vertex_offset;
    if (lb != VK_NULL_HANDLE) {
      if (d.instance != bound_instance) {
        const std::array<VkBuffer, 2> buffers{vb, lb};
        const std::array<VkDeviceSize, 2> offsets{VkDeviceSize(d.vertex_offset) * sizeof(scene::Vertex),
                                                  scene.light_offset(d.instance)};
        vkCmdBindVertexBuffers(cmd, 0, 2, buffers.data(), offsets.data());
        bound_instance = d.instance;
      }
      vertex_offset = 0;
    }
    vkCmdDrawIndexed(cmd, d.index_count, 1, d.first_index, vertex_offset, 0);
    ++last_frame_.draws;
    last_frame_.triangles += d.index_count / 3;
  };

  // Nearest first (early depth test), from the first view of this pass.
  std::vector<const DrawItem*> opaque;
  opaque.reserve(scene.opaque().size());
  for (const DrawItem& d : scene.opaque())
    if (visible[d.instance]) opaque.push_back(&d);
  sort_front_to_back(opaque, scene, eye_position(views[first_view].view));
  // Flush points split the opaque draws into parts of about equal triangle counts (binning
  // time goes with triangles).
  size_t total = 0, drawn = 0;
  for (const DrawItem* d : opaque) total += d->index_count;
  uint32_t flushed = 0;
  for (const DrawItem* d : opaque) {
    draw(*d);
    drawn += d->index_count;
    if (flushed < flush_points_ && drawn * (flush_points_ + 1) >= total * (flushed + 1)) {
      vkCmdWriteTimestamp2(cmd, VK_PIPELINE_STAGE_2_ALL_GRAPHICS_BIT, flush_queries_,
                           (first_view * flush_points_ + flushed) * kMaxViews);
      ++flushed;
    }
  }
  last_frame_.flushes += flushed;

  if (!scene.blended().empty()) {
    // Back to front from the first eye; the eyes are centimetres apart, so one order serves both.
    const glm::vec3 eye = eye_position(views[0].view);
    std::vector<std::pair<float, const DrawItem*>> order;
    order.reserve(scene.blended().size());
    for (const DrawItem& d : scene.blended()) {
      const glm::vec3 c = scene.instance_centre(d.instance) - eye;
      order.emplace_back(glm::dot(c, c), &d);
    }
    std::stable_sort(order.begin(), order.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (const auto& [dist, d] : order) draw(*d);
  }
  vkCmdEndRendering(cmd);
}

}  // namespace meeloop::render
