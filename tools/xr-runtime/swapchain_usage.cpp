#include "swapchain_usage.h"

#include <cstdio>
#include <utility>

namespace meeloop::xrrt {
namespace {

// XR_KHR_vulkan_enable2, "Swapchain usage flags" (the same table as XR_KHR_vulkan_enable).
constexpr std::pair<XrSwapchainUsageFlags, VkImageUsageFlags> kUsageTable[] = {
    {XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT, VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT},
    {XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT, VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT},
    {XR_SWAPCHAIN_USAGE_UNORDERED_ACCESS_BIT, VK_IMAGE_USAGE_STORAGE_BIT},
    {XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT, VK_IMAGE_USAGE_TRANSFER_SRC_BIT},
    {XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT, VK_IMAGE_USAGE_TRANSFER_DST_BIT},
    {XR_SWAPCHAIN_USAGE_SAMPLED_BIT, VK_IMAGE_USAGE_SAMPLED_BIT},
};

// Core OpenXR 1.0's bits. The input-attachment bit needs an extension this runtime lacks.
constexpr XrSwapchainUsageFlags kKnownUsage =
    XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT |
    XR_SWAPCHAIN_USAGE_UNORDERED_ACCESS_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_SRC_BIT | XR_SWAPCHAIN_USAGE_TRANSFER_DST_BIT |
    XR_SWAPCHAIN_USAGE_SAMPLED_BIT | XR_SWAPCHAIN_USAGE_MUTABLE_FORMAT_BIT;

}  // namespace

VkImageUsageFlags vk_image_usage(XrSwapchainUsageFlags usage) {
  VkImageUsageFlags v = 0;
  for (auto [xr, vk] : kUsageTable)
    if (usage & xr) v |= vk;
  return v;
}

VkImageCreateFlags vk_image_create_flags(XrSwapchainUsageFlags usage) {
  return (usage & XR_SWAPCHAIN_USAGE_MUTABLE_FORMAT_BIT) ? VK_IMAGE_CREATE_MUTABLE_FORMAT_BIT : 0;
}

std::optional<std::string> unsupported_usage(XrSwapchainUsageFlags usage, bool depth) {
  if (usage & ~kKnownUsage) {
    char bits[32];
    std::snprintf(bits, sizeof bits, "0x%llx", static_cast<unsigned long long>(usage & ~kKnownUsage));
    return std::string("usage bits ") + bits + " are not supported (no XR_KHR_swapchain_usage_input_attachment_bit)";
  }
  if (depth && (usage & (XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT | XR_SWAPCHAIN_USAGE_UNORDERED_ACCESS_BIT)))
    return "a depth format cannot be a colour attachment or storage image";
  if (!depth && (usage & XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT))
    return "a colour format cannot be a depth attachment";
  // Images are handed over in the attachment layout (XR_KHR_vulkan_enable2), and Vulkan allows
  // that layout only on images with attachment usage: without it neither this runtime nor the
  // application could move an image into or out of it without a validation error.
  if (depth && !(usage & XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT))
    return "a depth swapchain needs XR_SWAPCHAIN_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT: images are handed over in "
           "VK_IMAGE_LAYOUT_DEPTH_STENCIL_ATTACHMENT_OPTIMAL";
  if (!depth && !(usage & XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT))
    return "a colour swapchain needs XR_SWAPCHAIN_USAGE_COLOR_ATTACHMENT_BIT: images are handed over in "
           "VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL";
  return std::nullopt;
}

std::vector<std::string> usage_names(VkImageUsageFlags usage) {
  static constexpr std::pair<VkImageUsageFlagBits, const char*> kNames[] = {
      {VK_IMAGE_USAGE_TRANSFER_SRC_BIT, "TRANSFER_SRC"},
      {VK_IMAGE_USAGE_TRANSFER_DST_BIT, "TRANSFER_DST"},
      {VK_IMAGE_USAGE_SAMPLED_BIT, "SAMPLED"},
      {VK_IMAGE_USAGE_STORAGE_BIT, "STORAGE"},
      {VK_IMAGE_USAGE_COLOR_ATTACHMENT_BIT, "COLOR_ATTACHMENT"},
      {VK_IMAGE_USAGE_DEPTH_STENCIL_ATTACHMENT_BIT, "DEPTH_STENCIL_ATTACHMENT"},
      {VK_IMAGE_USAGE_TRANSIENT_ATTACHMENT_BIT, "TRANSIENT_ATTACHMENT"},
      {VK_IMAGE_USAGE_INPUT_ATTACHMENT_BIT, "INPUT_ATTACHMENT"},
  };
  std::vector<std::string> out;
  for (auto [bit, name] : kNames)
    if (usage & bit) out.emplace_back(name);
  return out;
}

}  // namespace meeloop::xrrt
