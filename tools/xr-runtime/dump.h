#pragma once
// MEELOOP_XR_DUMP_DIR: each submitted projection view becomes <dir>/frame_NNNNNN_<left|right>.png.
#include <cstdint>
#include <vector>

#include "layers.h"

namespace meeloop::xrrt {

// One array layer's rectangle of a swapchain image to read back to the CPU.
struct ReadBack {
  VkImage image;
  VkImageAspectFlags aspect;          // what is copied (COLOR, or DEPTH of a depth image)
  VkImageAspectFlags barrier_aspect;  // every aspect of the format (layouts change together)
  uint32_t array_index;
  XrRect2Di rect;
  uint32_t texel_size;  // bytes per texel in the buffer (vkCmdCopyImageToBuffer's packing)
};

// Whether MEELOOP_XR_DUMP_DIR reads images of `format` back (8-bit RGBA/BGRA colour, every
// depth format); those are the swapchains the runtime adds VK_IMAGE_USAGE_TRANSFER_SRC_BIT to
// while dumping.
bool dump_reads(VkFormat format, bool depth);

// Copies `what` on the application's queue (waiting for it) into `out`, tightly packed; the
// image is back in its hand-over layout afterwards. False on any Vulkan failure.
bool read_back(Session& s, const ReadBack& what, std::vector<unsigned char>& out);

// Copies the views on the application's queue (waiting for the copy) and writes PNGs.
// Formats other than 8-bit RGBA/BGRA are skipped with one warning.
void dump_views(Session& s, int64_t frame, const std::vector<SubmittedView>& views);

}  // namespace meeloop::xrrt
