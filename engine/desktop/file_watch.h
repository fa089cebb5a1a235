#pragma once
// Notices when a scene package's text files change on disk (scene.json and locale/*.json), by
// polling modification times and sizes twice a second: cheap, portable, and immune to editors
// that save by renaming.
#include <filesystem>
#include <map>

namespace meeloop::desktop {

class SceneFileWatch {
 public:
  explicit SceneFileWatch(std::filesystem::path scene_dir);
  // True once per change (a file edited, added or removed since the last true).
  bool changed(double now);

 private:
  using Stamp = std::pair<std::filesystem::file_time_type, std::uintmax_t>;
  std::map<std::filesystem::path, Stamp> snapshot() const;
  std::filesystem::path dir_;
  std::map<std::filesystem::path, Stamp> last_;
  double next_check_ = 0;
};

}  // namespace meeloop::desktop
