#include "core/settings.h"

#include <sstream>

namespace meeloop {
namespace fs = std::filesystem;
namespace {

// An empty value counts as unset, as `VAR= meeloop ...` is how a shell unsets one for a command.
std::optional<std::string> get(const EnvironmentLookup& lookup, const std::string& name) {
  auto v = lookup(name);
  if (v && v->empty()) return std::nullopt;
  return v;
}

Error bad_variable(const std::string& name, const std::string& value, const std::string& accepted) {
  return bad_input("", "", name + " must be " + accepted + ", got \"" + value + "\"");
}

Result<LogLevel> log_level(const EnvironmentLookup& lookup) {
  auto v = get(lookup, "MEELOOP_LOG");
  if (!v) return LogLevel::Info;
  return parse_log_level(*v);
}

Result<bool> validation(const EnvironmentLookup& lookup) {
  auto v = get(lookup, "MEELOOP_VALIDATION");
  if (!v) return false;
  if (*v == "1" || *v == "on" || *v == "true") return true;
  if (*v == "0" || *v == "off" || *v == "false") return false;
  return bad_variable("MEELOOP_VALIDATION", *v, "1, on, true, 0, off or false");
}

Result<GpuPreference> gpu(const EnvironmentLookup& lookup) {
  auto v = get(lookup, "MEELOOP_GPU");
  if (!v) return GpuPreference::Auto;
  return parse_gpu_preference(*v);
}

std::vector<fs::path> furniture_dirs(const EnvironmentLookup& lookup) {
  std::vector<fs::path> dirs;
  if (auto v = get(lookup, "MEELOOP_FURNITURE_DIRS")) {
    std::stringstream ss(*v);
    std::string item;
    while (std::getline(ss, item, ':'))
      if (!item.empty()) dirs.emplace_back(item);
    if (!dirs.empty()) return dirs;
  }
  dirs.emplace_back("/usr/share/sweethome3d/furniture");
  return dirs;
}

}  // namespace

Result<GpuPreference> parse_gpu_preference(const std::string& text) {
  if (text == "auto") return GpuPreference::Auto;
  if (text == "hardware") return GpuPreference::Hardware;
  if (text == "lavapipe") return GpuPreference::Lavapipe;
  return bad_variable("MEELOOP_GPU", text, "auto, hardware or lavapipe");
}

Result<LogLevel> parse_log_level(const std::string& text) {
  if (text == "debug") return LogLevel::Debug;
  if (text == "info") return LogLevel::Info;
  if (text == "warn" || text == "warning") return LogLevel::Warn;
  if (text == "error") return LogLevel::Error;
  if (text == "off") return LogLevel::Off;
  return bad_variable("MEELOOP_LOG", text, "debug, info, warn, error or off");
}

const char* to_string(GpuPreference p) {
  switch (p) {
    case GpuPreference::Auto: return "auto";
    case GpuPreference::Hardware: return "hardware";
    case GpuPreference::Lavapipe: return "lavapipe";
  }
  return "?";
}

Paths paths_from_environment(const EnvironmentLookup& lookup) {
  Paths p;
  p.data_root = get(lookup, "MEELOOP_DATA_DIR").value_or(MEELOOP_SOURCE_DIR);
  p.shader_dir = get(lookup, "MEELOOP_SHADER_DIR").value_or((fs::path(MEELOOP_BINARY_DIR) / "shaders").string());
  const auto home = get(lookup, "HOME");
  if (auto v = get(lookup, "MEELOOP_CACHE_DIR")) p.cache_dir = *v;
  else if (auto x = get(lookup, "XDG_CACHE_HOME")) p.cache_dir = fs::path(*x) / "meeloop";
  else if (home) p.cache_dir = fs::path(*home) / ".cache" / "meeloop";
  else p.cache_dir = fs::path(get(lookup, "TMPDIR").value_or("/tmp")) / "meeloop-cache";
  if (auto v = get(lookup, "MEELOOP_DB")) p.database = *v;
  else if (auto x = get(lookup, "XDG_DATA_HOME")) p.database = fs::path(*x) / "meeloop" / "meeloop.db";
  else if (home) p.database = fs::path(*home) / ".local" / "share" / "meeloop" / "meeloop.db";
  else p.database = fs::current_path() / "meeloop-data" / "meeloop.db";
  p.font_dir = get(lookup, "MEELOOP_FONT_DIR").value_or("/usr/share/fonts/truetype/dejavu");
  p.furniture_dirs = furniture_dirs(lookup);
  return p;
}

Result<Settings> settings_from_environment(const EnvironmentLookup& lookup) {
  Settings s;
  MEELOOP_ASSIGN_OR_RETURN(s.log_level, log_level(lookup));
  MEELOOP_ASSIGN_OR_RETURN(s.gpu, gpu(lookup));
  MEELOOP_ASSIGN_OR_RETURN(s.validation, validation(lookup));
  s.paths = paths_from_environment(lookup);
  s.home_page = get(lookup, "MEELOOP_HOME_PAGE").value_or("");
  s.display = get(lookup, "DISPLAY") || get(lookup, "WAYLAND_DISPLAY");
  return s;
}

std::string settings_help() {
  return "Environment (read once at start; an empty value counts as unset):\n"
         "  MEELOOP_GPU=auto|hardware|lavapipe   the Vulkan device: auto (default) prefers a GPU,\n"
         "                                       else lavapipe (software)\n"
         "  MEELOOP_VALIDATION=1|0               the Khronos validation layer (default 0; on in tests)\n"
         "  MEELOOP_LOG=debug|info|warn|error|off  what reaches stderr (default info)\n"
         "  MEELOOP_DB=<file>                    the evidence database when no --db is given (default\n"
         "                                       $XDG_DATA_HOME/meeloop/meeloop.db, else\n"
         "                                       ~/.local/share/meeloop/meeloop.db)\n"
         "  MEELOOP_CACHE_DIR=<dir>              extracted catalog models, mesh and detail caches\n"
         "                                       (default $XDG_CACHE_HOME/meeloop, else ~/.cache/meeloop)\n"
         "  MEELOOP_DATA_DIR=<dir>               the folder with scenes/, data/, assets/ (default: the\n"
         "                                       source tree of this build)\n"
         "  MEELOOP_SHADER_DIR=<dir>             the compiled shaders (default <build>/shaders)\n"
         "  MEELOOP_FONT_DIR=<dir>               DejaVuSans.ttf and DejaVuSans-Bold.ttf (default\n"
         "                                       /usr/share/fonts/truetype/dejavu)\n"
         "  MEELOOP_FURNITURE_DIRS=<dir>:<dir>   Sweet Home 3D catalogs, *.sh3f (default\n"
         "                                       /usr/share/sweethome3d/furniture)\n"
         "  MEELOOP_HOME_PAGE=<IRI>              the installation's address in xAPI exports (default: a\n"
         "                                       local urn:meeloop:installation:<uuid> per database;\n"
         "                                       --home-page wins)\n"
         "  DISPLAY, WAYLAND_DISPLAY             a window can open (desktop play, kiosk, mirror)\n"
         "Headset mode: XR_RUNTIME_JSON picks the OpenXR runtime (the Khronos loader reads it);\n"
         "the test runtime tools/xr-runtime reads its own MEELOOP_XR_* variables (its README).\n";
}

}  // namespace meeloop
