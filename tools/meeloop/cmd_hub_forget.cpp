// `meeloop hub --config FILE --forget CODE [--reason TEXT]`: the hub's administrator erases one
// person on the hub (a person who asked their organisation, not a kiosk). The statements go, the
// erasure is recorded so that later syncs of the code are refused (403), and the audit log gets
// one entry (actor "hub-cli", the reason in its detail), all in one transaction
// (HubStore::erase). Prints how many statements went; the log gets the count only.
#include "cmd_hub_forget.h"

#include <cstdio>

#include "core/error.h"
#include "hub_store/hub_store.h"
#include "store/participant_code.h"

namespace meeloop::cli {
namespace {

constexpr size_t kMaxReasonChars = 500;

}  // namespace

int hub_forget(CommandContext& ctx, const hub::HubConfig& config, const std::string& typed,
               const std::optional<std::string>& reason) {
  // The check character catches a typo before an erasure of a code nobody has is recorded.
  const std::optional<std::string> code = store::normalize_participant_code(typed);
  if (!code)
    throw ErrorException(bad_input("", "--forget", "expected a participant code such as MEE-7KQ2-XDA, with its check character"));
  if (reason && (reason->empty() || reason->size() > kMaxReasonChars))
    throw ErrorException(bad_input("", "--reason", "expected a reason of 1 to " + std::to_string(kMaxReasonChars) + " characters"));
  hub_store::HubStore store = value_or_throw(hub_store::HubStore::open(config.database_url));
  hub_store::AuditEntry audit;
  audit.actor = "hub-cli";
  audit.action = "erase";
  audit.subject = *code;
  if (reason) audit.detail["reason"] = *reason;
  const int64_t statements = value_or_throw(store.erase(*code, audit));
  ctx.log.info("hub: an administrator erased a participant (" + std::to_string(statements) + " statement(s))");
  std::printf("Erased %s on the hub: %lld statement%s removed. Later statements of this code are refused.\n",
              code->c_str(), static_cast<long long>(statements), statements == 1 ? "" : "s");
  return 0;
}

}  // namespace meeloop::cli
