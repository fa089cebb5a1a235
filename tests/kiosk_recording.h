#pragma once
// A visitor recorded at the kiosk, as the real front end does it: the participant (consent,
// background, sharing scope) added to the evidence database, then `meeloop play --headless` of
// shipped scenes with a choices file. Library meeloop_kiosk_recording.
#include <cstdint>
#include <filesystem>
#include <string>

#include "store/event_store.h"

namespace meeloop::test {

// One person with `share` who played huiskamer and, when `two_scenes`, ochtendzorg; returns
// their code. The same seed gives the same code.
std::string record_visitor(const std::filesystem::path& db, store::ShareScope share, uint64_t seed,
                           bool two_scenes = true);

}  // namespace meeloop::test
