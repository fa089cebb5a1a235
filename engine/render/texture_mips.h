#pragma once
// Mipmaps made on the CPU. Blitting them on lavapipe first JIT-compiles its blit shaders,
// which costs more of the load-to-first-frame time than averaging the pixels here.
#include <cstdint>
#include <vector>

#include "scene/world.h"

namespace meeloop::render {

// The mip chain of an sRGB-encoded RGBA8 image down to 1x1, each level the average of 2x2
// texels of the one above (in linear light; alpha averaged as is). Level 0 is `image` halved
// until neither side exceeds `max_size` (0 = no limit).
std::vector<scene::Image> mip_chain(const scene::Image& image, uint32_t max_size = 0);

}  // namespace meeloop::render
