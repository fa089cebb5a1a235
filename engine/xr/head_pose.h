#pragma once
// The visitor's head in one frame, worked out once and handed to every part of the player that
// needs it (comfort, the panel, the report): halfway between the eyes, looking where the left
// eye looks, in the session's space (stage or local).
#include <glm/glm.hpp>

#include "xr/session.h"

namespace meeloop::xr {

struct HeadPose {
  glm::vec3 position{0.0f};              // between the eyes
  glm::vec3 forward{0.0f, 0.0f, -1.0f};  // the left eye's view direction
  float yaw = 0.0f;  // of `forward`: radians, counter-clockwise seen from above, 0 along -Z
};

HeadPose head_pose(const Frame& frame);

}  // namespace meeloop::xr
