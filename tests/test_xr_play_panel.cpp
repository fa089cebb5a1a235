// The in-world panel as the visitor sees it: headset play in-process through the headless
// OpenXR runtime at a resolution where text is legible, the right controller pointing at an
// option; the dumped eyes must show the panel's Dear ImGui drawing with that row highlighted.
#include <fstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "core/log.h"
#include "fixtures/render_world.h"
#include "render/rgba_image.h"
#include "scenario/runtime.h"
#include "test_xr_play_util.h"
#include "ui/theme.h"
#include "xr/panel_ui.h"
#include "xr/player.h"
#include "xr/pose_math.h"
#include "xr/system.h"

namespace meeloop::xrtest {
namespace {

glm::u8vec3 bytes(const ImVec4& c) {
  return {uint8_t(std::lround(c.x * 255)), uint8_t(std::lround(c.y * 255)), uint8_t(std::lround(c.z * 255))};
}

int count_near(const render::RgbaImage& img, glm::u8vec3 c, int tolerance) {
  int n = 0;
  for (uint32_t y = 0; y < img.height; ++y)
    for (uint32_t x = 0; x < img.width; ++x) {
      const glm::u8vec4 p = img.at(x, y);
      if (std::abs(p.r - c.r) <= tolerance && std::abs(p.g - c.g) <= tolerance && std::abs(p.b - c.b) <= tolerance) ++n;
    }
  return n;
}

}  // namespace

TEST_CASE("xr panel: the headset shows the dialogue drawn by Dear ImGui with the pointed-at option highlighted",
          "[xr][gpu]") {
  const auto dir = case_dir("panel-hover");
  const scenario::Scenario sc = huiskamer();
  // Where the second option is on the panel, from the same PanelUi the player runs.
  scenario::Runtime probe(sc, [](store::Event&) -> Status { return Ok{}; });
  auto ui = xr::PanelUi::create("nl", test::settings().paths);
  REQUIRE(ui);
  for (int i = 0; i < 3; ++i) (*ui)->frame(probe, std::nullopt, false, 0.1);
  REQUIRE((*ui)->rows().size() >= 2);
  const glm::vec2 at = (*ui)->canvas().to_panel((*ui)->rows()[1].centre());
  const glm::vec3 head{0.0f, 1.6f, 0.0f}, hand{0.22f, 1.15f, -0.15f};
  const glm::vec3 target = glm::vec3(xr::place_panel(head, 0.0f) * glm::vec4(at, 0.0f, 1.0f));
  const glm::quat q = xr::look_rotation(target - hand);
  const nlohmann::json aim = {{"position", {hand.x, hand.y, hand.z}}, {"orientation", {q.x, q.y, q.z, q.w}}};
  nlohmann::json script = {
      {"comment", "written by tests/test_xr_play_panel.cpp"},
      {"display", {{"width", 1280}, {"height", 960}, {"refresh_hz", 10}}},
      {"timeline", {{{"frame", 0}, {"head", {{"position", {head.x, head.y, head.z}}, {"yaw_pitch_roll_deg", {0, 0, 0}}}},
                     {"right", {{"aim", aim}}}},
                    {{"frame", 5}, {"event", "request_exit"}}}}};
  const auto script_path = dir / "panel_hover.json";
  std::ofstream(script_path) << script.dump(1);
  use_runtime(dir, script_path.string(), true);

  Log log(LogLevel::Warn);
  OpenXr x = open_xr(log);
  const scene::World world = test::make_render_world();
  scenario::Runtime rt(sc, [](store::Event&) -> Status { return Ok{}; });
  xr::PlayerOptions po;
  po.paths = test::settings().paths;
  po.max_frames = 100;
  auto report = xr::play(*x.system, *x.session, *x.gpu, world, rt, po, log);
  REQUIRE(report);
  x.session.reset();
  CHECK(x.gpu->validation_errors() == 0);
  CHECK(xr_validation_report(dir).empty());
  REQUIRE(report->frames_rendered >= 3);

  std::filesystem::path left;
  for (const auto& e : std::filesystem::directory_iterator(dir / "frames")) {
    const std::string n = e.path().filename().string();
    if (n.find("_left.png") != std::string::npos && e.path() > left) left = e.path();
  }
  REQUIRE(!left.empty());
  auto img = render::read_png(left);
  REQUIRE(img);
  INFO("left eye: " << left.string());
  ImGuiStyle theme;
  ui::apply_theme(theme);
  // The panel's background fills a large part of the view (about 0.55 of its width)...
  const int background = count_near(*img, bytes(theme.Colors[ImGuiCol_WindowBg]), 3);
  CHECK(background > int(img->width * img->height / 10));
  // ...the supervisor button and the hovered option have the theme's header colours...
  const int hovered = count_near(*img, bytes(theme.Colors[ImGuiCol_HeaderHovered]), 3);
  const int button = count_near(*img, bytes(theme.Colors[ImGuiCol_Header]), 3);
  CHECK(hovered > 2000);
  CHECK(button > 2000);
  // ...and text: many pixels of the theme's text colour.
  CHECK(count_near(*img, bytes(theme.Colors[ImGuiCol_Text]), 8) > 2000);
}

}  // namespace meeloop::xrtest
