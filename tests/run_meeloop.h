#pragma once
// What every test that starts `meeloop` (or node, or chromium) as a child process shares:
// where the executable is, and running a shell command with its output captured.
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <string>

namespace meeloop::test {

// $MEELOOP_BIN (ctest sets it), else `built`: the path CMake compiled into the test, so a test
// binary started by hand finds it too.
inline std::string meeloop_path(const char* built) {
  const char* bin = std::getenv("MEELOOP_BIN");
  return bin && *bin ? bin : built;
}

// Runs `command` through /bin/sh and appends what it writes to stdout to `out` (add "2>&1" for
// stderr too). Returns its exit status; -1 when it could not start or did not exit normally.
inline int run_captured(const std::string& command, std::string& out) {
  FILE* p = popen(command.c_str(), "r");
  if (!p) return -1;
  char buf[4096];
  for (size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  const int status = pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace meeloop::test
