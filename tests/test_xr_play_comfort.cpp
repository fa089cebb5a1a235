// Comfort in headset play through the headless OpenXR runtime, both validation layers on: a
// teleport arc moves the visitor where it lands (and only inside the room), snap turns turn by
// the configured angle, the vignette darkens the periphery, and the operator's pause stops the
// scenario clock and fades the view to black and back.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>

#include <catch2/catch.hpp>

#include "fixtures/render_world.h"
#include "profile/dimensions.h"
#include "render/rgba_image.h"
#include "scenario/scenario_loader.h"
#include "test_xr_play_util.h"
#include "xr/player.h"
#include "xr/system.h"

namespace meeloop::xrtest {
namespace {

struct ComfortRun {
  xr::PlayerReport report;
  std::vector<double> step_seconds;  // per frame, from the FrameHook
  std::vector<bool> paused;
  int validation_errors = 0;
};

ComfortRun play_comfort(const std::filesystem::path& dir, const std::string& script, const xr::PlayerOptions& po) {
  use_runtime(dir, script, true);
  Log log(LogLevel::Warn);
  OpenXr x = open_xr(log);
  const scene::World world = test::make_render_world();  // no room: walkable within 4 m of (0, 4)
  scenario::LoadOptions opt;
  auto dims = profile::known_dimension_ids(
      profile::default_dimensions_path(test::settings().paths.data_root));
  REQUIRE(dims);
  opt.dimensions = *dims;
  auto sc = scenario::load_scenario(source_dir() / "scenes/huiskamer", opt);
  REQUIRE(sc);
  ComfortRun out;
  scenario::Runtime rt(*sc, [](store::Event&) -> Status { return Ok{}; });
  auto report = xr::play(*x.system, *x.session, *x.gpu, world, rt, po, log, [&](const scenario::Runtime& r, const xr::Frame&) {
    out.step_seconds.push_back(r.step_seconds());
    out.paused.push_back(r.paused());
  });
  ::unsetenv("MEELOOP_XR_DUMP_DIR");
  REQUIRE(report);
  out.report = *report;
  x.session.reset();
  out.validation_errors = x.gpu->validation_errors();
  return out;
}

render::RgbaImage frame(const std::filesystem::path& dir, int n) {
  char name[64];
  std::snprintf(name, sizeof name, "frame_%06d_left.png", n);
  auto img = render::read_png(dir / "frames" / name);
  REQUIRE(img);
  return *img;
}

template <class Pred>
int count_pixels(const render::RgbaImage& img, Pred pred) {
  int n = 0;
  for (uint32_t y = 0; y < img.height; ++y)
    for (uint32_t x = 0; x < img.width; ++x) n += pred(img.at(x, y)) ? 1 : 0;
  return n;
}

double mean_luma(const render::RgbaImage& img) {
  double sum = 0;
  for (uint32_t y = 0; y < img.height; ++y)
    for (uint32_t x = 0; x < img.width; ++x) {
      const auto p = img.at(x, y);
      sum += 0.2126 * p.r + 0.7152 * p.g + 0.0722 * p.b;
    }
  return sum / double(img.width * img.height);
}

// The teleport arc's colours (linear 0.30, 0.80, 1.00 and 0.95, 0.30, 0.20 over the scene).
bool arc_blue(glm::u8vec4 p) { return p.b > 200 && p.g > 170 && int(p.b) - int(p.r) > 60; }
bool arc_red(glm::u8vec4 p) { return p.r > 200 && p.g < 170 && p.b < 150 && int(p.r) - int(p.b) > 80; }

}  // namespace

TEST_CASE("xr comfort: a teleport arc moves the visitor where it lands, never outside the room, snap turns turn by the setting",
          "[xr][gpu]") {
  const float degrees = GENERATE(30.0f, 45.0f);
  const auto dir = case_dir("comfort-teleport-" + std::to_string(int(degrees)));
  xr::PlayerOptions po;
  po.paths = test::settings().paths;
  po.max_frames = 200;
  po.comfort.snap_turn_degrees = degrees;
  po.comfort.vignette = true;
  const ComfortRun r = play_comfort(dir, "comfort_teleport.json", po);
  CHECK(r.validation_errors == 0);
  CHECK(xr_validation_report(dir).empty());

  // The right hand's throw from 1.2 m, 10 degrees down at 7 m/s, from the play space placed
  // under the start view at (0, 4): t solves 1.2 - v sin(10) t - g t^2 / 2 = 0. It lands on the
  // fixture's floor piece at x = 0.1, clear of the pane's footprint (x >= 0.2 with its margin).
  const double v = 7.0, g = 9.81, s = std::sin(glm::radians(10.0)), c = std::cos(glm::radians(10.0));
  const double t = (-v * s + std::sqrt(v * s * v * s + 2 * g * 1.2)) / g;
  const double land_z = 4.0 - 0.2 - v * c * t;
  CHECK(r.report.teleports == 1);  // the left hand's throw over the room's edge did not move anyone
  CHECK(r.report.head_in_scene.x == Approx(0.1).margin(0.02));
  CHECK(r.report.head_in_scene.z == Approx(land_z).margin(0.02));
  CHECK(r.report.head_in_scene.y == Approx(1.6).margin(0.01));
  // A forward push never turns; the one sideways push turns once, to the right.
  CHECK(r.report.snap_turns == 1);
  CHECK(r.report.head_yaw_degrees == Approx(-degrees).margin(0.01));

  // The eye images: no arc before aiming, the valid (blue) arc with its ring while aiming, the
  // invalid (red) arc when it lands outside, the vignette right after the turn. Each arc is
  // compared with a frame from the same place without one: after the teleport the fixture's
  // red box fills much of the view, and its pixels pass for the red arc's.
  const auto before = frame(dir, 3), valid = frame(dir, 8), landed = frame(dir, 14), invalid = frame(dir, 18);
  const int blue_before = count_pixels(before, arc_blue);
  CHECK(count_pixels(valid, arc_blue) > blue_before + 20);
  CHECK(count_pixels(invalid, arc_red) > count_pixels(landed, arc_red) + 20);
  CHECK(count_pixels(invalid, arc_blue) <= count_pixels(landed, arc_blue) + 2);
  // Frame 25 turns (vignette at full strength); by frame 29 it has gone. Compare the corners.
  auto corners = [](const render::RgbaImage& img) {
    double sum = 0;
    for (auto [x, y] : {std::pair{0u, 0u}, {img.width - 1, 0u}, {0u, img.height - 1}, {img.width - 1, img.height - 1}}) {
      const auto p = img.at(x, y);
      sum += p.r + p.g + p.b;
    }
    return sum;
  };
  const auto turned = frame(dir, 25), settled = frame(dir, 29);
  CHECK(corners(settled) > 100.0);
  CHECK(corners(turned) < 0.25 * corners(settled));
  // Only the periphery: the middle of the view is the same picture.
  auto middle = [](const render::RgbaImage& img) {
    double sum = 0;
    for (uint32_t y = img.height / 2 - 2; y < img.height / 2 + 2; ++y)
      for (uint32_t x = img.width / 2 - 2; x < img.width / 2 + 2; ++x) sum += img.at(x, y).g;
    return sum / 16.0;
  };
  CHECK(middle(turned) == Approx(middle(settled)).margin(2.0));
}

TEST_CASE("xr comfort: the operator's pause stops the scenario clock and fades to black, resume fades back in", "[xr][gpu]") {
  const auto dir = case_dir("comfort-pause");
  std::ofstream(dir / "operator.txt") << "# pause from 2.0 s to 4.5 s\n2.0 pause\n4.5 resume\n";
  auto ops = xr::load_operator_script(dir / "operator.txt");
  REQUIRE(ops);
  xr::PlayerOptions po;
  po.paths = test::settings().paths;
  po.max_frames = 300;
  po.operator_script = *ops;
  const ComfortRun r = play_comfort(dir, "comfort_still.json", po);
  CHECK(r.validation_errors == 0);
  CHECK(xr_validation_report(dir).empty());
  CHECK(r.report.focus_losses == 0);
  CHECK(r.report.operator_pauses == 1);
  CHECK(r.report.operator_paused_seconds == Approx(2.5).margin(0.11));
  CHECK(r.report.paused_seconds == 0.0);  // focus loss is counted apart

  // Frames are 0.1 s apart: the pause lands on frame 20, the resume on frame 45; the clock
  // stands still in between and runs around it.
  REQUIRE(r.step_seconds.size() > 60);
  for (size_t i = 21; i < 45; ++i) {
    CHECK(r.paused[i]);
    CHECK(r.step_seconds[i] == r.step_seconds[20]);
  }
  CHECK_FALSE(r.paused[46]);
  CHECK(r.step_seconds[50] == Approx(r.step_seconds[10] + 1.5).margin(0.011));  // 4 s of play, 2.5 s paused
  CHECK(r.step_seconds[19] == Approx(r.step_seconds[10] + 0.9).margin(0.011));

  // The view: the scene, then darker while fading (0.4 s), black, and back to the same scene.
  const auto before = frame(dir, 15), fading = frame(dir, 22), black = frame(dir, 30), back = frame(dir, 55);
  const double lb = mean_luma(before);
  CHECK(lb > 30.0);
  CHECK(mean_luma(fading) < 0.75 * lb);
  CHECK(mean_luma(fading) > 0.1 * lb);
  CHECK(count_pixels(black, [](glm::u8vec4 p) { return p.r > 2 || p.g > 2 || p.b > 2; }) == 0);
  CHECK(mean_luma(frame(dir, 46)) < 0.9 * lb);  // fading back in
  CHECK(mean_luma(back) == Approx(lb).margin(0.5));
}

TEST_CASE("xr comfort: play --xr: a bad --operator-script line is bad input naming the file and line", "[xr]") {
  const auto dir = case_dir("comfort-bad-operator-script");
  const auto file = dir / "operator.txt";
  std::ofstream(file) << "1.0 pause\n2.0 fade\n";
  const RunResult r = run_meeloop(dir, "play scenes/huiskamer --xr --consent no --operator-script '" + file.string() + "'");
  INFO(r.output);
  CHECK(r.code == 2);
  CHECK(r.output.find(file.string() + ":2") != std::string::npos);
  CHECK(r.output.find("fade") != std::string::npos);
}

}  // namespace meeloop::xrtest
