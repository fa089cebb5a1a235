#include "store/session_counts.h"

#include <sqlite3.h>

#include "store/sqlite_db.h"

namespace meeloop::store {
namespace {

std::string utc_text(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S.000Z", &tm);
  return buf;
}

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
  return {utc_text(local_midnight(when, 0)), utc_text(local_midnight(when, 1))};
}

Result<SessionCounts> count_sessions_started(const std::filesystem::path& db, const std::string& from_utc,
                                             const std::string& to_utc) {
  std::error_code ec;
  if (!std::filesystem::exists(db, ec)) return SessionCounts{};
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr);
  sql::DbHandle handle(raw);
  if (rc != SQLITE_OK)
    return failure(std::string("could not open the database to count today's sessions: ") + sqlite3_errstr(rc),
                   db.string());
  sqlite3_busy_timeout(raw, 2000);  // a visitor's write in progress: wait a moment
  try {
    sql::Stmt s = sql::prepare(raw,
                               "SELECT COUNT(*), COUNT(DISTINCT participant_code) FROM sessions "
                               "WHERE started_at >= ?1 AND started_at < ?2");
    s.bind(1, from_utc).bind(2, to_utc);
    SessionCounts c;
    if (s.step()) {
      c.sessions = static_cast<int>(s.int64(0));
      c.participants = static_cast<int>(s.int64(1));
    }
    return c;
  } catch (const sql::SqlError& e) {
    if (sql::is_not_a_database(e.code))
      return bad_input(db.string(), "", "this is not a Meeloop evidence database, or the file is damaged (" +
                                            e.message + ")");
    return failure("could not count today's sessions: " + e.message, db.string());
  }
}

Result<SessionCounts> count_sessions_today(const std::filesystem::path& db) {
  auto [from, to] = local_day_utc_range(std::time(nullptr));
  return count_sessions_started(db, from, to);
}

}  // namespace meeloop::store
