#include "test_xr_play_util.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "core/log.h"
#include "profile/dimensions.h"
#include "run_meeloop.h"
#include "scenario/scenario_loader.h"
#include "store/event_store.h"
#include "test_settings.h"

namespace meeloop::xrtest {

std::filesystem::path source_dir() { return MEELOOP_SOURCE_DIR; }

void use_runtime(const std::filesystem::path& dir, const std::string& script, bool dump) {
  ::setenv("XR_RUNTIME_JSON", MEELOOP_XR_RUNTIME_JSON, 1);
  ::setenv("XR_ENABLE_API_LAYERS", "XR_APILAYER_LUNARG_core_validation", 1);
  ::setenv("XR_CORE_VALIDATION_EXPORT_TYPE", "text", 1);
  ::setenv("XR_CORE_VALIDATION_FILE_NAME", (dir / "xr_validation.txt").c_str(), 1);
  ::setenv("MEELOOP_XR_SCRIPT", (source_dir() / "tests/data/xr" / script).c_str(), 1);
  ::setenv("MEELOOP_XR_UNPACED", "1", 1);
  ::setenv("MEELOOP_VALIDATION", "1", 1);
  if (dump) ::setenv("MEELOOP_XR_DUMP_DIR", (dir / "frames").c_str(), 1);
  else ::unsetenv("MEELOOP_XR_DUMP_DIR");
}

scenario::Scenario huiskamer() {
  scenario::LoadOptions opt;
  auto dims = profile::known_dimension_ids(
      profile::default_dimensions_path(test::settings().paths.data_root));
  REQUIRE(dims);
  opt.dimensions = *dims;
  auto sc = scenario::load_scenario(source_dir() / "scenes/huiskamer", opt);
  REQUIRE(sc);
  return *sc;
}

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::filesystem::path case_dir(const std::string& name) {
  const char* cache = std::getenv("MEELOOP_CACHE_DIR");
  const std::filesystem::path root = cache && *cache ? std::filesystem::path(cache)
                                                     : std::filesystem::temp_directory_path() / "meeloop-test-cache";
  const auto dir = root / "xr-play" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

RunResult run_meeloop(const std::filesystem::path& dir, const std::string& args, const std::vector<std::string>& env) {
  std::string cmd = "cd '" + source_dir().string() + "' && env -u MEELOOP_XR_SCRIPT -u MEELOOP_XR_DUMP_DIR XR_RUNTIME_JSON='" MEELOOP_XR_RUNTIME_JSON "'"
                    " XR_ENABLE_API_LAYERS=XR_APILAYER_LUNARG_core_validation XR_CORE_VALIDATION_EXPORT_TYPE=text"
                    " XR_CORE_VALIDATION_FILE_NAME='" + (dir / "xr_validation.txt").string() + "'"
                    " MEELOOP_XR_TRACE='" + (dir / "trace.jsonl").string() + "'"
                    " MEELOOP_XR_UNPACED=1 MEELOOP_VALIDATION=1 ";
  for (const auto& e : env) cmd += "'" + e + "' ";
  cmd += test::meeloop_path(MEELOOP_BIN_FALLBACK) + " " + args + " 2>&1";
  RunResult r;
  r.code = test::run_captured(cmd, r.output);
  return r;
}

std::string xr_validation_report(const std::filesystem::path& dir) {
  const auto f = dir / "xr_validation.txt";
  return std::filesystem::exists(f) ? read_text(f) : std::string();
}

std::vector<store::Event> all_events(const std::filesystem::path& db) {
  Log log(LogLevel::Warn);
  auto store = store::EventStore::open(db, log);
  REQUIRE(store);
  auto people = (*store)->participants();
  REQUIRE(people);
  std::vector<store::Event> out;
  for (const auto& p : *people) {
    auto ev = (*store)->events_for_participant(p.code);
    REQUIRE(ev);
    out.insert(out.end(), ev->begin(), ev->end());
  }
  return out;
}

OpenXr open_xr(Log& log) {
  OpenXr x;
  auto system = xr::open_system(log);
  REQUIRE(system);
  x.system = std::move(*system);
  // Validation on, as use_runtime asks of the runtime's process too, even when started by hand.
  gpu::ContextConfig cc = gpu::context_config(test::settings());
  cc.instance.validation = true;
  cc.preference.reset();  // the runtime's device, as in meeloop play --xr
  auto gpu = x.system->create_gpu_context(log, cc);
  REQUIRE(gpu);
  x.gpu = std::move(*gpu);
  auto session = xr::Session::create(*x.system, *x.gpu, log);
  REQUIRE(session);
  x.session = std::move(*session);
  return x;
}

}  // namespace meeloop::xrtest
