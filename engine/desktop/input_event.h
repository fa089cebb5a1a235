#pragma once
// One input from the window system or from an input script. Codes are GLFW's (GLFW_KEY_*,
// GLFW_MOUSE_BUTTON_*, GLFW_PRESS/RELEASE) because Dear ImGui 1.86's GLFW backend indexes its
// key table by them.
#include <glm/glm.hpp>

namespace meeloop::desktop {

struct InputEvent {
  enum class Kind { Key, Char, MouseButton, CursorPos, Scroll, CursorEnter, Focus, Iconify };
  Kind kind = Kind::Key;
  int code = 0;         // key or mouse button; codepoint for Char
  int action = 0;       // GLFW_PRESS / GLFW_RELEASE / GLFW_REPEAT; 0/1 for Focus, Iconify, CursorEnter
  int mods = 0;
  int scancode = 0;
  glm::dvec2 pos{0.0};  // CursorPos: window coordinates; Scroll: offsets
};

}  // namespace meeloop::desktop
