#pragma once
// The player's in-world panel and hotspots: where the panel stands in the play space, what each
// hand points at this frame (xr/pointing.h), and the panel's Dear ImGui frame driven by that
// pointer. A trigger press on a hotspot chooses its interaction at once; on the panel it is a
// click that ImGui completes on the next frame.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/error.h"
#include "scenario/runtime.h"
#include "ui/dialogue_panel.h"
#include "xr/head_pose.h"
#include "xr/hotspots.h"
#include "xr/input.h"
#include "xr/panel_renderer.h"
#include "xr/panel_ui.h"
#include "xr/pointing.h"

namespace meeloop::xr {

class PanelPointing {
 public:
  static Result<std::unique_ptr<PanelPointing>> create(const std::string& language, const Paths& paths);

  bool placed() const { return placed_; }
  // In front of the head at chest height, so seated and standing visitors both read it
  // comfortably (session start, recentre).
  void place(const HeadPose& head);
  // Display time passes: the panel's ImGui clock.
  void advance(double seconds) { ui_seconds_ += seconds; }

  // A frame's pointing starts: the panel where the play space puts it now, the step's hotspots.
  void begin(const glm::mat4& world_from_space, std::vector<Hotspot> spots);
  // One tracked hand: its ray, the panel's pointer, the hovered hotspot. Returns the interaction
  // the hand chose on a hotspot (trigger pressed on it), if any.
  std::optional<std::string> point(int hand, const HandState& state, const glm::mat4& world_from_space);
  // The panel's ImGui frame with this frame's pointer: what the visitor chose on the panel.
  std::optional<ui::DialogueAction> finish(const scenario::Runtime& rt);
  // The hand whose trigger clicked the panel last (its haptic pulse confirms the choice).
  int clicking_hand() const { return clicking_hand_; }

  // What the overlay draws: this frame's rays and hover, the panel moved with the play space
  // (a snap turn, teleport or recentre may have moved it after the hands pointed).
  const PanelView& view(const glm::mat4& world_from_space);
  PanelUi& ui() { return *ui_; }

 private:
  explicit PanelPointing(std::unique_ptr<PanelUi> ui) : ui_(std::move(ui)) {}
  std::unique_ptr<PanelUi> ui_;
  glm::mat4 space_from_panel_{1.0f};
  bool placed_ = false;
  double ui_seconds_ = 0;  // display time since the last ImGui frame
  int clicking_hand_ = 1;
  PanelView view_;
  std::vector<Hotspot> spots_;
  PanelMouse mouse_;
};

}  // namespace meeloop::xr
