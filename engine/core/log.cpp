#include "core/log.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace meeloop {
namespace {

const char* level_name(LogLevel level) {
  switch (level) {
    case LogLevel::Debug: return "debug";
    case LogLevel::Info: return "info";
    case LogLevel::Warn: return "warning";
    case LogLevel::Error: return "error";
    case LogLevel::Off: break;
  }
  return "";
}

LogLevel level_from_env(LogLevel fallback) {
  const char* v = std::getenv("MEELOOP_LOG");
  if (!v) return fallback;
  for (LogLevel l : {LogLevel::Debug, LogLevel::Info, LogLevel::Warn, LogLevel::Error})
    if (std::strcmp(v, level_name(l)) == 0 || (l == LogLevel::Warn && std::strcmp(v, "warn") == 0))
      return l;
  if (std::strcmp(v, "off") == 0) return LogLevel::Off;
  return fallback;
}

}  // namespace

Log::Log(LogLevel min_level) : min_level_(level_from_env(min_level)) {}

void Log::add_sink(Sink sink) {
  std::lock_guard lock(mutex_);
  sinks_.push_back(std::move(sink));
}

void Log::write(LogLevel level, std::string_view msg) {
  if (level == LogLevel::Warn) ++warnings_;
  if (level == LogLevel::Error) ++errors_;
  std::lock_guard lock(mutex_);
  for (auto& sink : sinks_) sink(level, msg);
  if (level >= min_level_ && level != LogLevel::Off)
    std::fprintf(stderr, "meeloop: %s: %.*s\n", level_name(level), int(msg.size()), msg.data());
}

}  // namespace meeloop
