#include "ui/keys.h"

#include <cctype>

namespace meeloop::ui {

bool key_pressed(ImGuiKey key, bool repeat) {
  int index = ImGui::GetKeyIndex(key);
  return index >= 0 && ImGui::IsKeyPressed(index, repeat);
}

bool enter_pressed() {
  if (ImGui::GetIO().WantTextInput) return false;
  return key_pressed(ImGuiKey_Enter) || key_pressed(ImGuiKey_KeyPadEnter);
}

bool char_typed(char c) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return false;
  for (ImWchar w : io.InputQueueCharacters)
    if (w < 128 && std::tolower(static_cast<int>(w)) == std::tolower(static_cast<unsigned char>(c))) return true;
  return false;
}

int digit_typed() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return 0;
  for (ImWchar w : io.InputQueueCharacters)
    if (w >= '1' && w <= '9') return w - '0';
  return 0;
}

}  // namespace meeloop::ui
