#include "test_desktop_util.h"

#include <catch2/catch.hpp>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>

#include "render/rgba_image.h"
#include "run_meeloop.h"

namespace meeloop::test {
namespace fs = std::filesystem;

std::string meeloop_bin() { return meeloop_path(MEELOOP_BIN_FALLBACK); }

fs::path source_dir() { return MEELOOP_SOURCE_DIR; }

bool xvfb_available() { return std::system("command -v xvfb-run >/dev/null 2>&1") == 0; }

static Run run_shell(const std::string& cmd) {
  Run r;
  r.code = run_captured(cmd + " 2>&1", r.out);
  return r;
}

Run run_windowed(const std::string& args) {
  return run_shell("xvfb-run -a -s '-screen 0 1280x720x24' env MEELOOP_GPU=lavapipe " + meeloop_bin() + " " + args);
}

Run run_plain(const std::string& args) {
  return run_shell("env -u DISPLAY -u WAYLAND_DISPLAY " + meeloop_bin() + " " + args);
}

void check_golden(const fs::path& shot, const std::string& name, double mean, double fraction) {
  auto img = render::read_png(shot);
  REQUIRE(img);
  CHECK(render::luma_variance(*img) > 100.0);  // not a blank or flat picture
  const fs::path golden = source_dir() / "tests" / "golden" / name;
  const char* update = std::getenv("MEELOOP_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    fs::copy_file(shot, golden, fs::copy_options::overwrite_existing);
    WARN("updated " << golden);
    return;
  }
  auto ref = render::read_png(golden);
  REQUIRE(ref);
  auto diff = render::compare_images(*img, *ref);
  REQUIRE(diff);
  INFO(name << ": mean " << diff->mean_abs << ", differing " << diff->differing_fraction << " (shot " << shot << ")");
  // Text and 3D are rasterised by lavapipe: identical on one machine, a little apart across
  // Mesa versions. A wrong screen differs in most of its pixels.
  CHECK(diff->mean_abs < mean);
  CHECK(diff->differing_fraction < fraction);
}

}  // namespace meeloop::test
