#include "core/log.h"

#include <cstdio>

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

}  // namespace

Log::Log(LogLevel min_level) : min_level_(min_level) {}

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
