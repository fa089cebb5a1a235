#pragma once
// The operator's own log beside the evidence database (one JSON object per line): when a
// hygiene break between visitors started and ended. Nothing about visitors is in it. It
// survives a restart, so the console's "breaks today" is true for the whole day.
#include <ctime>
#include <filesystem>
#include <string>

#include "core/error.h"

namespace meeloop::ui {

class OperatorLog {
 public:
  explicit OperatorLog(std::filesystem::path file) : file_(std::move(file)) {}
  // <db folder>/kiosk-operator-log.jsonl
  static std::filesystem::path default_path(const std::filesystem::path& db_path);

  // Appends {"at": UTC time, "date": local date, "time": local "HH:MM", "what": what} and
  // syncs it to disk before returning, so a break once shown is never lost.
  Status record(const std::string& what, std::time_t when = std::time(nullptr)) const;

  struct Day {
    int breaks = 0;          // hygiene breaks started that day
    std::string last_break;  // local "HH:MM" of the last one, empty when none
  };
  // What the log says about the local date `date` ("2026-11-26"). A missing file is an empty
  // day; a line that does not parse (torn by a power cut mid-write) is skipped.
  Result<Day> day(const std::string& date) const;

  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
};

inline constexpr const char* kBreakStarted = "hygiene_break_start";
inline constexpr const char* kBreakEnded = "hygiene_break_end";

// The local date of `when` as "YYYY-MM-DD".
std::string local_date(std::time_t when = std::time(nullptr));

}  // namespace meeloop::ui
