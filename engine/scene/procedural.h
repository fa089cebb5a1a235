#pragma once
// Small textures generated in code so a room shell does not look like a test scene. They are
// near-white detail maps (sRGB): the material's base colour gives the hue.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "scene/world.h"

namespace meeloop::scene {

// Names accepted as "pattern" in scene.json, for messages.
const std::vector<std::string>& pattern_names();
// Generates the pattern called `name` ("planks", "plaster", "ceiling_tiles", "tiles", "grass",
// "brick"); returns an empty image for "plain" or an unknown name.
Image make_pattern(std::string_view name);
// Metres of surface one repetition of the pattern covers (for UVs).
float pattern_tile_metres(std::string_view name);

}  // namespace meeloop::scene
