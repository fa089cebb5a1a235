// `meeloop forget <CODE>` and `meeloop forget --older-than <days>`: the right to be forgotten
// and the retention period. Removes every record and exported report and rewrites the file so
// no trace remains (store::EventStore::forget does all of it; this only words the answer).
#include <cstdio>
#include <filesystem>

#include "args.h"
#include "commands.h"
#include "core/error.h"
#include "core/paths.h"
#include "store/event_store.h"
#include "store/participant_code.h"

namespace meeloop::cli {
namespace {

std::string describe(const store::ForgetReport& r) {
  return std::to_string(r.participants) + (r.participants == 1 ? " participant, " : " participants, ") +
         std::to_string(r.sessions) + (r.sessions == 1 ? " session, " : " sessions, ") +
         std::to_string(r.events) + (r.events == 1 ? " event" : " events") +
         (r.export_folders > 0 ? ", " + std::to_string(r.export_folders) +
                                     (r.export_folders == 1 ? " exports folder" : " exports folders")
                               : "");
}

void say_rewritten(const store::ForgetReport& r) {
  if (r.participants > 0 || r.sessions > 0 || r.finished_earlier)
    std::printf("The database file was rewritten, so no copy of the removed records stays on disk.\n");
}

}  // namespace

int cmd_forget(CommandContext& ctx) {
  Args args(ctx.args, {});
  std::optional<std::string> older = args.option("--older-than");
  int days = args.int_option_or("--older-than", 0, 0, 100000);
  std::string db = args.option_or("--db", "");
  args.expect_consumed();
  if (older && !args.positionals().empty())
    throw ErrorException(bad_input("", "", "give either a participant code or --older-than <days>, not both"));
  std::string code;
  if (!older) {
    std::string typed = args.positional(0, "<CODE> (or --older-than <days>)");
    auto normal = store::normalize_participant_code(typed);
    if (!normal)
      throw ErrorException(bad_input("", "", "\"" + typed + "\" is not a participant code (expected the form "
                                             "MEE-7KQ2-XDA; the last character is a check on typos)"));
    code = *normal;
  }
  std::filesystem::path path = db.empty() ? ensure_database_folder(ctx.settings.paths) : std::filesystem::path(db);
  std::error_code ec;
  // Opening would create an empty database; a missing file simply has nothing to forget.
  if (!std::filesystem::exists(path, ec))
    throw ErrorException(bad_input(path.string(), "", "no evidence database here, so nothing to forget"));
  auto store = value_or_throw(store::EventStore::open(path, ctx.log));

  if (older) {
    auto r = value_or_throw(store->forget_older_than(days));
    std::printf("Removed %s with no activity in the last %d days from %s.\n", describe(r).c_str(),
                days, path.c_str());
    say_rewritten(r);
  } else {
    auto r = value_or_throw(store->forget(code));
    if (r.finished_earlier)
      std::printf("Finished forgetting %s in %s: an earlier forget had removed the records but "
                  "could not yet wipe every copy.\n", code.c_str(), path.c_str());
    else
      std::printf("Removed everything about %s from %s: %s.\n", code.c_str(), path.c_str(),
                  describe(r).c_str());
    say_rewritten(r);
    if (r.hub_erasure_queued)
      std::printf("They had shared their profile: the regional hub is asked to erase it too at the next "
                  "`meeloop sync`.\n");
  }
  return 0;
}

}  // namespace meeloop::cli
