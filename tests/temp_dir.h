#pragma once
// A fresh folder for one test under the system temp dir, removed with all it holds when the
// test ends: tests write files only there, never into the current directory.
#include <stdlib.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>

namespace meeloop::test {

struct TempDir {
  // `prefix` names the folder (prefix-XXXXXX), so one left behind by a crash says whose it is.
  // mkdtemp makes the name unique even when tests run in parallel.
  explicit TempDir(const std::string& prefix = "meeloop-test") {
    std::string name = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (!::mkdtemp(name.data())) throw std::runtime_error("cannot create a temp folder like " + name);
    path = name;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::filesystem::path path;
};

}  // namespace meeloop::test
