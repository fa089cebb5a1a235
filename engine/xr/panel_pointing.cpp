#include "xr/panel_pointing.h"

#include <utility>

#include "xr/panel.h"

namespace meeloop::xr {

Result<std::unique_ptr<PanelPointing>> PanelPointing::create(const std::string& language, const Paths& paths) {
  MEELOOP_ASSIGN_OR_RETURN(auto ui, PanelUi::create(language, paths));
  return std::unique_ptr<PanelPointing>(new PanelPointing(std::move(ui)));
}

void PanelPointing::place(const HeadPose& head) {
  // Chest height: 0.3 m below the eyes.
  space_from_panel_ = place_panel(head.position, head.yaw, 0.9f, head.position.y - 0.3f);
  placed_ = true;
}

void PanelPointing::begin(const glm::mat4& world_from_space, std::vector<Hotspot> spots) {
  view_.world_from_panel = world_from_space * space_from_panel_;
  view_.hover_spot.reset();
  view_.rays.clear();
  spots_ = std::move(spots);
  mouse_ = {};
}

std::optional<std::string> PanelPointing::point(int hand, const HandState& state, const glm::mat4& world_from_space) {
  const HandPoint p = point_hand(state, world_from_space, view_.world_from_panel, ui_->canvas(), spots_);
  view_.rays.push_back({p.from, p.to});
  if (p.canvas_point) {
    mouse_.add(hand, *p.canvas_point, state.select_pressed);
    if (mouse_.pressing_hand() == hand) clicking_hand_ = hand;
    return std::nullopt;
  }
  if (!p.spot) return std::nullopt;
  view_.hover_spot = spots_[*p.spot];
  if (!state.select_pressed) return std::nullopt;
  return spots_[*p.spot].option_id;
}

std::optional<ui::DialogueAction> PanelPointing::finish(const scenario::Runtime& rt) {
  auto action = ui_->frame(rt, mouse_.pointer(), mouse_.pressed(), ui_seconds_);
  ui_seconds_ = 0;
  return action;
}

const PanelView& PanelPointing::view(const glm::mat4& world_from_space) {
  view_.world_from_panel = world_from_space * space_from_panel_;
  return view_;
}

}  // namespace meeloop::xr
