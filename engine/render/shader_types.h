#pragma once
// Plain structs shared with shaders/frame.glsl. Layouts are std140 (Frame) and std430
// (DrawPush): only vec4/mat4 members, so C++ and GLSL agree without padding.
#include <cstdint>

#include <glm/glm.hpp>

namespace meeloop::render {

inline constexpr uint32_t kMaxViews = 4;        // multiview layers per pass (stereo needs 2)
inline constexpr uint32_t kMaxPointLights = 16;  // extra lights are dropped with a warning

struct GpuPointLight {
  glm::vec4 position_range;   // xyz world position (m), w range (m)
  glm::vec4 color_intensity;  // rgb linear colour, a intensity
};

struct FrameUniforms {
  glm::mat4 view_proj[kMaxViews];
  glm::vec4 camera_pos[kMaxViews];
  glm::vec4 sun_direction;  // xyz: direction light travels
  glm::vec4 sun_color;      // rgb * intensity
  glm::vec4 sky_color;      // rgb * ambient intensity
  glm::vec4 ground_color;   // rgb * ambient intensity
  glm::ivec4 counts;        // x: point lights in use
  GpuPointLight points[kMaxPointLights];
};

struct MaterialPush {
  glm::vec4 base_color;         // linear rgb, a opacity
  glm::vec4 emissive_metallic;  // rgb emissive, a metallic
  glm::vec4 params;             // x roughness, y alpha cutoff (0 = none), z 1 if textured
  glm::ivec4 view;              // x: index of the View that gl_ViewIndex 0 stands for
};

// Everything that changes per draw, as push constants. The model matrix travels here rather
// than in a storage buffer: lavapipe loads push constants once per draw but storage-buffer
// reads once per vertex, which made vertex work a third of its frame. 128 bytes is the size
// every Vulkan device must accept.
struct DrawPush {
  glm::mat4 model;  // model -> world of the instance
  MaterialPush material;
};

static_assert(sizeof(FrameUniforms) % 16 == 0);
static_assert(sizeof(MaterialPush) == 64);
static_assert(sizeof(DrawPush) == 128);

}  // namespace meeloop::render
