#pragma once
// Keyboard helpers over Dear ImGui 1.86's input model: named keys through io.KeyMap, letters
// and digits through the typed-character queue (1.86 has no key codes for them).
#include <imgui.h>

namespace meeloop::ui {

bool key_pressed(ImGuiKey key, bool repeat = false);
bool enter_pressed();
// The character typed this frame matching `c` (case-insensitive for letters); false while a
// text field has keyboard focus, so typing a PIN never triggers a shortcut.
bool char_typed(char c);
// The digit 1..9 typed this frame, or 0.
int digit_typed();

}  // namespace meeloop::ui
