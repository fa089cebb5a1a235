#include "desktop/shell.h"

#include <charconv>

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "desktop/imgui_layer.h"
#include "desktop/presenter.h"
#include "desktop/window.h"
#include "render/rgba_image.h"

namespace meeloop::desktop {

Result<glm::ivec2> parse_size(const std::string& text) {
  auto x = text.find('x');
  glm::ivec2 s{0, 0};
  auto num = [](std::string_view v, int& out) {
    auto r = std::from_chars(v.data(), v.data() + v.size(), out);
    return !v.empty() && r.ec == std::errc() && r.ptr == v.data() + v.size();
  };
  if (x == std::string::npos || !num(std::string_view(text).substr(0, x), s.x) ||
      !num(std::string_view(text).substr(x + 1), s.y) || s.x < 320 || s.x > 7680 || s.y < 240 || s.y > 4320)
    return bad_input("", "", "--size expects WIDTHxHEIGHT between 320x240 and 7680x4320, e.g. 1280x720; got \"" +
                                 text + "\"");
  return s;
}

WindowInput poll_window(Window& window, ImGuiLayer& imgui, ScriptPlayer* script, double now) {
  window.poll();
  WindowInput in;
  if (script) {
    ScriptPlayer::Step s = script->advance(now);
    for (const InputEvent& e : s.events) window.push(e);
    in.screenshot = s.screenshot;
    if (s.quit) window.request_close();
    if (s.resize) window.resize(*s.resize);
  }
  in.events = window.take_events();
  for (const InputEvent& e : in.events) imgui.feed(e);
  return in;
}

Status save_screenshot(const render::RgbaImage& image, const std::filesystem::path& file) {
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path());
  return render::write_png(image, file);
}

struct Shell::Impl {
  Log* log = nullptr;
  ShellOptions options;
  std::unique_ptr<GlfwLibrary> glfw;
  std::unique_ptr<Window> window;
  std::unique_ptr<gpu::Context> context;
  std::unique_ptr<render::Renderer> renderer;
  std::unique_ptr<ImGuiLayer> imgui;
  std::optional<render::RenderTarget> target;
  std::unique_ptr<Presenter> presenter;  // after target: its destructor waits for the GPU first
  std::optional<ScriptPlayer> script;

  Status load_fonts() {
    return presenter->window().fit_fonts(options.paths.font_dir, options.font_pixels, window->content_scale());
  }
};

Shell::Shell(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Shell::~Shell() = default;
const gpu::Context& Shell::context() const { return *impl_->context; }
render::Renderer& Shell::renderer() { return *impl_->renderer; }
Log& Shell::log() const { return *impl_->log; }

Result<std::unique_ptr<Shell>> Shell::create(const ShellOptions& options, Log& log) {
  auto impl = std::make_unique<Impl>();
  impl->log = &log;
  impl->options = options;
  if (options.script) impl->script.emplace(*options.script);
  MEELOOP_ASSIGN_OR_RETURN(impl->glfw, GlfwLibrary::init());
  MEELOOP_ASSIGN_OR_RETURN(impl->window, Window::create(*impl->glfw, options.width, options.height, options.title));

  gpu::ContextConfig cc = options.gpu;
  cc.instance.extensions = impl->glfw->vulkan_instance_extensions();
  cc.device_extensions = {VK_KHR_SWAPCHAIN_EXTENSION_NAME};
  MEELOOP_ASSIGN_OR_RETURN(impl->context, gpu::create_context(log, cc));
  render::RendererOptions ro;
  ro.shader_dir = options.paths.shader_dir;
  ro.cache_dir = options.paths.cache_dir;
  MEELOOP_ASSIGN_OR_RETURN(impl->renderer, render::Renderer::create(*impl->context, ro));

  impl->imgui = std::make_unique<ImGuiLayer>(impl->window->get());
  MEELOOP_ASSIGN_OR_RETURN(impl->presenter, Presenter::create(*impl->context, impl->window->get()));
  MEELOOP_RETURN_IF_ERROR(impl->load_fonts());
  return std::unique_ptr<Shell>(new Shell(std::move(impl)));
}

Status Shell::run(Mode& mode) {
  Impl& m = *impl_;
  double last = glfwGetTime();
  bool focused = true;
  while (!m.window->should_close() && mode.running()) {
    const double now = glfwGetTime();
    // ImGui's wishes as of the last frame: they change only in NewFrame.
    const ImGuiIO& io = ImGui::GetIO();
    const bool ui_mouse = io.WantCaptureMouse, ui_keys = io.WantCaptureKeyboard;
    WindowInput in = poll_window(*m.window, *m.imgui, m.script ? &*m.script : nullptr, now);
    const std::optional<std::filesystem::path>& screenshot = in.screenshot;
    for (const InputEvent& e : in.events) {
      if (e.kind == InputEvent::Kind::Focus || e.kind == InputEvent::Kind::Iconify) {
        const bool f = e.kind == InputEvent::Kind::Focus ? e.action != 0 : e.action == 0;
        if (f != focused) mode.on_focus(focused = f);
        continue;
      }
      mode.on_input(e, ui_mouse, ui_keys);
    }
    if (m.window->minimised() && !screenshot) {
      m.window->wait();
      last = glfwGetTime();
      continue;
    }
    MEELOOP_RETURN_IF_ERROR(m.load_fonts());  // moved to a screen with another scale

    const double dt = std::min(now - last, 0.25);  // a stall must not fast-forward timers
    last = now;
    m.imgui->new_frame();
    const glm::ivec2 ws = m.window->window_size();
    SceneFrame f = mode.frame(dt, glm::vec2(ws));
    ImGui::Render();

    const render::RenderTarget* shown = nullptr;
    if (f.scene) {
      const glm::ivec2 fb = m.window->framebuffer_size();
      if (fb.x > 0 && fb.y > 0) {
        if (!m.target || m.target->width() != uint32_t(fb.x) || m.target->height() != uint32_t(fb.y)) {
          vkDeviceWaitIdle(m.context->device().get());  // the last presented frame copied from it
          m.target.reset();
          MEELOOP_ASSIGN_OR_RETURN(m.target, m.renderer->create_target(uint32_t(fb.x), uint32_t(fb.y)));
        }
        render::View views[1] = {f.view};
        MEELOOP_RETURN_IF_ERROR(m.renderer->render(*f.scene, views, *m.target));
        shown = &*m.target;
      }
    }
    MEELOOP_ASSIGN_OR_RETURN(auto presented, m.presenter->present(shown, ImGui::GetDrawData(), f.clear,
                                                                 screenshot.has_value()));
    if (screenshot) {
      if (!presented) return failure("screenshot " + screenshot->string() + ": the window could not be captured");
      MEELOOP_RETURN_IF_ERROR(save_screenshot(*presented, *screenshot));
      m.log->info("desktop: screenshot " + screenshot->string());
    }
  }
  vkDeviceWaitIdle(m.context->device().get());  // the mode frees its scene after this
  if (int n = m.context->validation_errors(); n > 0)
    return failure(std::to_string(n) + " Vulkan validation error(s) were reported (see the log)");
  return Ok{};
}

}  // namespace meeloop::desktop
