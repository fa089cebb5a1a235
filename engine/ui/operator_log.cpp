#include "ui/operator_log.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include <nlohmann/json.hpp>

#include "core/files.h"

namespace meeloop::ui {
namespace {

std::string format(std::time_t when, const char* fmt, bool utc) {
  std::tm tm{};
  if (utc) gmtime_r(&when, &tm);
  else localtime_r(&when, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, fmt, &tm);
  return buf;
}

}  // namespace

std::string local_date(std::time_t when) { return format(when, "%Y-%m-%d", false); }

std::filesystem::path OperatorLog::default_path(const std::filesystem::path& db_path) {
  return db_path.parent_path() / "kiosk-operator-log.jsonl";
}

Status OperatorLog::record(const std::string& what, std::time_t when) const {
  nlohmann::json j;
  j["at"] = format(when, "%Y-%m-%dT%H:%M:%SZ", true);
  j["date"] = local_date(when);
  j["time"] = format(when, "%H:%M", false);
  j["what"] = what;
  const std::string line = j.dump() + "\n";
  std::error_code ec;
  if (!file_.parent_path().empty()) std::filesystem::create_directories(file_.parent_path(), ec);
  // An append-only log, not an atomic file: created private (0600) on first use, then opened
  // without following a link or waiting on a FIFO planted in its place.
  MEELOOP_RETURN_IF_ERROR(create_private_file(file_, 0600));
  // O_APPEND: one write per line, so two kiosks on one folder cannot interleave a line.
  int fd = ::open(file_.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0) return failure(std::string("cannot write the operator log: ") + std::strerror(errno), file_.string());
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return failure("the operator log is not a regular file; move it away", file_.string());
  }
  ssize_t n = ::write(fd, line.data(), line.size());
  int write_errno = errno;
  bool synced = n == static_cast<ssize_t>(line.size()) && ::fsync(fd) == 0;
  int sync_errno = errno;
  ::close(fd);
  if (n != static_cast<ssize_t>(line.size()))
    return failure(std::string("cannot write the operator log: ") + std::strerror(n < 0 ? write_errno : ENOSPC),
                   file_.string());
  if (!synced) return failure(std::string("cannot sync the operator log: ") + std::strerror(sync_errno), file_.string());
  return Ok{};
}

Result<OperatorLog::Day> OperatorLog::day(const std::string& date) const {
  Day d;
  std::error_code ec;
  if (!std::filesystem::exists(file_, ec)) return d;
  std::ifstream in(file_);
  if (!in) return failure("cannot read the operator log", file_.string());
  for (std::string line; std::getline(in, line);) {
    nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object()) continue;
    if (j.value("date", "") != date || j.value("what", "") != kBreakStarted) continue;
    ++d.breaks;
    d.last_break = j.value("time", "");
  }
  return d;
}

}  // namespace meeloop::ui
