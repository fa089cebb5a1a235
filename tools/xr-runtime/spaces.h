#pragma once
// Where spaces are: every pose the runtime reports is computed in STAGE space (the script's
// frame: floor level, +Y up) and then expressed relative to the requested base space.
#include <optional>

#include "runtime.h"

namespace meeloop::xrrt {

// Pose of the scripted head (VIEW origin) in STAGE space at time t.
XrPosef head_pose(const Session& s, XrTime t);
// Pose of a space in STAGE space at time t; nullopt for an action space that is not tracked
// now (unbound pose action, or the session does not have input focus).
std::optional<XrPosef> space_pose(const Session& s, const Space& space, XrTime t);

}  // namespace meeloop::xrrt
