#include "commands.h"

#include <array>

namespace meeloop::cli {

std::span<const Command> commands() {
  static constexpr std::array table{
      Command{"render", "render <scene-dir> --out <file.png> [--width W] [--height H] [--view ID]",
              "draw a scene offscreen to a PNG (no display needed)", &cmd_render},
      Command{"bench", "bench render [--frames N]",
              "print performance figures (not a test)", &cmd_bench},
  };
  return table;
}

}  // namespace meeloop::cli
