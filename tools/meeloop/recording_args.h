#pragma once
// The recording options that `play --headless`, `--desktop` and `--xr` share: --consent,
// --participant, --lang and --db, checked the same way so every mode stores (or refuses to
// store) a person alike.
#include <memory>
#include <optional>
#include <string>

#include "core/log.h"
#include "play/recorder.h"

namespace meeloop::cli {

struct RecordingArgs {
  std::optional<std::string> consent, participant, lang;
  std::string db_path;
};

// Opens the recorder: without consent nothing is stored; `new` needs --consent yes; an unknown
// code needs --consent yes. Throws ErrorException (exit 2 for bad input).
std::unique_ptr<play::Recorder> open_recorder(const RecordingArgs& a, Log& log);

}  // namespace meeloop::cli
