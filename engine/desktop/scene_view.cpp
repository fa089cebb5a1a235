#include "desktop/scene_view.h"

#include <GLFW/glfw3.h>
#include <imgui.h>

#include "play/step_view.h"
#include "scene/scene_loader.h"

namespace meeloop::desktop {

Result<std::unique_ptr<SceneView>> SceneView::load(const std::filesystem::path& dir, const Paths& paths,
                                                   render::Renderer& renderer, Log& log) {
  auto world = scene::load_scene_package(dir, paths, log);
  if (!world) return world.error();
  auto v = std::unique_ptr<SceneView>(new SceneView());
  v->world_ = std::move(*world);
  auto gpu = renderer.upload(v->world_);
  if (!gpu) return gpu.error();
  v->gpu_ = std::move(*gpu);
  if (!v->world_.viewpoints.empty()) v->camera_.set(v->world_.viewpoints.front());
  // The room is the union of everything placed; the camera stays inside it.
  glm::vec3 lo(1e9f), hi(-1e9f);
  for (size_t i = 0; i < v->gpu_->instance_count(); ++i) {
    lo = glm::min(lo, v->gpu_->instance_min(uint32_t(i)));
    hi = glm::max(hi, v->gpu_->instance_max(uint32_t(i)));
  }
  if (lo.x <= hi.x) v->camera_.set_bounds(lo, hi);
  return v;
}

void SceneView::on_input(const InputEvent& e) {
  using K = InputEvent::Kind;
  switch (e.kind) {
    case K::CursorPos:
      if (looking_) camera_.look(float(e.pos.x - mouse_.x), float(e.pos.y - mouse_.y));
      mouse_ = e.pos;
      break;
    case K::MouseButton:
      if (e.code == GLFW_MOUSE_BUTTON_RIGHT) looking_ = e.action == GLFW_PRESS;
      if (e.code == GLFW_MOUSE_BUTTON_LEFT && e.action == GLFW_PRESS) click_ = mouse_;
      break;
    case K::Key: {
      const int keys[4] = {GLFW_KEY_W, GLFW_KEY_A, GLFW_KEY_S, GLFW_KEY_D};
      for (int i = 0; i < 4; ++i)
        if (e.code == keys[i]) keys_[i] = e.action != GLFW_RELEASE;
      break;
    }
    case K::Focus:
      if (!e.action) looking_ = keys_[0] = keys_[1] = keys_[2] = keys_[3] = false;  // no stuck keys
      break;
    default: break;
  }
}

void SceneView::frame_step(const scenario::Scenario& sc, const scenario::Step& step) {
  camera_.set(play::frame_step(world_, sc, step, camera_.viewpoint()));
}

std::optional<float> SceneView::hit_object(const Ray& ray, const std::string& id) const {
  std::optional<float> best;
  for (size_t i = 0; i < world_.instances.size() && i < gpu_->instance_count(); ++i) {
    if (world_.instances[i].id != id) continue;
    auto t = hit_box(ray, gpu_->instance_min(uint32_t(i)), gpu_->instance_max(uint32_t(i)));
    if (t && (!best || *t < *best)) best = t;
  }
  return best;
}

std::optional<std::string> SceneView::frame(double dt, glm::vec2 window, const scenario::Runtime* rt,
                                            const std::string& lang) {
  const ImGuiIO& io = ImGui::GetIO();
  if (!io.WantTextInput)
    camera_.walk(float(keys_[0]) - float(keys_[2]), float(keys_[3]) - float(keys_[1]), float(dt));
  camera_.update(float(dt));

  std::optional<std::string> chosen;
  std::optional<glm::dvec2> click = std::exchange(click_, std::nullopt);
  if (click && io.WantCaptureMouse) click.reset();  // the click was on the UI
  std::optional<float> nearest;

  if (rt && rt->step()) {
    const render::View v = camera_.view(window.x / std::max(window.y, 1.0f));
    const glm::mat4 vp = v.proj * v.view;
    ImDrawList* draw = ImGui::GetBackgroundDrawList();
    for (const scenario::Option& o : rt->options()) {
      if (!o.interaction) continue;
      // A label over each object the visitor can do something with.
      if (auto c = play::instance_centre(world_, o.interaction->object)) {
        glm::vec4 clip = vp * glm::vec4(*c, 1.0f);
        if (clip.w > 0.05f) {
          glm::vec2 p{(clip.x / clip.w * 0.5f + 0.5f) * window.x, (clip.y / clip.w * 0.5f + 0.5f) * window.y};
          const std::string& label = rt->scenario().text(lang, o.text);
          ImVec2 size = ImGui::CalcTextSize(label.c_str());
          ImVec2 a(p.x + 14, p.y - size.y / 2 - 4), b(a.x + size.x + 12, a.y + size.y + 8);
          draw->AddCircleFilled(ImVec2(p.x, p.y), 9, IM_COL32(255, 200, 40, 230));
          draw->AddCircle(ImVec2(p.x, p.y), 9, IM_COL32(40, 30, 0, 255), 0, 2);
          draw->AddRectFilled(a, b, IM_COL32(20, 24, 32, 210), 6);
          draw->AddText(ImVec2(a.x + 6, a.y + 4), IM_COL32(255, 255, 255, 255), label.c_str());
        }
      }
      if (click) {
        Ray ray = camera_.ray(glm::vec2(*click), window);
        if (auto t = hit_object(ray, o.interaction->object); t && (!nearest || *t < *nearest)) {
          nearest = t;
          chosen = o.id;
        }
      }
    }
  }
  if (click && !chosen) {
    if (auto p = hit_floor(camera_.ray(glm::vec2(*click), window))) camera_.walk_to(*p);
  }
  return chosen;
}

SceneFrame SceneView::scene_frame(glm::vec2 window) const {
  SceneFrame f;
  f.scene = gpu_.get();
  f.view = camera_.view(window.x / std::max(window.y, 1.0f));
  f.clear = world_.clear_color;
  return f;
}

}  // namespace meeloop::desktop
