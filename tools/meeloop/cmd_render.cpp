#include "commands.h"

namespace meeloop::cli {
int cmd_render(CommandContext& ctx) {
  ctx.log.error("render: not built yet");  // TEMPORARY skeleton; replaced by the real command
  return 1;
}
}  // namespace meeloop::cli
