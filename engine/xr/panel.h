#pragma once
// The in-world dialogue panel's geometry: where it stands, its size, where a controller ray
// hits it and which canvas pixel (of the Dear ImGui panel, xr/panel_ui.h) that is. Pure
// geometry (no GPU, no OpenXR), shared by the headset player, its renderer and the test that
// scripts where a visitor points.
//
// Panel space: metres, origin at the panel's centre, +X right, +Y up, the front faces +Z.
// Canvas: pixels, origin at the top-left corner, +Y down (ImGui's screen coordinates).
#include <optional>

#include <glm/glm.hpp>

namespace meeloop::xr {

// The panel's pixels and how big they are in the room. Text is sized in metres, so it is as
// readable in every headset: at 0.9 m a 36 mm line (32 px font plus spacing) is about
// 2.3 degrees, well above the 1-1.5 degrees comfortable reading needs; 1024 px over 1 m is
// about what a current headset resolves at that distance.
struct PanelCanvas {
  int width = 1024, height = 720;       // pixels
  float metres_per_pixel = 1.0f / 1024.0f;
  float font_pixels = 32.0f;
  glm::vec2 size_m() const { return glm::vec2(float(width), float(height)) * metres_per_pixel; }
  glm::vec2 to_canvas(glm::vec2 panel_point) const;  // panel space -> canvas pixels
  glm::vec2 to_panel(glm::vec2 canvas_point) const;  // canvas pixels -> panel space
};

// Where the panel stands in the play space (stage/local coordinates) when the session starts
// or the visitor recentres: `distance` in front of the head, at chest height, facing the head.
glm::mat4 place_panel(const glm::vec3& head_position, float head_yaw, float distance = 0.9f, float height = 1.3f);

// Where the ray (world space) hits the front of a panel of `size` metres.
struct PanelHit {
  glm::vec2 point{0};  // panel space
  float distance = 0;  // along the ray
};
std::optional<PanelHit> hit_panel(glm::vec2 size, const glm::mat4& world_from_panel, const glm::vec3& origin,
                                  const glm::vec3& direction);

}  // namespace meeloop::xr
