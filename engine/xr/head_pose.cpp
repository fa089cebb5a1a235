#include "xr/head_pose.h"

#include <cmath>

#include "xr/pose_math.h"

namespace meeloop::xr {

HeadPose head_pose(const Frame& frame) {
  HeadPose h;
  h.position = (to_vec3(frame.eyes[0].pose.position) + to_vec3(frame.eyes[1].pose.position)) * 0.5f;
  h.forward = to_quat(frame.eyes[0].pose.orientation) * glm::vec3(0, 0, -1);
  h.yaw = std::atan2(-h.forward.x, -h.forward.z);
  return h;
}

}  // namespace meeloop::xr
