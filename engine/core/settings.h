#pragma once
// Meeloop's configuration from the environment, read once by the front end (`main`, a test
// helper) into one Settings value and passed down: the engine libraries take what they need as
// parameters and option fields, so they can be configured and tested without touching the
// process environment. Every variable, its meaning and default is in `settings_help()`.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/log.h"

namespace meeloop {

// The environment as a function: the value of a variable, or nullopt when it is unset. Tests
// pass a map; the front end passes one that calls std::getenv.
using EnvironmentLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Which kind of Vulkan device to use. Auto prefers a real GPU and falls back to lavapipe
// (Mesa's CPU renderer), so the same code runs on machines without a GPU.
enum class GpuPreference { Auto, Hardware, Lavapipe };

// Parses "auto" | "hardware" | "lavapipe" (BadInput naming MEELOOP_GPU otherwise).
Result<GpuPreference> parse_gpu_preference(const std::string& text);
const char* to_string(GpuPreference p);
// Parses "debug" | "info" | "warn" | "warning" | "error" | "off" (BadInput naming MEELOOP_LOG).
Result<LogLevel> parse_log_level(const std::string& text);

// Where Meeloop finds its shipped files and keeps its own.
struct Paths {
  std::filesystem::path data_root;   // holds scenes/, data/ and assets/
  std::filesystem::path shader_dir;  // the compiled *.spv files
  std::filesystem::path cache_dir;   // extracted catalog models, mesh and detail caches
  std::filesystem::path database;    // the evidence database used when no --db is given
  std::filesystem::path font_dir;    // DejaVuSans.ttf and DejaVuSans-Bold.ttf
  std::vector<std::filesystem::path> furniture_dirs;  // Sweet Home 3D catalogs (*.sh3f)
};

struct Settings {
  LogLevel log_level = LogLevel::Info;      // MEELOOP_LOG
  GpuPreference gpu = GpuPreference::Auto;  // MEELOOP_GPU
  bool validation = false;                  // MEELOOP_VALIDATION: the Khronos validation layer
  Paths paths;  // MEELOOP_DATA_DIR, _SHADER_DIR, _CACHE_DIR, _DB, _FONT_DIR, _FURNITURE_DIRS
  std::string home_page;  // MEELOOP_HOME_PAGE, "" when unset (checked where it is used)
  bool display = false;   // DISPLAY or WAYLAND_DISPLAY set: a window could open
};

// Reads every variable once through `lookup`. A variable set to a value it cannot hold is
// BadInput naming the variable and what it accepts (exit 2); an empty value counts as unset.
Result<Settings> settings_from_environment(const EnvironmentLookup& lookup);

// Only the folders (no validation of other variables): for the few places that need a path
// before or without the rest. Creates no folder.
Paths paths_from_environment(const EnvironmentLookup& lookup);

// The variables, their meaning and defaults, one per line, for `meeloop --help`.
std::string settings_help();

}  // namespace meeloop
