#pragma once
// Shared by the lint tests: where the fixtures, shipped scenes and docs are, lint options with
// the installed catalog, and running the meeloop executable.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "core/log.h"
#include "lint/lint.h"
#include "run_meeloop.h"
#include "test_settings.h"

namespace meeloop::test {

// tests/data (the ctest environment sets MEELOOP_TEST_DATA; the compiled-in path covers a run by hand).
inline std::filesystem::path lint_data() {
  const char* env = std::getenv("MEELOOP_TEST_DATA");
  return std::filesystem::path(env ? env : MEELOOP_TEST_DATA_FALLBACK) / "lint";
}
inline std::filesystem::path source_dir() { return MEELOOP_SOURCE_DIR; }

// The installed furniture catalogs, opened once for all tests.
inline const scene::Catalog& catalog() {
  static Log log(LogLevel::Warn);
  static scene::Catalog cat = scene::Catalog::open(settings().paths.furniture_dirs, log);
  return cat;
}

inline lint::Options lint_options() {
  auto o = lint::default_options(&catalog(), settings().paths.data_root);
  if (!o) throw std::runtime_error(o.error().to_string());
  return o.value();
}

// Every problem, one per line, so a failing CHECK shows the whole report.
inline std::string describe(const std::vector<lint::Problem>& problems) {
  std::string out;
  for (const auto& p : problems) out += lint::format_problem(p) + "\n";
  return out.empty() ? "(no problems)" : out;
}

inline std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct CliRun {
  int code = -1;
  std::string out;  // stdout only
};

// Runs `meeloop <args>`; stderr goes to the test's own stderr.
inline CliRun run_meeloop(const std::string& args) {
  CliRun r;
  r.code = run_captured(meeloop_path(MEELOOP_BIN_FALLBACK) + " " + args, r.out);
  return r;
}

}  // namespace meeloop::test
