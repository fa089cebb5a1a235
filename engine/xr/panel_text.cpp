#include "xr/panel_text.h"

#include <imgui.h>
#include <imgui_internal.h>  // ImTextCharFromUtf8

#include "ui/fonts.h"

namespace meeloop::xr {

Result<std::unique_ptr<PanelFont>> PanelFont::create(float pixel_size) {
  auto f = std::unique_ptr<PanelFont>(new PanelFont());
  // A context of our own: the desktop mirror or kiosk may have theirs; only the font atlas is
  // used here, never a frame.
  ImGuiContext* previous = ImGui::GetCurrentContext();
  f->context_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(f->context_);
  ImGuiIO& io = ImGui::GetIO();
  const Status st = ui::load_fonts(io, pixel_size);
  ImGui::SetCurrentContext(previous);
  if (!st) return st.error();
  if (io.Fonts->Fonts.Size < 2) return failure("the interface fonts did not load (expected regular and bold)");
  f->regular_ = io.Fonts->Fonts[0];
  f->bold_ = io.Fonts->Fonts[1];
  io.Fonts->GetTexDataAsRGBA32(&f->pixels_, &f->width_, &f->height_);
  if (!f->pixels_) return failure("could not build the font atlas for the headset panel");
  f->white_ = {io.Fonts->TexUvWhitePixel.x, io.Fonts->TexUvWhitePixel.y};
  return f;
}

PanelFont::~PanelFont() {
  if (context_) ImGui::DestroyContext(context_);
}

int PanelFont::layout(const std::string& text, glm::vec2 top_left, float width, float line_height, bool bold,
                      std::vector<GlyphQuad>& out) const {
  const ImFont* font = bold ? bold_ : regular_;
  // The glyph box is about 1.2x the letter height; line_height is from baseline to baseline.
  const float scale = line_height / (font->FontSize * 1.15f);
  const char* s = text.c_str();
  const char* end = s + text.size();
  float x = 0.0f;
  int line = 0;
  auto word_width = [&](const char* p) {
    float w = 0.0f;
    while (p < end && *p != ' ' && *p != '\n') {
      unsigned int c = 0;
      p += ImTextCharFromUtf8(&c, p, end);
      if (const ImFontGlyph* g = font->FindGlyph(ImWchar(c))) w += g->AdvanceX * scale;
    }
    return w;
  };
  while (s < end) {
    if (*s == '\n') {
      x = 0.0f;
      ++line;
      ++s;
      continue;
    }
    if (*s == ' ' && x > 0.0f && x + word_width(s + 1) + font->FindGlyph(' ')->AdvanceX * scale > width) {
      x = 0.0f;  // wrap at the space before a word that does not fit
      ++line;
      ++s;
      continue;
    }
    unsigned int c = 0;
    s += ImTextCharFromUtf8(&c, s, end);
    const ImFontGlyph* g = font->FindGlyph(ImWchar(c));
    if (!g) continue;
    const float top = top_left.y - float(line) * line_height;
    if (g->Visible) {
      GlyphQuad q;
      q.min = {top_left.x + x + g->X0 * scale, top - g->Y1 * scale};
      q.max = {top_left.x + x + g->X1 * scale, top - g->Y0 * scale};
      q.uv_min = {g->U0, g->V1};
      q.uv_max = {g->U1, g->V0};
      out.push_back(q);
    }
    x += g->AdvanceX * scale;
  }
  return text.empty() ? 0 : line + 1;
}

}  // namespace meeloop::xr
