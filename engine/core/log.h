#pragma once
// A logger object that is created in main and passed down by reference (no global logger).
// Never log personal data: participant codes are pseudonymous, but answers and background
// questions stay out of the log.
#include <atomic>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace meeloop {

enum class LogLevel { Debug = 0, Info = 1, Warn = 2, Error = 3, Off = 4 };

class Log {
 public:
  using Sink = std::function<void(LogLevel, std::string_view)>;

  // Writes to stderr at or above min_level (main passes Settings::log_level, MEELOOP_LOG).
  explicit Log(LogLevel min_level = LogLevel::Info);
  // Sends every message (regardless of level) to sink as well, e.g. to capture it in a test.
  void add_sink(Sink sink);

  void debug(std::string_view msg) { write(LogLevel::Debug, msg); }
  void info(std::string_view msg) { write(LogLevel::Info, msg); }
  void warn(std::string_view msg) { write(LogLevel::Warn, msg); }
  void error(std::string_view msg) { write(LogLevel::Error, msg); }
  void write(LogLevel level, std::string_view msg);

  int warnings() const { return warnings_; }
  int errors() const { return errors_; }
  LogLevel min_level() const { return min_level_; }
  void set_min_level(LogLevel level) { min_level_ = level; }

 private:
  LogLevel min_level_;
  std::atomic<int> warnings_{0};
  std::atomic<int> errors_{0};
  std::mutex mutex_;  // validation callbacks may arrive from driver threads
  std::vector<Sink> sinks_;
};

}  // namespace meeloop
