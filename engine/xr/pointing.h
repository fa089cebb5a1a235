#pragma once
// Where a visitor's hands point, as pure geometry: each tracked hand's ray hits the in-world
// panel first (it floats in front of the room), else the nearest of the step's hotspots; and
// which hand drives the panel's one ImGui mouse.
#include <optional>
#include <vector>

#include <glm/glm.hpp>

#include "xr/hotspots.h"
#include "xr/input.h"
#include "xr/panel.h"

namespace meeloop::xr {

inline constexpr float kRayLength = 3.0f;  // metres drawn when a ray hits nothing

struct HandPoint {
  glm::vec3 from{0.0f}, to{0.0f};        // the ray drawn, scene coordinates
  std::optional<glm::vec2> canvas_point;  // where it hits the panel, canvas pixels
  std::optional<size_t> spot;             // else the hotspot it hits (index into the spots)
};

// `hand`'s aim (session space) through `world_from_space`.
HandPoint point_hand(const HandState& hand, const glm::mat4& world_from_space, const glm::mat4& world_from_panel,
                     const PanelCanvas& canvas, const std::vector<Hotspot>& spots);

// The panel's one mouse for two hands, added in order left (0), right (1): the hand that pulls
// the trigger on the panel, else the right hand, else the left.
class PanelMouse {
 public:
  void add(int hand, glm::vec2 canvas_point, bool trigger);
  std::optional<glm::vec2> pointer() const { return pointer_; }
  bool pressed() const { return pressing_hand_ >= 0; }
  int pressing_hand() const { return pressing_hand_; }  // -1: none

 private:
  std::optional<glm::vec2> pointer_;
  int pressing_hand_ = -1;
};

}  // namespace meeloop::xr
