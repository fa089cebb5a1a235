#pragma once
// Staging uploads: CPU data copied into device-local buffers and images. Copies are batched
// into one command buffer and submitted by flush(), so loading a scene costs one GPU round trip.
#include <cstddef>
#include <vector>

#include "gpu/buffer.h"
#include "gpu/commands.h"
#include "gpu/image.h"

namespace meeloop::gpu {

class Uploader {
 public:
  explicit Uploader(const Device& device);

  // Queues a copy of `bytes` into `dst` at `offset` (dst needs TRANSFER_DST usage).
  void buffer(const Buffer& dst, const void* data, size_t bytes, VkDeviceSize offset = 0);
  // Queues level 0 of layer 0 of `dst` from tightly packed pixels (4 bytes each), generates
  // the other mips by linear blits when dst has them (needs TRANSFER_SRC|DST usage), and leaves
  // the image in SHADER_READ_ONLY_OPTIMAL for fragment shaders.
  void image_rgba8(const Image& dst, const void* pixels);
  // Submits everything queued, waits, and frees the staging memory.
  void flush();
  // Bytes staged since construction (for load statistics).
  size_t total_bytes() const { return total_; }

 private:
  VkCommandBuffer commands();
  const Device& device_;
  Handle<VkCommandPool> pool_;
  VkCommandBuffer cmd_ = VK_NULL_HANDLE;
  bool recording_ = false;
  std::vector<Buffer> staging_;  // alive until the submit that reads them has finished
  size_t total_ = 0;
};

}  // namespace meeloop::gpu
