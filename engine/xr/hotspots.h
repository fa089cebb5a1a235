#pragma once
// Objects the visitor can point at: the world-space boxes of the models that the current
// step's interactions name.
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "scenario/runtime.h"
#include "scene/world.h"

namespace meeloop::xr {

struct Hotspot {
  std::string option_id;  // the interaction's id
  glm::vec3 min{0.0f}, max{0.0f};
};

// One box per interaction among `options` whose object is placed in `world` (all its
// instances with that model id merged).
std::vector<Hotspot> hotspots_for(const scene::World& world, const std::vector<scenario::Option>& options);

// The nearest hotspot the ray hits: its index and the distance along the (unit) direction.
std::optional<std::pair<size_t, float>> hit_hotspot(const std::vector<Hotspot>& spots, const glm::vec3& origin,
                                                    const glm::vec3& direction);

}  // namespace meeloop::xr
