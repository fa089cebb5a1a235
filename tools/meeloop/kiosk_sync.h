#pragma once
// `meeloop kiosk --hub URL (--hub-key-file FILE | --hub-key KIOSK:KEY) [--hub-ca FILE]
// [--sync-every SECONDS]`: the kiosk's background sync (sync/background_sync.h), its options
// checked as `meeloop sync` checks its own, poked when a session ends and shown on the operator
// console. Without --hub nothing runs and the kiosk is as before.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "args.h"
#include "core/log.h"
#include "sync/background_sync.h"
#include "ui/kiosk.h"

namespace meeloop::cli {

class KioskSync {
 public:
  // Reads the options above from `args` (BadInput, exit 2, for a wrong URL, key, key file or
  // interval); `db` and `home_page` are the kiosk's.
  KioskSync(const Args& args, const std::filesystem::path& db, const std::string& home_page);
  // Points the kiosk's session_ended and hub_sync at this object, which must outlive the kiosk.
  void connect(ui::KioskConfig& config);
  // Starts the thread (after the kiosk's start-up retention, which wants the file to itself).
  void start(Log& log);

 private:
  std::optional<sync::BackgroundSyncOptions> options_;
  std::unique_ptr<sync::BackgroundSync> running_;
};

}  // namespace meeloop::cli
