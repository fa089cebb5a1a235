#pragma once
// Zero-initialised Vulkan structs with sType set. `VkFoo x{VK_STRUCTURE_TYPE_FOO}` would do the
// same but trips -Wmissing-field-initializers under -Wextra.
#include <vulkan/vulkan.h>

namespace meeloop::gpu {

template <class T>
T vk_struct(VkStructureType type) {
  T v{};
  v.sType = type;
  return v;
}

}  // namespace meeloop::gpu
