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
void record_copy(VkCommandBuffer cmd, const SubmittedView& v, VkBuffer buffer) {
  VkImageMemoryBarrier b{};
  b.sType = VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER;
  b.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT | VK_ACCESS_SHADER_WRITE_BIT;
  b.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
  b.oldLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
  b.newLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
  b.image = v.swapchain->images[v.image].image.get();
  b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, v.array_index, 1};
  // ALL_COMMANDS as source: the application's rendering was submitted earlier on this queue,
  // and a barrier orders against everything before it in submission order.
  vkCmdPipelineBarrier(cmd, VK_PIPELINE_STAGE_ALL_COMMANDS_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0, nullptr, 0,
                       nullptr, 1, &b);
  VkBufferImageCopy region{};
  region.imageSubresource = {VK_IMAGE_ASPECT_COLOR_BIT, 0, v.array_index, 1};
  region.imageOffset = {v.rect.offset.x, v.rect.offset.y, 0};
  region.imageExtent = {uint32_t(v.rect.extent.width), uint32_t(v.rect.extent.height), 1};
  vkCmdCopyImageToBuffer(cmd, b.image, VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL, buffer, 1, &region);
  b.srcAccessMask = VK_ACCESS_TRANSFER_READ_BIT;
  b.dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT | VK_ACCESS_COLOR_ATTACHMENT_READ_BIT;
  b.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_SRC_OPTIMAL;
  b.newLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
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
  const VkDevice dev = s.binding.device;
  const VkDeviceSize size = VkDeviceSize(v.rect.extent.width) * VkDeviceSize(v.rect.extent.height) * 4;
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
  if (s.gpu->submit_and_wait([&](VkCommandBuffer cmd) { record_copy(cmd, v, raw); }) != VK_SUCCESS) return false;
  void* data = nullptr;
  if (vkMapMemory(dev, mem_raw, 0, VK_WHOLE_SIZE, 0, &data) != VK_SUCCESS) return false;
  if (!coherent) {
    VkMappedMemoryRange range{VK_STRUCTURE_TYPE_MAPPED_MEMORY_RANGE, nullptr, mem_raw, 0, VK_WHOLE_SIZE};
    vkInvalidateMappedMemoryRanges(dev, 1, &range);
  }
  std::vector<unsigned char> pixels(size);
  std::memcpy(pixels.data(), data, size);
  vkUnmapMemory(dev, mem_raw);
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

void dump_views(Session& s, int64_t frame, const std::vector<SubmittedView>& views) {
  const std::filesystem::path dir = s.instance->config.dump_dir;
  if (dir.empty() || views.empty()) return;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  for (const SubmittedView& v : views) {
    if (!is_rgba8(VkFormat(v.swapchain->info.format))) {
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
