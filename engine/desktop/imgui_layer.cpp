#include "desktop/imgui_layer.h"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>

#include "ui/theme.h"

namespace meeloop::desktop {

ImGuiLayer::ImGuiLayer(GLFWwindow* window) : window_(window) {
  IMGUI_CHECKVERSION();
  context_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  io.IniFilename = nullptr;  // a kiosk must look the same every morning
  io.LogFilename = nullptr;
  // Every window (desktop play, kiosk, headset mirror) gets the readable colours.
  ui::apply_theme(ImGui::GetStyle());
  ImGui_ImplGlfw_InitForVulkan(window, false);
}

ImGuiLayer::~ImGuiLayer() {
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext(context_);
}

void ImGuiLayer::feed(const InputEvent& e) {
  using K = InputEvent::Kind;
  switch (e.kind) {
    case K::Key: ImGui_ImplGlfw_KeyCallback(window_, e.code, e.scancode, e.action, e.mods); break;
    case K::Char: ImGui_ImplGlfw_CharCallback(window_, unsigned(e.code)); break;
    case K::MouseButton:
      ImGui_ImplGlfw_MouseButtonCallback(window_, e.code, e.action, e.mods);
      if (e.code >= 0 && e.code < int(down_.size())) {
        down_[e.code] = e.action == GLFW_PRESS;
        if (e.action == GLFW_PRESS) pressed_[e.code] = true;
      }
      break;
    case K::CursorPos: mouse_ = e.pos; break;
    case K::Scroll: ImGui_ImplGlfw_ScrollCallback(window_, e.pos.x, e.pos.y); break;
    case K::CursorEnter: ImGui_ImplGlfw_CursorEnterCallback(window_, e.action); break;
    case K::Focus: ImGui_ImplGlfw_WindowFocusCallback(window_, e.action); break;
    case K::Iconify: break;
  }
}

void ImGuiLayer::new_frame() {
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(float(mouse_.x), float(mouse_.y));
  // A press and its release within one frame must still count as a click.
  for (size_t i = 0; i < down_.size(); ++i) {
    io.MouseDown[i] = down_[i] || pressed_[i];
    pressed_[i] = false;
  }
  ImGui::NewFrame();
}

}  // namespace meeloop::desktop
