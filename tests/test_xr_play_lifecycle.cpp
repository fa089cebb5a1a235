// Headset play in-process through the headless OpenXR runtime: the session lifecycle (focus
// loss pauses the scenario clock, the runtime asking to exit ends the loop cleanly) and the
// stereo pair the runtime receives (left and right eyes differ by the expected parallax).
#include <cmath>
#include <cstdlib>
#include <tuple>

#include <catch2/catch.hpp>

#include "fixtures/render_world.h"
#include "profile/dimensions.h"
#include "render/rgba_image.h"
#include "scenario/scenario_loader.h"
#include "ui/theme.h"
#include "test_xr_play_util.h"
#include "xr/player.h"
#include "xr/system.h"

namespace meeloop::xrtest {
namespace {

struct Sample {
  bool paused;
  double step_seconds;
};

struct Played {
  xr::PlayerReport report;
  std::vector<Sample> samples;
  int validation_errors = 0;
  int events = 0;
};

Played play_script(const std::filesystem::path& dir, const std::string& script, bool dump) {
  use_runtime(dir, script, dump);
  Log log(LogLevel::Warn);
  OpenXr x = open_xr(log);
  const scene::World world = test::make_render_world();
  const scenario::Scenario sc = huiskamer();
  Played out;
  scenario::Runtime rt(sc, [&](store::Event&) -> Status {
    ++out.events;
    return Ok{};
  });
  xr::PlayerOptions po;
  po.paths = test::settings().paths;
  po.max_frames = 500;
  auto report = xr::play(*x.system, *x.session, *x.gpu, world, rt, po, log, [&](const scenario::Runtime& r, const xr::Frame&) {
    out.samples.push_back({r.paused(), r.step_seconds()});
  });
  REQUIRE(report);
  out.report = *report;
  x.session.reset();
  out.validation_errors = x.gpu->validation_errors();
  return out;
}

}  // namespace

TEST_CASE("focus loss pauses the scenario clock, focus regain resumes it, the runtime's exit request ends play",
          "[xr][gpu]") {
  const auto dir = case_dir("lifecycle");
  const Played p = play_script(dir, "play_lifecycle.json", false);
  CHECK(p.validation_errors == 0);
  CHECK(xr_validation_report(dir).empty());
  CHECK(p.report.exit == xr::ExitReason::RuntimeExit);
  const auto& s = p.report.states;
  REQUIRE(s.size() >= 3);
  CHECK(s[s.size() - 3] == XR_SESSION_STATE_STOPPING);
  CHECK(s[s.size() - 2] == XR_SESSION_STATE_IDLE);
  CHECK(s.back() == XR_SESSION_STATE_EXITING);
  CHECK(std::count(s.begin(), s.end(), XR_SESSION_STATE_FOCUSED) == 2);
  CHECK(p.report.focus_losses == 1);
  // 30 frames at 10 Hz without focus.
  CHECK(p.report.paused_seconds == Approx(3.0).margin(0.11));
  // While paused the clock stands still; around it, it runs.
  int paused_frames = 0;
  for (size_t i = 1; i < p.samples.size(); ++i) {
    if (p.samples[i].paused && p.samples[i - 1].paused) {
      ++paused_frames;
      CHECK(p.samples[i].step_seconds == p.samples[i - 1].step_seconds);
    }
  }
  CHECK(paused_frames >= 25);
  CHECK(p.events == 0);  // nobody chose anything: nothing logged, no timer ran out meanwhile
  // About 60 frames ran with 30 of them unfocused: the clock shows the focused ~3 s only.
  REQUIRE(!p.samples.empty());
  CHECK(p.samples.back().step_seconds == Approx(3.0).margin(0.35));
}

TEST_CASE("the stereo pair differs by the parallax of the panel's distance", "[xr][gpu]") {
  const auto dir = case_dir("stereo");
  const Played p = play_script(dir, "play_stereo.json", true);
  CHECK(p.validation_errors == 0);
  CHECK(xr_validation_report(dir).empty());
  REQUIRE(p.report.frames_rendered >= 2);
  // The last dumped pair.
  std::filesystem::path left, right;
  for (const auto& e : std::filesystem::directory_iterator(dir / "frames")) {
    const std::string n = e.path().filename().string();
    if (n.find("_left.png") != std::string::npos && e.path() > left) left = e.path();
  }
  REQUIRE(!left.empty());
  right = left.parent_path() / (left.filename().string().substr(0, left.filename().string().find("_left")) + "_right.png");
  auto li = render::read_png(left);
  auto ri = render::read_png(right);
  REQUIRE(li);
  REQUIRE(ri);
  const int w = int(li->width), h = int(li->height);
  REQUIRE((w == 320 && h == 240 && ri->width == li->width && ri->height == li->height));
  // Both eyes show a picture, not a blank or garbled frame.
  CHECK(render::luma_variance(*li) > 100.0);
  CHECK(render::luma_variance(*ri) > 100.0);
  // Centroid of the panel's background (the theme's window colour, which the panel's texture
  // keeps byte for byte) in each eye.
  ImGuiStyle theme;
  ui::apply_theme(theme);
  const ImVec4 bg = theme.Colors[ImGuiCol_WindowBg];
  const int br = int(std::lround(bg.x * 255)), bgg = int(std::lround(bg.y * 255)), bb = int(std::lround(bg.z * 255));
  auto centroid = [&](const render::RgbaImage& img) {
    double sx = 0, sy = 0;
    int n = 0;
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const glm::u8vec4 px = img.at(uint32_t(x), uint32_t(y));
        if (std::abs(px.r - br) < 4 && std::abs(px.g - bgg) < 4 && std::abs(px.b - bb) < 4) {
          sx += x;
          sy += y;
          ++n;
        }
      }
    return std::tuple{n ? sx / n : -1.0, n ? sy / n : -1.0, n};
  };
  const auto [lx, ly, ln] = centroid(*li);
  const auto [rx, ry, rn] = centroid(*ri);
  CHECK(ln > 500);
  CHECK(rn == Approx(ln).epsilon(0.05));
  // The runtime's frusta (tools/xr-runtime/frame.cpp) are mirrored between the eyes; for a
  // plane at depth d the image shift is W / (r - l) * (ipd / d + tan(rl) - tan(ll)).
  const double ll = std::tan(-0.8203), lr = std::tan(0.7330), rl = std::tan(-0.7330);
  const double expected = w / (lr - ll) * (0.063 / 0.9 + rl - ll);
  CHECK(lx - rx == Approx(expected).margin(1.5));
  CHECK(ly == Approx(ry).margin(0.5));
}

}  // namespace meeloop::xrtest
