#pragma once
// Session lifecycle rules shared by session.cpp (begin/end/exit) and frame.cpp (the frame loop
// drives SYNCHRONIZED, VISIBLE and FOCUSED, and fires scripted events).
#include "runtime.h"

namespace meeloop::xrrt {

// Walks a running session down to STOPPING (FOCUSED -> VISIBLE -> SYNCHRONIZED -> STOPPING).
void walk_to_stopping(Instance& inst, Session& s);
// Moves between SYNCHRONIZED, VISIBLE and FOCUSED as the frame loop and the script's focus say.
void update_focus(Instance& inst, Session& s);
// Fires every script event due at or before `frame`.
void fire_script_events(Instance& inst, Session& s, int64_t frame);
// XR_ERROR_INSTANCE_LOST / XR_ERROR_SESSION_LOST once a scripted loss happened, else XR_SUCCESS.
XrResult loss_result(const Instance& inst, const Session& s);

}  // namespace meeloop::xrrt
