#include "xr/panel.h"

#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace meeloop::xr {

glm::vec2 PanelCanvas::to_canvas(glm::vec2 p) const {
  const glm::vec2 size = size_m();
  return {(p.x / size.x + 0.5f) * float(width), (0.5f - p.y / size.y) * float(height)};
}

glm::vec2 PanelCanvas::to_panel(glm::vec2 c) const {
  const glm::vec2 size = size_m();
  return {(c.x / float(width) - 0.5f) * size.x, (0.5f - c.y / float(height)) * size.y};
}

glm::mat4 place_panel(const glm::vec3& head_position, float head_yaw, float distance, float height) {
  const glm::vec3 forward{-std::sin(head_yaw), 0.0f, -std::cos(head_yaw)};
  glm::vec3 centre = head_position + forward * distance;
  centre.y = height;
  // The panel's front (+Z) faces back towards the head: the panel is rotated like the head.
  return glm::rotate(glm::translate(glm::mat4(1.0f), centre), head_yaw, glm::vec3(0, 1, 0));
}

std::optional<PanelHit> hit_panel(glm::vec2 size, const glm::mat4& world_from_panel, const glm::vec3& origin,
                                  const glm::vec3& direction) {
  const glm::mat4 panel_from_world = glm::inverse(world_from_panel);
  const glm::vec3 o = glm::vec3(panel_from_world * glm::vec4(origin, 1.0f));
  const glm::vec3 d = glm::vec3(panel_from_world * glm::vec4(direction, 0.0f));
  if (d.z >= -1e-6f || o.z <= 0.0f) return std::nullopt;  // from behind, or parallel / away
  const float t = -o.z / d.z;
  const glm::vec2 p{o.x + t * d.x, o.y + t * d.y};
  if (std::abs(p.x) > size.x * 0.5f || std::abs(p.y) > size.y * 0.5f) return std::nullopt;
  return PanelHit{p, t * glm::length(direction)};
}

}  // namespace meeloop::xr
