#pragma once
// The settings every test runs with, read from the environment once per test process the way
// `meeloop`'s main reads them (tools/meeloop/environment.h): ctest sets MEELOOP_VALIDATION=1
// and a private MEELOOP_CACHE_DIR (tests/CMakeLists.txt). A test that makes a GPU context starts
// from gpu::context_config(test::settings()), so the validation layer stays on in the suite.
#include "core/error.h"
#include "core/settings.h"
#include "meeloop/environment.h"

namespace meeloop::test {

// Throws ErrorException (the test fails, naming the variable) when a variable holds a bad value.
inline const Settings& settings() {
  static const Settings s = value_or_throw(settings_from_environment(cli::process_environment()));
  return s;
}

}  // namespace meeloop::test
