#pragma once
// XrSwapchainCreateInfo::usageFlags as Vulkan image flags, by XR_KHR_vulkan_enable2's table,
// and the combinations this runtime refuses. The runtime creates images with exactly these
// flags, so an application that uses an image beyond what it asked for meets the Vulkan
// validation layer here, as it would on a runtime that grants no more than the spec promises.
#include <optional>
#include <string>
#include <vector>

#include "xr_api.h"

namespace meeloop::xrrt {

// The image usage the table maps `usage` to (MUTABLE_FORMAT is a create flag, not a usage).
VkImageUsageFlags vk_image_usage(XrSwapchainUsageFlags usage);
VkImageCreateFlags vk_image_create_flags(XrSwapchainUsageFlags usage);

// Why a swapchain of a `depth` (or colour) format cannot have `usage` (the answer is then
// XR_ERROR_FEATURE_UNSUPPORTED); nullopt when it can, as far as the flags alone tell.
std::optional<std::string> unsupported_usage(XrSwapchainUsageFlags usage, bool depth);

// "COLOR_ATTACHMENT", "TRANSFER_SRC", ... for the trace and error messages.
std::vector<std::string> usage_names(VkImageUsageFlags usage);

}  // namespace meeloop::xrrt
