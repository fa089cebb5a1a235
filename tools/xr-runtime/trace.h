#pragma once
// MEELOOP_XR_TRACE: one JSON object per line for each thing a test or demo may want to check
// after the fact (state changes, submitted frames, dumped images, haptic pulses, script errors).
// Lines are flushed as written, so a crashing client still leaves a readable trace.
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

namespace meeloop::xrrt {

class Trace {
 public:
  Trace() = default;
  explicit Trace(const std::string& path);
  Trace(Trace&& o) noexcept : file_(o.file_) { o.file_ = nullptr; }
  Trace& operator=(Trace&&) = delete;
  Trace(const Trace&) = delete;
  ~Trace();
  bool enabled() const { return file_ != nullptr; }
  void write(const nlohmann::json& line);

 private:
  std::FILE* file_ = nullptr;
};

}  // namespace meeloop::xrrt
