#include "core/paths.h"

#include <sys/stat.h>

#include <cstdlib>

namespace meeloop {
namespace fs = std::filesystem;

namespace {
// The one reader of the process environment left in the engine; see paths.h.
Paths process_paths() {
  return paths_from_environment([](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  });
}
}  // namespace

fs::path ensure_cache_dir(const Paths& paths) {
  std::error_code ec;
  fs::create_directories(paths.cache_dir, ec);
  return paths.cache_dir;
}

fs::path ensure_database_folder(const Paths& paths) {
  // A failure here shows when the database is opened.
  fs::path prefix;
  for (const fs::path& part : paths.database.parent_path()) {
    prefix /= part;
    ::mkdir(prefix.c_str(), 0700);
  }
  return paths.database;
}

fs::path cache_dir() { return ensure_cache_dir(process_paths()); }
std::vector<fs::path> furniture_dirs() { return process_paths().furniture_dirs; }

std::string version() { return MEELOOP_VERSION; }

}  // namespace meeloop
