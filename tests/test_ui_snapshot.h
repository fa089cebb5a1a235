#pragma once
// A tiny CPU rasteriser for Dear ImGui's draw data, so headless tests can save what a screen
// looks like (font atlas as the only texture, clip rectangles, alpha blending) without a GPU.
// Only for looking at layouts in tests; the real pixels come from the desktop host's Vulkan backend.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <vector>

#include <imgui.h>

namespace meeloop::test {

struct Snapshot {
  int width = 0, height = 0;
  std::vector<uint8_t> rgba;  // row by row, opaque

  // How many different colours appear (a blank or garbled screen has very few).
  size_t colour_count() const {
    std::vector<uint32_t> px(rgba.size() / 4);
    for (size_t i = 0; i < px.size(); ++i)
      px[i] = rgba[4 * i] | rgba[4 * i + 1] << 8 | rgba[4 * i + 2] << 16;
    std::sort(px.begin(), px.end());
    return static_cast<size_t>(std::unique(px.begin(), px.end()) - px.begin());
  }
};

inline Snapshot rasterise(const ImDrawData* dd) {
  Snapshot s;
  s.width = static_cast<int>(dd->DisplaySize.x);
  s.height = static_cast<int>(dd->DisplaySize.y);
  std::vector<float> img(static_cast<size_t>(s.width) * s.height * 3, 0.05f);
  unsigned char* tex = nullptr;
  int tw = 0, th = 0;
  ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&tex, &tw, &th);
  for (int n = 0; n < dd->CmdListsCount; ++n) {
    const ImDrawList* cl = dd->CmdLists[n];
    for (const ImDrawCmd& cmd : cl->CmdBuffer) {
      if (cmd.UserCallback) continue;
      const int x0c = std::max(0, static_cast<int>(cmd.ClipRect.x)), y0c = std::max(0, static_cast<int>(cmd.ClipRect.y));
      const int x1c = std::min(s.width, static_cast<int>(std::ceil(cmd.ClipRect.z)));
      const int y1c = std::min(s.height, static_cast<int>(std::ceil(cmd.ClipRect.w)));
      for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
        const ImDrawVert* v[3];
        for (int k = 0; k < 3; ++k) v[k] = &cl->VtxBuffer[cmd.VtxOffset + cl->IdxBuffer[cmd.IdxOffset + i + k]];
        float area = (v[1]->pos.x - v[0]->pos.x) * (v[2]->pos.y - v[0]->pos.y) -
                     (v[2]->pos.x - v[0]->pos.x) * (v[1]->pos.y - v[0]->pos.y);
        if (std::fabs(area) < 1e-6f) continue;
        int bx0 = std::max(x0c, static_cast<int>(std::floor(std::min({v[0]->pos.x, v[1]->pos.x, v[2]->pos.x}))));
        int by0 = std::max(y0c, static_cast<int>(std::floor(std::min({v[0]->pos.y, v[1]->pos.y, v[2]->pos.y}))));
        int bx1 = std::min(x1c, static_cast<int>(std::ceil(std::max({v[0]->pos.x, v[1]->pos.x, v[2]->pos.x}))));
        int by1 = std::min(y1c, static_cast<int>(std::ceil(std::max({v[0]->pos.y, v[1]->pos.y, v[2]->pos.y}))));
        for (int y = by0; y < by1; ++y)
          for (int x = bx0; x < bx1; ++x) {
            float px = x + 0.5f, py = y + 0.5f;
            float w0 = ((v[1]->pos.x - px) * (v[2]->pos.y - py) - (v[2]->pos.x - px) * (v[1]->pos.y - py)) / area;
            float w1 = ((v[2]->pos.x - px) * (v[0]->pos.y - py) - (v[0]->pos.x - px) * (v[2]->pos.y - py)) / area;
            float w2 = 1.0f - w0 - w1;
            if (w0 < -1e-4f || w1 < -1e-4f || w2 < -1e-4f) continue;
            float u = w0 * v[0]->uv.x + w1 * v[1]->uv.x + w2 * v[2]->uv.x;
            float vv = w0 * v[0]->uv.y + w1 * v[1]->uv.y + w2 * v[2]->uv.y;
            int tx = std::clamp(static_cast<int>(u * tw), 0, tw - 1), ty = std::clamp(static_cast<int>(vv * th), 0, th - 1);
            const unsigned char* t = tex + 4 * (static_cast<size_t>(ty) * tw + tx);
            float c[4];
            for (int ch = 0; ch < 4; ++ch) {
              float a = ((v[0]->col >> (8 * ch)) & 0xFF) * w0 + ((v[1]->col >> (8 * ch)) & 0xFF) * w1 +
                        ((v[2]->col >> (8 * ch)) & 0xFF) * w2;
              c[ch] = a / 255.0f * (t[ch] / 255.0f);
            }
            float* d = &img[3 * (static_cast<size_t>(y) * s.width + x)];
            for (int ch = 0; ch < 3; ++ch) d[ch] = c[ch] * c[3] + d[ch] * (1 - c[3]);
          }
      }
    }
  }
  s.rgba.resize(static_cast<size_t>(s.width) * s.height * 4);
  for (size_t i = 0; i < img.size() / 3; ++i) {
    for (int ch = 0; ch < 3; ++ch) s.rgba[4 * i + ch] = static_cast<uint8_t>(std::clamp(img[3 * i + ch], 0.0f, 1.0f) * 255);
    s.rgba[4 * i + 3] = 255;
  }
  return s;
}

}  // namespace meeloop::test
