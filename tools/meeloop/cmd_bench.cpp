#include "commands.h"

namespace meeloop::cli {
int cmd_bench(CommandContext& ctx) {
  ctx.log.error("bench: not built yet");  // TEMPORARY skeleton; replaced by the real command
  return 1;
}
}  // namespace meeloop::cli
