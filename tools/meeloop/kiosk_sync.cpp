#include "kiosk_sync.h"

#include <ctime>

#include "core/error.h"
#include "hub_key.h"

namespace meeloop::cli {
namespace {

std::string local_hh_mm(std::chrono::system_clock::time_point t) {
  const std::time_t s = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  localtime_r(&s, &tm);
  char buf[8];
  std::strftime(buf, sizeof buf, "%H:%M", &tm);
  return buf;
}

}  // namespace

KioskSync::KioskSync(const Args& args, const std::filesystem::path& db, const std::string& home_page) {
  std::optional<std::string> hub = args.option("--hub");
  std::optional<std::string> key = args.option("--hub-key");
  std::optional<std::string> key_file = args.option("--hub-key-file");
  std::optional<std::string> ca = args.option("--hub-ca");
  const int every = args.int_option_or("--sync-every", 60, 1, 24 * 60 * 60);
  if (!hub) {
    for (const char* o : {"--hub-key", "--hub-key-file", "--hub-ca", "--sync-every"})
      if (args.option(o))
        throw ErrorException(bad_input("", o, std::string(o) + " goes with --hub URL"));
    return;
  }
  sync::BackgroundSyncOptions o;
  o.sync.hub_url = *hub;
  if (key && key_file) throw ErrorException(bad_input("", "--hub-key", "give --hub-key-file or --hub-key, not both"));
  if (key_file) read_device_key_file(*key_file, "--hub-key-file", o.sync);
  else if (key) set_device_key(*key, "--hub-key", o.sync);
  else throw ErrorException(bad_input("", "--hub-key-file", "--hub needs the kiosk's key: --hub-key-file FILE (a 0600 file with KIOSK:KEY)"));
  if (ca) o.sync.ca_file = *ca;
  o.sync.xapi.home_page = home_page;
  // The same checks `meeloop sync` makes (key, CA file), before any scene is loaded.
  (void)value_or_throw(sync::SyncClient::create(o.sync));
  o.database = db;
  o.interval = std::chrono::seconds(every);
  options_ = std::move(o);
}

void KioskSync::connect(ui::KioskConfig& config) {
  if (!options_) return;
  config.session_ended = [this] {
    if (running_) running_->notify();
  };
  config.hub_sync = [this]() -> std::optional<ui::HubSyncStatus> {
    if (!running_) return std::nullopt;
    const sync::BackgroundSyncState s = running_->snapshot();
    ui::HubSyncStatus shown;
    if (s.last_pass) shown.last_sync = local_hh_mm(*s.last_pass);
    shown.sent_since_start = s.sent_total;
    shown.last_error = s.last_error;
    return shown;
  };
}

void KioskSync::start(Log& log) {
  if (!options_) return;
  running_ = value_or_throw(sync::BackgroundSync::start(*options_, log));
  log.info("kiosk: sending what visitors share to the hub every " +
           std::to_string(std::chrono::duration_cast<std::chrono::seconds>(options_->interval).count()) + " s");
}

}  // namespace meeloop::cli
