#include "scene/contained_io.h"

#include <filesystem>
#include <string_view>

namespace meeloop::scene {
namespace fs = std::filesystem;

std::optional<std::string> ContainedIOSystem::allowed(const char* file) const {
  auto path = resolve_inside(roots_, fs::path(), file ? file : "");
  if (!path) {
    if (!refused_) refused_ = file ? file : "";
    return std::nullopt;
  }
  return path->string();
}

bool ContainedIOSystem::Exists(const char* file) const {
  auto path = allowed(file);
  std::error_code ec;
  // Only regular files: a FIFO or a device inside the package must not block or feed an import.
  return path && fs::is_regular_file(*path, ec);
}

Assimp::IOStream* ContainedIOSystem::Open(const char* file, const char* mode) {
  if (mode && std::string_view(mode).find_first_of("wa+") != std::string_view::npos) {
    if (!refused_) refused_ = file ? file : "";
    return nullptr;
  }
  auto path = allowed(file);
  std::error_code ec;
  if (!path || !fs::is_regular_file(*path, ec)) return nullptr;
  return Assimp::DefaultIOSystem::Open(path->c_str(), mode ? mode : "rb");
}

}  // namespace meeloop::scene
