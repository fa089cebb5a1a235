#pragma once
// The recording options that `play --headless`, `--desktop` and `--xr` share: --consent,
// --participant, --lang, --share and --db, read and checked in one place so every mode stores
// (or refuses to store) a person alike.
#include <memory>
#include <optional>
#include <string>

#include "args.h"
#include "core/log.h"
#include "core/settings.h"
#include "play/recorder.h"

namespace meeloop::cli {

struct RecordingArgs {
  std::optional<std::string> consent, participant, lang;
  std::optional<store::ShareScope> share;  // --share none|organisation|region; absent: a new
                                           // person shares nothing, a returning one keeps theirs
  std::string db_path;
};

// Reads the options above from `args` (consuming them) and checks their values: a wrong one is
// bad input naming the option and what it takes. Throws ErrorException.
RecordingArgs read_recording_args(const Args& args);

// Opens the recorder: without consent nothing is stored; `new` needs --consent yes; an unknown
// code needs --consent yes. Without --db it records in `paths.database` (its folder made 0700).
// Throws ErrorException (exit 2 for bad input).
std::unique_ptr<play::Recorder> open_recorder(const RecordingArgs& a, const Paths& paths, Log& log);

}  // namespace meeloop::cli
