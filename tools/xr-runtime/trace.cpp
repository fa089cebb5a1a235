#include "trace.h"

namespace meeloop::xrrt {

// Appends, so several instances created one after another by one test share one trace.
Trace::Trace(const std::string& path) : file_(path.empty() ? nullptr : std::fopen(path.c_str(), "a")) {}

Trace::~Trace() {
  if (file_) std::fclose(file_);
}

void Trace::write(const nlohmann::json& line) {
  if (!file_) return;
  const std::string text = line.dump() + "\n";
  std::fwrite(text.data(), 1, text.size(), file_);
  std::fflush(file_);
}

}  // namespace meeloop::xrrt
