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
#include "core/settings.h"
#include "environment.h"

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
      "  meeloop --help | --version | <command> --help\n\n"
      "Exit codes: 0 ok, 1 failure, 2 bad input.\n\n%s",
      meeloop::settings_help().c_str());
}

// `meeloop <command> --help`: that command's usage, one form per line, and exit 0.
void print_command_help(const meeloop::cli::Command& c) {
  std::string usage(c.usage);
  std::printf("Usage:\n  meeloop ");
  for (size_t at = 0;;) {
    size_t bar = usage.find(" | ", at);
    std::printf("%s\n", usage.substr(at, bar - at).c_str());
    if (bar == std::string::npos) break;
    at = bar + 3;
    std::printf("  meeloop ");
  }
  std::printf("\n%s\n\nExit codes: 0 ok, 1 failure, 2 bad input.\n", std::string(c.summary).c_str());
}

bool asks_for_help(const std::vector<std::string>& args) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") return true;
  return false;
}

const meeloop::cli::Command* find_command(const std::string& name) {
  for (const auto& c : meeloop::cli::commands())
    if (c.name == name) return &c;
  return nullptr;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace meeloop;
  std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h" || args[0] == "help")) {
    const auto* c = args.size() > 1 ? find_command(args[1]) : nullptr;
    if (c) print_command_help(*c);
    else print_help();
    return 0;
  }
  if (!args.empty() && args[0] == "--version") {
    std::printf("meeloop %s\n", version().c_str());
    return 0;
  }
  // The environment is read here, once; everything below is handed what it needs.
  auto settings = settings_from_environment(cli::process_environment());
  if (!settings) {
    std::fprintf(stderr, "meeloop: %s\n", settings.error().to_string().c_str());
    return settings.error().exit_code();
  }
  Log log(settings->log_level);
  try {
    if (args.empty()) {
      cli::CommandContext ctx{log, *settings, {}};
      return cli::cmd_main_job(ctx);
    }
    if (const auto* c = find_command(args[0])) {
      std::vector<std::string> rest(args.begin() + 1, args.end());
      if (asks_for_help(rest)) {
        print_command_help(*c);
        return 0;
      }
      cli::CommandContext ctx{log, *settings, std::move(rest)};
      return c->run(ctx);
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
