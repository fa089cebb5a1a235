#pragma once
// A scene package shown in a window: the loaded World on the GPU, the visitor's first-person
// camera (mouse look, WASD, click the floor), and the scenario's hotspots: the objects the
// current step's interactions name, labelled on screen and clickable (ray against their
// bounds). Shared by desktop play and the kiosk host.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "core/error.h"
#include "core/log.h"
#include "core/settings.h"
#include "desktop/first_person.h"
#include "desktop/input_event.h"
#include "desktop/shell.h"
#include "render/gpu_scene.h"
#include "render/renderer.h"
#include "scenario/runtime.h"
#include "scene/world.h"

namespace meeloop::desktop {

class SceneView {
 public:
  // Loads <dir>/scene.json's layout (BadInput with file:line:col on a bad file) with the
  // catalogs and cache of `paths` (Settings::paths) and uploads it.
  static Result<std::unique_ptr<SceneView>> load(const std::filesystem::path& dir, const Paths& paths,
                                                 render::Renderer& renderer, Log& log);

  void on_input(const InputEvent& e);
  // Moves the camera to frame `step` (play::frame_step) from where it stands now.
  void frame_step(const scenario::Scenario& sc, const scenario::Step& step);
  // Inside an ImGui frame: moves the camera, labels the hotspots of `rt`'s current step, and
  // returns the interaction option the visitor clicked this frame, if any. With `rt` null the
  // camera still moves but nothing is clickable.
  std::optional<std::string> frame(double dt, glm::vec2 window, const scenario::Runtime* rt,
                                   const std::string& lang);
  SceneFrame scene_frame(glm::vec2 window) const;

  const scene::World& world() const { return world_; }
  FirstPerson& camera() { return camera_; }
  // Instances named `id` whose bounds `ray` hits: the nearest distance.
  std::optional<float> hit_object(const Ray& ray, const std::string& id) const;

 private:
  SceneView() = default;
  scene::World world_;
  std::unique_ptr<render::GpuScene> gpu_;
  FirstPerson camera_;
  bool looking_ = false;
  glm::dvec2 mouse_{0.0}, look_from_{0.0};
  std::optional<glm::dvec2> click_;  // left press this frame, decided in frame() (UI first)
  bool keys_[4] = {};                // W, A, S, D held
};

}  // namespace meeloop::desktop
