#pragma once
// Everything a desktop window needs around a "mode" (desktop play, the kiosk): GLFW window,
// Vulkan context with a swapchain, the offscreen renderer, Dear ImGui with fonts, optional
// scripted input, and the frame loop. The mode draws its UI and says what 3D scene to show.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <glm/glm.hpp>

#include "core/error.h"
#include "core/log.h"
#include "core/settings.h"
#include "desktop/input_event.h"
#include "desktop/input_script.h"
#include "gpu/context.h"
#include "render/camera.h"
#include "render/gpu_scene.h"
#include "render/renderer.h"
#include "render/rgba_image.h"

namespace meeloop::desktop {

class Window;
class ImGuiLayer;

struct ShellOptions {
  std::string title = "Meeloop";
  int width = 1280, height = 720;      // window size in screen coordinates (--size WxH)
  std::optional<InputScript> script;   // --input-script
  float font_pixels = 24.0f;           // logical text size: large and readable
  gpu::ContextConfig gpu;              // gpu::context_config(settings); the Shell adds extensions
  Paths paths;                         // Settings::paths: shaders, the detail cache, fonts
};

// Parses "1280x720" (BadInput otherwise; 320..7680 x 240..4320).
Result<glm::ivec2> parse_size(const std::string& text);

// One poll of a window, the same for the Shell and the headset mirror: what the window system
// reported, then what the script has due at `now` (its events queued behind, its quit and
// resize applied). Every event has been handed to ImGui before the caller sees it.
struct WindowInput {
  std::vector<InputEvent> events;
  std::optional<std::filesystem::path> screenshot;  // the script asks for the next frame
};
WindowInput poll_window(Window& window, ImGuiLayer& imgui, ScriptPlayer* script, double now);

// Writes a captured window as a PNG, creating its folder.
Status save_screenshot(const render::RgbaImage& image, const std::filesystem::path& file);

// What one frame shows in 3D (nothing: the mode's clear colour fills the window).
struct SceneFrame {
  const render::GpuScene* scene = nullptr;
  render::View view;
  glm::vec3 clear{0.10f, 0.12f, 0.16f};
};

// The per-frame interface of a mode.
class Mode {
 public:
  virtual ~Mode() = default;
  // Each input, after ImGui has seen it; `ui_mouse`/`ui_keys`: ImGui wants them (last frame).
  virtual void on_input(const InputEvent& e, bool ui_mouse, bool ui_keys) = 0;
  // Window focus lost or gained (minimising counts as losing it).
  virtual void on_focus(bool focused) = 0;
  // Builds the UI (inside an ImGui frame) and says what to draw. `window_size` is in ImGui
  // units (screen coordinates).
  virtual SceneFrame frame(double dt, glm::vec2 window_size) = 0;
  // false ends the loop (e.g. the visitor chose to quit).
  virtual bool running() const { return true; }
};

class Shell {
 public:
  // Opens the window and Vulkan (validation per MEELOOP_VALIDATION), the renderer and ImGui.
  static Result<std::unique_ptr<Shell>> create(const ShellOptions& options, Log& log);
  ~Shell();

  const gpu::Context& context() const;
  render::Renderer& renderer();
  Log& log() const;

  // Runs frames until the window closes, the script says quit, or the mode stops. Failure on
  // a GPU error, or when validation reported errors.
  Status run(Mode& mode);

 private:
  struct Impl;
  explicit Shell(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace meeloop::desktop
