#pragma once
// Makes an ImGui context current for a scope and puts the previous one back: the desktop, the
// headset's in-world panel and the operator's mirror window each have their own context.
#include <imgui.h>

namespace meeloop::ui {

class ContextScope {
 public:
  explicit ContextScope(ImGuiContext* context) : previous_(ImGui::GetCurrentContext()) {
    ImGui::SetCurrentContext(context);
  }
  ~ContextScope() { ImGui::SetCurrentContext(previous_); }
  ContextScope(const ContextScope&) = delete;
  ContextScope& operator=(const ContextScope&) = delete;

 private:
  ImGuiContext* previous_;
};

}  // namespace meeloop::ui
