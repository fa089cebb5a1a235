#pragma once
// Camera math with Vulkan clip conventions: right-handed world (+Y up, metres, camera looks
// down -Z), clip-space Y pointing down and depth in [0, 1].
#include <glm/glm.hpp>

#include "scene/world.h"

namespace meeloop::render {

// One eye's camera. Mono rendering passes one View, stereo (OpenXR) passes two.
struct View {
  glm::mat4 view{1.0f};  // world -> eye
  glm::mat4 proj{1.0f};  // eye -> Vulkan clip space
};

inline constexpr float kNearPlane = 0.05f;  // metres: close enough for a hand near the face
inline constexpr float kFarPlane = 200.0f;

// Symmetric perspective: vertical field of view in radians, width/height aspect.
glm::mat4 perspective(float fov_y, float aspect, float near_z = kNearPlane, float far_z = kFarPlane);
// Asymmetric perspective from the four half-angles in radians (left and down negative), the
// form OpenXR's XrFovf gives per eye.
glm::mat4 perspective_fov(float angle_left, float angle_right, float angle_up, float angle_down,
                          float near_z = kNearPlane, float far_z = kFarPlane);
// World -> eye for an eye at `eye` looking at `target`, +Y up (a safe up is picked when
// looking straight up or down).
glm::mat4 look_at(const glm::vec3& eye, const glm::vec3& target);
// The View of a scene viewpoint for an image of the given aspect.
View view_from_viewpoint(const scene::Viewpoint& vp, float aspect);
// The eye position of a view matrix.
glm::vec3 eye_position(const glm::mat4& view);

}  // namespace meeloop::render
