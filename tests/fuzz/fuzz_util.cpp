#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "fuzz/targets.h"

namespace meeloop::fuzz {
namespace fs = std::filesystem;

std::vector<std::string> split_parts(const uint8_t* data, size_t size, size_t parts) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::vector<std::string> out;
  constexpr std::string_view kSep = "\n--8<--\n";
  while (out.size() + 1 < parts) {
    size_t at = text.find(kSep);
    if (at == std::string_view::npos) break;
    out.emplace_back(text.substr(0, at));
    text.remove_prefix(at + kSep.size());
  }
  out.emplace_back(text);
  out.resize(parts);
  return out;
}

const std::string& scratch_dir() {
  // Never destroyed: the exit handler that removes the folder runs after static destructors.
  static const std::string* dir = [] {
    fs::path d = fs::temp_directory_path() / ("meeloop-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(d);
    auto* s = new std::string(d.string());
    std::atexit([] {
      std::error_code ec;
      fs::remove_all(scratch_dir(), ec);
    });
    return s;
  }();
  return *dir;
}

std::string write_scratch(const std::string& name, std::string_view text) {
  fs::path p = fs::path(scratch_dir()) / name;
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out.write(text.data(), std::streamsize(text.size()));
  return p.string();
}

Outcome outcome_of(bool ok, const Error* error) {
  if (ok) return Outcome::Accepted;
  return error && !error->message.empty() && !error->to_string().empty() ? Outcome::Refused
                                                                         : Outcome::UnclearError;
}

const std::vector<Target>& all_targets() {
  static const std::vector<Target> targets = {
      {"fuzz_scene_json", fuzz_scene_json}, {"fuzz_scenario", fuzz_scenario},
      {"fuzz_locale", fuzz_locale},         {"fuzz_choices", fuzz_choices},
      {"fuzz_xr_script", fuzz_xr_script},   {"fuzz_workplace", fuzz_workplace},
      {"fuzz_obj", fuzz_obj},               {"fuzz_gltf", fuzz_gltf},
      {"fuzz_texture", fuzz_texture},
  };
  return targets;
}

}  // namespace meeloop::fuzz
