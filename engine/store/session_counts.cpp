#include "store/session_counts.h"

#include "core/log.h"

namespace meeloop::store {
namespace {

// Local midnight of the day `days` after the one holding `when` (mktime normalises the day
// and handles a daylight-saving change in between).
std::time_t local_midnight(std::time_t when, int days) {
  std::tm tm{};
  localtime_r(&when, &tm);
  tm.tm_mday += days;
  tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
  tm.tm_isdst = -1;
  return std::mktime(&tm);
}

}  // namespace

std::pair<std::string, std::string> local_day_utc_range(std::time_t when) {
  using std::chrono::system_clock;
  return {utc_text(system_clock::from_time_t(local_midnight(when, 0))),
          utc_text(system_clock::from_time_t(local_midnight(when, 1)))};
}

Result<SessionCounts> count_sessions_started(const std::filesystem::path& db, const std::string& from_utc,
                                             const std::string& to_utc) {
  std::error_code ec;
  if (!std::filesystem::exists(db, ec)) return SessionCounts{};
  Log quiet(LogLevel::Off);  // the error comes back as the result; nothing else is worth a line
  MEELOOP_ASSIGN_OR_RETURN(auto store, EventStore::open(db, quiet));
  return store->count_sessions(from_utc, to_utc);
}

Result<SessionCounts> count_sessions_today(const std::filesystem::path& db) {
  auto [from, to] = local_day_utc_range(std::time(nullptr));
  return count_sessions_started(db, from, to);
}

}  // namespace meeloop::store
