#pragma once
// Reading and checking the "scenario" member of a scene package's scene.json together with
// its locale files. Every problem is a BadInput Error with file:line:col and JSON pointer
// (or, for a missing text, the locale file and key and where the key is used).
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/error.h"
#include "scenario/scenario.h"

namespace meeloop::scenario {

struct LoadOptions {
  // Known dimension ids (profile::known_dimension_ids() reads data/dimensions.json); evidence
  // naming any other id is an error. Must not be empty.
  std::set<std::string> dimensions;
  // Every text key must exist in locale/<language>.json for each of these.
  std::vector<std::string> languages{"nl", "en"};
};

// Loads <scene_dir>/scene.json's "scenario" and <scene_dir>/locale/*.json and validates the
// graph: unique ids, known next steps, object ids that are layout models, known speakers and
// dimensions, every step reachable from the start, and an ending reachable from every step.
Result<Scenario> load_scenario(const std::filesystem::path& scene_dir, const LoadOptions& options);

}  // namespace meeloop::scenario
