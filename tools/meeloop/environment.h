#pragma once
// The process environment as core/settings.h's lookup: the one place a front end reads it.
// `main` and the test helpers (tests/test_settings.h) build their Settings through this.
#include <cstdlib>
#include <optional>
#include <string>

#include "core/settings.h"

namespace meeloop::cli {

inline EnvironmentLookup process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* v = std::getenv(name.c_str());
    if (!v) return std::nullopt;
    return std::string(v);
  };
}

}  // namespace meeloop::cli
