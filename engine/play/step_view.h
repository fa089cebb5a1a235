#pragma once
// Where the camera looks at a scenario step: at the first speaking character's model, else at
// the first interaction's object, else the scene's default viewpoint. Used by
// `meeloop render --step`, desktop play and the kiosk so a step always frames the same thing.
#include <optional>

#include "scenario/scenario.h"
#include "scene/world.h"

namespace meeloop::play {

// A viewpoint that keeps `from` (usually the current camera or the default viewpoint) as the
// standing position when it already sees the subject, else steps to a spot 1.5-2.5 m from it at
// eye height (1.6 m) inside the room. Never fails: falls back to `from`.
scene::Viewpoint frame_step(const scene::World& world, const scenario::Scenario& sc,
                            const scenario::Step& step, const scene::Viewpoint& from);

// The world-space bounds centre of the model that `instance_id` names, if placed.
std::optional<glm::vec3> instance_centre(const scene::World& world, const std::string& instance_id);

}  // namespace meeloop::play
