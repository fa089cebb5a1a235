// `meeloop sync --hub URL --key KIOSK:KEY [--db PATH] [--ca FILE] [--home-page IRI]`: sends what
// people chose to share (the outbox of the evidence database) to the regional hub, then the
// erasures of people forgotten here (engine/sync). Exit 0 when everything due was delivered,
// 1 when the hub could not be reached or refused something (the rows stay queued and are retried
// after their backoff), 2 for bad arguments. Prints counts only, never a participant code.
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>

#include "args.h"
#include "commands.h"
#include "core/error.h"
#include "core/paths.h"
#include "home_page.h"
#include "hub_key.h"
#include "store/event_store.h"
#include "sync/sync_client.h"

namespace meeloop::cli {
namespace {

// --key "kiosk-id:key", or "-" to read that from standard input (a key on the command line is
// visible to other users of the machine in the process list).
void read_key(std::string key, sync::SyncOptions& o) {
  if (key == "-") {
    key.clear();
    std::getline(std::cin, key);
    while (!key.empty() && (key.back() == '\r' || key.back() == '\n')) key.pop_back();
  }
  set_device_key(key, "--key", o);
}

}  // namespace

int cmd_sync(CommandContext& ctx) {
  Args args(ctx.args, {});
  sync::SyncOptions o;
  o.hub_url = args.option_or("--hub", "");
  std::string key = args.option_or("--key", "");
  std::string db = args.option_or("--db", "");
  o.ca_file = args.option_or("--ca", "");
  std::optional<std::string> home_page = args.option("--home-page");
  o.batch_size = args.int_option_or("--batch", 200, 1, 500);
  args.expect_consumed();
  if (!args.positionals().empty())
    throw ErrorException(bad_input("", "", "sync takes no positional arguments, got \"" + args.positionals()[0] + "\""));
  if (o.hub_url.empty()) throw ErrorException(bad_input("", "--hub", "--hub https://<hub>[:port] is required"));
  if (key.empty()) throw ErrorException(bad_input("", "--key", "--key <kiosk-id>:<device key> is required"));
  read_key(std::move(key), o);
  (void)value_or_throw(sync::parse_hub_url(o.hub_url));  // a wrong URL is named before anything is opened

  std::filesystem::path path = db.empty() ? ensure_database_folder(ctx.settings.paths) : std::filesystem::path(db);
  std::error_code ec;
  // Opening would create an empty database; a missing file has nothing to send.
  if (!std::filesystem::exists(path, ec))
    throw ErrorException(bad_input(path.string(), "", "no evidence database here, so nothing to send"));
  o.xapi.home_page = xapi_home_page(home_page, ctx.settings.home_page, path);
  auto client = value_or_throw(sync::SyncClient::create(std::move(o)));
  auto store = value_or_throw(store::EventStore::open(path, ctx.log));
  auto s = value_or_throw(client.sync_once(*store));

  std::printf("Sent %d statement%s to the hub; %d still queued. Erasures: %d done, %d still queued.\n", s.sent,
              s.sent == 1 ? "" : "s", s.pending, s.erasures_done, s.erasures_pending);
  if (s.all_delivered()) return 0;
  std::fprintf(stderr, "%s\n%s\n", s.last_error.c_str(),
               s.reached ? "The hub refused part of it; those rows stay queued and are retried later."
                         : "Nothing was lost: the rows stay queued and the next sync tries again.");
  return 1;
}

}  // namespace meeloop::cli
