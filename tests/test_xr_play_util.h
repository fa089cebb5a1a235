#pragma once
// Running `meeloop play` through the headless OpenXR runtime for the headset-play tests: a
// fresh folder per case, the OpenXR core validation layer reporting to a file, Vulkan
// validation on (MEELOOP_VALIDATION from ctest, or forced here).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/log.h"
#include "gpu/context.h"
#include "scenario/scenario.h"
#include "xr/session.h"
#include "xr/system.h"
#include "store/records.h"
#include "test_settings.h"

namespace meeloop::xrtest {

struct RunResult {
  int code = -1;
  std::string output;  // stdout and stderr together
};

// A folder under the test cache for one case, emptied first.
std::filesystem::path case_dir(const std::string& name);
// Runs `meeloop <args>` with the runtime manifest, core validation into `dir`/xr_validation.txt,
// unpaced frames and extra `env` ("NAME=value" each).
RunResult run_meeloop(const std::filesystem::path& dir, const std::string& args, const std::vector<std::string>& env = {});
// The core validation layer's report of that run ("" when it stayed silent).
std::string xr_validation_report(const std::filesystem::path& dir);
// Every event of every session in the database at `db`.
std::vector<store::Event> all_events(const std::filesystem::path& db);
std::filesystem::path source_dir();  // the repository root
std::string read_text(const std::filesystem::path& p);
// For in-process play: points the loader at the headless runtime and the runtime at
// tests/data/xr/`script`, both validation layers on (OpenXR's report into `dir`), frames dumped
// to `dir`/frames when `dump`.
void use_runtime(const std::filesystem::path& dir, const std::string& script, bool dump);
// An OpenXR system, its Vulkan context and a session on the runtime use_runtime() chose, in
// the order they must be destroyed (session first); REQUIREs each step.
struct OpenXr {
  std::unique_ptr<xr::System> system;
  std::unique_ptr<gpu::Context> gpu;
  std::unique_ptr<xr::Session> session;
};
OpenXr open_xr(Log& log);
// The shipped huiskamer scenario, loaded with the known dimensions.
scenario::Scenario huiskamer();

}  // namespace meeloop::xrtest
