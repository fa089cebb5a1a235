// meeloop: one executable, one subcommand per job. `meeloop` alone runs the main job.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "commands.h"
#include "core/error.h"
#include "core/log.h"
#include "core/paths.h"

namespace {

void print_help() {
  std::printf(
      "Meeloop %s: VR preboarding for Dutch elderly care.\n\n"
      "Usage:\n  meeloop                 run the main job (see README)\n",
      meeloop::version().c_str());
  for (const auto& c : meeloop::cli::commands())
    std::printf("  meeloop %s\n      %s\n", std::string(c.usage).c_str(),
                std::string(c.summary).c_str());
  std::printf(
      "  meeloop --help | --version\n\n"
      "Exit codes: 0 ok, 1 failure, 2 bad input.\n"
      "Environment: MEELOOP_VALIDATION=1 (Vulkan validation), MEELOOP_GPU=auto|hardware|lavapipe,\n"
      "MEELOOP_LOG=debug|info|warn|error, MEELOOP_DATA_DIR, MEELOOP_CACHE_DIR.\n");
}

}  // namespace

int main(int argc, char** argv) {
  using namespace meeloop;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "help")) {
    print_help();
    return 0;
  }
  if (!args.empty() && args[0] == "--version") {
    std::printf("meeloop %s\n", version().c_str());
    return 0;
  }
  Log log;
  try {
    if (args.empty()) {
      cli::CommandContext ctx{log, {}};
      return cli::cmd_main_job(ctx);
    }
    for (const auto& c : cli::commands()) {
      if (c.name != args[0]) continue;
      cli::CommandContext ctx{log, std::vector<std::string>(args.begin() + 1, args.end())};
      return c.run(ctx);
    }
    std::fprintf(stderr, "meeloop: unknown command \"%s\" (try meeloop --help)\n", args[0].c_str());
    return 2;
  } catch (const ErrorException& e) {
    std::fprintf(stderr, "meeloop: %s\n", e.what());
    return e.error().exit_code();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "meeloop: failed: %s\n", e.what());
    return 1;
  }
}
