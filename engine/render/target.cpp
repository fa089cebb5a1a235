#include "render/target.h"

namespace meeloop::render {

RenderTarget create_target(const gpu::Device& device, uint32_t width, uint32_t height,
                           uint32_t views, VkSampleCountFlagBits samples, bool per_view_passes) {
  RenderTarget t;
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
  if (per_view_passes) z.layers = 1;
  z.usage = VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT | VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT;
  t.depth_ = gpu::create_image(device, z, "target depth");
  if (per_view_passes)
    for (uint32_t i = 0; i < views; ++i)
      t.resolved_layers_.push_back(gpu::create_view(device, t.resolved_, i, 1, "target resolved layer"));
  return t;
}

VkSampleCountFlagBits pick_samples(const gpu::Device& device, uint32_t wanted) {
  const auto& limits = device.properties().limits;
  const VkSampleCountFlags ok = limits.framebufferColorSampleCounts & limits.framebufferDepthSampleCounts;
  for (uint32_t s = 64; s > 1; s >>= 1)
    if (s <= wanted && (ok & s)) return VkSampleCountFlagBits(s);
  return VK_SAMPLE_COUNT_1_BIT;
}

}  // namespace meeloop::render
