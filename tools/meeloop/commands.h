#pragma once
// The subcommands of the `meeloop` executable. Each lives in its own cmd_<name>.cpp and is
// listed once in commands.cpp.
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/log.h"
#include "core/settings.h"

namespace meeloop::cli {

struct CommandContext {
  Log& log;
  const Settings& settings;       // the environment, read once in main (core/settings.h)
  std::vector<std::string> args;  // after the subcommand name
};

// Returns the process exit code: 0 ok, 1 failure, 2 bad input. May throw ErrorException.
using CommandFn = int (*)(CommandContext&);

struct Command {
  std::string_view name;
  std::string_view usage;    // e.g. "render <scene-dir> --out <file.png> [--width W]"
  std::string_view summary;  // one line for --help
  CommandFn run;
};

std::span<const Command> commands();

int cmd_render(CommandContext&);
int cmd_bench(CommandContext&);
int cmd_main_job(CommandContext&);  // `meeloop` with no arguments
int cmd_play(CommandContext&);
int cmd_play_xr(CommandContext&);  // `play --xr`: headset play through OpenXR
int cmd_kiosk(CommandContext&);  // the open-day kiosk in a window (cmd_kiosk.cpp)
int cmd_kiosk_pin(CommandContext&);  // the operator sets the recruiter PIN (cmd_kiosk_pin.cpp)
int cmd_play_desktop(CommandContext&);  // `play --desktop`: play in a window (cmd_play_desktop.cpp)
int cmd_forget(CommandContext&);
int cmd_catalog(CommandContext&);  // list Sweet Home 3D catalog pieces
int cmd_match(CommandContext&);   // rank workplaces for one participant
int cmd_plan(CommandContext&);    // introduction plan for one participant
int cmd_export(CommandContext&);  // profile export: json, csv, xapi, html
int bench_profile(CommandContext&);  // `meeloop bench profile`: event logging and profile+match timing
int bench_xr(CommandContext&);  // `meeloop bench xr`: mono vs multiview vs two-pass stereo
int bench_hub(CommandContext&);  // `meeloop bench hub`: the regional hub's ingest, lookups and memory
int cmd_lint(CommandContext&);  // check scene packages, reporting every problem at once

}  // namespace meeloop::cli
