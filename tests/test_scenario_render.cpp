// `meeloop render <scene> --step ID`: a trainer's preview of one scenario step, framed on its
// speaker (lavapipe when there is no GPU). The images are also looked at by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>

#include <stb_image.h>
#include "run_meeloop.h"

namespace fs = std::filesystem;

namespace {

fs::path scenes() {
  const char* d = std::getenv("MEELOOP_TEST_DATA");
  return (d ? fs::path(d) : fs::path(MEELOOP_TEST_DATA_FALLBACK)) / ".." / ".." / "scenes";
}

struct Run {
  int code = -1;
  std::string out;
};

Run run_cli(const std::string& args) {
  Run r;
  r.code = meeloop::test::run_captured(meeloop::test::meeloop_path(MEELOOP_BIN_FALLBACK) + " " + args + " 2>&1", r.out);
  return r;
}

}  // namespace

TEST_CASE("render --step frames the step and writes a real image", "[scenario][gpu]") {
  fs::path out = fs::temp_directory_path() / ("meeloop-step-" + std::to_string(std::random_device{}()) + ".png");
  Run r = run_cli("render " + (scenes() / "huiskamer").string() + " --step breakfast --width 320 --height 180 --out " +
                  out.string());
  INFO(r.out);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("view \"breakfast\"") != std::string::npos);  // the step's framing was used
  int w = 0, h = 0, n = 0;
  unsigned char* px = stbi_load(out.c_str(), &w, &h, &n, 3);
  REQUIRE(px);
  CHECK(w == 320);
  CHECK(h == 180);
  // Not blank: the framed room has real contrast.
  double sum = 0, sq = 0;
  for (int i = 0; i < w * h * 3; ++i) {
    sum += px[i];
    sq += double(px[i]) * px[i];
  }
  stbi_image_free(px);
  const double mean = sum / (w * h * 3), sd = std::sqrt(sq / (w * h * 3) - mean * mean);
  CHECK(mean > 20);
  CHECK(sd > 15);
  fs::remove(out);
}

TEST_CASE("render --step with an unknown id is exit 2 naming the scene file and the steps", "[scenario]") {
  Run r = run_cli("render " + (scenes() / "thuiszorg").string() + " --step medicatoin --out /tmp/never.png");
  INFO(r.out);
  CHECK(r.code == 2);
  CHECK(r.out.find("thuiszorg/scene.json") != std::string::npos);
  CHECK(r.out.find("--step medicatoin: no such step") != std::string::npos);
  CHECK(r.out.find("doorstep, door_opens, let_in, medication") != std::string::npos);
  CHECK_FALSE(fs::exists("/tmp/never.png"));
}
