#pragma once
// The Dear ImGui context of a window: its GLFW platform backend (without GLFW's own callbacks,
// so scripted and real input share one path) and the mouse state ImGui sees each frame.
#include <array>

#include <glm/glm.hpp>

#include "desktop/input_event.h"

struct GLFWwindow;
struct ImGuiContext;

namespace meeloop::desktop {

class ImGuiLayer {
 public:
  explicit ImGuiLayer(GLFWwindow* window);
  ~ImGuiLayer();
  ImGuiLayer(const ImGuiLayer&) = delete;
  ImGuiLayer& operator=(const ImGuiLayer&) = delete;

  // Hands one input to ImGui.
  void feed(const InputEvent& e);
  // Starts a frame: platform backend, then the mouse from our own state (a scripted click has
  // no real pointer behind it), then ImGui::NewFrame.
  void new_frame();
  glm::dvec2 mouse() const { return mouse_; }

 private:
  GLFWwindow* window_;
  ImGuiContext* context_;
  glm::dvec2 mouse_{-1.0e6};
  std::array<bool, 5> down_{}, pressed_{};
};

}  // namespace meeloop::desktop
