#pragma once
// Running the external checkers of the export tests: node (tests/xapi: xapi-validation, ajv)
// and headless chromium. Each returns the exit code and the output so a failure explains itself.
#include <filesystem>
#include <string>
#include <unistd.h>

#include "run_meeloop.h"

namespace meeloop::test {

struct Run {
  int code = -1;
  std::string output;
};

// Runs a shell command, capturing stdout and stderr together.
inline Run run_command(const std::string& cmd) {
  Run r;
  r.code = run_captured(cmd + " 2>&1", r.output);
  return r;
}

// Single-quotes a path for the shell.
inline std::string sh(const std::filesystem::path& p) {
  std::string out = "'";
  for (char c : p.string()) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// A fresh, empty folder for one test's files.
inline std::filesystem::path fresh_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("meeloop-" + name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// tests/xapi with its node_modules installed (tools/install-deps.sh runs `npm ci` there).
inline std::filesystem::path node_tools_dir() { return std::filesystem::path(MEELOOP_TESTS_DIR) / "xapi"; }
inline bool node_tools_ready() {
  return std::filesystem::exists(node_tools_dir() / "node_modules" / "xapi-validation") &&
         std::filesystem::exists(node_tools_dir() / "node_modules" / "ajv");
}
inline const char* kNodeHint = "node tooling missing: run `npm ci --prefix tests/xapi` (tools/install-deps.sh does it)";

}  // namespace meeloop::test
