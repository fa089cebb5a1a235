#include "ui/qr_code.h"

#include <qrencode.h>

namespace meeloop::ui {

QrCode make_qr_code(const std::string& text) {
  QrCode out;
  QRcode* q = QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M);
  if (!q) return out;
  out.size = q->width;
  out.dark.resize(static_cast<size_t>(q->width) * q->width);
  for (size_t i = 0; i < out.dark.size(); ++i) out.dark[i] = q->data[i] & 1;  // bit 0: dark module
  QRcode_free(q);
  return out;
}

void draw_qr_code(const QrCode& qr, float side) {
  if (qr.size == 0) return;
  const int quiet = 4;
  const float module = side / static_cast<float>(qr.size + 2 * quiet);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p = ImGui::GetCursorScreenPos();
  dl->AddRectFilled(p, ImVec2(p.x + side, p.y + side), IM_COL32_WHITE);
  for (int y = 0; y < qr.size; ++y)
    for (int x = 0; x < qr.size; ++x)
      if (qr.at(x, y)) {
        ImVec2 a(p.x + (x + quiet) * module, p.y + (y + quiet) * module);
        dl->AddRectFilled(a, ImVec2(a.x + module, a.y + module), IM_COL32_BLACK);
      }
  ImGui::Dummy(ImVec2(side, side));
}

}  // namespace meeloop::ui
