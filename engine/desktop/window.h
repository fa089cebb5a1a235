#pragma once
// A GLFW 3.3 window for Vulkan (no OpenGL context). Every input GLFW reports becomes an
// InputEvent in one queue; scripted test input is appended to the same queue, so both travel
// the same path to Dear ImGui and to the 3D controls.
#include <memory>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/error.h"
#include "desktop/input_event.h"

struct GLFWwindow;

namespace meeloop::desktop {

// glfwInit .. glfwTerminate. One per process, created before any Window and outliving them.
class GlfwLibrary {
 public:
  // Failure when GLFW cannot start (no display: see Settings::display) or lacks Vulkan.
  static Result<std::unique_ptr<GlfwLibrary>> init();
  ~GlfwLibrary();
  GlfwLibrary(const GlfwLibrary&) = delete;
  GlfwLibrary& operator=(const GlfwLibrary&) = delete;
  // The instance extensions a window surface needs (VK_KHR_surface + the platform's).
  std::vector<std::string> vulkan_instance_extensions() const;

 private:
  GlfwLibrary() = default;
};

class Window {
 public:
  static Result<std::unique_ptr<Window>> create(const GlfwLibrary& glfw, int width, int height,
                                                const std::string& title);
  ~Window();
  Window(const Window&) = delete;
  Window& operator=(const Window&) = delete;

  GLFWwindow* get() const { return window_; }
  bool should_close() const;
  void request_close();
  // Processes pending window-system events into the queue.
  void poll();
  // Blocks until an event arrives (used while minimised, so a hidden window costs no CPU).
  void wait();
  glm::ivec2 framebuffer_size() const;
  glm::ivec2 window_size() const;
  float content_scale() const;  // HiDPI factor (1 on ordinary screens)
  bool minimised() const;
  void resize(glm::ivec2 size);  // asks the window system; the swapchain follows next frame

  void push(const InputEvent& e) { events_.push_back(e); }
  std::vector<InputEvent> take_events() { return std::exchange(events_, {}); }

 private:
  Window() = default;
  GLFWwindow* window_ = nullptr;
  std::vector<InputEvent> events_;
};

}  // namespace meeloop::desktop
