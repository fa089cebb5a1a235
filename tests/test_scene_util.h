#pragma once
// Helpers shared by the scene tests: the fixture folder and throw-away scene packages.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

// Keeps extracted catalog models in the build's test cache, not the user's, when the test
// environment did not already choose one.
inline void use_test_cache() {
  setenv("MEELOOP_CACHE_DIR", MEELOOP_TEST_CACHE_DIR, /*overwrite=*/0);
}

// The fixtures folder. Every test that reads fixtures imports models, so it also picks the cache.
inline std::filesystem::path test_data() {
  use_test_cache();
  const char* env = std::getenv("MEELOOP_TEST_DATA");
  return env ? std::filesystem::path(env) : std::filesystem::path(MEELOOP_TEST_DATA_DIR);
}

// The meeloop executable: $MEELOOP_BIN, else the one this build made.
inline std::string meeloop_bin() {
  const char* env = std::getenv("MEELOOP_BIN");
  return env ? env : MEELOOP_BIN_PATH;
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
