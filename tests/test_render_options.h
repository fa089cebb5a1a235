#pragma once
// The RendererOptions every render test starts from: the shaders and the detail cache of the
// test settings (tests/test_settings.h), so ctest's MEELOOP_SHADER_DIR and MEELOOP_CACHE_DIR apply.
#include "render/renderer.h"
#include "test_settings.h"

namespace meeloop::test {

inline render::RendererOptions renderer_options() {
  render::RendererOptions o;
  o.shader_dir = settings().paths.shader_dir;
  o.cache_dir = settings().paths.cache_dir;
  return o;
}

}  // namespace meeloop::test
