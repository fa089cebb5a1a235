#include "xr/mirror_window.h"

#include <cmath>
#include <cstdio>

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "desktop/imgui_layer.h"
#include "desktop/shell.h"
#include "desktop/window.h"
#include "render/rgba_image.h"
#include "ui/context_scope.h"
#include "ui/fonts.h"
#include "ui/ui_text.h"
#include "xr/mirror_presenter.h"

namespace meeloop::xr {
namespace {

const ImVec4 kStripBg{0.08f, 0.09f, 0.12f, 1.0f};
const ImVec4 kPaused{0.98f, 0.72f, 0.25f, 1.0f};
const ImVec4 kKeys{0.70f, 0.74f, 0.82f, 1.0f};

}  // namespace

std::string format_elapsed(double seconds) {
  const long long s = seconds > 0 ? static_cast<long long>(std::floor(seconds)) : 0;
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%02lld:%02lld", s / 60, s % 60);
  return buf;
}

struct MirrorWindow::Impl {
  Log* log = nullptr;
  MirrorOptions options;
  ui::UiText text;
  std::unique_ptr<desktop::GlfwLibrary> glfw;
  std::unique_ptr<desktop::Window> window;
  std::unique_ptr<desktop::ImGuiLayer> imgui;
  ImGuiContext* context = nullptr;  // the layer's
  std::unique_ptr<MirrorPresenter> presenter;
  std::optional<desktop::ScriptPlayer> script;
  bool stop_sent = false;
  std::optional<std::filesystem::path> screenshot;
  int screenshot_tries = 0;

  ~Impl() { close(); }

  // Tears the window down (presenter and ImGui first, with their context current).
  void close() {
    if (context) {
      ui::ContextScope scope(context);
      presenter.reset();
      imgui.reset();
    }
    context = nullptr;
    window.reset();
  }

  void switch_off(const std::string& why) {
    log->warn("xr mirror: " + why + "; the mirror window is off, the headset session goes on");
    close();
  }

  const std::string& t(const std::string& key) const { return text.get(options.language, key); }

  Status load_fonts() {
    return presenter->window().fit_fonts(options.paths.font_dir, options.font_pixels, window->content_scale());
  }

  // The strip along the bottom; returns its height in ImGui units.
  float draw_strip(const MirrorStatus& s, ImVec2 size) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float height = 2.0f * ImGui::GetTextLineHeightWithSpacing() + 2.0f * style.WindowPadding.y;
    ImGui::SetNextWindowPos(ImVec2(0.0f, size.y - height));
    ImGui::SetNextWindowSize(ImVec2(size.x, height));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, kStripBg);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::Begin("##operator-strip", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoInputs | ImGuiWindowFlags_NoFocusOnAppearing);
    const std::string where =
        s.finished ? ui::fill(t("mirror.ending"), {{"ending", s.step}})
                   : ui::fill(t("mirror.step"), {{"n", std::to_string(s.step_number)},
                                                 {"count", std::to_string(s.step_count)},
                                                 {"step", s.step}});
    ImGui::PushFont(ui::font(ui::FontRole::Bold));
    ImGui::TextUnformatted(where.c_str());
    ImGui::PopFont();
    ImGui::SameLine(0.0f, 3.0f * ImGui::GetFontSize());
    ImGui::TextUnformatted(ui::fill(t("mirror.elapsed"), {{"time", format_elapsed(s.elapsed_seconds)}}).c_str());
    if (s.stopping || s.paused) {
      ImGui::SameLine(0.0f, 3.0f * ImGui::GetFontSize());
      ImGui::PushStyleColor(ImGuiCol_Text, kPaused);
      ImGui::TextUnformatted(t(s.stopping ? "mirror.stopping" : "mirror.paused").c_str());
      ImGui::PopStyleColor();
    }
    ImGui::PushStyleColor(ImGuiCol_Text, kKeys);
    ImGui::TextUnformatted(t("mirror.keys").c_str());
    ImGui::PopStyleColor();
    ImGui::End();
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
    return height;
  }
};

MirrorWindow::MirrorWindow(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
MirrorWindow::~MirrorWindow() = default;

Result<std::unique_ptr<MirrorWindow>> MirrorWindow::open(const MirrorOptions& options, Log& log) {
  auto impl = std::make_unique<Impl>();
  impl->log = &log;
  impl->options = options;
  MEELOOP_ASSIGN_OR_RETURN(impl->text, ui::UiText::load(options.paths.data_root / "data" / "ui"));
  MEELOOP_ASSIGN_OR_RETURN(impl->glfw, desktop::GlfwLibrary::init());
  MEELOOP_ASSIGN_OR_RETURN(
      impl->window, desktop::Window::create(*impl->glfw, options.width, options.height, impl->t("mirror.title")));
  if (options.script) impl->script.emplace(*options.script);
  // ImGuiLayer makes its new context current only when none is: start from none.
  ui::ContextScope scope(nullptr);
  impl->imgui = std::make_unique<desktop::ImGuiLayer>(impl->window->get());
  impl->context = ImGui::GetCurrentContext();
  return std::unique_ptr<MirrorWindow>(new MirrorWindow(std::move(impl)));
}

std::vector<std::string> MirrorWindow::instance_extensions() const {
  return impl_->glfw ? impl_->glfw->vulkan_instance_extensions() : std::vector<std::string>{};
}

Status MirrorWindow::attach(const gpu::Context& context) {
  Impl& m = *impl_;
  if (!m.context) return failure("the mirror window is closed");
  ui::ContextScope scope(m.context);
  MEELOOP_ASSIGN_OR_RETURN(m.presenter, MirrorPresenter::create(context, m.window->get()));
  MEELOOP_RETURN_IF_ERROR(m.load_fonts());
  const desktop::SwapchainPresenter& w = m.presenter->window();
  m.log->info(std::string("xr mirror: ") + std::to_string(w.extent().width) + "x" + std::to_string(w.extent().height) +
              ", present mode " +
              (w.present_mode() == VK_PRESENT_MODE_MAILBOX_KHR     ? "mailbox"
               : w.present_mode() == VK_PRESENT_MODE_IMMEDIATE_KHR ? "immediate"
                                                                   : "fifo"));
  return Ok{};
}

bool MirrorWindow::active() const { return impl_->presenter != nullptr; }

bool MirrorWindow::script_done() const { return !impl_->script || impl_->script->done(); }

OperatorRequests MirrorWindow::poll(double seconds) {
  Impl& m = *impl_;
  OperatorRequests req;
  if (!active()) return req;
  ui::ContextScope scope(m.context);
  desktop::WindowInput in = desktop::poll_window(*m.window, *m.imgui, m.script ? &*m.script : nullptr, seconds);
  if (in.screenshot) m.screenshot = in.screenshot;  // kept until a frame could be captured
  for (const desktop::InputEvent& e : in.events) {
    if (e.kind != desktop::InputEvent::Kind::Key || e.action != GLFW_PRESS) continue;
    if (e.code == GLFW_KEY_P) req.toggle_pause = !req.toggle_pause;
    else if (e.code == GLFW_KEY_R) req.recentre = true;
    else if (e.code == GLFW_KEY_ESCAPE) req.stop = true;
  }
  if (m.window->should_close()) req.stop = true;  // closing the window is a clean stop, like Esc
  if (req.stop) {
    if (m.stop_sent) req.stop = false;
    m.stop_sent = true;
  }
  return req;
}

void MirrorWindow::record_eye_copy(VkCommandBuffer cmd, VkImage eye_image, VkFormat format, uint32_t width,
                                   uint32_t height) {
  if (!active()) return;
  try {
    impl_->presenter->record_eye_copy(cmd, eye_image, format, width, height);
  } catch (const ErrorException& e) {
    // Thrown before anything was recorded (image creation): the headset's buffer is intact.
    impl_->switch_off(e.error().message);
  }
}

void MirrorWindow::present(const MirrorStatus& status) {
  Impl& m = *impl_;
  if (!active()) return;
  ui::ContextScope scope(m.context);
  if (m.window->minimised() && !m.screenshot) return;
  if (Status st = m.load_fonts(); !st) return m.switch_off(st.error().message);
  m.imgui->new_frame();
  const glm::ivec2 ws = m.window->window_size();
  const float strip = m.draw_strip(status, ImVec2(float(ws.x), float(ws.y)));
  ImGui::Render();
  const glm::ivec2 fb = m.window->framebuffer_size();
  const float px_per_unit = ws.y > 0 ? float(fb.y) / float(ws.y) : 1.0f;
  const uint32_t strip_px = uint32_t(std::lround(strip * px_per_unit));
  auto shown = m.presenter->present(ImGui::GetDrawData(), strip_px, m.screenshot.has_value());
  if (!shown) return m.switch_off(shown.error().message);
  if (!m.screenshot) return;
  if (!*shown) {
    if (++m.screenshot_tries < 10) return;  // no image this frame: try the next ones
    m.log->warn("xr mirror: screenshot " + m.screenshot->string() + ": the window could not be captured");
  } else {
    const std::filesystem::path& p = *m.screenshot;
    if (Status st = desktop::save_screenshot(**shown, p); !st) {
      m.log->warn("xr mirror: " + st.error().message);
    } else {
      const VkRect2D r = m.presenter->eye_rect();
      m.log->info("xr mirror: screenshot " + p.string() + " of frame " + std::to_string(status.frame) + ", eye at " +
                  std::to_string(r.offset.x) + "," + std::to_string(r.offset.y) + " " + std::to_string(r.extent.width) +
                  "x" + std::to_string(r.extent.height));
    }
  }
  m.screenshot.reset();
  m.screenshot_tries = 0;
}

}  // namespace meeloop::xr
