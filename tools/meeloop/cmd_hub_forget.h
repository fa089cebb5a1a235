#pragma once
// `meeloop hub --config FILE --forget CODE [--reason TEXT]` (cmd_hub_forget.cpp).
#include <optional>
#include <string>

#include "commands.h"
#include "hub/hub_config.h"

namespace meeloop::cli {

// Erases `code` on the hub's database; exit 0, or 2 for a code that is not well formed.
int hub_forget(CommandContext& ctx, const hub::HubConfig& config, const std::string& code,
               const std::optional<std::string>& reason);

}  // namespace meeloop::cli
