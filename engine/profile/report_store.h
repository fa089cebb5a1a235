#pragma once
// Reading one person's report through the EventStore. Kept out of meeloop_profile (in
// meeloop_profile_store) so the profile library itself stays free of SQLite.
#include <filesystem>
#include <memory>
#include <string>

#include "core/log.h"
#include "profile/report.h"
#include "store/event_store.h"

namespace meeloop::profile {

// Opens an existing evidence database (a missing file is BadInput: opening would create one).
Result<std::unique_ptr<store::EventStore>> open_existing_store(const std::filesystem::path& db, Log& log);

// The report of the participant with `typed_code` (normalised, check character verified).
// An unknown or malformed code is BadInput (exit 2) naming the code, never a crash.
Result<Report> report_from_store(store::EventStore& store, const std::string& typed_code,
                                 const ProfileData& data);
// Both steps at once, for the CLI: opens `db`, reads the person, closes the database.
Result<Report> read_report(const std::filesystem::path& db, const std::string& typed_code,
                           const ProfileData& data, Log& log);

}  // namespace meeloop::profile
