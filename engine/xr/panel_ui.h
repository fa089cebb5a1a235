#pragma once
// The in-world panel's interface: Dear ImGui in a private context drawing the same dialogue
// contents as the desktop overlay and the kiosk (ui::draw_dialogue_contents) into a fixed
// canvas (xr/panel.h), driven by the controller's pointer. No GPU: ImGui builds its font atlas
// on the CPU, so tests and the XR script generator run it as it is; PanelTexture (GPU) draws
// the resulting ImDrawData into the panel's texture.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/error.h"
#include "core/settings.h"
#include "scenario/runtime.h"
#include "ui/dialogue_panel.h"
#include "ui/ui_text.h"
#include "xr/panel.h"

struct ImDrawData;
struct ImGuiContext;

namespace meeloop::xr {

// One clickable row of the last frame, in canvas pixels.
struct PanelRow {
  ui::DialogueAction action;
  glm::vec2 min{0.0f}, max{0.0f};
  glm::vec2 centre() const { return (min + max) * 0.5f; }
  bool contains(glm::vec2 p) const { return p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y; }
};

class PanelUi {
 public:
  // Fonts from ui/fonts.h (paths.font_dir), the interface's texts from paths.data_root's
  // data/ui, the theme from ui/theme.h.
  static Result<std::unique_ptr<PanelUi>> create(const std::string& language, const Paths& paths,
                                                 const PanelCanvas& canvas = {});
  ~PanelUi();
  PanelUi(const PanelUi&) = delete;
  PanelUi& operator=(const PanelUi&) = delete;

  // One ImGui frame of `dt` seconds. `pointer`: where a controller ray hits the panel (canvas
  // pixels), none when no ray does. `press`: the trigger went down this frame; a press is a
  // click, completed on the next frame (ImGui needs a press and a release), so the action
  // comes back from the frame after the press. Returns what the visitor chose.
  std::optional<ui::DialogueAction> frame(const scenario::Runtime& rt, std::optional<glm::vec2> pointer, bool press,
                                          double dt);

  // The last frame's drawing (valid until the next frame()), its rows, and a hash of it so a
  // renderer redraws the texture only when something changed.
  ImDrawData* draw_data() const;
  const std::vector<PanelRow>& rows() const { return rows_; }
  uint64_t drawn_hash() const { return hash_; }
  // The row under `p` (canvas pixels) in the last frame, or -1.
  int row_at(glm::vec2 p) const;

  const PanelCanvas& canvas() const { return canvas_; }
  ui::DialogueState& state() { return state_; }
  // The window's background (sRGB-encoded, as ImGui's colours): the texture's clear colour.
  glm::vec4 background() const { return background_; }
  // The text scale the content needed to fit (1: none; long steps shrink, not below 0.7).
  float text_scale() const { return scale_; }
  // The context the GPU side must make current around ImGui backend calls.
  ImGuiContext* context() const { return context_; }

 private:
  PanelUi() = default;
  ImGuiContext* context_ = nullptr;
  PanelCanvas canvas_;
  std::string language_;
  ui::UiText text_;
  ui::DialogueState state_;
  std::vector<PanelRow> rows_;
  std::string shown_;  // what the panel showed last (step, answer, ending)
  float scale_ = 1.0f;
  uint64_t hash_ = 0;
  glm::vec4 background_{0.0f};
};

}  // namespace meeloop::xr
