#include "dump.h"

#include <cstring>
#include <filesystem>
#include <string>

#include <stb_image_write.h>  // implementation lives in Debian's libstb

namespace meeloop::xrrt {
namespace {

bool is_bgra(VkFormat f) { return f == VK_FORMAT_B8G8R8A8_SRGB || f == VK_FORMAT_B8G8R8A8_UNORM; }
bool is_rgba8(VkFormat f) { return f == VK_FORMAT_R8G8B8A8_SRGB || f == VK_FORMAT_R8G8B8A8_UNORM || is_bgra(f); }

// Records: attachment layout -> transfer source, copy to the buffer, and back, so the image is
// in the layout the spec promises at the next acquire.
void record_copy(VkCommandBuffer cmd, const ReadBack& what, VkBuffer buffer) {
  const bool depth = what.aspect != VK_IMAGE_ASPECT_COLOR_BIT;
  const VkImageLayout attachment = depth ? VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL : VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  const VkAccessFlags written = depth ? VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT : VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  const VkAccessFlags attachment_access =
      depth ? VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_READ_BIT | VK_ACCESS_DEPTH_STENCIL_ATTACHMENT_WRITE_BIT
            : VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
  VkImageMemoryBarrier b{};
  b.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
  b.srcAccessMask = written | VK_ACCESS_TRANSFER_WRITE_BIT | VK_ACCESS_SHADER_WRITE_BIT;
  b.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
  b.oldLayout = attachment;
  b.newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  b.image = what.image;
  // A combined depth/stencil image changes layout in both aspects at once.
  b.subresourceRange = {what.barrier_aspect, 0, 1, what.array_index, 1};
  // ALL_COMMANDS as source: the application's rendering was submitted earlier on this queue,
  // and a barrier orders against everything before it in submission order.
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0,
                       nullptr, 1, &b);
  VkBufferImageCopy region{};
  region.imageSubresource = {what.aspect, 0, what.array_index, 1};
  region.imageOffset = {what.rect.offset.x, what.rect.offset.y, 0};
  region.imageExtent = {uint32_t(what.rect.extent.width), uint32_t(what.rect.extent.height), 1};
  vkCmdCopyImageToBuffer(cmd, b.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buffer, 1, &region);
  b.srcAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
  b.dstAccessMask = attachment_access;
  b.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  b.newLayout = attachment;
  VkBufferMemoryBarrier hb{};
  hb.sType = VK_STRUCTURE_TYPE_BUFFER_MEMORY_BARRIER;
  hb.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
  hb.dstAccessMask = VK_ACCESS_HOST_READ_BIT;
  hb.srcQueueFamilyIndex = hb.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  hb.buffer = buffer;
  hb.size = VK_WHOLE_SIZE;
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_TRANSFER_BIT,
                       VK_PIPELINE_STAGE_ALL_COMMANDS_BIT | VK_PIPELINE_STAGE_HOST_BIT, 0, 0, nullptr, 1, &hb, 1, &b);
}

bool dump_one(Session& s, int64_t frame, const SubmittedView& v, const std::filesystem::path& file) {
  ReadBack what{v.swapchain->images[v.image].image.get(), VK_IMAGE_ASPECT_COLOR_BIT, VK_IMAGE_ASPECT_COLOR_BIT,
                v.array_index, v.rect, 4};
  std::vector<unsigned char> pixels;
  if (!read_back(s, what, pixels)) return false;
  if (is_bgra(VkFormat(v.swapchain->info.format)))
    for (size_t i = 0; i + 3 < pixels.size(); i += 4) std::swap(pixels[i], pixels[i + 2]);
  // sRGB-encoded bytes go to the PNG unchanged: PNG's default colour space is sRGB.
  const int ok = stbi_write_png(file.c_str(), v.rect.extent.width, v.rect.extent.height, 4, pixels.data(),
                                v.rect.extent.width * 4);
  s.instance->trace.write({{"event", "dump"}, {"frame", frame}, {"eye", v.eye == 0 ? "left" : "right"},
                           {"file", file.string()}, {"ok", ok != 0}});
  return ok != 0;
}

}  // namespace

bool dump_reads(VkFormat format, bool depth) { return depth || is_rgba8(format); }

bool read_back(Session& s, const ReadBack& what, std::vector<unsigned char>& out) {
  const VkDevice dev = s.binding.device;
  const VkDeviceSize size =
      VkDeviceSize(what.rect.extent.width) * VkDeviceSize(what.rect.extent.height) * what.texel_size;
  VkBufferCreateInfo bi{};
  bi.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
  bi.size = size;
  bi.usage = VK_BUFFER_USAGE_TRANSFER_DST_BIT;
  bi.sharingMode = VK_SHARING_MODE_EXCLUSIVE;
  VkBuffer raw = VK_NULL_HANDLE;
  if (vkCreateBuffer(dev, &bi, nullptr, &raw) != VK_SUCCESS) return false;
  VkBufferOwner buffer(dev, raw);
  VkMemoryRequirements req{};
  vkGetBufferMemoryRequirements(dev, raw, &req);
  VkMemoryAllocateInfo ai{};
  ai.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
  ai.allocationSize = req.size;
  ai.memoryTypeIndex = s.gpu->memory_type(req.memoryTypeBits, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT);
  bool coherent = true;
  if (ai.memoryTypeIndex == UINT32_MAX) {
    ai.memoryTypeIndex = s.gpu->memory_type(req.memoryTypeBits, VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT);
    coherent = false;
  }
  VkDeviceMemory mem_raw = VK_NULL_HANDLE;
  if (ai.memoryTypeIndex == UINT32_MAX || vkAllocateMemory(dev, &ai, nullptr, &mem_raw) != VK_SUCCESS) return false;
  VkMemoryOwner memory(dev, mem_raw);
  vkBindBufferMemory(dev, raw, mem_raw, 0);
  if (s.gpu->submit_and_wait([&](VkCommandBuffer cmd) { record_copy(cmd, what, raw); }) != VK_SUCCESS) return false;
  void* data = nullptr;
  if (vkMapMemory(dev, mem_raw, 0, VK_WHOLE_SIZE, 0, &data) != VK_SUCCESS) return false;
  if (!coherent) {
    VkMappedMemoryRange range{VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE, nullptr, mem_raw, 0, VK_WHOLE_SIZE};
    vkInvalidateMappedMemoryRanges(dev, 1, &range);
  }
  out.resize(size);
  std::memcpy(out.data(), data, size);
  vkUnmapMemory(dev, mem_raw);
  return true;
}

void dump_views(Session& s, int64_t frame, const std::vector<SubmittedView>& views) {
  const std::filesystem::path dir = s.instance->config.dump_dir;
  if (dir.empty() || views.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  for (const SubmittedView& v : views) {
    if (!is_rgba8(VkFormat(v.swapchain->info.format)) || !(v.swapchain->image_usage & VK_IMAGE_USAGE_TRANSFER_SRC_BIT)) {
      if (frame == 0 || s.frames_ended <= 1)
        s.instance->log.warn("meeloop-xr: MEELOOP_XR_DUMP_DIR: only 8-bit RGBA/BGRA swapchains are dumped");
      continue;
    }
    char name[64];
    std::snprintf(name, sizeof name, "frame_%06lld_%s.png", static_cast<long long>(frame), v.eye == 0 ? "left" : "right");
    if (!dump_one(s, frame, v, dir / name)) s.instance->log.warn(std::string("meeloop-xr: could not dump ") + (dir / name).string());
  }
}

}  // namespace meeloop::xrrt
