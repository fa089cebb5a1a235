#include "render/external_image.h"

#include <chrono>
#include <string>
#include <utility>

#include "gpu/check.h"
#include "gpu/commands.h"
#include "gpu/sync.h"

namespace meeloop::render {

Result<std::unique_ptr<ExternalImageCopier>> ExternalImageCopier::create(const gpu::Context& context) {
  return gpu::catch_gpu<std::unique_ptr<ExternalImageCopier>>([&]() -> Result<std::unique_ptr<ExternalImageCopier>> {
    auto c = std::unique_ptr<ExternalImageCopier>(new ExternalImageCopier(context));
    c->pool_ = gpu::create_command_pool(context.device(), true, "external copy pool");
    c->cmd_ = gpu::allocate_command_buffer(context.device(), c->pool_, "external copy commands");
    c->fence_ = gpu::create_fence(context.device(), false, "external copy fence");
    return c;
  });
}

namespace {

// Copies the target's kept depth into every layer of `depth`, leaving it as OpenXR wants it back.
void record_depth_copy(VkCommandBuffer cmd, const RenderTarget& target, const DepthDestination& depth) {
  constexpr auto kDepthStage = VK_PIPELINE_STAGE_2_EARLY_FRAGMENT_TESTS_BIT | VK_PIPELINE_STAGE_2_LATE_FRAGMENT_TESTS_BIT;
  constexpr auto kDepthAccess = VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_READ_BIT | VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT;
  const uint32_t layers = target.views();
  gpu::ImageBarrier b{.image = depth.image,
                      .old_layout = VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL,
                      .new_layout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                      .src_stage = kDepthStage,
                      .src_access = VK_ACCESS_2_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT,
                      .dst_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                      .dst_access = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                      .aspect = VK_IMAGE_ASPECT_DEPTH_BIT,
                      .layer_count = layers};
  gpu::image_barriers(cmd, {b});
  const VkImageSubresourceLayers sub{VK_IMAGE_ASPECT_DEPTH_BIT, 0, 0, layers};
  VkImageCopy region{};
  region.srcSubresource = sub;
  region.dstSubresource = sub;
  region.extent = {target.width(), target.height(), 1};
  vkCmdCopyImage(cmd, target.kept_depth()->image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, depth.image,
                 VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
  std::swap(b.old_layout, b.new_layout);
  b.src_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT;
  b.src_access = VK_ACCESS_2_TRANSFER_WRITE_BIT;
  b.dst_stage = kDepthStage;
  b.dst_access = kDepthAccess;
  gpu::image_barriers(cmd, {b});
}

}  // namespace

Status ExternalImageCopier::copy(const RenderTarget& target, VkImage dst, VkFormat dst_format,
                                 const std::function<void(VkCommandBuffer)>& overlay, const DepthDestination* depth) {
  if (target.resolved_layout() != VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL)
    return failure("external copy: the target holds no finished frame");
  if (depth && (!target.kept_depth() || target.kept_depth_layout() != VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL))
    return failure("external copy: the target keeps no depth (create it with keep_depth)");
  if (depth && depth->format != kDepthFormat)
    return failure("external copy: depth can only go to a VkFormat " + std::to_string(int(kDepthFormat)) +
                   " image, not " + std::to_string(int(depth->format)));
  return gpu::catch_gpu<Ok>([&]() -> Status {
    const auto t0 = std::chrono::steady_clock::now();
    const gpu::Device& dev = context_.device();
    MEELOOP_VK_CHECK(vkResetCommandBuffer(cmd_, 0));
    gpu::begin_one_time(cmd_);
    const uint32_t layers = target.views();
    gpu::image_barriers(cmd_, {{.image = dst,
                                .old_layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                                .new_layout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                .src_stage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                                .src_access = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT,
                                .dst_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                                .dst_access = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                                .layer_count = layers},
                               {.image = target.resolved().image,
                                .old_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                                .new_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                                .src_stage = VK_PIPELINE_STAGE_2_ALL_COMMANDS_BIT,
                                .src_access = VK_ACCESS_2_MEMORY_WRITE_BIT,
                                .dst_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                                .dst_access = VK_ACCESS_2_TRANSFER_READ_BIT}});
    const VkImageSubresourceLayers sub{VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, layers};
    if (dst_format == kColorFormat) {
      VkImageCopy region{};
      region.srcSubresource = sub;
      region.dstSubresource = sub;
      region.extent = {target.width(), target.height(), 1};
      vkCmdCopyImage(cmd_, target.resolved().image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, dst,
                     VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region);
    } else {  // e.g. B8G8R8A8_SRGB: a blit swizzles; both are sRGB so no re-encoding
      VkImageBlit region{};
      region.srcSubresource = sub;
      region.dstSubresource = sub;
      region.srcOffsets[1] = {int32_t(target.width()), int32_t(target.height()), 1};
      region.dstOffsets[1] = region.srcOffsets[1];
      vkCmdBlitImage(cmd_, target.resolved().image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, dst,
                     VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &region, VK_FILTER_NEAREST);
    }
    gpu::image_barriers(cmd_, {{.image = dst,
                                .old_layout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                                .new_layout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL,
                                .src_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                                .src_access = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                                .dst_stage = VK_PIPELINE_STAGE_2_COLOR_ATTACHMENT_OUTPUT_BIT,
                                .dst_access = VK_ACCESS_2_COLOR_ATTACHMENT_WRITE_BIT |
                                              VK_ACCESS_2_COLOR_ATTACHMENT_READ_BIT,
                                .layer_count = layers}});
    if (depth) record_depth_copy(cmd_, target, *depth);
    if (overlay) overlay(cmd_);
    gpu::end_and_submit(dev, cmd_, fence_);
    gpu::wait_and_reset_fence(dev, fence_);
    last_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return Ok{};
  });
}

}  // namespace meeloop::render
