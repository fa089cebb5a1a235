#include "xr/pointing.h"

namespace meeloop::xr {

HandPoint point_hand(const HandState& hand, const glm::mat4& world_from_space, const glm::mat4& world_from_panel,
                     const PanelCanvas& canvas, const std::vector<Hotspot>& spots) {
  const glm::vec3 o = glm::vec3(world_from_space * glm::vec4(hand.aim_origin, 1.0f));
  const glm::vec3 d = glm::normalize(glm::vec3(world_from_space * glm::vec4(hand.aim_direction, 0.0f)));
  HandPoint p;
  float length = kRayLength;
  if (auto hit = hit_panel(canvas.size_m(), world_from_panel, o, d)) {
    length = hit->distance;
    p.canvas_point = canvas.to_canvas(hit->point);
  } else if (auto spot = hit_hotspot(spots, o, d)) {
    length = spot->second;
    p.spot = spot->first;
  }
  p.from = o;
  p.to = o + d * length;
  return p;
}

void PanelMouse::add(int hand, glm::vec2 canvas_point, bool trigger) {
  if (pressed()) return;  // the hand that pulled the trigger keeps the mouse
  pointer_ = canvas_point;
  if (trigger) pressing_hand_ = hand;
}

}  // namespace meeloop::xr
