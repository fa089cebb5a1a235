#pragma once
// Input: which scripted controller component each action reads in the session's interaction
// profile. Used by actions.cpp and by action spaces.
#include <optional>

#include "paths.h"
#include "runtime.h"

namespace meeloop::xrrt {

// The pose component a pose action is bound to for `subaction` (XR_NULL_PATH: either hand)
// in the session's current interaction profile; nullopt when unbound or not attached.
std::optional<BoundInput> pose_binding(const Session& s, uint64_t action, XrPath subaction);
// XR_SUCCESS when `subaction` is XR_NULL_PATH or one of the action's subaction paths.
XrResult check_subaction(Instance& inst, const Action& action, XrPath subaction, const char* function);

}  // namespace meeloop::xrrt
