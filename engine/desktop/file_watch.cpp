#include "desktop/file_watch.h"

namespace meeloop::desktop {
namespace fs = std::filesystem;

SceneFileWatch::SceneFileWatch(fs::path scene_dir) : dir_(std::move(scene_dir)), last_(snapshot()) {}

std::map<fs::path, SceneFileWatch::Stamp> SceneFileWatch::snapshot() const {
  std::map<fs::path, Stamp> out;
  std::error_code ec;
  auto add = [&](const fs::path& p) {
    std::error_code e;
    auto t = fs::last_write_time(p, e);
    if (e) return;
    auto size = fs::file_size(p, e);
    if (!e) out[p] = {t, size};
  };
  add(dir_ / "scene.json");
  for (fs::directory_iterator it(dir_ / "locale", ec), end; !ec && it != end; it.increment(ec))
    if (it->path().extension() == ".json") add(it->path());
  return out;
}

bool SceneFileWatch::changed(double now) {
  if (now < next_check_) return false;
  next_check_ = now + 0.5;
  auto s = snapshot();
  if (s == last_) return false;
  last_ = std::move(s);
  return true;
}

}  // namespace meeloop::desktop
