#include "gpu/upload.h"

#include <algorithm>
#include <cstring>

#include "gpu/check.h"
#include "gpu/sync.h"

namespace meeloop::gpu {

Uploader::Uploader(const Device& device)
    : device_(device), pool_(create_command_pool(device, true, "upload pool")) {}

VkCommandBuffer Uploader::commands() {
  if (!cmd_) cmd_ = allocate_command_buffer(device_, pool_, "upload commands");
  if (!recording_) {
    begin_one_time(cmd_);
    recording_ = true;
  }
  return cmd_;
}

void Uploader::buffer(const Buffer& dst, const void* data, size_t bytes, VkDeviceSize offset) {
  if (bytes == 0) return;
  Buffer staging = create_buffer(device_, bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                 MemoryUse::Upload, "staging");
  std::memcpy(staging.mapped, data, bytes);
  VkBufferCopy region{0, offset, bytes};
  vkCmdCopyBuffer(commands(), staging.buffer, dst.buffer, 1, &region);
  staging_.push_back(std::move(staging));
  total_ += bytes;
}

void Uploader::image_rgba8(const Image& dst, const void* pixels) {
  const ImageDesc& d = dst.desc;
  const size_t bytes = size_t(d.width) * d.height * 4;
  Buffer staging = create_buffer(device_, bytes, VK_BUFFER_USAGE_TRANSFER_SRC_BIT,
                                 MemoryUse::Upload, "staging image");
  std::memcpy(staging.mapped, pixels, bytes);
  VkCommandBuffer cmd = commands();
  image_barriers(cmd, {{.image = dst.image,
                        .old_layout = VK_IMAGE_LAYOUT_UNDEFINED,
                        .new_layout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                        .dst_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                        .dst_access = VK_ACCESS_2_TRANSFER_WRITE_BIT}});
  VkBufferImageCopy region{};
  region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 0, 1};
  region.imageExtent = {d.width, d.height, 1};
  vkCmdCopyBufferToImage(cmd, staging.buffer, dst.image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1,
                         &region);
  // Each level is blitted from the one above, which is first made a transfer source; at the end
  // every level is a transfer source and moves to shader-read together.
  int32_t w = int32_t(d.width), h = int32_t(d.height);
  for (uint32_t level = 1; level < d.mip_levels; ++level) {
    image_barriers(cmd, {{.image = dst.image,
                          .old_layout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                          .new_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                          .src_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                          .src_access = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                          .dst_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                          .dst_access = VK_ACCESS_2_TRANSFER_READ_BIT,
                          .base_mip = level - 1,
                          .mip_count = 1}});
    const int32_t nw = std::max(1, w / 2), nh = std::max(1, h / 2);
    VkImageBlit blit{};
    blit.srcSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level - 1, 0, 1};
    blit.srcOffsets[1] = {w, h, 1};
    blit.dstSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, level, 0, 1};
    blit.dstOffsets[1] = {nw, nh, 1};
    vkCmdBlitImage(cmd, dst.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, dst.image,
                   VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, 1, &blit, VK_FILTER_LINEAR);
    w = nw;
    h = nh;
  }
  const uint32_t last = d.mip_levels - 1;
  if (last > 0)
    image_barriers(cmd, {{.image = dst.image,
                          .old_layout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL,
                          .new_layout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                          .src_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                          .src_access = VK_ACCESS_2_TRANSFER_READ_BIT,
                          .dst_stage = VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                          .dst_access = VK_ACCESS_2_SHADER_SAMPLED_READ_BIT,
                          .mip_count = last}});
  image_barriers(cmd, {{.image = dst.image,
                        .old_layout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL,
                        .new_layout = VK_IMAGE_LAYOUT_SHADER_READ_ONLY_OPTIMAL,
                        .src_stage = VK_PIPELINE_STAGE_2_TRANSFER_BIT,
                        .src_access = VK_ACCESS_2_TRANSFER_WRITE_BIT,
                        .dst_stage = VK_PIPELINE_STAGE_2_FRAGMENT_SHADER_BIT,
                        .dst_access = VK_ACCESS_2_SHADER_SAMPLED_READ_BIT,
                        .base_mip = last,
                        .mip_count = 1}});
  staging_.push_back(std::move(staging));
  total_ += bytes;
}

void Uploader::flush() {
  if (!recording_) return;
  auto fence = create_fence(device_, false, "upload fence");
  end_and_submit(device_, cmd_, fence);
  recording_ = false;
  wait_fence(device_, fence);
  MEELOOP_VK_CHECK(vkResetCommandBuffer(cmd_, 0));
  staging_.clear();
}

}  // namespace meeloop::gpu
