#pragma once
// Running `meeloop` in a window under Xvfb for the desktop tests, and comparing screenshots
// with committed references (MEELOOP_UPDATE_GOLDEN=1 rewrites them).
#include <filesystem>
#include <string>

#include "temp_dir.h"

namespace meeloop::test {

struct Run {
  int code = -1;
  std::string out;  // stdout and stderr together
};

std::string meeloop_bin();
bool xvfb_available();
// Runs `meeloop <args>` on a fresh Xvfb display on lavapipe (stable pixels), output captured.
Run run_windowed(const std::string& args);
// Runs `meeloop <args>` without a display.
Run run_plain(const std::string& args);
std::filesystem::path source_dir();

// Compares `shot` with tests/golden/<name>; fails (Catch CHECK) when they differ by more than
// a tolerant margin. Also rejects a flat (blank) picture.
// `mean` and `fraction` loosen the margin for screens with a random participant code and QR.
void check_golden(const std::filesystem::path& shot, const std::string& name, double mean = 6.0,
                  double fraction = 0.06);

}  // namespace meeloop::test
