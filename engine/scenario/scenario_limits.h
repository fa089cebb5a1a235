#pragma once
// What one scenario may ask for, far above what a trainer writes (huiskamer: 13 steps); a
// step's options must fit on one screen. The scenario-wide caps are checked before any work
// that grows with the scenario (the loader's parse, lint's graph checks), so an oversized file
// is refused at once.
#include <cstddef>
#include <optional>
#include <string>

#include "core/json_file.h"

namespace meeloop::scenario {

inline constexpr size_t kMaxSteps = 500;
inline constexpr size_t kMaxEndings = 50;
inline constexpr size_t kMaxCharacters = 100;
inline constexpr size_t kMaxOptionsInScene = 2000;  // choices plus interactions of all steps together
inline constexpr size_t kMaxOptions = 20;           // choices plus interactions of one step
inline constexpr size_t kMaxLines = 50;             // lines of one step
inline constexpr size_t kMaxEvidence = 20;  // evidence items of one choice, interaction, timer or ending

struct LimitBreach {
  std::string pointer;  // the array that is too long, e.g. "/scenario/steps"
  std::string message;  // "too many steps: 501 (at most 500 are allowed)"
};

// The first scenario-wide cap (steps, endings, characters, options of all steps) that the raw
// "scenario" member at `pointer` breaks; nullopt when it keeps them all or is not an object.
std::optional<LimitBreach> scenario_over_limits(const Json& scenario, const std::string& pointer = "/scenario");

}  // namespace meeloop::scenario
