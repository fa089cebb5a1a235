#pragma once
// OpenXR poses and fields of view as glm matrices in the renderer's conventions.
#include <glm/glm.hpp>
#include <glm/gtc/quaternion.hpp>
#include <openxr/openxr.h>

#include "render/camera.h"

namespace meeloop::xr {

inline glm::quat to_quat(const XrQuaternionf& q) { return glm::quat(q.w, q.x, q.y, q.z); }
inline glm::vec3 to_vec3(const XrVector3f& v) { return {v.x, v.y, v.z}; }
// Pose -> matrix (pose space -> base space).
glm::mat4 to_mat4(const XrPosef& p);
// The renderer's View of one eye: world_from_space places the OpenXR space in the scene.
render::View eye_view(const glm::mat4& world_from_space, const XrPosef& eye, const XrFovf& fov);
// An orientation looking along `dir` (OpenXR: -Z forward, +Y up), no roll.
glm::quat look_rotation(const glm::vec3& dir);

}  // namespace meeloop::xr
