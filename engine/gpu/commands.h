#pragma once
// Command pools, command buffers and queue submission.
#include <functional>
#include <string_view>

#include <vulkan/vulkan.h>

#include "gpu/device.h"
#include "gpu/handle.h"

namespace meeloop::gpu {

// A pool on the device's graphics queue family; `resettable` lets buffers be re-recorded.
Handle<VkCommandPool> create_command_pool(const Device& device, bool resettable,
                                          std::string_view name);
// Allocates one primary buffer; it is freed with its pool.
VkCommandBuffer allocate_command_buffer(const Device& device, VkCommandPool pool,
                                        std::string_view name);
// vkBeginCommandBuffer for a buffer recorded once and submitted once.
void begin_one_time(VkCommandBuffer cmd);
// Ends `cmd`, submits it to the device's queue signalling `fence` (may be null).
void end_and_submit(const Device& device, VkCommandBuffer cmd, VkFence fence);
// Records `record` into a temporary buffer, submits it and waits for it to finish.
void run_once(const Device& device, const std::function<void(VkCommandBuffer)>& record);

}  // namespace meeloop::gpu
