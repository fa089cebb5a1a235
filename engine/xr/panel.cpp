#include "xr/panel.h"

#include <cmath>

#include <glm/gtc/matrix_transform.hpp>

namespace meeloop::xr {

PanelLayout layout_panel(const std::vector<std::string>& option_ids, bool can_ask, const PanelStyle& s) {
  PanelLayout l;
  l.width = s.width;
  const size_t rows = option_ids.size() + (can_ask ? 1 : 0);
  const float text_h = s.text_lines * s.text_height;
  l.height = 2 * s.margin + text_h + float(rows) * (s.row_height + s.row_gap);
  const float top = l.height * 0.5f, left = -l.width * 0.5f;
  l.text_min = {left + s.margin, top - s.margin - text_h};
  l.text_max = {-left - s.margin, top - s.margin};
  float y = l.text_min.y - s.row_gap;
  auto add = [&](PanelRow::Kind kind, const std::string& id) {
    PanelRow r;
    r.kind = kind;
    r.id = id;
    r.max = {-left - s.margin, y};
    r.min = {left + s.margin, y - s.row_height};
    l.rows.push_back(r);
    y -= s.row_height + s.row_gap;
  };
  for (const auto& id : option_ids) add(PanelRow::Kind::Option, id);
  if (can_ask) add(PanelRow::Kind::AskSupervisor, "");
  return l;
}

glm::mat4 place_panel(const glm::vec3& head_position, float head_yaw, float distance, float height) {
  const glm::vec3 forward{-std::sin(head_yaw), 0.0f, -std::cos(head_yaw)};
  glm::vec3 centre = head_position + forward * distance;
  centre.y = height;
  // The panel's front (+Z) faces back towards the head: the panel is rotated like the head.
  return glm::rotate(glm::translate(glm::mat4(1.0f), centre), head_yaw, glm::vec3(0, 1, 0));
}

std::optional<PanelHit> hit_panel(const PanelLayout& layout, const glm::mat4& world_from_panel,
                                  const glm::vec3& origin, const glm::vec3& direction) {
  const glm::mat4 panel_from_world = glm::inverse(world_from_panel);
  const glm::vec3 o = glm::vec3(panel_from_world * glm::vec4(origin, 1.0f));
  const glm::vec3 d = glm::vec3(panel_from_world * glm::vec4(direction, 0.0f));
  if (d.z >= -1e-6f || o.z <= 0.0f) return std::nullopt;  // from behind, or parallel / away
  const float t = -o.z / d.z;
  const glm::vec2 p{o.x + t * d.x, o.y + t * d.y};
  if (std::abs(p.x) > layout.width * 0.5f || std::abs(p.y) > layout.height * 0.5f) return std::nullopt;
  PanelHit hit;
  hit.point = p;
  hit.distance = t * glm::length(direction);
  for (size_t i = 0; i < layout.rows.size(); ++i) {
    const auto& r = layout.rows[i];
    if (p.x >= r.min.x && p.x <= r.max.x && p.y >= r.min.y && p.y <= r.max.y) hit.row = int(i);
  }
  return hit;
}

}  // namespace meeloop::xr
