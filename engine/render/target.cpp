#include "render/target.h"

#include <utility>

#include "gpu/sync.h"

namespace meeloop::render {
namespace {
constexpr auto kDepthStage = VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT;
constexpr auto kDepthWrite = VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
constexpr auto kResolveStage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT;
constexpr auto kResolveAccess = VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT;
}  // namespace

RenderTarget create_target(const gpu::Device& device, uint32_t width, uint32_t height,
                           uint32_t views, VkSampleCountFlagBits samples, bool per_view_passes,
                           bool keep_depth) {
  RenderTarget t;
  t.keep_depth_ = keep_depth;
  t.per_view_ = per_view_passes;
  t.width_ = width;
  t.height_ = height;
  t.views_ = views;
  t.samples_ = samples;
  gpu::ImageDesc d;
  d.width = width;
  d.height = height;
  d.layers = views;
  d.array_view = true;  // multiview renders into layers of a 2D-array view
  d.format = kColorFormat;
  d.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT |
            VK_IMAGE_USAGE_TRANSFER_DST_BIT | VK_IMAGE_USAGE_SAMPLED_BIT;
  t.resolved_ = gpu::create_image(device, d, "target resolved");
  if (samples != VK_SAMPLE_COUNT_1_BIT) {
    gpu::ImageDesc m = d;
    m.samples = samples;
    if (per_view_passes) m.layers = 1;
    // Per-view passes resolve it with a transfer; otherwise it never leaves the tile on tilers.
    m.usage = VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT |
              (per_view_passes ? VK_IMAGE_USAGE_TRANSFER_SRC_BIT : VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT);
    t.color_msaa_ = gpu::create_image(device, m, "target colour msaa");
  }
  gpu::ImageDesc z = d;
  z.format = kDepthFormat;
  z.samples = samples;
  z.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
  const bool msaa = samples != VK_SAMPLE_COUNT_1_BIT;
  // A kept single-sample depth is drawn into directly, so it needs a layer per view.
  if (per_view_passes && (msaa || !keep_depth)) z.layers = 1;
  z.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT |
            (keep_depth && !msaa ? VK_IMAGE_USAGE_TRANSFER_SRC_BIT : VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT);
  t.depth_ = gpu::create_image(device, z, "target depth");
  if (keep_depth && msaa) {
    gpu::ImageDesc r = d;
    r.format = kDepthFormat;
    r.aspect = VK_IMAGE_ASPECT_DEPTH_BIT;
    r.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
    if (per_view_passes) {
      r.usage |= VK_IMAGE_USAGE_TRANSFER_DST_BIT;  // (the attachment usage: its default view)
      gpu::ImageDesc one = r;
      one.layers = 1;
      one.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSFER_SRC_BIT;
      t.depth_pass_ = gpu::create_image(device, one, "target depth pass resolve");
    }
    t.depth_resolved_ = gpu::create_image(device, r, "target depth resolved");
  }
  if (per_view_passes)
    for (uint32_t i = 0; i < views; ++i) {
      t.resolved_layers_.push_back(gpu::create_view(device, t.resolved_, i, 1, "target resolved layer"));
      if (keep_depth && !msaa) t.depth_layers_.push_back(gpu::create_view(device, *t.kept_depth(), i, 1, "target depth layer"));
    }
  return t;
}

const gpu::Image* RenderTarget::kept_depth() const {
  if (!keep_depth_) return nullptr;
  return samples_ == VK_SAMPLE_COUNT_1_BIT ? &depth_ : &depth_resolved_;
}

void RenderTarget::fill_depth_attachment(VkRenderingAttachmentInfo& att, bool all_views, uint32_t view) const {
  const bool msaa = samples_ != VK_SAMPLE_COUNT_1_BIT;
  // Per-view passes draw a kept 1x depth straight into the view's layer; otherwise the
  // attachment is the whole image (multiview) or its single reused layer.
  const bool layer_view = keep_depth_ && !all_views && !msaa;
  att.imageView = layer_view ? depth_layers_[view].get() : depth_.view.get();
  att.imageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
  att.loadOp = VK_ATTACHMENT_LOAD_OP_CLEAR;
  att.storeOp = keep_depth_ && !msaa ? VK_ATTACHMENT_STORE_OP_STORE : VK_ATTACHMENT_STORE_OP_DONT_CARE;
  att.clearValue.depthStencil = {1.0f, 0};
  if (keep_depth_ && msaa) {
    // Sample 0, not an average: averaged depth at an edge is a surface that is not there.
    att.resolveMode = VK_RESOLVE_MODE_SAMPLE_ZERO_BIT;
    att.resolveImageView = all_views ? depth_resolved_.view.get() : depth_pass_.view.get();
    att.resolveImageLayout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL;
  }
}

void RenderTarget::record_kept_depth_begin(VkCommandBuffer cmd) const {
  if (!keep_depth_ || samples_ == VK_SAMPLE_COUNT_1_BIT) return;  // at 1x depth_'s own barrier does it
  if (per_view_)
    gpu::image_barriers(cmd, {{.image = depth_resolved_.image,
                               .new_layout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                               .src_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                               .dst_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                               .dst_access = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                               .aspect = VK_IMAGE_ASPECT_DEPTH_BIT}});
  // Last frame's contents are not needed. Resolves, of depth too, run in the colour-output
  // stage with colour-attachment access (Vulkan spec, "Render Pass Operations").
  gpu::image_barriers(cmd, {{.image = per_view_ ? depth_pass_.image.get() : depth_resolved_.image.get(),
                             .new_layout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
                             .src_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                             .dst_stage = kResolveStage,
                             .dst_access = kResolveAccess,
                             .aspect = VK_IMAGE_ASPECT_DEPTH_BIT}});
}

void RenderTarget::record_kept_depth_after_pass(VkCommandBuffer cmd, uint32_t view) const {
  if (!keep_depth_ || !per_view_ || samples_ == VK_SAMPLE_COUNT_1_BIT) return;
  gpu::ImageBarrier b{.image = depth_pass_.image,
                      .old_layout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
                      .new_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                      .src_stage = kResolveStage,
                      .src_access = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                      .dst_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                      .dst_access = VK_ACCESS_2_TRANSFER_READ_BIT,
                      .aspect = VK_IMAGE_ASPECT_DEPTH_BIT};
  gpu::image_barriers(cmd, {b});
  VkImageCopy region{};
  region.srcSubresource = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, 0, 1};
  region.dstSubresource = {VK_IMAGE_ASPECT_DEPTH_BIT, 0, view, 1};
  region.extent = {width_, height_, 1};
  vkCmdCopyImage(cmd, depth_pass_.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, depth_resolved_.image,
                 VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
  // Back to a resolve target for the next view's pass.
  std::swap(b.old_layout, b.new_layout);
  b.src_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT;
  b.src_access = VK_ACCESS_2_NONE;
  b.dst_stage = kResolveStage;
  b.dst_access = kResolveAccess;
  gpu::image_barriers(cmd, {b});
}

void RenderTarget::record_kept_depth_end(VkCommandBuffer cmd) {
  const gpu::Image* kept = kept_depth();
  if (!kept) return;
  if (per_view_ && samples_ != VK_SAMPLE_COUNT_1_BIT) {  // filled by copies
    gpu::image_barriers(cmd, {{.image = kept->image,
                               .old_layout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                               .new_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                               .src_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                               .src_access = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                               .dst_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                               .dst_access = VK_ACCESS_2_TRANSFER_READ_BIT,
                               .aspect = VK_IMAGE_ASPECT_DEPTH_BIT}});
    kept_depth_layout_ = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
    return;
  }
  // Written by the store (late fragment tests) at 1x, by the resolve with MSAA.
  gpu::image_barriers(cmd, {{.image = kept->image,
                             .old_layout = VK_IMAGE_LAYOUT_DEPTH_ATTACHMENT_OPTIMAL,
                             .new_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                             .src_stage = kDepthStage | kResolveStage,
                             .src_access = kDepthWrite | VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                             .dst_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                             .dst_access = VK_ACCESS_2_TRANSFER_READ_BIT,
                             .aspect = VK_IMAGE_ASPECT_DEPTH_BIT}});
  kept_depth_layout_ = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
}

VkSampleCountFlagBits pick_samples(const gpu::Device& device, uint32_t wanted) {
  const auto& limits = device.properties().limits;
  const VkSampleCountFlags ok = limits.framebufferColorSampleCounts & limits.framebufferDepthSampleCounts;
  for (uint32_t s = 64; s > 1; s >>= 1)
    if (s <= wanted && (ok & s)) return VkSampleCountFlagBits(s);
  return VK_SAMPLE_COUNT_1_BIT;
}

}  // namespace meeloop::render
