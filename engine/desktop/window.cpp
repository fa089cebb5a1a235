#include "desktop/window.h"

#include <utility>

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>

namespace meeloop::desktop {
namespace {

Window* owner(GLFWwindow* w) { return static_cast<Window*>(glfwGetWindowUserPointer(w)); }

void install_callbacks(GLFWwindow* w) {
  using K = InputEvent::Kind;
  glfwSetKeyCallback(w, [](GLFWwindow* w, int key, int scancode, int action, int mods) {
    owner(w)->push({K::Key, key, action, mods, scancode, {}});
  });
  glfwSetCharCallback(w, [](GLFWwindow* w, unsigned int c) {
    owner(w)->push({K::Char, int(c), 0, 0, 0, {}});
  });
  glfwSetMouseButtonCallback(w, [](GLFWwindow* w, int button, int action, int mods) {
    owner(w)->push({K::MouseButton, button, action, mods, 0, {}});
  });
  glfwSetCursorPosCallback(w, [](GLFWwindow* w, double x, double y) {
    owner(w)->push({K::CursorPos, 0, 0, 0, 0, {x, y}});
  });
  glfwSetScrollCallback(w, [](GLFWwindow* w, double x, double y) {
    owner(w)->push({K::Scroll, 0, 0, 0, 0, {x, y}});
  });
  glfwSetCursorEnterCallback(w, [](GLFWwindow* w, int entered) {
    owner(w)->push({K::CursorEnter, 0, entered, 0, 0, {}});
  });
  glfwSetWindowFocusCallback(w, [](GLFWwindow* w, int focused) {
    owner(w)->push({K::Focus, 0, focused, 0, 0, {}});
  });
  glfwSetWindowIconifyCallback(w, [](GLFWwindow* w, int iconified) {
    owner(w)->push({K::Iconify, 0, iconified, 0, 0, {}});
  });
}

}  // namespace

Result<std::unique_ptr<GlfwLibrary>> GlfwLibrary::init() {
  // Whether a display is set is the front end's question (Settings::display); here GLFW's
  // own answer is the one that counts.
  if (!glfwInit()) {
    const char* why = nullptr;
    glfwGetError(&why);
    return failure(std::string("GLFW could not start: ") + (why ? why : "unknown reason") +
                   " (no display? use --headless, or run under xvfb-run for tests)");
  }
  auto lib = std::unique_ptr<GlfwLibrary>(new GlfwLibrary());
  if (!glfwVulkanSupported())
    return failure("GLFW finds no Vulkan loader (install libvulkan1 and mesa-vulkan-drivers)");
  return lib;
}

GlfwLibrary::~GlfwLibrary() { glfwTerminate(); }

std::vector<std::string> GlfwLibrary::vulkan_instance_extensions() const {
  uint32_t n = 0;
  const char** names = glfwGetRequiredInstanceExtensions(&n);
  std::vector<std::string> out;
  for (uint32_t i = 0; i < n; ++i) out.emplace_back(names[i]);
  return out;
}

Result<std::unique_ptr<Window>> Window::create(const GlfwLibrary&, int width, int height,
                                               const std::string& title) {
  glfwDefaultWindowHints();
  glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
  glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  GLFWwindow* raw = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
  if (!raw) {
    const char* why = nullptr;
    glfwGetError(&why);
    return failure(std::string("cannot open a window: ") + (why ? why : "unknown reason"));
  }
  auto w = std::unique_ptr<Window>(new Window());
  w->window_ = raw;
  glfwSetWindowUserPointer(raw, w.get());
  install_callbacks(raw);
  return w;
}

Window::~Window() {
  if (window_) glfwDestroyWindow(window_);
}

bool Window::should_close() const { return glfwWindowShouldClose(window_); }
void Window::request_close() { glfwSetWindowShouldClose(window_, GLFW_TRUE); }
void Window::poll() { glfwPollEvents(); }
void Window::wait() { glfwWaitEventsTimeout(0.25); }

glm::ivec2 Window::framebuffer_size() const {
  glm::ivec2 s;
  glfwGetFramebufferSize(window_, &s.x, &s.y);
  return s;
}
glm::ivec2 Window::window_size() const {
  glm::ivec2 s;
  glfwGetWindowSize(window_, &s.x, &s.y);
  return s;
}
float Window::content_scale() const {
  float x = 1, y = 1;
  glfwGetWindowContentScale(window_, &x, &y);
  return x > 0 ? x : 1.0f;
}
bool Window::minimised() const {
  glm::ivec2 s = framebuffer_size();
  return glfwGetWindowAttrib(window_, GLFW_ICONIFIED) || s.x == 0 || s.y == 0;
}

void Window::resize(glm::ivec2 size) { glfwSetWindowSize(window_, size.x, size.y); }

}  // namespace meeloop::desktop
