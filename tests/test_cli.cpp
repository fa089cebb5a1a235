// The `meeloop` executable's own surface: every subcommand explains itself with --help.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "run_meeloop.h"

namespace {

std::string meeloop_bin() { return meeloop::test::meeloop_path(MEELOOP_BIN_FALLBACK); }

// The subcommand names `meeloop --help` lists ("  meeloop <name> ..." lines).
std::vector<std::string> listed_commands() {
  std::string out;
  REQUIRE(meeloop::test::run_captured(meeloop_bin() + " --help", out) == 0);
  std::vector<std::string> names;
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);) {
    const std::string prefix = "  meeloop ";
    if (line.rfind(prefix, 0) != 0 || line.size() == prefix.size() || line[prefix.size()] == '-') continue;
    std::string name = line.substr(prefix.size(), line.find(' ', prefix.size()) - prefix.size());
    if (!name.empty()) names.push_back(name);
  }
  return names;
}

}  // namespace

TEST_CASE("every subcommand answers --help with its own usage and exit 0", "[cli]") {
  const auto names = listed_commands();
  for (const char* expected : {"render", "bench", "play", "forget", "match", "plan", "export", "kiosk", "lint"})
    CHECK(std::find(names.begin(), names.end(), expected) != names.end());
  for (const auto& name : names) {
    for (const std::string& form : {name + " --help", name + " -h", "help " + name}) {
      INFO("meeloop " << form);
      std::string out;
      CHECK(meeloop::test::run_captured(meeloop_bin() + " " + form + " 2>&1", out) == 0);
      CHECK(out.rfind("Usage:\n  meeloop " + name, 0) == 0);
    }
  }
}

TEST_CASE("--help after other options still prints the usage and runs nothing", "[cli]") {
  std::string out;
  CHECK(meeloop::test::run_captured(meeloop_bin() + " play scenes/none --headless --help 2>&1", out) == 0);
  CHECK(out.find("Usage:\n  meeloop play <scene-dir> --headless") == 0);
  CHECK(out.find("\n  meeloop play <scene-dir> --xr") != std::string::npos);
}

TEST_CASE("an unknown subcommand is bad input with a hint", "[cli]") {
  std::string out;
  CHECK(meeloop::test::run_captured(meeloop_bin() + " frobnicate --help 2>&1", out) == 2);
  CHECK(out.find("unknown command \"frobnicate\"") != std::string::npos);
}
