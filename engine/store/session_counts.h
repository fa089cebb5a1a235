#pragma once
// The operator's "today" line, read from the evidence database rather than counted in memory,
// so restarting the kiosk keeps the count. Only sessions of people who gave consent are in the
// database; those who said no leave nothing to count. The kiosk counts through its
// people::PeopleService (one connection); these functions are the same count for a caller that
// has only the file.
#include <ctime>
#include <filesystem>
#include <string>
#include <utility>

#include "core/error.h"
#include "store/event_store.h"

namespace meeloop::store {

// The UTC instants [from, to) of the local calendar day that holds `when`, in the format of
// the store's timestamp columns ("2026-11-26T23:00:00.000Z"), so they compare as strings.
std::pair<std::string, std::string> local_day_utc_range(std::time_t when);

// Sessions whose started_at lies in [from_utc, to_utc), read through EventStore::count_sessions.
// A file that does not exist yet counts zero (and is not created). A damaged or foreign file is
// an error naming it.
Result<SessionCounts> count_sessions_started(const std::filesystem::path& db, const std::string& from_utc,
                                             const std::string& to_utc);

// The sessions started today, local date (the kiosk's clock).
Result<SessionCounts> count_sessions_today(const std::filesystem::path& db);

}  // namespace meeloop::store
