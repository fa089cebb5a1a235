#include "recording_args.h"

#include "core/error.h"

namespace meeloop::cli {

std::unique_ptr<play::Recorder> open_recorder(const RecordingArgs& a, Log& log) {
  play::RecordingOptions ro;
  ro.consent = !(a.consent && *a.consent == "no");
  ro.register_unknown = a.consent && *a.consent == "yes";
  ro.language = a.lang.value_or("");
  ro.db_path = a.db_path;
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
