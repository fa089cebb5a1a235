#pragma once
// Helpers shared by the scene tests: the fixture folder and throw-away scene packages.
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>

#include "core/settings.h"
#include "meeloop/environment.h"

// The scene tests' one reader of the environment, each value read once into the statics below
// and passed down: ctest's variables (tests/CMakeLists.txt), else this build's folders, so that
// a test binary run by hand still keeps catalog pieces and meshes out of the user's cache.
inline std::optional<std::string> scene_test_variable(const std::string& name) {
  if (auto v = meeloop::cli::process_environment()(name); v && !v->empty()) return v;
  if (name == "MEELOOP_CACHE_DIR") return std::string(MEELOOP_TEST_CACHE_DIR);
  if (name == "MEELOOP_TEST_DATA") return std::string(MEELOOP_TEST_DATA_DIR);
  if (name == "MEELOOP_BIN") return std::string(MEELOOP_BIN_PATH);
  return std::nullopt;
}

// The folders the scene library is handed in these tests: the catalogs and the test cache.
inline const meeloop::Paths& test_paths() {
  static const meeloop::Paths paths = meeloop::paths_from_environment(scene_test_variable);
  return paths;
}

// The fixtures folder.
inline std::filesystem::path test_data() {
  static const std::filesystem::path dir = *scene_test_variable("MEELOOP_TEST_DATA");
  return dir;
}

// The meeloop executable: $MEELOOP_BIN, else the one this build made.
inline std::string meeloop_bin() {
  static const std::string bin = *scene_test_variable("MEELOOP_BIN");
  return bin;
}

// A scene package in a fresh temporary folder, removed again at the end of the test.
struct TempPackage {
  std::filesystem::path dir;
  TempPackage() {
    std::random_device rd;
    dir = std::filesystem::temp_directory_path() / ("meeloop-scene-test-" + std::to_string(rd()));
    std::filesystem::create_directories(dir / "models");
  }
  ~TempPackage() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
  // Copies tests/data/models/<stem>.obj (+ .mtl and checker.png) into the package's models/.
  void copy_model(const std::string& stem) {
    for (const char* ext : {".obj", ".mtl"})
      std::filesystem::copy_file(test_data() / "models" / (stem + ext), dir / "models" / (stem + ext));
    std::filesystem::copy_file(test_data() / "models/checker.png", dir / "models/checker.png");
  }
  // Writes scene.json with the format and id filled in around `members`.
  void write_scene(const std::string& members) {
    std::ofstream(dir / "scene.json") << "{\"format\": \"meeloop.scene/0\", \"id\": \"t\", " << members << "}\n";
  }
};
