#pragma once
// A room generated from a few numbers: floor, walls with door and window openings, ceiling,
// skirting boards, window frames with glass, and a garden outside the windows.
// The room spans x in [0, width], z in [0, depth], floor at y = 0 (all metres).
#include <array>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/error.h"
#include "core/log.h"
#include "scene/world_builder.h"

namespace meeloop::scene {

// Walls by the side of the room they close: north z = 0, east x = width, south z = depth, west x = 0.
enum class Wall { North = 0, East = 1, South = 2, West = 3 };

struct Surface {
  glm::vec3 color{0.9f};       // sRGB 0..1, as a trainer picks it
  std::string pattern = "plain";
  std::string texture;         // image file (absolute path) instead of a pattern, optional
  float roughness = 0.85f;
};

struct Opening {
  enum class Kind { Door, Window } kind = Kind::Window;
  Wall wall = Wall::North;
  float center = 1.0f;  // metres along the wall (from its west or north end) to the middle
  float width = 1.0f;
  float height = 1.2f;
  float sill = 0.0f;    // bottom above the floor (0 for doors)
  bool open = false;    // doors: leave the leaf out
};

struct RoomShell {
  glm::vec3 size{6.0f, 2.7f, 5.0f};  // width (x), height (y), depth (z)
  float wall_thickness = 0.2f;
  Surface floor{{0.62f, 0.47f, 0.33f}, "planks", {}, 0.6f};
  Surface walls{{0.93f, 0.91f, 0.86f}, "plaster", {}, 0.9f};
  Surface ceiling{{0.97f, 0.97f, 0.96f}, "ceiling_tiles", {}, 0.95f};
  std::array<std::optional<glm::vec3>, 4> wall_colors;  // per-wall colour override (sRGB)
  std::vector<Opening> openings;
};

// Length of a wall in metres.
float wall_length(const RoomShell& room, Wall wall);
// Why opening `i` cannot be built (too wide, off the wall, above the ceiling, overlapping
// another), or nullopt when it fits.
std::optional<std::string> check_opening(const RoomShell& room, size_t i);
// Adds the shell's meshes, materials and instances ("room", "room_glass") to `builder`.
Status build_room_shell(WorldBuilder& builder, const RoomShell& room, Log& log);

}  // namespace meeloop::scene
