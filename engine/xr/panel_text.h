#pragma once
// Text on the in-world panel: glyphs of the interface's own font (ui/fonts.h, DejaVu Sans via
// Dear ImGui's atlas) laid out in metres, wrapped to a width. No GPU here: the result is quads
// with atlas coordinates that PanelRenderer draws.
#include <memory>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/error.h"

struct ImFont;
struct ImGuiContext;

namespace meeloop::xr {

struct GlyphQuad {
  glm::vec2 min, max;        // panel space, metres
  glm::vec2 uv_min, uv_max;  // atlas coordinates of min (bottom-left) and max (top-right)
};

class PanelFont {
 public:
  // Loads the interface fonts into a private ImGui context and builds the atlas (RGBA8).
  static Result<std::unique_ptr<PanelFont>> create(float pixel_size = 48.0f);
  ~PanelFont();

  int atlas_width() const { return width_; }
  int atlas_height() const { return height_; }
  const unsigned char* atlas_rgba() const { return pixels_; }
  glm::vec2 white_uv() const { return white_; }

  // Lays out UTF-8 `text` from the top-left corner `top_left`, lines `line_height` metres
  // apart, wrapped at `width`; appends quads and returns the number of lines used.
  int layout(const std::string& text, glm::vec2 top_left, float width, float line_height, bool bold,
             std::vector<GlyphQuad>& out) const;

 private:
  PanelFont() = default;
  ImGuiContext* context_ = nullptr;
  ImFont* regular_ = nullptr;
  ImFont* bold_ = nullptr;
  unsigned char* pixels_ = nullptr;  // owned by the context's atlas
  int width_ = 0, height_ = 0;
  glm::vec2 white_{0.0f};
};

}  // namespace meeloop::xr
