#include "commands.h"

namespace meeloop::cli {
int cmd_main_job(CommandContext& ctx) {
  ctx.log.error("main_job: not built yet");  // TEMPORARY skeleton; replaced by the real command
  return 1;
}
}  // namespace meeloop::cli
