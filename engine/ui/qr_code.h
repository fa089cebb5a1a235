#pragma once
// QR codes for the end screen (libqrencode), drawn as squares with the ImGui draw list.
#include <string>
#include <vector>

#include <imgui.h>

namespace meeloop::ui {

struct QrCode {
  int size = 0;                  // modules per side; 0 when encoding failed
  std::vector<bool> dark;        // size * size, row by row
  bool at(int x, int y) const { return dark[static_cast<size_t>(y) * size + x]; }
};

// Encodes `text` (byte mode, error correction level M).
QrCode make_qr_code(const std::string& text);

// Draws `qr` with a white quiet zone of 4 modules, `side` pixels wide, at the cursor; advances
// the cursor like an image would.
void draw_qr_code(const QrCode& qr, float side);

}  // namespace meeloop::ui
