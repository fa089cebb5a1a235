#include "recording_args.h"

#include "core/error.h"
#include "core/paths.h"

namespace meeloop::cli {
namespace fs = std::filesystem;

RecordingArgs read_recording_args(const Args& args) {
  RecordingArgs a;
  a.consent = args.option("--consent");
  a.participant = args.option("--participant");
  a.lang = args.option("--lang");
  a.db_path = args.option_or("--db", "");
  const std::optional<std::string> share = args.option("--share");
  if (a.consent && *a.consent != "yes" && *a.consent != "no")
    throw ErrorException(bad_input("", "", "--consent expects yes or no, got \"" + *a.consent + "\""));
  if (a.lang && *a.lang != "nl" && *a.lang != "en")
    throw ErrorException(bad_input("", "", "--lang expects nl or en, got \"" + *a.lang + "\""));
  if (share) {
    a.share = store::parse_share_scope(*share);
    if (!a.share)
      throw ErrorException(bad_input("", "", "--share expects none, organisation or region, got \"" + *share + "\""));
  }
  return a;
}

std::unique_ptr<play::Recorder> open_recorder(const RecordingArgs& a, const Paths& paths, Log& log) {
  play::RecordingOptions ro;
  ro.consent = !(a.consent && *a.consent == "no");
  ro.register_unknown = a.consent && *a.consent == "yes";
  ro.language = a.lang.value_or("");
  // The default folder is made only when something will be stored there.
  ro.db_path = !a.db_path.empty() ? fs::path(a.db_path) : ro.consent ? ensure_database_folder(paths) : fs::path();
  ro.share = a.share;
  if (ro.consent && !a.participant)
    throw ErrorException(bad_input("", "", "--participant <CODE> is needed to store the evidence "
                                           "(or --participant new --consent yes, or --consent no to store nothing)"));
  if (a.participant && *a.participant != "new") ro.participant = *a.participant;
  else if (ro.consent && !ro.register_unknown)
    throw ErrorException(bad_input("", "", "--participant new registers a new person, which needs their "
                                           "consent: add --consent yes"));
  auto opened = play::Recorder::open(ro, log);
  if (!opened && opened.error().message.rfind("unknown participant code", 0) == 0) {
    Error e = opened.error();
    e.message += " (add --consent yes)";
    throw ErrorException(e);
  }
  return value_or_throw(std::move(opened));
}

}  // namespace meeloop::cli
