#pragma once
// Whole-graph checks that need every step parsed first.
#include "core/json_file.h"
#include "scenario/scenario.h"

namespace meeloop::scenario {

// Throws ErrorException (at the offending step's pointer under `scenario_json`) when a step
// cannot be reached from the start, or no ending can be reached from a step.
void check_graph(const Scenario& sc, const JsonView& scenario_json);

// The ids a step leads to: choices, interactions with a next step, and its timer.
std::vector<std::string> successors(const Step& step);

}  // namespace meeloop::scenario
